// Builds what a case knows beyond its terms: its subject profile and the stories the user decided on.
import { CORRECTION_MAX_DECISIONS, fitCorrection } from './correction.ts';
import type { CaseKnowledge, FeatureVector } from './features.ts';
import { MODEL, logit } from './model.ts';
import { readFeatures } from './reference.ts';
import { buildProfile, NO_STATS, topicTerms, weighTerms, type TermStats } from './profile.ts';
import { legalConcepts, type CompiledCase } from './terms.ts';

export interface StoryText {
  title: string;
  summary: string;
  /** The article's text fetched from the story's page, when the feed carried only a teaser. */
  article?: string | null;
}

/** Everything the story says: title, feed text and, when fetched, the article. */
export const fullText = (s: StoryText): string => (s.article ? `${s.title}\n${s.summary}\n${s.article}` : `${s.title}\n${s.summary}`);

/** The user's decisions on a case, as the stories' texts. */
export interface CaseDecisions {
  confirmed: readonly StoryText[];
  rejected: readonly StoryText[];
}

export interface MatcherOptions {
  /** Document frequencies of the stored stories (weights the case's subject); none: every term weighs the same. */
  stats?: TermStats;
  /** Decisions by case id. */
  decisions?: ReadonlyMap<number, CaseDecisions>;
  /** Penalty of the per-case correction (see correction.ts); 0 turns it off. */
  correctionPenalty?: number;
}

let legalTerms: Set<string> | null = null;

function legalTopicTerms(): Set<string> {
  return (legalTerms ??= new Set(legalConcepts().flatMap((c) => c.forms.flatMap((f) => [...topicTerms(f.display)]))));
}

const storyTerms = (s: StoryText) => topicTerms(fullText(s));

export function caseKnowledge(c: CompiledCase, opts: MatcherOptions = {}): CaseKnowledge {
  const stats = opts.stats ?? NO_STATS;
  const decided = opts.decisions?.get(c.id);
  // Party names count on their own and legal words as the dispute: as subject words they would make every
  // mention of a party, and every lawsuit, look on-topic.
  const leaveOut = new Set<string>(legalTopicTerms());
  for (const p of c.parties) for (const t of [...p.terms, ...p.variants]) for (const x of topicTerms(t.display)) leaveOut.add(x);
  const ownProfile = buildProfile(c.about, stats, leaveOut);
  const profile = decided?.confirmed.length ? buildProfile([...c.about, ...decided.confirmed.map(fullText)], stats, leaveOut) : ownProfile;
  // A decided story is remembered by what sets it apart from the case as a whole: the words of a quarterly
  // report or a football match, not the party's name or the case's subject, which all its stories share.
  const distinct = (s: StoryText) => weighTerms([...storyTerms(s)].filter((t) => !leaveOut.has(t) && !profile.weights.has(t)), stats);
  const base: CaseKnowledge = { profile, ownProfile, correction: null, confirmed: [], rejected: [], reportedNameless: false };
  // The confirmed stories read with what the case knew before: whether one names no party, and the correction's data.
  const confirmedFeatures = (decided?.confirmed ?? []).map((s) => readFeatures(c, base, s));
  return {
    profile,
    ownProfile,
    reportedNameless: confirmedFeatures.some((x) => x.nameless === 1),
    correction: correctionFor(c, base, confirmedFeatures, decided?.rejected ?? [], opts.correctionPenalty ?? MODEL.correctionPenalty ?? 0),
    confirmed: (decided?.confirmed ?? []).map(distinct),
    rejected: (decided?.rejected ?? []).map(distinct),
  };
}

/**
 * The per-case correction, from the features of the decided stories read with what the case knew before (the
 * confirmed ones already read), the latest CORRECTION_MAX_DECISIONS of them.
 */
function correctionFor(c: CompiledCase, base: CaseKnowledge, confirmed: readonly FeatureVector[], rejected: readonly StoryText[], penalty: number) {
  if (penalty <= 0) return null;
  const xs = [...confirmed, ...rejected.map((s) => readFeatures(c, base, s))].slice(-CORRECTION_MAX_DECISIONS);
  if (xs.length === 0) return null;
  const ys = [...confirmed.map(() => 1), ...rejected.map(() => 0)].slice(-CORRECTION_MAX_DECISIONS);
  return fitCorrection(xs, ys, xs.map((x) => logit(MODEL, x)), penalty);
}
