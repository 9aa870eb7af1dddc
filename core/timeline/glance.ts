// The case at a glance: the stage track a reader follows (filed → hearing → ruling → appeal → settled) and the
// facts (court, amount, case number) that the case's stories agree on.
import { extractCaseNumbers } from './caseNumbers.ts';
import { extractAmounts, sameAmount, type Amount } from './amounts.ts';
import { extractCourts } from './facts.ts';
import { isLegalStage, type LegalStage } from './stage.ts';

export type TrackStep = 'filed' | 'hearing' | 'ruling' | 'appeal' | 'settled';

export const TRACK_STEPS: readonly TrackStep[] = ['filed', 'hearing', 'ruling', 'appeal', 'settled'];

export const TRACK_LABELS: Readonly<Record<TrackStep, string>> = {
  filed: 'Filed',
  hearing: 'Hearing',
  ruling: 'Ruling',
  appeal: 'Appeal',
  settled: 'Settled',
};

/**
 * Where each tag of the stage matcher (core/timeline/stage.ts) sits on the track. The track is what a reader
 * follows; the tags are finer:
 * - `criminal` (charged, indicted, arrested, convicted): a criminal case starts with the charge, the usual
 *   news, so it counts as the filing. A conviction story is mostly also tagged by its ruling wording elsewhere.
 * - `dismissal` (dismissed, withdrawn, dropped) ends a case as a settlement does, so it reaches the last step;
 *   the step then says "dismissed or withdrawn" so that it never reads as an agreement.
 * - `other` (legal, but no stage) is not on the track.
 */
export const TRACK_OF: Readonly<Record<Exclude<LegalStage, 'other'>, TrackStep>> = {
  filed: 'filed',
  criminal: 'filed',
  hearing: 'hearing',
  ruling: 'ruling',
  appeal: 'appeal',
  settlement: 'settled',
  dismissal: 'settled',
};

export function trackStepOf(stage: string | null): TrackStep | null {
  return isLegalStage(stage) && stage !== 'other' ? TRACK_OF[stage] : null;
}

/** The first timeline entry the matcher tagged with a stage. */
export interface FirstStageEntry {
  stage: string;
  storyId: number;
  publishedAt: Date;
}

export interface TrackStepState<T extends FirstStageEntry = FirstStageEntry> {
  step: TrackStep;
  /** The earliest entry of any tag mapped onto this step; null while the step is not reported. */
  first: T | null;
  /** The step of the case's latest stage (core `latestStage`, which ignores retrospectives). */
  current: boolean;
}

/** The five steps, each with its first report; `latest` is the case's latest stage as `latestStage` gives it. */
export function stageTrack<T extends FirstStageEntry>(
  firsts: readonly T[],
  latest: string | null,
): TrackStepState<T>[] {
  const best = new Map<TrackStep, T>();
  for (const f of firsts) {
    const step = trackStepOf(f.stage);
    if (!step) continue;
    const seen = best.get(step);
    const earlier = seen && (f.publishedAt.getTime() - seen.publishedAt.getTime() || f.storyId - seen.storyId) < 0;
    if (!seen || earlier) best.set(step, f);
  }
  const current = trackStepOf(latest);
  return TRACK_STEPS.map((step) => ({ step, first: best.get(step) ?? null, current: step === current }));
}

/** A story as the facts are read from it; `amounts` and `courts` are the facts stored with it (null: read the text). */
export interface FactSource {
  title: string;
  summary: string;
  amounts?: string[] | null;
  courts?: string[] | null;
}

export interface AgreedFact {
  value: string;
  /** Stories (of those read) that state it; 0 when the value is the case's own field. */
  stories: number;
  /** The case's own field (the user's word), not counted from stories. */
  fromCase: boolean;
}

export interface AgreedFacts {
  court: AgreedFact | null;
  amount: AgreedFact | null;
  caseNumber: AgreedFact | null;
  /** How many stories were read. */
  read: number;
}

/** What the user entered for the case: it comes first when set. */
export interface OwnFacts {
  court: string | null;
  caseNumber: string | null;
}

/** A fact counts only when at least this many stories state it: one story is a claim, two are agreement. */
export const MIN_AGREEING_STORIES = 2;

/** The value most stories state, each story counted once; ties go to the value seen first (the newest story). */
function mostStated<K>(perStory: K[][], same: (a: K, b: K) => boolean): { value: K; stories: number } | null {
  const groups: { value: K; stories: number }[] = [];
  for (const values of perStory) {
    const counted = new Set<{ value: K; stories: number }>();
    for (const v of values) {
      let group = groups.find((g) => same(g.value, v));
      if (!group) groups.push((group = { value: v, stories: 0 }));
      if (counted.has(group)) continue;
      group.stories += 1;
      counted.add(group);
    }
  }
  let top: { value: K; stories: number } | null = null;
  for (const g of groups) if (!top || g.stories > top.stories) top = g;
  return top && top.stories >= MIN_AGREEING_STORIES ? top : null;
}

const storyText = (s: FactSource) => `${s.title}\n${s.summary}`;

/** The first amount of a written sum ("8 million yuan"), or null when it does not read as money. */
function parsedAmounts(s: FactSource): Amount[] {
  if (s.amounts) return s.amounts.flatMap((a) => extractAmounts(a).slice(0, 1));
  return extractAmounts(storyText(s));
}

/**
 * Court, amount and case number that at least two of the given stories state, the one most of them state
 * winning. The case's own court and case number (what the user entered) come first when set. Amounts written
 * two ways ("8 million yuan", "800万元") are one fact (`sameAmount`); the newest story's wording is shown.
 */
export function agreedFacts(stories: readonly FactSource[], own: OwnFacts): AgreedFacts {
  const fromCase = (value: string | null): AgreedFact | null =>
    value && value.trim() ? { value: value.trim(), stories: 0, fromCase: true } : null;
  const counted = <K>(found: { value: K; stories: number } | null, show: (v: K) => string): AgreedFact | null =>
    found && { value: show(found.value), stories: found.stories, fromCase: false };
  const same = (a: string, b: string) => a === b;
  const courts = stories.map((s) => s.courts ?? extractCourts(storyText(s)));
  const court = fromCase(own.court) ?? counted(mostStated(courts, same), String);
  const numbers = stories.map((s) => extractCaseNumbers(storyText(s)));
  const caseNumber = fromCase(own.caseNumber) ?? counted(mostStated(numbers, same), String);
  const amount = counted(mostStated(stories.map(parsedAmounts), sameAmount), (a) => a.text);
  return { court, amount, caseNumber, read: stories.length };
}
