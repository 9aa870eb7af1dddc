// Reads whether a story reports a legal dispute, of which kinds, and who is against whom (seven languages).
import { KIND_RULES, LITIGANT_RULES, type LitigantRule } from './disputePatterns.ts';
import {
  cjkClaimant, cjkNameAfter, cjkNameBefore, cjkRespondent, cjkWhole, latinNameAfter, latinNameBefore, latinNameWhole,
} from './disputeNames.ts';

export type DisputeKind = 'suit' | 'complaint' | 'criminal' | 'injunction' | 'ruling' | 'appeal' | 'settlement';

export const DISPUTE_KINDS: readonly DisputeKind[] = ['suit', 'complaint', 'criminal', 'injunction', 'ruling', 'appeal', 'settlement'];

/** Raw substrings of the text naming each side, trimmed to the name ("ByteDance", "former intern Tian Keyu"). */
export interface Litigants {
  claimant: string;
  respondent: string;
  kind: DisputeKind;
}

export interface DisputeReading {
  reported: boolean;
  /** In DISPUTE_KINDS order. */
  kinds: DisputeKind[];
  litigants: Litigants[];
  /** The words that showed it, for reasons; raw text where folding kept positions, else the folded form. */
  cues: string[];
}

/** Courts, police and prosecutors decide or investigate; a "side" that is one of them was misread. */
const NOT_A_PARTY =
  /\b(?:court|judge|jury|tribunal|gericht|richter|juzgado|juez|police|polizei|prosecutors?)\b|法院|法庭|裁判所|地裁|高裁|법원|지법|고법|警方|검찰|경찰/iu;
/** Japanese phrases a loose を-group can take for a name: the claim, not the party. */
const NOT_A_NAME = /違反|賠償|理由|支払|求め|差し止め|侵害|秘密/u;

/** Sentence ends: CJK ones, and . ! ? before a space unless they end "v." or "Inc." (a case name or a company). */
const SENTENCE_SPLIT = /(?<=[。！？])|(?<=[.!?])(?<!\b(?:v|vs|no|mr|mrs|ms|dr|inc|ltd|co|corp|jr|sr|st)\.)\s+|\n+/iu;
/** Words every litigant phrase holds, in any of the seven languages: a sentence without one names no sides. */
// Tested on lower-cased text without the i and u flags, which make a regex of alternatives several times slower.
const SUIT_WORDS =
  /sue|suing|fil(?:ed|es|ing)|br(?:ought|ings)|launch|t(?:ook|akes)|lodg|\sv\.\s|\bvs\b|versus|order|verklag|klag|assign|attaqu|poursui|plainte|demand|querell|denunci|原告|诉|告上|提訴|訴訟|소송|손배소|제소|고소|고발/;

/**
 * The sentences that could name the sides of a suit, joined by line breaks (no pattern crosses one): the
 * litigant patterns are the dearest part of reading a story, and most sentences hold none of their words.
 */
function suitSentences(text: string): string {
  return text
    .split(SENTENCE_SPLIT)
    .filter((s) => s && SUIT_WORDS.test(s.toLowerCase()))
    .join('\n');
}

/** A phrase that also holds both names is too long to show as a reason. */
const MAX_CUE = 24;

/** NFKC, lower case, Latin accents removed, curly apostrophes straight; keeps Hangul composed. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .replace(/[‘’]/g, "'");
}

function sides(text: string, m: RegExpMatchArray, rule: LitigantRule): Omit<Litigants, 'kind'> | null {
  const start = m.index ?? 0;
  const end = start + m[0].length;
  const { c, r } = m.groups ?? {};
  const active = rule.voice === 'active';
  let claimant: string | null;
  let respondent: string | null;
  if (rule.script === 'latin') {
    // A captured claimant may run on into the sum ("to pay [Kestrel Labs 8 million yuan]"): read its first words.
    claimant = c !== undefined ? latinNameAfter(c, 0) : active ? latinNameBefore(text, start) : latinNameAfter(text, end);
    respondent = r !== undefined ? latinNameWhole(r) : active ? latinNameAfter(text, end) : latinNameBefore(text, start);
  } else {
    const both = c !== undefined && r !== undefined;
    claimant = both ? (rule.pattern.source.startsWith('原告') ? cjkClaimant(c) : cjkWhole(c)) : cjkNameBefore(text, start);
    respondent = both ? (rule.pattern.source.startsWith('原告') ? cjkRespondent(r) : cjkWhole(r)) : r !== undefined ? cjkRespondent(r) : cjkNameAfter(text, end);
  }
  if (!claimant || !respondent || claimant === respondent) return null;
  if ([claimant, respondent].some((n) => NOT_A_PARTY.test(n) || NOT_A_NAME.test(n))) return null;
  return { claimant, respondent };
}

/**
 * What dispute, if any, the text reports. Kinds come from fixed phrases (KIND_RULES); sides come from the
 * phrases that name them (LITIGANT_RULES), and only where both sides read as names: no litigants is a
 * better answer than wrong ones. `reported` is true exactly when some kind was found, so a trend piece
 * ("trade secret lawsuits rose 20%") is reported with kinds and no litigants.
 */
export function readDispute(text: string): DisputeReading {
  const folded = fold(text);
  const raw = folded.length === text.length;
  const kinds = new Set<DisputeKind>();
  const cues: string[] = [];
  const cue = (s: string) => {
    const t = s.trim();
    if (t && !cues.includes(t)) cues.push(t);
  };
  for (const { kind, pattern } of KIND_RULES) {
    for (const m of folded.matchAll(pattern)) {
      kinds.add(kind);
      const at = m.index ?? 0;
      cue(raw ? text.slice(at, at + m[0].length) : m[0]);
    }
  }
  const litigants: Litigants[] = [];
  // Strong rules first: a weak one ("X vs Y") needs a dispute shown by something else.
  const ordered = [...LITIGANT_RULES.filter((r) => !r.weak), ...LITIGANT_RULES.filter((r) => r.weak)];
  const suitText = suitSentences(text);
  for (const rule of ordered) {
    if (!suitText) break;
    if (rule.weak && kinds.size === 0) continue;
    for (const m of suitText.matchAll(rule.pattern)) {
      const pair = sides(suitText, m, rule);
      if (!pair) continue;
      if (!kinds.has(rule.kind) && m[0].length <= MAX_CUE) cue(m[0]);
      kinds.add(rule.kind);
      if (!litigants.some((l) => l.claimant === pair.claimant && l.respondent === pair.respondent)) litigants.push({ ...pair, kind: rule.kind });
    }
  }
  const sorted = DISPUTE_KINDS.filter((k) => kinds.has(k));
  // A rumoured suit that names no sides ("字节跳动回应诉讼传闻") is not a reported one: every cue stands right next
  // to a rumour word. ("X sues intern after rumours of sabotage" reports a suit.)
  const rumour = litigants.length === 0 && cues.length > 0 && cues.every((c) => nearRumour(folded, fold(c)));
  return { reported: sorted.length > 0 && !rumour, kinds: sorted, litigants, cues };
}

/** True when every place the cue stands in the text has a rumour word within a few characters. */
function nearRumour(folded: string, cue: string): boolean {
  let found = false;
  for (let at = folded.indexOf(cue); at >= 0; at = folded.indexOf(cue, at + 1)) {
    found = true;
    // Within the cue's own sentence.
    const around = folded.slice(Math.max(0, at - RUMOUR_REACH), at + cue.length + RUMOUR_REACH);
    const start = at - Math.max(0, at - RUMOUR_REACH);
    const before = around.slice(0, start).split(SENTENCE_BREAK).at(-1)!;
    const after = around.slice(start).split(SENTENCE_BREAK)[0]!;
    if (!RUMOUR.test(before + after)) return false;
  }
  return found;
}

const RUMOUR_REACH = 20;
const SENTENCE_BREAK = /[.!?。！？\n]/u;

/** Words that make a suit hearsay: rumours, and their CJK forms. */
const RUMOUR = /\brumou?r(?:s|ed)?\b|\bgeruchte?\b|\brumeurs?\b|\brumores\b|传闻|傳聞|传言|傳言|网传|謠言|谣言|噂|うわさ|소문|루머/u;
