// Picks the 2–3 sentences of an article around the first mention of a case's term, for a timeline entry.

import { tokenize } from '../matching/normalize.ts';
import { splitSentences, type Sentence } from './sentences.ts';

/** Longest excerpt shown; a sentence that runs longer (a table, a list without full stops) is cut around the term. */
export const MAX_EXCERPT_CHARS = 600;
const PIECE_CHARS = 120;
const CJK_EDGE = /[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]$/u;

/**
 * Terms match the way the matcher matches them (core/matching/normalize.ts): on the normalized token sequence,
 * so case, full-width forms, diacritics and traditional Han do not matter, a Latin term matches whole words
 * only ("Meta" is not in "Metadata") and a CJK term matches inside a run of characters.
 */
function mentions(tokens: readonly string[], terms: readonly (readonly string[])[]): boolean {
  for (const term of terms) {
    for (let i = 0; i + term.length <= tokens.length; i++) {
      let j = 0;
      while (j < term.length && tokens[i + j] === term[j]) j++;
      if (j === term.length) return true;
    }
  }
  return false;
}

/** The anchor's neighbours, next before previous, in its own paragraph first, then the following ones. */
function windowAround(sentences: readonly Sentence[], anchor: number, size: number): [number, number] {
  let lo = anchor;
  let hi = anchor;
  const paragraph = sentences[anchor]!.paragraph;
  const samePara = (i: number) => sentences[i]?.paragraph === paragraph;
  let preferNext = true;
  while (hi - lo + 1 < size) {
    const next = samePara(hi + 1);
    const prev = samePara(lo - 1);
    if (next && (preferNext || !prev)) hi++;
    else if (prev) lo--;
    else break;
    preferNext = !preferNext;
  }
  while (hi - lo + 1 < size && hi + 1 < sentences.length) hi++;
  while (hi - lo + 1 < size && lo > 0) lo--;
  return [lo, hi];
}

function join(parts: readonly string[]): string {
  return parts.reduce((out, part) => (out === '' ? part : out + (CJK_EDGE.test(out) ? '' : ' ') + part), '');
}

/** Splits a long sentence at spaces and clause marks into pieces of about PIECE_CHARS, hard-cut if need be. */
function pieces(sentence: string): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > PIECE_CHARS) {
    const head = rest.slice(0, PIECE_CHARS);
    const soft = Math.max(head.lastIndexOf(' '), ...[...'，、；,;：:'].map((c) => head.lastIndexOf(c)));
    let cut = soft > PIECE_CHARS / 3 ? soft + 1 : PIECE_CHARS;
    if (/[\ud800-\udbff]/.test(rest[cut - 1] ?? '')) cut--; // keep surrogate pairs whole
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) out.push(rest);
  return out;
}

/** A window of about `max` characters of `sentence` around its first mention, with "…" where it was cut. */
function clipAround(sentence: string, terms: readonly (readonly string[])[], max: number): string {
  const parts = pieces(sentence);
  // The first piece whose prefix mentions a term: pieces end at token boundaries, so the test only grows.
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions(tokenize(parts.slice(0, mid + 1).join('')), terms)) hi = mid;
    else lo = mid + 1;
  }
  let start = Math.max(0, lo - 1);
  let end = start;
  let length = 0;
  while (end < parts.length && length + parts[end]!.length <= max) length += parts[end++]!.length;
  if (end <= lo) [start, end] = [lo, lo + 1]; // the window must hold the mention, even if a piece overruns
  const body = parts.slice(start, end).join('').trim();
  return `${start > 0 ? '…' : ''}${body}${end < parts.length ? '…' : ''}`;
}

/**
 * Up to `maxSentences` sentences of `text` around the first sentence that mentions one of `terms`, in text
 * order, at most MAX_EXCERPT_CHARS long; null when no term occurs. Plain text in, plain text out: escaping is
 * the view's job.
 */
export function articleExcerpt(text: string, terms: string[], maxSentences = 3): string | null {
  const termTokens = terms.map((term) => tokenize(term)).filter((tokens) => tokens.length > 0);
  if (!text || termTokens.length === 0) return null;
  const sentences = splitSentences(text);
  const anchor = sentences.findIndex((s) => mentions(tokenize(s.text), termTokens));
  if (anchor < 0) return null;
  let [lo, hi] = windowAround(sentences, anchor, Math.max(1, Math.floor(maxSentences)));
  const texts = () => sentences.slice(lo, hi + 1).map((s) => s.text);
  // Too long: shed the sentence farthest from the anchor until it fits or only the anchor is left.
  while (join(texts()).length > MAX_EXCERPT_CHARS && hi > lo) {
    if (hi - anchor >= anchor - lo) hi--;
    else lo++;
  }
  const excerpt = join(texts());
  return excerpt.length <= MAX_EXCERPT_CHARS ? excerpt : clipAround(excerpt, termTokens, MAX_EXCERPT_CHARS);
}
