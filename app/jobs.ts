// Use cases for background jobs: start a case's backfill, list jobs, report one, cancel one.
import { activeCaseJob, jobById, recentJobs, type JobRow } from '../db/jobs.ts';
import { caseById } from '../db/cases.ts';
import type { JobProgressView } from './pageViews.ts';
import type { AppContext } from './context.ts';
import { notFound } from './errors.ts';

export interface JobView {
  id: number;
  kind: JobRow['kind'];
  state: JobRow['state'];
  caseId: number | null;
  done: number;
  total: number | null;
  phrase: string;
  error: string | null;
  result: Record<string, unknown> | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** The job in the API and its page. */
  url: string;
  page: string;
}

export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    caseId: row.caseId,
    done: row.done,
    total: row.total,
    phrase: row.phrase,
    error: row.error,
    result: row.result ?? null,
    cancelRequested: row.cancelRequested,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    url: `/api/jobs/${row.id}`,
    page: `/jobs/${row.id}`,
  };
}

/**
 * Queues the matching of the case against the stored stories. A backfill of the same case still queued or
 * running is cancelled first: the new one covers every story with the case as it is now.
 */
export function startBackfill(ctx: AppContext, caseId: number): JobRow {
  const previous = activeCaseJob(ctx.db, caseId, 'backfill');
  if (previous) ctx.jobs.cancel(previous.id);
  return ctx.jobs.start('backfill', { caseId, phrase: 'Waiting to match stored stories' });
}

/** Cancels the case's backfill, if one is queued or running (before the case is removed). */
export function cancelCaseJobs(ctx: AppContext, caseId: number): void {
  const active = activeCaseJob(ctx.db, caseId, 'backfill');
  if (active) ctx.jobs.cancel(active.id);
}

export function getJob(ctx: AppContext, id: number): JobRow {
  const row = jobById(ctx.db, id);
  if (!row) throw notFound(`job ${id}`);
  return row;
}

export function listJobs(ctx: AppContext, opts: { limit: number; caseId?: number }): JobRow[] {
  return recentJobs(ctx.db, opts);
}

export function cancelJob(ctx: AppContext, id: number): JobRow {
  const row = ctx.jobs.cancel(id);
  if (!row) throw notFound(`job ${id}`);
  return row;
}

/** How long the feeds page keeps showing how a poll or an import's fetch ended. */
const FEEDS_JOB_SHOWN_MS = 10 * 60_000;

/** The newest poll or import fetch, while it runs or for a while after it ended (the feeds page shows it). */
export function feedsJobShown(ctx: AppContext): JobProgressView | null {
  const latest = recentJobs(ctx.db, { limit: 1, kinds: ['poll', 'import'] })[0];
  if (!latest) return null;
  const ended = latest.finishedAt && ctx.now().getTime() - latest.finishedAt.getTime() > FEEDS_JOB_SHOWN_MS;
  return ended ? null : toJobProgress(ctx, latest);
}

/** The job as the pages show it, with the title of its case. */
export function toJobProgress(ctx: AppContext, row: JobRow): JobProgressView {
  const { url: _url, page: _page, result: _result, startedAt: _started, ...view } = toJobView(row);
  return { ...view, caseTitle: row.caseId === null ? null : (caseById(ctx.db, row.caseId)?.title ?? null) };
}

/**
 * The backfill a case page shows: the newest one while it is queued or running, or when it did not finish
 * (cancelled or failed: the timeline may be incomplete). A finished one is not shown.
 */
export function caseBackfillShown(ctx: AppContext, caseId: number): JobProgressView | null {
  const latest = recentJobs(ctx.db, { limit: 1, caseId })[0];
  if (!latest || latest.kind !== 'backfill' || latest.state === 'done') return null;
  return toJobProgress(ctx, latest);
}
