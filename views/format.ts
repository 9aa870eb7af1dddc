// Small formatting helpers shared by the views.

/** Dates are shown in UTC on the server; the page's script re-renders <time> in the reader's locale. */
export function shortDate(iso: string | null): string {
  if (!iso) return '—';
  return iso.slice(0, 10);
}

export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** "5 min ago", "in 2 h": schedules read better as distances; pair with the absolute time in a tooltip. */
export function relativeTime(iso: string | null, now: string): string {
  if (!iso) return '—';
  const diff = Date.parse(iso) - Date.parse(now);
  const abs = Math.abs(diff);
  if (abs < 60_000) return diff > 0 ? 'in under a minute' : 'just now';
  const span =
    abs < 3_600_000 ? `${Math.round(abs / 60_000)} min`
    : abs < 172_800_000 ? `${Math.round(abs / 3_600_000)} h`
    : plural(Math.round(abs / 86_400_000), 'day');
  return diff > 0 ? `in ${span}` : `${span} ago`;
}
