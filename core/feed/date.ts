// Parses the date formats feeds use in practice; anything unusable is null, never an Invalid Date.

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11,
};

/** Zone names seen in RFC 822 dates, as minutes east of UTC. Unknown names count as UTC. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  bst: 60, ist: 330, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180, west: 60, msk: 180,
  jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

const WEEKDAY = String.raw`(?:[a-z]{2,9}\.?(?:,\s*|\s+))?`;
const NAMED_OR_NUMERIC_ZONE = String.raw`([a-z]{1,5}|[+-]\d{2}:?\d{2}|[+-]\d{1,2})`;
const pattern = (...parts: string[]) => new RegExp(`^${parts.join('')}$`, 'i');

// [weekday,] d[d] Mon yy[yy] [hh:mm[:ss]] [zone] [(comment)]
const RFC822 = pattern(
  WEEKDAY,
  String.raw`(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2}|\d{4})`,
  String.raw`(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?`,
  String.raw`\s*${NAMED_OR_NUMERIC_ZONE}?(?:\s*\([^)]*\))?`,
);
// yyyy[-mm[-dd]][Thh:mm[:ss[.fff]]][zone], also the compact yyyymmdd date
const ISO8601 = pattern(
  String.raw`(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?`,
  String.raw`(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?)?`,
);
// [weekday,] Mon d[d][th][,] yyyy [hh:mm[:ss]] [am|pm] [zone]  (a common US variant)
const MONTH_FIRST = pattern(
  WEEKDAY,
  String.raw`([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`,
  String.raw`(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?`,
  String.raw`\s*${NAMED_OR_NUMERIC_ZONE}?`,
);

/** Parses a feed date (RFC 822/2822, RFC 3339, W3C-DTF and close variants) into a Date, or null. */
export function parseFeedDate(value: string | null | undefined): Date | null {
  const s = value?.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 80) return null;
  return parseIso(s) ?? parseRfc822(s) ?? parseMonthFirst(s);
}

function parseIso(s: string): Date | null {
  const m = ISO8601.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const month = mo ? Number(mo) - 1 : 0;
  const day = d ? Number(d) : 1;
  return build({ year: Number(y), month, day, hour: num(h), minute: num(mi), second: num(sec), ms }, zoneOffset(zone));
}

function parseRfc822(s: string): Date | null {
  const m = RFC822.exec(s);
  if (!m) return null;
  const [, d, mon, y, h, mi, sec, zone] = m;
  const month = monthIndex(mon);
  if (month === null) return null;
  return build(
    { year: fullYear(y), month, day: Number(d), hour: num(h), minute: num(mi), second: num(sec), ms: 0 },
    zoneOffset(zone),
  );
}

function parseMonthFirst(s: string): Date | null {
  const m = MONTH_FIRST.exec(s);
  if (!m) return null;
  const [, mon, d, y, h, mi, sec, ampm, zone] = m;
  const month = monthIndex(mon);
  if (month === null) return null;
  let hour = num(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  const parts = { year: Number(y), month, day: Number(d), hour, minute: num(mi), second: num(sec), ms: 0 };
  return build(parts, zoneOffset(zone));
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** Builds a UTC instant from wall-clock parts and an offset, rejecting out-of-range fields (31 Feb, 25:00 ...). */
function build(p: Parts, offsetMinutes: number | null): Date | null {
  if (offsetMinutes === null) return null;
  const second = p.second === 60 ? 59 : p.second; // a leap second is kept as the second before it
  if (p.year < 1000 || p.year > 9999 || p.month < 0 || p.month > 11 || p.day < 1 || p.hour > 24) return null;
  if (p.minute > 59 || second > 59 || (p.hour === 24 && (p.minute || second))) return null;
  const daysInMonth = new Date(Date.UTC(p.year, p.month + 1, 0)).getUTCDate();
  if (p.day > daysInMonth) return null;
  const utc = Date.UTC(p.year, p.month, p.day, p.hour, p.minute, second, p.ms) - offsetMinutes * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date;
}

function num(v: string | undefined): number {
  return v ? Number(v) : 0;
}

function monthIndex(name: string | undefined): number | null {
  if (!name) return null;
  const key = name.toLowerCase();
  return MONTHS[key.slice(0, key === 'sept' ? 4 : 3)] ?? null;
}

/** RFC 822 two-digit years: 00-49 are 20xx, 50-99 are 19xx (RFC 2822 section 4.3). */
function fullYear(y: string | undefined): number {
  const n = Number(y);
  if (y && y.length === 2) return n < 50 ? 2000 + n : 1900 + n;
  return n;
}

/** Minutes east of UTC for a zone token; no token means UTC; null for a malformed numeric offset. */
function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const [, sign, hh, mm] = numeric;
    const hours = Number(hh);
    const minutes = Number(mm ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  // Military single letters and other names: RFC 2822 says treat unknown zones as UTC ("-0000").
  return /^[a-z]{1,5}$/i.test(zone) ? 0 : null;
}
