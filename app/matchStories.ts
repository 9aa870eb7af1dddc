// Runs the matcher over stored stories and records the results (poll-time matching, backfill, re-match).
import type { CaseDefinition } from '../core/caseDefinition.ts';
import { pseudonymKeyword, takesPseudonym } from '../core/matching/counterparts.ts';
import { Matcher, type MatchResult } from '../core/matching/matcher.ts';
import { searchTermsOf } from '../core/matching/searchTerms.ts';
import { compileCase, type CompiledCase } from '../core/matching/terms.ts';
import { detectStage } from '../core/timeline/stage.ts';
import { allCaseDefinitions, casesVersion } from '../db/cases.ts';
import { applyCaseMatches, applyStoryMatches, decidedStories, rejectedStoryIds, type ApplyCounts, type StoryMatch } from '../db/matches.ts';
import { StoredTermStats } from '../db/termStats.ts';
import type { Db } from '../db/openDb.ts';
import { candidateStoryIds, keywordPairStoryIds, latestStoryId, pseudonymStoryIds, newestIds, storiesByIds, storyTextOf, storyTextsByIds, type StoryRow, type StoryTextRow } from '../db/stories.ts';
import { clusterNewStories, reclusterCase } from './clusterStories.ts';

const statsByDb = new WeakMap<Db, StoredTermStats>();

/**
 * Document frequencies of the stored stories, counted afresh once a quarter as many stories again have been
 * stored (the weights of a case's subject barely move in between). `max(id)` tells the growth in one index seek.
 */
export function termStatsFor(db: Db): StoredTermStats {
  const cached = statsByDb.get(db);
  // Stories stored since the count (ids only grow, so a prune does not look like growth).
  if (cached && latestStoryId(db) - cached.countedUpTo <= cached.docs * 0.25 + 50) return cached;
  const fresh = new StoredTermStats(db);
  statsByDb.set(db, fresh);
  return fresh;
}

/**
 * Keeps one compiled matcher for all cases and recompiles it when any process changed a case or the term
 * statistics were counted afresh; a decision this process recorded rebuilds only its case's knowledge (`relearn`).
 */
export class MatcherCache {
  #matcher: Matcher | null = null;
  #version = '';
  #stats: StoredTermStats | null = null;
  /** Cases whose decisions changed since the matcher was compiled. */
  readonly #relearn = new Set<number>();

  get(db: Db): Matcher {
    const version = casesVersion(db);
    const stats = termStatsFor(db);
    if (!this.#matcher || version !== this.#version || stats !== this.#stats) {
      const defs = allCaseDefinitions(db);
      this.#matcher = Matcher.compile(defs, { stats, decisions: decidedStories(db, defs.map((d) => d.id)) });
      this.#version = version;
      this.#stats = stats;
      this.#relearn.clear();
    }
    if (this.#relearn.size > 0) {
      const decided = decidedStories(db, [...this.#relearn]);
      for (const id of this.#relearn) this.#matcher.relearn(id, decided.get(id));
      this.#relearn.clear();
    }
    return this.#matcher;
  }

  /** A decision on the case changed what it has learned: the next `get` rebuilds that case's knowledge. */
  relearn(caseId: number): void {
    this.#relearn.add(caseId);
  }
}

/** A matcher for one case with what it has learned (backfill, preview). */
export function caseMatcher(db: Db, def: CaseDefinition): Matcher {
  return Matcher.compile([def], { stats: termStatsFor(db), decisions: def.id ? decidedStories(db, [def.id]) : new Map() });
}

/** The matcher's results for one story as rows to store; its stage is the same for every case, so it is tagged once. */
function storyMatches(story: { id: number; title: string; summary: string }, results: readonly MatchResult[]): StoryMatch[] {
  if (results.length === 0) return [];
  const stage = detectStage(story);
  return results.map((r) => ({ caseId: r.caseId, storyId: story.id, score: r.score, status: r.status, reasons: r.reasons, stage, leadStoryId: null }));
}

/**
 * Matches freshly stored or edited stories against every case (also once an article's text is stored: the
 * matcher reads it with the feed's text). Call inside the storing transaction.
 */
export function matchNewStories(db: Db, matcher: Matcher, rows: StoryRow[], now: Date): ApplyCounts {
  const results: StoryMatch[] = [];
  for (const story of rows) results.push(...storyMatches(story, matcher.match(storyTextOf(story))));
  const counts = applyStoryMatches(db, rows.map((r) => r.id), results, now);
  const byCase = new Map<number, Set<number>>();
  for (const r of results) byCase.set(r.caseId, (byCase.get(r.caseId) ?? new Set()).add(r.storyId));
  const dateOf = new Map(rows.map((r) => [r.id, r.publishedAt]));
  for (const [caseId, ids] of byCase) clusterNewStories(db, caseId, ids, [...ids].map((id) => dateOf.get(id)!));
  return counts;
}

/** Candidates are read and matched this many at a time: a common name must not hold all its stories in memory. */
const CANDIDATE_BATCH = 2_000;

/** Full-width Latin letters and digits, as Japanese and Chinese text often writes names ("Ｆａｔｈｏｍ"). */
const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/**
 * The search terms that find every story the case could match: its candidate terms as written and
 * normalized, and Latin ones in full-width letters (the index holds the text as written).
 */
function candidateTerms(def: CaseDefinition, compiled: CompiledCase): string[] {
  const raw = def.parties.flatMap((p) => [p.name, ...p.aliases]);
  const terms = [...raw, ...searchTermsOf(compiled)].map((t) => t.trim()).filter(Boolean);
  const wide = terms.filter((t) => /^[\x21-\x7e ]+$/.test(t) && /[a-z]/i.test(t)).map((t) => toFullWidth(t.toLowerCase()));
  return [...new Set([...terms, ...wide])];
}

/**
 * The ids of every story the case could match, in id order: those naming it (`candidateTerms`) and those using
 * two of its keywords (held for review on their keywords alone; core/matching/README.md), or one with
 * `oneKeyword` (`Matcher.readsOneKeyword`). With a limit, the most recently stored `limit` of them; with a
 * range, ids in (after, upTo].
 */
function caseCandidateIds(db: Db, def: CaseDefinition, limit?: number, range?: { after: number; upTo: number }, oneKeyword = false): number[] {
  const compiled = compileCase(def);
  const named = candidateStoryIds(db, candidateTerms(def, compiled), limit, range);
  const keywords = compiled.keywords.map((k) => k.display);
  const paired = keywordPairStoryIds(db, keywords, limit, range, oneKeyword);
  // One keyword will do where the story names someone by a letter after a role the case gives its defendant.
  const lettered = !oneKeyword && takesPseudonym(compiled.counterpart) ? pseudonymStoryIds(db, keywords.filter(pseudonymKeyword), limit, range) : [];
  if (paired.length === 0 && lettered.length === 0) return named;
  return newestIds(new Set([...named, ...paired, ...lettered]), limit);
}

/** Hands the given stories to `each`, a batch at a time in id order. */
function eachStoryBatch(db: Db, ids: readonly number[], each: (batch: StoryTextRow[]) => void): void {
  for (let i = 0; i < ids.length; i += CANDIDATE_BATCH) each(storyTextsByIds(db, ids.slice(i, i + CANDIDATE_BATCH)));
}

/** Stories that could match the case, found through the full-text index instead of a full scan. */
export function candidateStories(db: Db, def: CaseDefinition): StoryTextRow[] {
  const out: StoryTextRow[] = [];
  eachStoryBatch(db, caseCandidateIds(db, def), (batch) => out.push(...batch));
  return out;
}

/** The case's candidate stories with ids in (after, upTo], in id order (one step of a background backfill). */
export function candidateIdsBetween(db: Db, def: CaseDefinition, after: number, upTo: number, oneKeyword = false): number[] {
  return caseCandidateIds(db, def, undefined, { after, upTo }, oneKeyword);
}

/** The case's matches among the given stories, ready to store (one chunk of a background backfill). */
export function matchCaseStories(db: Db, matcher: Matcher, ids: readonly number[]): StoryMatch[] {
  const results: StoryMatch[] = [];
  eachStoryBatch(db, ids, (batch) => {
    for (const story of batch) results.push(...storyMatches(story, matcher.match(story)));
  });
  return results;
}

/**
 * Matches one case against all stored stories (creation or edit) in one synchronous pass, keeping the user's
 * decisions. The app runs backfills as background jobs (jobs/backfill/); this is the blocking form they are
 * measured against, and what a job falls back to on an in-memory database.
 */
export function backfillCase(db: Db, def: CaseDefinition, now: Date): ApplyCounts {
  const matcher = caseMatcher(db, def);
  const results: StoryMatch[] = [];
  eachStoryBatch(db, caseCandidateIds(db, def, undefined, undefined, matcher.readsOneKeyword(def.id)), (batch) => {
    for (const story of batch) results.push(...storyMatches(story, matcher.match(story)));
  });
  const counts = applyCaseMatches(db, def.id, results, now);
  reclusterCase(db, def.id);
  return counts;
}

/**
 * The most candidate stories a preview reads. The form previews the draft as it is typed, and a first letter
 * or a very common word finds most stored stories; a preview holds the process for ~30 µs per candidate.
 */
export const PREVIEW_MAX_CANDIDATES = 20_000;

export interface PreviewResult {
  /** Stories that would join the timeline. */
  timeline: number;
  /** Stories that would wait in the review queue. */
  review: number;
  top: { storyId: number; title: string; url: string | null; source: string | null; publishedAt: string; score: number; status: 'auto' | 'review'; reasons: string[] }[];
  /**
   * False when the draft's names are in more stories than a preview reads: only the most recently stored
   * PREVIEW_MAX_CANDIDATES of them were checked, so the counts are a lower bound. Saving checks them all.
   */
  complete: boolean;
  /** False on a new install with no story stored yet: the preview then has nothing to read. */
  storiesStored: boolean;
}

/** Runs a case definition (saved or not) over the stored stories without writing anything. */
export function previewMatches(db: Db, def: CaseDefinition, limit = 10, maxCandidates = PREVIEW_MAX_CANDIDATES): PreviewResult {
  const matcher = caseMatcher(db, def);
  const rejected = def.id ? rejectedStoryIds(db, def.id) : new Set<number>();
  // One more than the cap tells whether there were more.
  const ids = caseCandidateIds(db, def, maxCandidates + 1, undefined, def.id > 0 && matcher.readsOneKeyword(def.id));
  const complete = ids.length <= maxCandidates;
  const hits: { story: StoryTextRow; r: MatchResult }[] = [];
  eachStoryBatch(db, complete ? ids : ids.slice(1), (batch) => {
    for (const story of batch) if (!rejected.has(story.id)) for (const r of matcher.match(story)) hits.push({ story, r });
  });
  hits.sort((a, b) => b.r.score - a.r.score || b.story.publishedAt.getTime() - a.story.publishedAt.getTime());
  const top = hits.slice(0, limit);
  // Only the stories shown need their link and source.
  const shown = new Map(storiesByIds(db, top.map((h) => h.story.id)).map((s) => [s.id, s]));
  return {
    timeline: hits.filter((h) => h.r.status === 'auto').length,
    review: hits.filter((h) => h.r.status === 'review').length,
    top: top.map(({ story, r }) => {
      const s = shown.get(story.id)!;
      return { storyId: s.id, title: s.title, url: s.url, source: s.source, publishedAt: s.publishedAt.toISOString(), score: r.score, status: r.status, reasons: r.reasons };
    }),
    complete,
    storiesStored: latestStoryId(db) > 0,
  };
}
