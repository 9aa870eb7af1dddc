// Tags a story with the stage of the legal proceedings it reports (filing, hearing, ruling, appeal ...).
import { withFastBoundaries } from './fastBoundaries.ts';
import { APPEAL_OUTCOME, LEGAL_CONTEXT, NOISE, STAGE_RULES, type StageRule } from './stagePatterns.ts';

export type LegalStage = 'filed' | 'hearing' | 'ruling' | 'appeal' | 'settlement' | 'dismissal' | 'criminal' | 'other';

export const LEGAL_STAGES: readonly LegalStage[] = ['filed', 'hearing', 'ruling', 'appeal', 'settlement', 'dismissal', 'criminal', 'other'];

export const STAGE_LABELS: Readonly<Record<LegalStage, string>> = {
  filed: 'Filed',
  hearing: 'Hearing',
  ruling: 'Ruling',
  appeal: 'Appeal',
  settlement: 'Settlement',
  dismissal: 'Dismissed/withdrawn',
  criminal: 'Criminal charge',
  other: 'Other',
};

/**
 * When several stages are equally well supported, the first in this list wins. Outcomes that end or move a
 * case beat the steps before them: a settlement ends it, an appeal story also mentions the ruling it attacks,
 * a ruling story also mentions the filing and the hearing. Criminal beats ruling because a conviction or
 * sentence is the more specific fact; dismissal beats ruling because "court dismissed the suit" is both.
 */
export const STAGE_PRIORITY: readonly LegalStage[] = ['settlement', 'appeal', 'dismissal', 'criminal', 'ruling', 'hearing', 'filed', 'other'];

/**
 * Where a phrase appears decides how much it counts: the headline (4) outweighs the whole summary
 * (first sentence 2, the rest 1), so background in the summary ("sued last year", "said he would appeal")
 * never overrides what the headline reports.
 */
export const STAGE_WEIGHTS = { title: 4, firstSentence: 2, rest: 1 } as const;

export function isLegalStage(value: unknown): value is LegalStage {
  return typeof value === 'string' && (LEGAL_STAGES as readonly string[]).includes(value);
}

/** The phrase lists as written, compiled into the equal patterns that run fast (see withFastBoundaries). */
const FAST_APPEAL_OUTCOME = withFastBoundaries(APPEAL_OUTCOME);
const FAST_NOISE = NOISE.map(withFastBoundaries);
const FAST_LEGAL_CONTEXT = withFastBoundaries(LEGAL_CONTEXT);
const fastRules = (weak: boolean): StageRule[] => STAGE_RULES.filter((r) => Boolean(r.weak) === weak).map((r) => ({ ...r, pattern: withFastBoundaries(r.pattern) }));
const STRONG_RULES = fastRules(false);
const WEAK_RULES = fastRules(true);

function clean(text: string): string {
  let t = text.normalize('NFKC').replace(/\s+/g, ' ');
  t = t.replace(FAST_APPEAL_OUTCOME, ' appeal decided ');
  for (const noise of FAST_NOISE) t = t.replace(noise, ' ');
  return t;
}

/** The first sentence, so that it can weigh more than background further down. */
function splitLead(summary: string): [string, string] {
  const m = /^.*?(?:[.!?](?=\s+["“‘'(\p{Lu}\d]|\s*$)|[。！？])/su.exec(summary);
  if (!m) return [summary, ''];
  return [m[0], summary.slice(m[0].length)];
}

/** Adds to `found` the stages of the rules that match the segment; a stage already found is not tested again. */
function addStages(segment: string, rules: readonly StageRule[], found: Set<LegalStage>): Set<LegalStage> {
  if (!segment.trim()) return found;
  for (const rule of rules) if (!found.has(rule.stage) && rule.pattern.test(segment)) found.add(rule.stage);
  return found;
}

/**
 * The stage a story reports, from its headline and summary; `other` when the story is legal but fits no
 * stage, null when nothing in it is legal. Each rule runs at most once per segment: the strong rules first
 * (they also decide whether the story is legal), then, in a legal story only, the weak rules for the stages
 * a segment has not shown yet. A segment's stages are every stage with a rule that matches it, whatever
 * order the rules are tried in.
 */
export function detectStage(text: { title: string; summary: string }): LegalStage | null {
  const title = clean(text.title);
  const [lead, rest] = splitLead(clean(text.summary));
  const segments = [title, lead, rest] as const;
  const found = segments.map((s) => addStages(s, STRONG_RULES, new Set()));
  const legal = found.some((f) => f.size > 0) || FAST_LEGAL_CONTEXT.test(`${title} ${lead} ${rest}`);
  if (!legal) return null;
  segments.forEach((s, i) => addStages(s, WEAK_RULES, found[i]!));
  const weights = [STAGE_WEIGHTS.title, STAGE_WEIGHTS.firstSentence, STAGE_WEIGHTS.rest];
  const scores = new Map<LegalStage, number>();
  found.forEach((stages, i) => {
    for (const stage of stages) scores.set(stage, (scores.get(stage) ?? 0) + weights[i]!);
  });
  let best: LegalStage = 'other';
  let bestScore = 0;
  for (const stage of STAGE_PRIORITY) {
    const score = scores.get(stage) ?? 0;
    if (score > bestScore) [best, bestScore] = [stage, score];
  }
  return best;
}

/** How far along a dispute a stage is; a later story about an earlier stage is background, not news. */
const STAGE_RANK: Readonly<Record<Exclude<LegalStage, 'other'>, number>> = { filed: 1, hearing: 2, criminal: 2, ruling: 3, appeal: 3, settlement: 4, dismissal: 4 };

/**
 * The stage a case has reached: going through its entries in time order, a stage replaces the current one
 * unless it is earlier in a dispute's life (a retrospective that recalls the filing does not undo a
 * settlement); rulings and appeals may alternate. `other` only when no entry has anything better.
 * Entries published at the same moment are ordered by STAGE_PRIORITY.
 */
export function latestStage(entries: readonly { stage: LegalStage | string | null; publishedAt: Date | string }[]): LegalStage | null {
  const staged: { stage: Exclude<LegalStage, 'other'>; time: number }[] = [];
  let sawOther = false;
  for (const e of entries) {
    if (!isLegalStage(e.stage)) continue;
    if (e.stage === 'other') {
      sawOther = true;
      continue;
    }
    const time = new Date(e.publishedAt).getTime();
    if (!Number.isNaN(time)) staged.push({ stage: e.stage, time });
  }
  // Same moment: the higher-priority stage is taken last, so it wins.
  staged.sort((a, b) => a.time - b.time || STAGE_PRIORITY.indexOf(b.stage) - STAGE_PRIORITY.indexOf(a.stage));
  let current: Exclude<LegalStage, 'other'> | null = null;
  for (const { stage } of staged) if (current === null || STAGE_RANK[stage] >= STAGE_RANK[current]) current = stage;
  return current ?? (sawOther ? 'other' : null);
}
