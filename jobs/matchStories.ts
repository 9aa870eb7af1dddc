// Runs the matcher over stored stories and records the results (poll-time matching, backfill, re-match).
import type { CaseDefinition } from '../core/caseDefinition.ts';
import { Matcher } from '../core/matching/matcher.ts';
import { searchTermsForCase } from '../core/matching/searchTerms.ts';
import { detectStage } from '../core/timeline/stage.ts';
import { allCaseDefinitions, casesVersion } from '../db/cases.ts';
import { applyCaseMatches, applyStoryMatches, rejectedStoryIds, type ApplyCounts, type StoryMatch } from '../db/matches.ts';
import type { Db } from '../db/openDb.ts';
import { candidateStoryIds, storiesByIds, type StoryRow } from '../db/stories.ts';
import { clusterNewStories, reclusterCase } from './clusterStories.ts';

/** Keeps one compiled matcher for all cases and recompiles it when any process changed a case. */
export class MatcherCache {
  #matcher: Matcher | null = null;
  #version = '';

  get(db: Db): Matcher {
    const version = casesVersion(db);
    if (!this.#matcher || version !== this.#version) {
      this.#matcher = Matcher.compile(allCaseDefinitions(db));
      this.#version = version;
    }
    return this.#matcher;
  }
}

function toStoryMatch(story: StoryRow, r: { caseId: number; score: number; status: 'auto' | 'review'; reasons: string[] }): StoryMatch {
  return { caseId: r.caseId, storyId: story.id, score: r.score, status: r.status, reasons: r.reasons, stage: detectStage(story), leadStoryId: null };
}

/** Matches freshly stored or edited stories against every case. Call inside the storing transaction. */
export function matchNewStories(db: Db, matcher: Matcher, rows: StoryRow[], now: Date): ApplyCounts {
  const results: StoryMatch[] = [];
  for (const story of rows) for (const r of matcher.match(story)) results.push(toStoryMatch(story, r));
  const counts = applyStoryMatches(db, rows.map((r) => r.id), results, now);
  const byCase = new Map<number, Set<number>>();
  for (const r of results) byCase.set(r.caseId, (byCase.get(r.caseId) ?? new Set()).add(r.storyId));
  const dateOf = new Map(rows.map((r) => [r.id, r.publishedAt]));
  for (const [caseId, ids] of byCase) clusterNewStories(db, caseId, ids, [...ids].map((id) => dateOf.get(id)!));
  return counts;
}

/** Stories that could match the case, found through the full-text index instead of a full scan. */
export function candidateStories(db: Db, def: CaseDefinition): StoryRow[] {
  const raw = def.parties.flatMap((p) => [p.name, ...p.aliases]);
  const terms = [...new Set([...raw, ...searchTermsForCase(def)].map((t) => t.trim()).filter(Boolean))];
  return storiesByIds(db, candidateStoryIds(db, terms));
}

/** Matches one case against all stored stories (creation or edit), keeping the user's decisions. */
export function backfillCase(db: Db, def: CaseDefinition, now: Date): ApplyCounts {
  const matcher = Matcher.compile([def]);
  const results: StoryMatch[] = [];
  for (const story of candidateStories(db, def)) for (const r of matcher.match(story)) results.push(toStoryMatch(story, r));
  const counts = applyCaseMatches(db, def.id, results, now);
  reclusterCase(db, def.id);
  return counts;
}

export interface PreviewResult {
  /** Stories that would join the timeline. */
  timeline: number;
  /** Stories that would wait in the review queue. */
  review: number;
  top: { storyId: number; title: string; url: string | null; source: string | null; publishedAt: string; score: number; status: 'auto' | 'review'; reasons: string[] }[];
}

/** Runs a case definition (saved or not) over the stored stories without writing anything. */
export function previewMatches(db: Db, def: CaseDefinition, limit = 10): PreviewResult {
  const matcher = Matcher.compile([def]);
  const rejected = def.id ? rejectedStoryIds(db, def.id) : new Set<number>();
  const hits = candidateStories(db, def)
    .filter((s) => !rejected.has(s.id))
    .flatMap((s) => matcher.match(s).map((r) => ({ story: s, r })));
  hits.sort((a, b) => b.r.score - a.r.score || b.story.publishedAt.getTime() - a.story.publishedAt.getTime());
  return {
    timeline: hits.filter((h) => h.r.status === 'auto').length,
    review: hits.filter((h) => h.r.status === 'review').length,
    top: hits.slice(0, limit).map(({ story, r }) => ({ storyId: story.id, title: story.title, url: story.url, source: story.source, publishedAt: story.publishedAt.toISOString(), score: r.score, status: r.status, reasons: r.reasons })),
  };
}
