// Finds sums of money in story text ("8 million yuan", "800万元", "€2,5 Mio.", "US$2bn") with ISO 4217 codes.

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
  ['(?:US |U\\.S\\. )?dollars?|US-Dollar', 'USD'],
  ['d[\'’]euros?|euros?|EUR|€', 'EUR'],
  ['pounds sterling|sterling|pounds?|GBP', 'GBP'],
  ['yen|JPY', 'JPY'],
  ['(?:Chinese )?yuan|renminbi|RMB|CNY', 'CNY'],
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

const MULTIPLIERS: [string, number][] = [
  ['trillion|tn|Billionen', 1e12],
  ['billions?|bn|bln|Milliarden?|milliards?|milliarder|Mrd\\.?|mia\\.?|b', 1e9],
  ['millions?|Millionen|millioner|Mio\\.?|mln|mn|m', 1e6],
  ['thousand|Tausend|tusind|Tsd\\.?|k', 1e3],
  ['万亿|兆|조', 1e12],
  ['千万', 1e7],
  ['百万', 1e6],
  ['亿|億|억', 1e8],
  ['万|萬|만', 1e4],
  ['千|천', 1e3],
];

const alternation = (list: [string, unknown][]) => list.map(([src]) => `(?:${src})`).join('|');
/** A Latin word must end where the match ends ("won" but not "wonder", "m" but not "metres"). */
const wordEnd = (src: string) => `(?:${src})(?![\\p{L}])`;
const latin = (list: [string, unknown][]) => list.map(([src]) => (/[a-z]/i.test(src) ? wordEnd(src) : `(?:${src})`)).join('|');

const NUMBER = String.raw`\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3})+|(?:[ \u00a0\u202f]\d{3})+)(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?`;
const AMOUNT = new RegExp(
  String.raw`(?<pre>(?<![A-Za-z])(?:${alternation(PREFIXES)})\s?)?(?<![\p{N}.,])(?<num>${NUMBER})(?:[ \u00a0]?(?<mult>${latin(MULTIPLIERS)}))?(?:[ \u00a0]?(?<suf>${latin(SUFFIXES)}))?`,
  'giu',
);

function lookup(list: [string, number][], text: string): number | undefined;
function lookup(list: [string, string][], text: string): string | undefined;
function lookup(list: [string, string | number][], text: string): string | number | undefined {
  return list.find(([src]) => new RegExp(`^(?:${src})$`, 'iu').test(text.trim()))?.[1];
}

/** Multipliers written in German or Danish, where "." groups thousands ("1.500 Mio." is 1,500 million). */
const GROUPING_DOT_MULTIPLIER = /^(?:Mio\.?|Millionen|Mrd\.?|Milliarden?|mia\.?|millioner|milliarder)$/iu;

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

/** "¥" is yen, except with Chinese multipliers or 元, where it is the renminbi sign. */
function resolveCurrency(pre: string | undefined, suf: string | undefined, mult: string | undefined): string | null {
  const fromSuffix = suf ? lookup(SUFFIXES, suf) : undefined;
  if (fromSuffix) return fromSuffix;
  if (!pre) return null;
  const p = pre.trim();
  if ((p === '¥' || p === '￥') && mult && /^(?:万|亿|千万|百万|万亿)$/u.test(mult)) return 'CNY';
  return lookup(PREFIXES, p) ?? null;
}

/** Sums of money in order of appearance; the same currency and value found twice is reported once. */
export function extractAmounts(text: string): Amount[] {
  const out: Amount[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(AMOUNT)) {
    const { pre, num, mult, suf } = m.groups ?? {};
    if (!num || (!pre && !suf)) continue;
    if (suf && !pre && AMBIGUOUS_SUFFIX.test(suf.trim()) && !mult && !/[.,\s\u00a0\u202f]/.test(num)) continue;
    const currency = resolveCurrency(pre, suf, mult);
    if (!currency) continue;
    const multiplier = mult ? (lookup(MULTIPLIERS, mult) ?? 1) : 1;
    const value = Math.round(parseNumber(num, mult) * multiplier * 100) / 100;
    if (!Number.isFinite(value) || value <= 0) continue;
    const key = `${currency}:${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text: m[0].trim(), value, currency });
  }
  return out;
}
