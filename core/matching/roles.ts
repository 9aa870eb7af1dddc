// Which side of a suit a party stands on in a sentence: the one suing right before the verb, or the one sued
// right after it ("X sued by Y" and "Y被X起诉" the other way round). The dispute reader names litigants only
// when both sides read as names; this needs only our own party and the verb next to it.
import { normalizeText, tokenizeNormalized } from './normalize.ts';
import type { Term } from './terms.ts';

/** Active suing verbs as token sequences, by language. */
const VERBS = [
  'sue', 'sues', 'sued', 'suing', 'countersues', 'countersued', 'verklagt', 'verklagte', 'verklagen', 'poursuit', 'poursuivent',
  'assigne', 'assignent', 'demanda', 'demando', 'demandan', 'v', '起 诉', '状 告', '提 诉', '提 訴', '訴 え', '고 소', '소 송', '손 배 소',
].map((v) => v.split(' '));
/** Words after a verb that turn it round: the party that follows is the one suing. */
const BY = new Set(['by', 'von', 'par', 'por']);
/** After a CJK verb: the subject before it was sued (X가 ... 소송 당해, X 被起诉). */
const PASSIVE_AFTER = ['당', '되'];
/** Right after a party: it is the object of the suit (Yを提訴, Y를 고소, Y 상대로, 被 after the party). */
const OBJECT_MARKS = ['を', '를', '을', '상', '被', '에'];
/** Honorifics between a name and its particle (장승호씨에). */
const HONORIFICS = /^(?:씨|氏|さん|被告人?)/u;
/** Right after a party: it is the one suing, written as the source (Xから提訴). */
const SOURCE_MARKS = ['から'];
/** How far from the verb a party may stand, in tokens (CJK characters count one each). */
const LATIN_REACH = 5;
const CJK_REACH = 14;

export type Side = 'claimant' | 'respondent';

const CJK_TOKEN = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

/** Where a token sequence starts in a token list (also used to find a party in a litigant's span). */
export function occurrences(tokens: readonly string[], seq: readonly string[]): number[] {
  if (seq.length === 0 || !tokens.includes(seq[0]!)) return [];
  const out: number[] = [];
  outer: for (let i = 0; i + seq.length <= tokens.length; i++) {
    for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) continue outer;
    out.push(i);
  }
  return out;
}

/** A sentence ends at . ! ? (not after "v." or "Inc."), at their CJK forms, at a semicolon or a line break. */
const SENTENCE_END = /(?<![.!?．])(?<!\b(?:v|vs|no|mr|mrs|ms|dr|inc|ltd|co|corp|jr|sr|st|u\.s|\p{L}))[.!?．]+(?=\s|$)\s*|[。！？\n;；]+\s*/iu;

/** Sentences as token lists, so a party in one sentence never reads as the subject of the next one's verb. */
export function sentences(text: string): string[][] {
  // Split before normalizing: normalization turns the line break between a title and its summary into a space.
  return text
    .split(SENTENCE_END)
    .map((s) => tokenizeNormalized(normalizeText(s)))
    .filter((t) => t.length > 0);
}

/** "X sued Y": X sues; "X sued by Y": X is sued. */
function latinSideBefore(tokens: readonly string[], verbEnd: number): Side {
  return BY.has(tokens[verbEnd] ?? '') ? 'respondent' : 'claimant';
}

/**
 * A party before a CJK verb sues, unless a mark says otherwise: 被告X or X被 (sued), Xを / X를 / X 상대로
 * (sued), Xから (sues), a から or 被 between it and the verb (someone else sues it), 당해 after the verb.
 */
function cjkSideBefore(tokens: readonly string[], start: number, end: number, verbAt: number, verbEnd: number): Side {
  const after = tokens.slice(end, end + 4).join('').replace(HONORIFICS, '');
  const passive = PASSIVE_AFTER.some((p) => tokens.slice(verbEnd, verbEnd + 3).includes(p));
  if (SOURCE_MARKS.some((m) => after.startsWith(m))) return 'claimant';
  // Korean X에 ... 소송 당해: sued by X.
  if (OBJECT_MARKS.some((m) => after.startsWith(m))) return after.startsWith('에') && passive ? 'claimant' : 'respondent';
  const between = tokens.slice(end, verbAt);
  if (between.includes('被') || between.join('').includes('から')) return 'respondent';
  if (passive) return 'respondent';
  return 'claimant';
}

/** A sentence with a suing verb, and where its verbs stand. */
export interface SuitSentence {
  tokens: readonly string[];
  verbs: readonly { at: number; end: number; cjk: boolean }[];
}

/** The sentences of a text that have a suing verb or a party label, read once per story. */
export function suitSentences(text: string | readonly (readonly string[])[]): SuitSentence[] {
  const out: SuitSentence[] = [];
  for (const tokens of typeof text === 'string' ? sentences(text) : text) {
    const verbs = VERBS.flatMap((v) => occurrences(tokens, v).map((at) => ({ at, end: at + v.length, cjk: CJK_TOKEN.test(v[0]!) })));
    const labelled = tokens.some((t, i) => (t === '原' || t === '被') && tokens[i + 1] === '告');
    // A 原告/被告 label tells a side without a verb.
    if (verbs.length > 0 || labelled) out.push({ tokens, verbs });
  }
  return out;
}

/**
 * The sides the party (any of its terms) takes next to a suing verb in the text. Empty when no verb stands
 * near it. A party can take both sides in different sentences (a suit and a counter-suit).
 */
export function sidesOf(terms: readonly Term[], text: string | readonly SuitSentence[]): Set<Side> {
  const sides = new Set<Side>();
  for (const { tokens, verbs } of typeof text === 'string' ? suitSentences(text) : text) {
    for (const term of terms) {
      for (const start of occurrences(tokens, term.tokens)) {
        const end = start + term.tokens.length;
        // Court reports label the sides: 原告X, 被告Y.
        const label = tokens.slice(Math.max(0, start - 2), start).join('');
        if (label === '原告' || label === '被告') {
          sides.add(label === '原告' ? 'claimant' : 'respondent');
          continue;
        }
        for (const v of verbs) {
          const reach = v.cjk ? CJK_REACH : LATIN_REACH;
          if (end <= v.at && v.at - end <= reach) sides.add(v.cjk ? cjkSideBefore(tokens, start, end, v.at, v.end) : latinSideBefore(tokens, v.end));
          else if (start >= v.end && start - v.end <= reach) sides.add(!v.cjk && BY.has(tokens[v.end] ?? '') ? 'claimant' : 'respondent');
        }
      }
    }
  }
  return sides;
}
