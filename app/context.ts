// What every use case, route and command needs, built once by the composition root (server/main.ts) and passed in.
// The runners it holds (jobs/) and the server's config and response cache are named here by type only.
import type { Db } from '../db/openDb.ts';
import type { Logger } from '../jobs/logger.ts';
import type { MatcherCache } from './matchStories.ts';
import type { Mailer } from '../jobs/mailer.ts';
import type { JobLock } from '../jobs/mutex.ts';
import type { JobRunner } from '../jobs/jobRunner.ts';
import type { BackfillExecutor } from '../jobs/backfill/backfillJob.ts';
import type { PollDeps } from '../jobs/pollFeeds.ts';
import type { Config } from '../server/config.ts';
import type { ResponseCache } from '../server/responseCache.ts';

export interface AppContext {
  db: Db;
  config: Config;
  log: Logger;
  matchers: MatcherCache;
  poll: PollDeps;
  /** Serializes polls: the scheduler's tick and "poll now" never overlap. */
  pollLock: JobLock;
  mailer: Mailer;
  /** Serializes digest runs (scheduled and "send now"). */
  digestLock: JobLock;
  /** Aborted at shutdown so in-flight fetches end quickly. */
  shutdownSignal: AbortSignal;
  now: () => Date;
  version: string;
  /** Background work (backfills) with its progress in the jobs table. */
  jobs: JobRunner;
  /** Where a backfill's matching runs (worker threads, or inline for an in-memory database). */
  backfills: BackfillExecutor;
  /** Timeline pages and API bodies, reused while the database is unchanged. */
  responses: ResponseCache;
}
