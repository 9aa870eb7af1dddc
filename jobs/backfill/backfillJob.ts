// A case's backfill as a background job: candidates and matching off the main thread, results applied in short steps.
import { Piscina } from 'piscina';
import { caseById, toDefinition } from '../../db/cases.ts';
import { setJobParams } from '../../db/jobs.ts';
import { applyCaseMatchesBetween, type StoryMatch } from '../../db/matches.ts';
import { inTransaction, type Db } from '../../db/openDb.ts';
import { latestStoryId } from '../../db/stories.ts';
import { applyLeadChanges, caseLeadChangesStamped, reclusterCase } from '../../app/clusterStories.ts';
import type { JobHandle, JobHandler, JobOutcome } from '../jobRunner.ts';
import { runBackfillTask, type BackfillTask, type BackfillTaskResult } from './work.ts';

/** Runs backfill tasks: on worker threads for a database file, inline (yielding between tasks) otherwise. */
export interface BackfillExecutor {
  run(task: BackfillTask): Promise<BackfillTaskResult>;
  close(): Promise<void>;
}

/** Worker threads that read the database file through their own read-only connections. */
export function workerExecutor(threads: number, keepOneLoaded: boolean): BackfillExecutor {
  const pool = new Piscina({
    // Next to this module: jobs/backfill/worker.js in the sources, dist/worker.js in the compiled bundle.
    filename: new URL('./worker.js', import.meta.url).href,
    // A thread takes a while to load the matcher (and its dictionaries at the first Han name): a server keeps one loaded.
    minThreads: keepOneLoaded ? 1 : 0,
    maxThreads: threads,
    idleTimeout: 120_000,
  });
  return {
    run: (task) => pool.run(task) as Promise<BackfillTaskResult>,
    close: () => pool.destroy(),
  };
}

/** The same tasks on the main thread, one per turn of the event loop (an in-memory database, or workers off). */
export function inlineExecutor(db: Db): BackfillExecutor {
  return {
    run: async (task) => {
      await new Promise((r) => setImmediate(r));
      return runBackfillTask(task, db);
    },
    close: async () => undefined,
  };
}

/** Stories read per task: about 50–150 ms of matching on a worker, and a write step of a few ms on the main thread. */
export const MATCH_CHUNK = 1_000;

export interface BackfillDeps {
  db: Db;
  /** The database file the workers open (the tasks carry it). */
  dbPath: string;
  executor: BackfillExecutor;
  now: () => Date;
  /** Called when a backfill has matched every stored story (the article job then reads what the case may need). */
  onMatched?: (caseId: number) => void;
}

/**
 * Matches the case against the stories stored when the job began (ids up to `upTo`, kept in its params), in
 * id order. Each step applies the results for one range of ids with the job's cursor in one transaction, so a
 * cancel, a crash or a restart leaves every story matched by either the case's earlier definition or the
 * new one, and a resumed job continues after the cursor. Decisions stay as the user made them.
 */
export function backfillJob(deps: BackfillDeps): JobHandler {
  return { resumable: true, run: (job) => runBackfill(deps, job) };
}

async function runBackfill(deps: BackfillDeps, job: JobHandle): Promise<JobOutcome> {
  const { db, dbPath, executor, now } = deps;
  const caseId = job.caseId!;
  const c = caseById(db, caseId);
  if (!c) return { phrase: 'The case was removed before its stories were matched' };
  const def = toDefinition(c);
  const upTo = typeof job.params.upTo === 'number' ? job.params.upTo : latestStoryId(db);
  if (job.params.upTo === undefined) setJobParams(db, job.id, { ...job.params, upTo });
  let cursor = job.cursor ?? 0;
  let done = job.done;
  job.progress({ done, phrase: 'Finding the stored stories that name the case' });
  const ids = (await executor.run({ op: 'candidates', dbPath, def, after: cursor, upTo })) as number[];
  const total = done + ids.length;
  job.progress({ done, total, phrase: 'Matching stored stories' });
  const counts = { added: 0, updated: 0, removed: 0 };
  // Two tasks in flight: the worker matches the next chunk while this thread writes the last one.
  const chunks = Array.from({ length: Math.ceil(ids.length / MATCH_CHUNK) }, (_, i) => ids.slice(i * MATCH_CHUNK, (i + 1) * MATCH_CHUNK));
  const task = (chunk: number[]) => executor.run({ op: 'match', dbPath, def, ids: chunk }) as Promise<StoryMatch[]>;
  let next = chunks.length ? task(chunks[0]!) : null;
  for (let i = 0; i < chunks.length; i++) {
    const results = await next!;
    if (job.stopRequested()) return stopped(db, caseId, job, done, total);
    next = i + 1 < chunks.length ? task(chunks[i + 1]!) : null;
    const last = chunks[i]!.at(-1)!;
    const gone = inTransaction(db, () => {
      if (!caseById(db, caseId)) return true;
      const step = applyCaseMatchesBetween(db, caseId, cursor, last, results, now());
      counts.added += step.added;
      counts.updated += step.updated;
      counts.removed += step.removed;
      done += chunks[i]!.length;
      job.progress({ done, cursor: last });
      return false;
    });
    if (gone) return { phrase: 'The case was removed while its stories were matched' };
    cursor = last;
  }
  next?.catch(() => undefined);
  inTransaction(db, () => {
    if (!caseById(db, caseId)) return;
    // Past the last candidate nothing can match: machine matches left there are from the earlier definition.
    counts.removed += applyCaseMatchesBetween(db, caseId, cursor, upTo, [], now()).removed;
    job.progress({ done, phrase: 'Grouping copies of the same story', cursor: upTo });
  });
  // Grouping a large timeline takes a while: computed on the worker, written here unless the case changed meanwhile.
  const leads = (await executor.run({ op: 'clusters', dbPath, caseId })) as Awaited<ReturnType<typeof caseLeadChangesStamped>>;
  inTransaction(db, () => caseById(db, caseId) && applyLeadChanges(db, caseId, leads));
  const phrase = `Matched ${total.toLocaleString('en')} stored ${total === 1 ? 'story' : 'stories'}: ${counts.added} added, ${counts.removed} removed`;
  if (caseById(db, caseId)) deps.onMatched?.(caseId);
  return { phrase, result: { ...counts, candidates: total } };
}

/** A cancel or shutdown between steps: the steps applied stand; copies are regrouped so the timeline is whole. */
function stopped(db: Db, caseId: number, job: JobHandle, done: number, total: number): JobOutcome {
  if (job.stopRequested() === 'cancel') inTransaction(db, () => caseById(db, caseId) && reclusterCase(db, caseId));
  return { phrase: `Cancelled after ${done.toLocaleString('en')} of ${total.toLocaleString('en')} stories; the rest keep their earlier matches` };
}
