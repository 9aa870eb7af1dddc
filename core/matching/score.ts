// Turns what was read in a story for a case into a score, a status and reasons a person can read.

import { readCase, type CaseKnowledge, type CaseReading, type StoryReading } from './features.ts';
import { correctionEffect } from './correction.ts';
import { MODEL, contributions as contributions_, logit, namedWords, reasonText, sigmoid, type Contribution, type Model } from './model.ts';
import type { CompiledCase, CompiledConcept, Term } from './terms.ts';

export { THRESHOLDS } from './model.ts';

/** Where a term was found: `inTitle` wins over the summary. */
export interface Found {
  /** Index of the term that was found (lowest index among the terms found in the best field). */
  index: number;
  inTitle: boolean;
}

/** Where one term occurs in a story; both paths of the matcher answer this the same way. */
export interface TermLocation {
  title: boolean;
  /** In the feed's text. */
  summary: boolean;
  /** In the article fetched from the story's page. */
  article: boolean;
}
export type TermLocator = (term: Term) => TermLocation;

export type Status = 'auto' | 'review' | 'none' | 'excluded';

/** The last reason of a story the matcher is unsure of; a timeline shows it only while the story waits in review. */
export const HELD_FOR_REVIEW = 'unsure: held for review';

export interface Assessment {
  score: number;
  status: Status;
  reasons: string[];
}

/** An assessment with the features read and each one's part in the score (for `cases test` and fitting). */
export interface FullAssessment extends Assessment {
  reading: CaseReading;
  contributions: Contribution[];
  /**
   * Why the story was weighed at all: it names the case (`isCandidate`), or only its keywords with a dispute
   * (`isKeywordCandidate`: held for review unless it is more like a confirmed story than a rejected one); null: not weighed.
   */
  candidate: 'named' | 'keywords' | null;
}

/** First term (by index) found in the title, else in the summary or the article. */
export function locate(terms: readonly Term[], where: TermLocator): Found | null {
  let inSummary = -1;
  for (let i = 0; i < terms.length; i++) {
    const loc = where(terms[i]!);
    if (loc.title) return { index: i, inTitle: true };
    if ((loc.summary || loc.article) && inSummary < 0) inSummary = i;
  }
  return inSummary >= 0 ? { index: inSummary, inTitle: false } : null;
}

export function legalEvidence(concepts: readonly CompiledConcept[], where: TermLocator): (Found | null)[] {
  return concepts.map((c) => locate(c.forms, where));
}

/**
 * True when the story names a party (as written, as a variant, or anonymised with support), or repeats a
 * precise sum or the case number. A court alone is no candidate (courts hear many cases), nor is a round
 * sum alone ("8 million yuan" is in many stories).
 */
export function isCandidate(r: CaseReading): boolean {
  return r.parties.some((f) => f && f.level !== 'anonymised') || r.factWeight >= 1 || r.features.anonymised > 0;
}

/**
 * A story that names no party but uses two of the case's own keywords and reports a dispute: an anonymised
 * court report ("B사 전 수석연구원", "un ancien responsable logiciel") or a trend piece. Once the user has
 * confirmed such a report on the case, one keyword will do for a story closely like a confirmed one. Without a
 * name it never joins the timeline on its own: it waits in review, where a decision teaches the case, and only
 * a story closely like one the user confirmed goes further.
 */
export function isKeywordCandidate(r: CaseReading, k: CaseKnowledge): boolean {
  if (r.features.dispute === 0) return false;
  return r.keywords.length >= 2 || (k.reportedNameless && r.keywords.length === 1 && r.likeConfirmed > r.likeRejected);
}

/** Why a keyword candidate was held, as its last reason. */
export const NAMELESS_HELD = 'no party named, only keywords and a dispute: held for review';

/**
 * Judges one story for one case: reads the features, weighs them with the fitted model, and says why in
 * words. An exclusion term vetoes; a story that is no candidate (see `isCandidate`) never matches. With
 * `explain` false, stories that do not match get no reasons: most candidates of a poll are dropped, and
 * their words would be built for nothing.
 */
export function assess(c: CompiledCase, k: CaseKnowledge, s: StoryReading, where: TermLocator, model: Model = MODEL, explain = true): FullAssessment {
  const reading = readCase(c, k, s, where, !explain);
  const why = isCandidate(reading) ? 'named' : isKeywordCandidate(reading, k) ? 'keywords' : null;
  const byKeywords = why === 'keywords';
  const candidate = why !== null;
  const learned = candidate ? correctionEffect(k.correction, reading.features) : 0;
  const p = candidate ? sigmoid(logit(model, reading.features) + learned) : 0;
  let status: Status = !candidate ? 'none' : reading.excludedBy ? 'excluded' : p >= model.thresholds.auto ? 'auto' : p >= model.thresholds.review ? 'review' : 'none';
  const held = byKeywords && status === 'auto' && !(reading.likeConfirmed > reading.likeRejected);
  if (held) status = 'review';
  const score = status === 'excluded' ? 0 : Math.round(p * 100);
  if (!explain && (status === 'none' || status === 'excluded')) return { score, status, reasons: [], reading, contributions: [], candidate: why };
  const contributions = contributions_(model, reading, c.parties);
  if (Math.abs(learned) >= 0.05) {
    const n = k.correction!.decisions;
    const words = `stories like this on this case, from your ${n} ${n === 1 ? 'decision' : 'decisions'}`;
    contributions.push({ feature: 'decisions', value: 1, effect: learned, words });
    contributions.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  }
  const named = namedWords(reading, c.parties);
  const reasons = [...(named ? [named] : []), ...contributions.map(reasonText)];
  // A story that is no candidate was never weighed: what it lacks is the whole reason.
  if (!candidate) return { score, status, reasons: ['no party named, and no precise sum or case number of the case'], reading, contributions, candidate: why };
  if (status === 'excluded') reasons.push(`excluded by "${reading.excludedBy!.display}"`);
  if (status === 'review') reasons.push(byKeywords ? NAMELESS_HELD : HELD_FOR_REVIEW);
  return { score, status, reasons, reading, contributions, candidate: why };
}
