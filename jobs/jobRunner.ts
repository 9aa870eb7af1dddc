// Runs background jobs (backfills, imports, "poll now") from the jobs table: progress, cancel, resume after a restart.
import { finishJob, insertJob, jobById, markJobRunning, requestJobCancel, setJobProgress, unfinishedJobs, type JobKind, type JobRow } from '../db/jobs.ts';
import type { Db } from '../db/openDb.ts';
import type { Logger } from './logger.ts';

/** What a handler sees of its job. */
export interface JobHandle {
  readonly id: number;
  readonly caseId: number | null;
  readonly params: Record<string, unknown>;
  /** Where a resumed job left off (null on a first run). */
  readonly cursor: number | null;
  /** Work already counted as done (a resumed job continues from it). */
  readonly done: number;
  /** Set once the job should stop at its next consistent point: the user cancelled it, or the app is stopping. */
  stopRequested(): 'cancel' | 'shutdown' | null;
  /** Records progress; pass `cursor` only inside the transaction that applied the work up to it. */
  progress(p: { done: number; total?: number | null; phrase?: string; cursor?: number | null }): void;
}

export interface JobOutcome {
  result?: Record<string, unknown>;
  /** The phrase the finished job keeps ("Matched 241,200 stories: 35 on the timeline"). */
  phrase?: string;
}

export interface JobHandler {
  run(job: JobHandle): Promise<JobOutcome>;
  /** A job that keeps its cursor with its work can continue after a restart; others are marked failed. */
  resumable: boolean;
}

interface Running {
  kind: JobKind;
  stop: 'cancel' | 'shutdown' | null;
  done: Promise<void>;
}

export interface JobRunnerDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  handlers: Partial<Record<JobKind, JobHandler>>;
  /** Jobs run at once; more wait queued. */
  concurrency?: number;
  /** At most this many jobs of a kind run at once (the article job: one, so it never takes every slot). */
  limits?: Partial<Record<JobKind, number>>;
}

export class JobRunner {
  readonly #deps: JobRunnerDeps;
  readonly #running = new Map<number, Running>();
  readonly #waiters = new Map<number, ((row: JobRow) => void)[]>();
  /** Jobs this runner queued or took over at start: another process (the CLI) runs its own. */
  readonly #mine = new Set<number>();
  #closed = false;

  constructor(deps: JobRunnerDeps) {
    this.#deps = deps;
  }

  /** Queues a job and returns its row at once; it starts as soon as a slot is free. */
  start(kind: JobKind, job: { caseId?: number | null; params?: Record<string, unknown>; phrase: string }): JobRow {
    const row = insertJob(this.#deps.db, { kind, caseId: job.caseId ?? null, params: job.params ?? {}, phrase: job.phrase }, this.#deps.now());
    this.#mine.add(row.id);
    this.#pump();
    return row;
  }

  /** Resolves with the job's row once it has ended (done, failed or cancelled). */
  wait(id: number): Promise<JobRow> {
    const row = jobById(this.#deps.db, id);
    if (!row) return Promise.reject(new Error(`no job ${id}`));
    if (row.state !== 'queued' && row.state !== 'running') return Promise.resolve(row);
    return new Promise((resolve) => this.#waiters.set(id, [...(this.#waiters.get(id) ?? []), resolve]));
  }

  /**
   * Asks the job to stop. A queued job ends at once; a running one at its next consistent point. Returns the
   * job's row, or null when there is no such job. A job that has already ended is left as it is.
   */
  cancel(id: number): JobRow | null {
    const row = jobById(this.#deps.db, id);
    if (!row) return null;
    if (!requestJobCancel(this.#deps.db, id)) return row;
    const running = this.#running.get(id);
    if (running) running.stop = 'cancel';
    else this.#finish(id, { state: 'cancelled', phrase: 'Cancelled before it started' });
    return jobById(this.#deps.db, id);
  }

  /**
   * After a start: jobs a previous process left running or queued continue (resumable kinds) or are marked
   * failed with the reason, so nothing stays "running" forever.
   */
  recover(): void {
    for (const row of unfinishedJobs(this.#deps.db)) {
      const handler = this.#deps.handlers[row.kind];
      if (row.state === 'running' && !handler?.resumable) {
        this.#finish(row.id, { state: 'failed', error: 'interrupted: casewatch stopped while this ran; start it again' });
      } else if (row.cancelRequested) {
        this.#finish(row.id, { state: 'cancelled', phrase: 'Cancelled' });
      } else {
        this.#mine.add(row.id);
      }
    }
    this.#pump();
  }

  /** Stops taking jobs; running ones stop at their next consistent point and stay queued for the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const r of this.#running.values()) r.stop ??= 'shutdown';
    await Promise.all([...this.#running.values()].map((r) => r.done));
  }

  /** Whether any job is queued or running in this process. */
  get busy(): boolean {
    return this.#running.size > 0;
  }

  #pump(): void {
    if (this.#closed) return;
    const slots = (this.#deps.concurrency ?? 2) - this.#running.size;
    if (slots <= 0) return;
    const next = unfinishedJobs(this.#deps.db).filter((r) => this.#mine.has(r.id) && !this.#running.has(r.id) && this.#deps.handlers[r.kind]);
    const runningOf = new Map<JobKind, number>();
    for (const { kind } of this.#running.values()) runningOf.set(kind, (runningOf.get(kind) ?? 0) + 1);
    let started = 0;
    for (const row of next) {
      if (started >= slots) break;
      const limit = this.#deps.limits?.[row.kind];
      if (limit !== undefined && (runningOf.get(row.kind) ?? 0) >= limit) continue;
      runningOf.set(row.kind, (runningOf.get(row.kind) ?? 0) + 1);
      started += 1;
      this.#launch(row);
    }
  }

  #launch(row: JobRow): void {
    const handler = this.#deps.handlers[row.kind]!;
    const { db, now, log } = this.#deps;
    const running: Running = { kind: row.kind, stop: null, done: Promise.resolve() };
    this.#running.set(row.id, running);
    markJobRunning(db, row.id, row.startedAt ?? now());
    const handle: JobHandle = {
      id: row.id,
      caseId: row.caseId,
      params: row.params,
      cursor: row.cursor,
      done: row.done,
      stopRequested: () => running.stop,
      progress: (p) => setJobProgress(db, row.id, p),
    };
    // Started on the next turn: the request that queued the job answers first.
    running.done = new Promise<void>((r) => setImmediate(r))
      .then(() => handler.run(handle))
      .then(
        (outcome) => {
          if (running.stop === 'shutdown') return log.info({ jobId: row.id }, 'job paused for shutdown; it resumes at the next start');
          const state = running.stop === 'cancel' ? 'cancelled' : 'done';
          this.#finish(row.id, { state, result: outcome.result ?? null, ...(outcome.phrase ? { phrase: outcome.phrase } : {}) });
        },
        (err: unknown) => {
          log.error({ err, jobId: row.id, kind: row.kind }, 'job failed');
          this.#finish(row.id, { state: 'failed', error: err instanceof Error ? err.message : String(err) });
        },
      )
      .finally(() => {
        this.#running.delete(row.id);
        this.#mine.delete(row.id);
        this.#pump();
      });
  }

  #finish(id: number, end: Parameters<typeof finishJob>[2]): void {
    finishJob(this.#deps.db, id, end, this.#deps.now());
    const row = jobById(this.#deps.db, id)!;
    for (const resolve of this.#waiters.get(id) ?? []) resolve(row);
    this.#waiters.delete(id);
  }
}
