// Queries on jobs: background work with its progress, kept across restarts.
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from './openDb.ts';
import { jobs } from './schema.ts';

export type JobRow = typeof jobs.$inferSelect;
export type JobKind = JobRow['kind'];
export type JobState = JobRow['state'];

export function insertJob(db: Db, job: { kind: JobKind; caseId?: number | null; params: Record<string, unknown>; phrase: string }, now: Date): JobRow {
  return db
    .insert(jobs)
    .values({ kind: job.kind, state: 'queued', caseId: job.caseId ?? null, params: job.params, phrase: job.phrase, createdAt: now })
    .returning()
    .get();
}

export function jobById(db: Db, id: number): JobRow | null {
  return db.select().from(jobs).where(eq(jobs.id, id)).get() ?? null;
}

/** The newest jobs first; `caseId` narrows them to one case, `kinds` to some kinds. */
export function recentJobs(db: Db, opts: { limit: number; caseId?: number; kinds?: JobKind[] }): JobRow[] {
  const where = and(opts.caseId === undefined ? undefined : eq(jobs.caseId, opts.caseId), opts.kinds ? inArray(jobs.kind, opts.kinds) : undefined);
  return db.select().from(jobs).where(where).orderBy(desc(jobs.id)).limit(opts.limit).all();
}

/** Jobs a process left queued or running: a restart resumes or fails them. */
export function unfinishedJobs(db: Db): JobRow[] {
  return db.select().from(jobs).where(inArray(jobs.state, ['queued', 'running'])).orderBy(jobs.id).all();
}

/** The case's queued or running job of that kind, if any. */
export function activeCaseJob(db: Db, caseId: number, kind: JobKind): JobRow | null {
  return (
    db
      .select()
      .from(jobs)
      .where(and(eq(jobs.caseId, caseId), eq(jobs.kind, kind), inArray(jobs.state, ['queued', 'running'])))
      .orderBy(desc(jobs.id))
      .get() ?? null
  );
}

/** The oldest job of that kind still waiting to start, if any. */
export function queuedJobOfKind(db: Db, kind: JobKind): JobRow | null {
  return db.select().from(jobs).where(and(eq(jobs.kind, kind), eq(jobs.state, 'queued'), eq(jobs.cancelRequested, false))).orderBy(jobs.id).get() ?? null;
}

export function markJobRunning(db: Db, id: number, now: Date): void {
  db.update(jobs).set({ state: 'running', startedAt: now }).where(eq(jobs.id, id)).run();
}

/** Progress, and optionally the cursor: call it in the transaction that applied the work it counts. */
export function setJobProgress(db: Db, id: number, p: { done: number; total?: number | null; phrase?: string; cursor?: number | null }): void {
  db.update(jobs)
    .set({
      done: p.done,
      ...(p.total !== undefined ? { total: p.total } : {}),
      ...(p.phrase !== undefined ? { phrase: p.phrase } : {}),
      ...(p.cursor !== undefined ? { cursor: p.cursor } : {}),
    })
    .where(eq(jobs.id, id))
    .run();
}

/** Merges into the job's params (e.g. the snapshot a resumed backfill must keep). */
export function setJobParams(db: Db, id: number, params: Record<string, unknown>): void {
  db.update(jobs).set({ params }).where(eq(jobs.id, id)).run();
}

export function finishJob(db: Db, id: number, end: { state: 'done' | 'failed' | 'cancelled'; result?: Record<string, unknown> | null; error?: string | null; phrase?: string }, now: Date): void {
  db.update(jobs)
    .set({ state: end.state, result: end.result ?? null, error: end.error ?? null, finishedAt: now, ...(end.phrase !== undefined ? { phrase: end.phrase } : {}) })
    .where(eq(jobs.id, id))
    .run();
}

/** Asks a queued or running job to stop; false when it has already ended. */
export function requestJobCancel(db: Db, id: number): boolean {
  return db.update(jobs).set({ cancelRequested: true }).where(and(eq(jobs.id, id), inArray(jobs.state, ['queued', 'running']))).run().changes > 0;
}

export function jobCancelRequested(db: Db, id: number): boolean {
  return db.select({ c: jobs.cancelRequested }).from(jobs).where(eq(jobs.id, id)).get()?.c ?? false;
}

/** Forgets finished jobs older than `before` (the list of jobs keeps recent history only). */
export function pruneJobs(db: Db, before: Date): number {
  return db.delete(jobs).where(and(inArray(jobs.state, ['done', 'failed', 'cancelled']), lt(jobs.finishedAt, before))).run().changes;
}
