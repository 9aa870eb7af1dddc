// Finds sums of money in story text ("8 million yuan", "800万元", "3億5000万円", "€2,5 Mio.") with ISO 4217 codes.

export interface Amount {
  /** The amount as written, currency marks included. */
  text: string;
  value: number;
  /** ISO 4217 code. */
  currency: string;
}

/** Currency marks written before the number. Ordered so that "US$" is tried before "$". */
const PREFIXES: [string, string][] = [
  ['US\\$|U\\.S\\.\\$|USD', 'USD'],
  ['HK\\$|HKD', 'HKD'],
  ['NT\\$|TWD', 'TWD'],
  ['NZ\\$|NZD', 'NZD'],
  ['CA\\$|C\\$|CAD', 'CAD'],
  ['A\\$|AUD', 'AUD'],
  ['S\\$|SGD', 'SGD'],
  ['R\\$|BRL', 'BRL'],
  ['\\$', 'USD'],
  ['€|EUR', 'EUR'],
  ['£|GBP', 'GBP'],
  ['¥|￥', 'JPY'],
  ['JPY', 'JPY'],
  ['RMB|CNY|人民币', 'CNY'],
  ['DKK', 'DKK'],
  ['SEK', 'SEK'],
  ['NOK', 'NOK'],
  ['CHF', 'CHF'],
  ['KRW|₩', 'KRW'],
  ['INR|₹', 'INR'],
];

/** Currency words written after the number (and multiplier). Longer phrases first, so they win. */
const SUFFIXES: [string, string][] = [
  ['元人民币|人民币|元', 'CNY'],
  ['美元', 'USD'],
  ['欧元', 'EUR'],
  ['英镑', 'GBP'],
  ['日元|日圆|円', 'JPY'],
  ['港元|港币', 'HKD'],
  ['韩元|원', 'KRW'],
  ['丹麦克朗', 'DKK'],
  ['瑞典克朗', 'SEK'],
  ['挪威克朗', 'NOK'],
  ['瑞士法郎', 'CHF'],
  ['澳元', 'AUD'],
  ['新台币', 'TWD'],
  ['Hong Kong dollars?|HK dollars?', 'HKD'],
  ['Singapore dollars?', 'SGD'],
  ['Australian dollars?', 'AUD'],
  ['Canadian dollars?', 'CAD'],
  ['(?:New )?Taiwan dollars?', 'TWD'],
  ['(?:US |U\\.S\\. )?dollars?|US-Dollar|(?:de |d[\'’])dollars?|(?:de )?d[oó]lares(?: estadounidenses)?', 'USD'],
  ['(?:de |d[\'’])euros?|euros?|EUR|€', 'EUR'],
  ['pounds sterling|sterling|pounds?|GBP', 'GBP'],
  ['yen|JPY', 'JPY'],
  ['(?:Chinese )?yuan|(?:de )?yuanes|renminbi|RMB|CNY', 'CNY'],
  ['won|KRW', 'KRW'],
  ['Swedish kronor|svenska kronor|schwedische[n]? Kronen|kronor|SEK', 'SEK'],
  ['Norwegian kroner|norske kroner|norwegische[n]? Kronen|NOK', 'NOK'],
  ['Danish kroner?|danske kroner|dänische[n]? Kronen|kroner|Kronen|DKK|kr\\.?', 'DKK'],
  ['Swiss francs|francs suisses|Franken|CHF', 'CHF'],
  ['rupees|INR', 'INR'],
  ['HKD', 'HKD'],
];

/** Words that are also ordinary English ("won", "pounds" of weight): they need a multiplier or digit groups. */
const AMBIGUOUS_SUFFIX = /^(?:won|pounds?|kr\.?)$/i;

/** Spanish "mil millones" (a thousand million) comes first so that "millones" alone does not take it. */
const MULTIPLIERS: [string, number][] = [
  ['mil millones', 1e9],
  ['trillion|tn|Billionen', 1e12],
  ['billions?|bn|bln|Milliarden?|milliards?|milliarder|Mrd\\.?|mia\\.?|b', 1e9],
  ['millions?|Millionen|millioner|millones|mill[oó]n|Mio\\.?|mln|mn|m', 1e6],
  ['thousand|Tausend|tusind|Tsd\\.?|mil|k', 1e3],
  ['万亿|兆|조', 1e12],
  ['千万', 1e7],
  ['百万', 1e6],
  ['亿|億|억', 1e8],
  ['万|萬|만', 1e4],
  ['千|천', 1e3],
];

const alternation = (list: [string, unknown][]) => list.map(([src]) => `(?:${src})`).join('|');
/**
 * A Latin word must end where the match ends ("won" but not "wonder", "m" but not "metres"); a CJK letter may
 * follow at once, as in "¥8mを請求".
 */
const wordEnd = (src: string) => `(?:${src})(?!\\p{Script=Latin})`;
const latin = (list: [string, unknown][]) => list.map(([src]) => (/[a-z]/i.test(src) ? wordEnd(src) : `(?:${src})`)).join('|');

/** "More than" written after a CJK multiplier ("45억여 원", "1000万余元"): the sum is still the one written. */
const ABOUT = '(?:여|余|多)';
const NUMBER = String.raw`\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+|(?:[ \u00a0\u202f]\d{3})+)(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?`;
const AMOUNT = new RegExp(
  String.raw`(?<pre>(?<![A-Za-z])(?:${alternation(PREFIXES)})\s?)?(?<![\p{N}.,])(?<num>${NUMBER})(?:[ \u00a0]?(?<mult>${latin(MULTIPLIERS)})${ABOUT}?)?(?:[ \u00a0]?(?<suf>${latin(SUFFIXES)}))?`,
  'giu',
);

function lookup(list: [string, number][], text: string): number | undefined;
function lookup(list: [string, string][], text: string): string | undefined;
function lookup(list: [string, string | number][], text: string): string | number | undefined {
  return list.find(([src]) => new RegExp(`^(?:${src})$`, 'iu').test(text.trim()))?.[1];
}

/** Multipliers written in German or Danish, where "." groups thousands ("1.500 Mio." is 1,500 million). */
const GROUPING_DOT_MULTIPLIER = /^(?:Mio\.?|Millionen|Mrd\.?|Milliarden?|mia\.?|millioner|milliarder|millones|mil millones)$/iu;

/**
 * Digit groups: with both "." and ",", the last one is the decimal mark. A lone mark followed by groups of
 * exactly three digits groups thousands ("300,000", "5,000万", "€1.500"), except a single "." group before
 * an English multiplier, which is a decimal ("1.125 million").
 */
export function parseNumber(raw: string, multiplier?: string): number {
  let s = raw.replace(/[ \u00a0\u202f]/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ',';
    s = s.split(decimal === '.' ? ',' : '.').join('').replace(',', '.');
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const groups = s.split(mark);
    const threes = groups.slice(1).every((g) => g.length === 3);
    const decimalDot = mark === '.' && groups.length === 2 && multiplier !== undefined && !GROUPING_DOT_MULTIPLIER.test(multiplier.trim());
    s = threes && !decimalDot ? groups.join('') : groups.join('.');
  }
  return Number(s);
}

/** What "¥" means when the text does not settle it. */
export interface AmountOptions {
  /** The caller's knowledge (a Chinese feed, a Japanese case): it beats every guess from the text. */
  yenSign?: 'JPY' | 'CNY';
}

const CJK_CNY_MULTIPLIER = /^(?:万|亿|千万|百万|万亿)/u;
/** Words near a "¥" sum that show it is renminbi; "元" only after a digit or unit ("800万元", not "元社員"). */
const CNY_NEARBY = /(?<![\p{L}])(?:yuan|yuanes|renminbi|rmb|cny)(?![\p{L}])|人民币|[\d万亿千百]元/iu;
const NEARBY_CHARS = 80;

/**
 * "¥" is both the yen and the renminbi sign. Chinese multipliers ("¥5,000万") or a mention of yuan/RMB/元
 * within NEARBY_CHARS make it CNY; otherwise ("¥300 million", "¥8m") it is JPY, the more common reading in
 * English-language news. A caller that knows better passes `yenSign`.
 */
function resolveCurrency(pre: string | undefined, suf: string | undefined, mult: string | undefined, around: () => string, options: AmountOptions): string | null {
  const fromSuffix = suf ? lookup(SUFFIXES, suf) : undefined;
  if (fromSuffix) return fromSuffix;
  if (!pre) return null;
  const p = pre.trim();
  if (p !== '¥' && p !== '￥') return lookup(PREFIXES, p) ?? null;
  if (options.yenSign) return options.yenSign;
  if (mult && CJK_CNY_MULTIPLIER.test(mult)) return 'CNY';
  return CNY_NEARBY.test(around()) ? 'CNY' : 'JPY';
}

/** Chinese, Japanese and Korean numbers of several units: "3億5000万円", "45억 5000만 원", "1万2000元". */
const PART = String.raw`\d[\d,]*(?:\.\d+)?`;
const COMPOUND = new RegExp(
  String.raw`(?<pre>(?<![A-Za-z])(?:${alternation(PREFIXES)})\s?)?(?<![\p{N}.,])(?=\d)(?:(?<t>${PART})\s?(?<tu>兆|조)\s?)?(?:(?<o>${PART})\s?(?<ou>亿|億|억)\s?)?(?:(?<m>${PART})\s?(?<mu>万|萬|만))?(?<u>\d+(?![\d.,]))?${ABOUT}?(?:[ \u00a0]?(?<suf>${latin(SUFFIXES)}))?`,
  'gu',
);

interface Found {
  index: number;
  end: number;
  text: string;
  value: number;
  currency: string;
}

/** A compound sum has a 兆/亿/万 part (the check below wants two parts): a text without those units has none. */
const COMPOUND_UNIT = /[兆조亿億억万萬만]/;

function compoundAmounts(text: string, options: AmountOptions): Found[] {
  const out: Found[] = [];
  if (!COMPOUND_UNIT.test(text)) return out;
  for (const m of text.matchAll(COMPOUND)) {
    const { pre, t, tu, o, ou, m: man, mu, u, suf } = m.groups ?? {};
    if ([t, o, man, u].filter(Boolean).length < 2 || (!pre && !suf)) continue;
    const index = m.index ?? 0;
    const around = () => text.slice(Math.max(0, index - NEARBY_CHARS), index + m[0].length + NEARBY_CHARS);
    const currency = resolveCurrency(pre, suf, tu ?? ou ?? mu, around, options);
    if (!currency) continue;
    const part = (raw: string | undefined, unit: number) => (raw ? parseNumber(raw) * unit : 0);
    const value = part(t, 1e12) + part(o, 1e8) + part(man, 1e4) + part(u, 1);
    out.push({ index, end: index + m[0].length, text: m[0].trim(), value, currency });
  }
  return out;
}

/**
 * Sums of money in order of appearance; the same currency and value found twice is reported once.
 * See resolveCurrency for how "¥" is read and what `options.yenSign` changes.
 */
export function extractAmounts(text: string, options: AmountOptions = {}): Amount[] {
  const found = compoundAmounts(text, options);
  const covered = found.map((f) => [f.index, f.end] as const);
  for (const m of text.matchAll(AMOUNT)) {
    const { pre, num, mult, suf } = m.groups ?? {};
    const index = m.index ?? 0;
    if (!num || (!pre && !suf) || covered.some(([a, b]) => index >= a && index < b)) continue;
    if (suf && !pre && AMBIGUOUS_SUFFIX.test(suf.trim()) && !mult && !/[.,\s\u00a0\u202f]/.test(num)) continue;
    const around = () => text.slice(Math.max(0, index - NEARBY_CHARS), index + m[0].length + NEARBY_CHARS);
    const currency = resolveCurrency(pre, suf, mult, around, options);
    if (!currency) continue;
    const multiplier = mult ? (lookup(MULTIPLIERS, mult) ?? 1) : 1;
    const value = parseNumber(num, mult) * multiplier;
    found.push({ index, end: index + m[0].length, text: m[0].trim(), value, currency });
  }
  const out: Amount[] = [];
  const seen = new Set<string>();
  for (const f of found.sort((a, b) => a.index - b.index)) {
    const value = Math.round(f.value * 100) / 100;
    if (!Number.isFinite(value) || value <= 0) continue;
    const key = `${f.currency}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: f.text, value, currency: f.currency });
  }
  return out;
}

/** Relative tolerance for sameAmount: "¥8m" and "800万元" are equal, "8.1 million" rounded from 8.06 too. */
export const SAME_AMOUNT_TOLERANCE = 0.005;

/** True when two sums are the same money as far as news rounding goes: same currency, values within 0.5%. */
export function sameAmount(a: Amount, b: Amount): boolean {
  if (a.currency !== b.currency) return false;
  const scale = Math.max(Math.abs(a.value), Math.abs(b.value));
  return scale === 0 || Math.abs(a.value - b.value) <= scale * SAME_AMOUNT_TOLERANCE;
}
