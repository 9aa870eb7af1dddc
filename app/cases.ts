// Use cases for tracked cases: create with backfill, edit with re-match, remove, decide, timeline.
import { latestStage, type LegalStage } from '../core/timeline/stage.ts';
import { groupEntries, rejectedEntries, type Entry, type TimelineStory } from '../core/timelineEntries.ts';
import { articleExcerpt } from '../core/article/excerpt.ts';
import { isTeaser } from '../core/article/teaser.ts';
import { caseById, deleteCase, insertCase, toDefinition, updateCase, type CaseInput } from '../db/cases.ts';
import { toCaseView, type CaseView } from './caseView.ts';
import { decidedStory, decideMatch, undoDecision, type Decision } from '../db/matches.ts';
import { rejectedTimelineStories, timelinePlan, timelineStories } from '../db/timeline.ts';
import { inTransaction } from '../db/openDb.ts';
import { reclusterAfterDecision, reclusterAfterStatusChanges } from './clusterStories.ts';
import type { PreviewResult } from './matchStories.ts';
import type { JobRow } from '../db/jobs.ts';
import { cancelCaseJobs, startBackfill } from './jobs.ts';
import type { AppContext } from './context.ts';
import { startSearchFeedFetch, syncSearchFeeds } from './feeds.ts';
import { AppError, notFound } from './errors.ts';

export interface Timeline {
  case: CaseView;
  entries: Entry[];
  review: Entry[];
}

export interface SavedCase {
  case: CaseView;
  /** The backfill that fills (or refreshes) the case's timeline from the stored stories, in the background. */
  job: JobRow;
  /** The first fetch of the case's new news-search feeds, in the background (null: none to fetch). */
  fetchJob: JobRow | null;
}

export interface SaveOptions {
  /**
   * Fetch the case's new news-search feeds at once in a background job (default). The CLI says no: it exits
   * before such a job ends, and the serving process's scheduler fetches them (they are due at once).
   */
  fetchSearchFeeds?: boolean;
}

/** Creates the case and queues its backfill; the timeline fills from the stories already stored as the job runs. */
export function createCase(ctx: AppContext, input: CaseInput, opts: SaveOptions = {}): SavedCase {
  const now = ctx.now();
  const { c: created, due } = inTransaction(ctx.db, () => {
    const c = insertCase(ctx.db, input, now);
    return { c, due: syncSearchFeeds(ctx, toDefinition(c)) };
  });
  ctx.log.info({ caseId: created.id }, 'case created');
  const job = startBackfill(ctx, created.id);
  const fetchJob = opts.fetchSearchFeeds === false ? null : startSearchFeedFetch(ctx, created.title, due);
  return { case: toCaseView(created), job, fetchJob };
}

/** Edits the case and queues its re-matching; confirmed and rejected stories keep the user's decision. */
export function editCase(ctx: AppContext, id: number, patch: Partial<CaseInput>, opts: SaveOptions = {}): SavedCase {
  const now = ctx.now();
  const { c: updated, due } = inTransaction(ctx.db, () => {
    const c = updateCase(ctx.db, id, patch, now);
    return { c, due: c ? syncSearchFeeds(ctx, toDefinition(c)) : [] };
  });
  if (!updated) throw notFound(`case ${id}`);
  const job = startBackfill(ctx, id);
  const fetchJob = opts.fetchSearchFeeds === false ? null : startSearchFeedFetch(ctx, updated.title, due);
  return { case: toCaseView(updated), job, fetchJob };
}

/** Saves and waits for the backfill and the first fetch of new search feeds: for the CLI, the demo and `?wait=true`. */
export async function settled(ctx: AppContext, saved: SavedCase): Promise<SavedCase> {
  const fetching = saved.fetchJob && ctx.jobs.wait(saved.fetchJob.id);
  const [job, fetchJob] = await Promise.all([ctx.jobs.wait(saved.job.id), fetching]);
  return { case: getCase(ctx, saved.case.id), job, fetchJob };
}

export function removeCase(ctx: AppContext, id: number): void {
  cancelCaseJobs(ctx, id);
  if (!deleteCase(ctx.db, id)) throw notFound(`case ${id}`);
}

export function getCase(ctx: AppContext, id: number): CaseView {
  const c = caseById(ctx.db, id);
  if (!c) throw notFound(`case ${id}`);
  return toCaseView(c);
}

export interface TimelineOptions {
  order?: 'newest' | 'oldest';
  /** 1-based. */
  page?: number;
  /** A page number past the end gives the last page (pages) instead of an empty one (API). */
  clampPage?: boolean;
  /** Entries per page; omitted: every entry. */
  perPage?: number;
  /** Review-queue stories returned at most; omitted: all. */
  reviewLimit?: number;
}

export interface TimelinePage extends Timeline {
  page: number;
  pageCount: number;
  perPage: number | null;
  totalEntries: number;
  totalStories: number;
  totalReview: number;
  /** The case's latest legal stage over all entries, not only this page's. */
  latestStage: LegalStage | null;
  /** The newest timeline story's date ("last updated"). */
  latestAt: Date | null;
  /** Timeline stories per week (Monday 00:00 UTC), for the coverage chart. */
  weeks: Map<number, number>;
}

/**
 * One page of a case's timeline. The order, folding and counts come from the matches index alone;
 * only the page's stories (and the review queue shown) are read with their text.
 */
export function caseTimeline(ctx: AppContext, id: number, opts: TimelineOptions = {}): TimelinePage {
  const c = getCase(ctx, id);
  const order = opts.order ?? 'newest';
  const perPage = opts.perPage ?? Number.MAX_SAFE_INTEGER;
  // One read transaction: the totals and the page come from the same snapshot even while another process writes.
  const { plan, rows } = ctx.db.$client.transaction(() => {
    const plan = timelinePlan(ctx.db, id, { order, page: opts.page ?? 1, perPage, reviewLimit: opts.reviewLimit ?? Number.MAX_SAFE_INTEGER, clampPage: opts.clampPage ?? false });
    return { plan, rows: timelineStories(ctx.db, id, [...plan.pageStoryIds, ...plan.reviewStoryIds]) };
  })();
  const { entries, review } = groupEntries(withArticleExcerpts(rows, c), order);
  return {
    case: c,
    entries,
    review,
    page: plan.page,
    pageCount: plan.pageCount,
    perPage: opts.perPage ?? null,
    totalEntries: plan.totalEntries,
    totalStories: plan.totalStories,
    totalReview: plan.totalReview,
    latestStage: latestStage(plan.stages),
    latestAt: plan.latestAt,
    weeks: plan.weeks,
  };
}

/**
 * A story whose feed gave only a teaser shows the sentences of its article around the first party named, and
 * nothing of the article's text goes further than that.
 */
function withArticleExcerpts(rows: (TimelineStory & { articleText?: string | null })[], c: CaseView): TimelineStory[] {
  const terms = c.parties.flatMap((p) => [p.name, ...p.aliases]);
  return rows.map(({ articleText, ...r }) => (articleText && isTeaser(r) ? { ...r, articleExcerpt: articleExcerpt(articleText, terms) } : r));
}

/** The timeline as the API returns it: the plain-text summary only (the sanitized HTML is for pages and feeds). */
export function timelineForApi(ctx: AppContext, id: number, opts: TimelineOptions = {}) {
  const t = caseTimeline(ctx, id, opts);
  const strip = ({ summaryHtml: _html, ...e }: Entry) => e;
  return {
    case: t.case,
    entries: t.entries.map(strip),
    review: t.review.map(strip),
    page: t.page,
    pageCount: t.pageCount,
    perPage: t.perPage,
    totalEntries: t.totalEntries,
    totalStories: t.totalStories,
    totalReview: t.totalReview,
    latestStage: t.latestStage,
  };
}

/** The stories the user rejected on the case, for its exports (confirmed ones are on the timeline). */
export function caseRejections(ctx: AppContext, id: number): Entry[] {
  getCase(ctx, id);
  return rejectedEntries(rejectedTimelineStories(ctx.db, id));
}

export interface Decided {
  status: string;
  /** The status before the decision. */
  previous: string;
  twinsRejected: number;
}

export function decideStory(ctx: AppContext, caseId: number, storyId: number, decision: Decision): Decided {
  getCase(ctx, caseId);
  const row = inTransaction(ctx.db, () => {
    const r = decideMatch(ctx.db, caseId, storyId, decision, ctx.now());
    if (r) reclusterAfterDecision(ctx.db, caseId, { storyId, previous: r.before.status, now: r.after.status, publishedAt: r.after.publishedAt, twinsRejected: r.twinsRejected });
    return r;
  });
  if (!row) throw new AppError('NOT_FOUND', `story ${storyId} is not on the timeline or review queue of case ${caseId}`);
  // What the case learned from the decision weighs on the stories that come next.
  ctx.matchers.relearn(caseId);
  return { status: row.after.status, previous: row.before.status, twinsRejected: row.twinsRejected };
}

/**
 * Undoes the latest confirm or reject of a story: it gets back the status it had (review or auto), and so do the
 * copies of the same article that a rejection also rejected. Clusters are redone as after a decision.
 */
export function undoDecisionOn(ctx: AppContext, caseId: number, storyId: number): { status: string; twinsRestored: number } {
  getCase(ctx, caseId);
  const undone = inTransaction(ctx.db, () => {
    const r = undoDecision(ctx.db, caseId, storyId, ctx.now());
    if (r) reclusterAfterStatusChanges(ctx.db, caseId, r.changes);
    return r;
  });
  if (!undone) {
    const why = `story ${storyId} has no confirm or reject to undo on case ${caseId}`;
    throw new AppError('CONFLICT', why, [{ path: 'decision', message: `nothing to undo: ${why}` }]);
  }
  ctx.matchers.relearn(caseId);
  const [story, ...twins] = undone.changes;
  return { status: story!.now, twinsRestored: twins.length };
}

/** The story a decision notice names, or null when it is not matched to the case. */
export function decisionNoticeOf(ctx: AppContext, caseId: number, storyId: number) {
  return decidedStory(ctx.db, caseId, storyId);
}

/** What a case being written would match among stored stories, before it is saved (excluding rejected ones when editing). */
export async function previewCase(ctx: AppContext, input: CaseInput, caseId?: number): Promise<PreviewResult> {
  const def = { id: caseId ?? 0, title: input.title, summary: input.summary ?? null, parties: input.parties.map((p) => ({ ...p, aliases: p.aliases ?? [] })), keywords: input.keywords ?? [], exclude: input.exclude ?? [] };
  // On the backfill threads: a common name reads up to 20,000 stories, which would hold every other request.
  return (await ctx.backfills.run({ op: 'preview', dbPath: ctx.config.databasePath, def })) as PreviewResult;
}
