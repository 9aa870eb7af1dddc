// A case's timeline read a page at a time: totals and chart from case_weeks, order and folding from the matches index, text for one page only.
import { LEGAL_STAGES } from '../core/timeline/stage.ts';
import type { TimelineStory } from '../core/timelineEntries.ts';
import { prepared, type Db } from './openDb.ts';

/**
 * Whether the match `m` of a query that walks a chosen index is a timeline entry: the view `match_timeline`
 * (migration 0017) holds the rule, read by primary key. A query with no index to choose reads the view itself.
 * For a query whose matches row is `m` (db/caseGlance.ts uses it too).
 */
export const IS_ENTRY = '(select e.is_entry from match_timeline e where e.id = m.id)';

/**
 * Every query of a page. Pages count, order and read only matches with a date, as case_weeks counts them: the
 * triggers of migration 0005 give every match its story's date, so none is left out in practice. Several carry
 * INDEXED BY: with no statistics SQLite would otherwise walk the case's whole timeline index and filter it.
 */
const SQL = {
  // Totals and the chart from the per-week counts that triggers keep (migration 0010): one row per week.
  weeks: 'select week, stories, entries, review from case_weeks where case_id = ?',
  // The newest timeline story: a walk down the covering index from the newest match that stops at the first one.
  latest: `select published_at from matches indexed by matches_case_timeline_idx
    where case_id = ? and status in ('auto', 'confirmed') and published_at is not null order by published_at desc limit 1`,
  // The latest entry of one stage: a walk down matches_case_stage_idx that stops at the first entry.
  stageAt: `select m.published_at from matches m indexed by matches_case_stage_idx
    where m.case_id = ? and m.stage = ? and m.published_at is not null and ${IS_ENTRY}
    order by m.published_at desc limit 1`,
  // The view, flattened into the query, walks matches_case_timeline_idx in page order.
  page: (dir: 'asc' | 'desc') =>
    `select m.story_id as id, m.lead_story_id as lead from match_timeline m where m.case_id = ? and m.published_at is not null and m.is_entry
     order by m.published_at ${dir}, m.story_id ${dir} limit ? offset ?`,
  // A seek per lead: without the hint SQLite walks the case's whole timeline index instead.
  copies: `select story_id as id from matches indexed by matches_case_lead_idx where case_id = ?
    and lead_story_id in (select value from json_each(?)) and status in ('auto', 'confirmed')`,
  review: (dir: 'asc' | 'desc') =>
    `select story_id as id from matches indexed by matches_case_status_idx where case_id = ? and status = 'review' and published_at is not null
     order by published_at ${dir}, story_id ${dir} limit ?`,
  stories: `select s.id as storyId, s.title, s.url, s.source, s.published_at as publishedAt, s.summary, s.summary_html as summaryHtml,
      m.score, m.reasons, m.status, m.stage, m.lead_story_id as leadStoryId, s.facts, s.article_text as articleText
    from matches m indexed by matches_case_story_uq join stories s on s.id = m.story_id
    where m.case_id = ? and m.story_id in (select value from json_each(?)) and m.status in ('auto', 'confirmed', 'review')`,
  rejected: `select s.id as storyId, s.title, s.url, s.source, s.published_at as publishedAt, s.summary, s.summary_html as summaryHtml,
      m.score, m.reasons, m.status, m.stage, m.lead_story_id as leadStoryId, s.facts
    from matches m indexed by matches_case_status_idx join stories s on s.id = m.story_id
    where m.case_id = ? and m.status = 'rejected' order by m.published_at desc, m.story_id desc`,
};

export interface TimelinePlan {
  /** Stories to load for the requested page: its entries and all their copies. */
  pageStoryIds: number[];
  /** Review-queue stories to load, in the requested order, at most `reviewLimit`. */
  reviewStoryIds: number[];
  totalEntries: number;
  totalStories: number;
  totalReview: number;
  /** The newest timeline story's date (copies included); null for an empty timeline. */
  latestAt: Date | null;
  page: number;
  pageCount: number;
  /** Timeline stories (copies included) per week, keyed by the week's Monday 00:00 UTC. */
  weeks: Map<number, number>;
  /** Each known stage the entries reached, with its latest date: enough for the case's latest stage. */
  stages: { stage: string; publishedAt: Date }[];
}

/** The newest timeline story's date (copies included), or null: one seek. */
export function caseLatestAt(db: Db, caseId: number): Date | null {
  const at = prepared(db, SQL.latest).pluck().get(caseId) as number | undefined;
  return at === undefined ? null : new Date(at);
}

/** Each known stage the case's entries reached, with its latest date (enough for `latestStage`): a seek per stage. */
export function caseStages(db: Db, caseId: number): { stage: string; publishedAt: Date }[] {
  const stageAt = prepared(db, SQL.stageAt).pluck();
  return LEGAL_STAGES.flatMap((stage) => {
    const at = stageAt.get(caseId, stage) as number | undefined;
    return at === undefined ? [] : [{ stage, publishedAt: new Date(at) }];
  });
}

export interface PlanOptions {
  order: 'newest' | 'oldest';
  page: number;
  perPage: number;
  reviewLimit: number;
  /** Past the last page: the last page (pages) rather than an empty one (API). */
  clampPage?: boolean;
}

/** The page's queries, for tests that check their plans. */
export const TIMELINE_SQL = SQL;

/** One page of a case's timeline and its totals, from case_weeks and the matches indexes (no story text is read). */
export function timelinePlan(db: Db, caseId: number, opts: PlanOptions): TimelinePlan {
  const totals = { entries: 0, stories: 0, review: 0 };
  const weeks = new Map<number, number>();
  // Arrays rather than objects per row: a third of the cost for a case with a few hundred weeks.
  for (const [week, stories, entries, review] of prepared(db, SQL.weeks).raw().all(caseId) as [number, number, number, number][]) {
    totals.entries += entries;
    totals.stories += stories;
    totals.review += review;
    if (stories > 0) weeks.set(week, stories);
  }
  const latestAt = caseLatestAt(db, caseId);
  const stages = caseStages(db, caseId);
  const pageCount = Math.max(1, Math.ceil(totals.entries / opts.perPage));
  const page = opts.clampPage ? Math.min(Math.max(1, opts.page), pageCount) : Math.max(1, opts.page);
  const dir = opts.order === 'newest' ? 'desc' : 'asc';
  const offset = (page - 1) * opts.perPage;
  const onPage = offset < totals.entries ? (prepared(db, SQL.page(dir)).all(caseId, Math.min(opts.perPage, totals.entries), offset) as { id: number; lead: number | null }[]) : [];
  // Only entries that lead themselves have copies folded under them.
  const leads = onPage.filter((e) => e.lead === null).map((e) => e.id);
  const copies = leads.length ? (prepared(db, SQL.copies).pluck().all(caseId, JSON.stringify(leads)) as number[]) : [];
  const review = opts.reviewLimit > 0 && totals.review > 0 ? (prepared(db, SQL.review(dir)).pluck().all(caseId, Math.min(opts.reviewLimit, totals.review)) as number[]) : [];
  return {
    pageStoryIds: [...onPage.map((e) => e.id), ...copies],
    reviewStoryIds: review,
    totalEntries: totals.entries,
    totalStories: totals.stories,
    totalReview: totals.review,
    latestAt,
    page,
    pageCount,
    weeks,
    stages,
  };
}

interface StorySqlRow {
  storyId: number;
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: number;
  summary: string;
  summaryHtml: string;
  score: number;
  reasons: string;
  status: TimelineStory['status'];
  stage: string | null;
  leadStoryId: number | null;
  facts: string | null;
  articleText?: string | null;
}

/**
 * The given stories of a case's timeline or review queue with their text, newest first; `articleText` is the
 * article read behind the link, when there is one (the caller picks an excerpt from it).
 */
export function timelineStories(db: Db, caseId: number, storyIds: readonly number[]): (TimelineStory & { articleText?: string | null })[] {
  if (storyIds.length === 0) return [];
  const rows = prepared(db, SQL.stories).all(caseId, JSON.stringify(storyIds)) as StorySqlRow[];
  // Sorted here, a page's worth of rows; the query seeks each story through matches_case_story_uq.
  rows.sort((a, b) => b.publishedAt - a.publishedAt || b.storyId - a.storyId);
  return toTimelineStories(rows);
}

/** The stories the user rejected on the case, with their text, newest first (for exports). */
export function rejectedTimelineStories(db: Db, caseId: number): TimelineStory[] {
  return toTimelineStories(prepared(db, SQL.rejected).all(caseId) as StorySqlRow[]);
}

function toTimelineStories(rows: StorySqlRow[]): TimelineStory[] {
  return rows.map((r) => ({
    ...r,
    publishedAt: new Date(r.publishedAt),
    reasons: JSON.parse(r.reasons) as string[],
    facts: r.facts ? (JSON.parse(r.facts) as TimelineStory['facts']) : null,
  }));
}
