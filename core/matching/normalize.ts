// Text normalization and tokenization shared by every matcher path, so terms and stories are compared in one form.

import { addHanFolds } from './hanFold.ts';

/**
 * Scripts written without spaces between words: their terms match as substrings. Each character of these
 * scripts is one token, so a substring of a run is a token sequence like any other.
 * U+30FC (the Katakana long-vowel mark) is Script=Common but belongs inside Japanese words.
 */
export const SUBSTRING_SCRIPT_CLASS =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30FC';

const SUBSTRING_CHAR = new RegExp(`^[${SUBSTRING_SCRIPT_CLASS}]$`, 'v');
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const LATIN_WORD = /^\p{Script=Latin}+$/u;
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

// Fold table over UTF-16 code units: 0 keeps the unit, DROP deletes it, MULTI looks in MULTI_FOLDS,
// SPACE marks whitespace (runs collapse to one space), anything else replaces the unit.
const DROP = 0xffff;
const MULTI = 0xfffe;
const SPACE = 0x20;
const MULTI_FOLDS = new Map<number, string>([
  [0xe6, 'ae'], // æ
  [0x153, 'oe'], // œ
  [0xdf, 'ss'], // ß
  [0xfe, 'th'], // þ
]);
const SINGLE_FOLDS: readonly (readonly [string, string])[] = [
  // Latin letters without a decomposition, so stripping combining marks cannot reach them.
  ['øđðłıħŧĸς', 'oddlihtkσ'],
  ['\u2018\u2019\u201A\u201B\u2032\u02BC\u02BB\u0060\u00B4', "'".repeat(9)],
  ['\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\u300C\u300D\u300E\u300F', '"'.repeat(11)],
  ['\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2E3A\u2E3B\u2E17\u30A0\uFE58\uFE63\uFF0D\u058A\u05BE', '-'.repeat(16)],
];
// Zero-width characters and soft hyphens split words invisibly; they must not split tokens.
const INVISIBLE = '\u00AD\u200B\u200C\u200D\u2060\uFEFF';
const WHITESPACE =
  '\t\n\v\f\r \u0085\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A' +
  '\u2028\u2029\u202F\u205F\u3000';

let foldTable: Uint16Array | null = null;

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  addHanFolds(table);
  for (const [from, to] of SINGLE_FOLDS) {
    for (let i = 0; i < from.length; i++) table[from.charCodeAt(i)] = to.charCodeAt(i);
  }
  for (const code of MULTI_FOLDS.keys()) table[code] = MULTI;
  for (let i = 0; i < INVISIBLE.length; i++) table[INVISIBLE.charCodeAt(i)] = DROP;
  for (let i = 0; i < WHITESPACE.length; i++) table[WHITESPACE.charCodeAt(i)] = SPACE;
  return table;
}

function unitsToString(units: Uint16Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 8192) {
    const chunk = units.subarray(i, Math.min(length, i + 8192));
    out += String.fromCharCode.apply(null, chunk as unknown as number[]);
  }
  return out;
}

/** One pass over code units: applies the fold table, collapses whitespace runs and trims. */
function foldUnits(s: string): string {
  const table = (foldTable ??= buildFoldTable());
  const out = new Uint16Array(s.length * 2);
  let n = 0;
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const mapped = table[code]!;
    if (mapped === DROP) continue;
    if (mapped === SPACE) {
      pendingSpace = n > 0;
      continue;
    }
    if (pendingSpace) {
      out[n++] = SPACE;
      pendingSpace = false;
    }
    if (mapped === 0) out[n++] = code;
    else if (mapped !== MULTI) out[n++] = mapped;
    else for (const ch of MULTI_FOLDS.get(code)!) out[n++] = ch.charCodeAt(0);
  }
  return unitsToString(out, n);
}

/**
 * Canonical form of any text before matching: NFKC (full-width/half-width folding), case folding,
 * Latin diacritics removed (plus ø→o, æ→ae, ß→ss ...), traditional Han folded to simplified,
 * quotes and dashes unified, invisible characters dropped, whitespace collapsed and trimmed.
 */
export function normalizeText(input: string): string {
  let s = input.normalize('NFKC').toLowerCase();
  if (NON_ASCII.test(s)) s = s.normalize('NFD').replace(LATIN_MARKS, '$1').normalize('NFC');
  return foldUnits(s);
}

// Character classes by code point, memoized for the BMP: 0 unknown, 1 separator, 2 word, 3 CJK.
const SEPARATOR_CLASS = 1;
const WORD_CLASS = 2;
const CJK_CLASS = 3;
const bmpClass = new Uint8Array(0x10000);

function classifyChar(ch: string): number {
  if (SUBSTRING_CHAR.test(ch)) return CJK_CLASS;
  return WORD_CHAR.test(ch) ? WORD_CLASS : SEPARATOR_CLASS;
}

function charClass(cp: number): number {
  if (cp > 0xffff) return classifyChar(String.fromCodePoint(cp));
  return (bmpClass[cp] ||= classifyChar(String.fromCharCode(cp)));
}

/**
 * Tokens of already-normalized text: a single CJK character, or a run of other letters, digits and marks.
 * Everything else separates tokens, so "bytedance's" gives ["bytedance", "s"] and "tian-keyu" gives
 * ["tian", "keyu"].
 */
export function tokenizeNormalized(normalized: string): string[] {
  const tokens: string[] = [];
  let wordStart = -1;
  for (let i = 0; i < normalized.length; ) {
    const cp = normalized.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const cls = charClass(cp);
    if (cls === WORD_CLASS) {
      if (wordStart < 0) wordStart = i;
    } else {
      if (wordStart >= 0) tokens.push(normalized.slice(wordStart, i));
      wordStart = -1;
      if (cls === CJK_CLASS) tokens.push(normalized.slice(i, i + width));
    }
    i += width;
  }
  if (wordStart >= 0) tokens.push(normalized.slice(wordStart));
  return tokens;
}

/** Tokens of raw text (normalizes first). */
export function tokenize(text: string): string[] {
  return tokenizeNormalized(normalizeText(text));
}

/** True for a token that is one character of a substring-matched script (CJK). */
export function isSubstringToken(token: string): boolean {
  return SUBSTRING_CHAR.test(token);
}

/** True when every token is a Latin-script word (no digits, no other script). */
export function isLatinWordSequence(tokens: readonly string[]): boolean {
  return tokens.length > 0 && tokens.every((t) => LATIN_WORD.test(t));
}
