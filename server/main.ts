// Composition root: builds the context, serves HTTP, schedules the poller, and shuts down cleanly.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeDb, openDb } from '../db/openDb.ts';
import { fetchFeed } from '../jobs/fetchFeed.ts';
import type { Logger } from '../jobs/logger.ts';
import { MatcherCache } from '../app/matchStories.ts';
import { outboxMailer, smtpMailer, type Mailer } from '../jobs/mailer.ts';
import { JobLock } from '../jobs/mutex.ts';
import { JobRunner } from '../jobs/jobRunner.ts';
import { pollJob } from '../jobs/pollJob.ts';
import { backfillJob, inlineExecutor, workerExecutor } from '../jobs/backfill/backfillJob.ts';
import { articlesJob, queueArticles } from '../jobs/articles/articlesJob.ts';
import { reviewStoriesWithoutArticle } from '../db/articles.ts';
import { PageFetcher } from '../jobs/articles/pageFetcher.ts';
import { createScheduler, type Scheduler } from '../jobs/scheduler.ts';
import { createApp } from './app.ts';
import { ConfigError, type Config } from './config.ts';
import { ResponseCache } from './responseCache.ts';
import { hashPassword } from './auth.ts';
import type { AppContext } from '../app/context.ts';
import { pollDueFeeds } from '../app/feeds.ts';
import { pruneNow, removePidFile, writePidFile } from '../app/maintenance.ts';
import { runScheduledDigests } from '../app/subscriptions.ts';
import { VERSION } from './version.ts';

export { VERSION } from './version.ts';

export interface ContextOptions {
  log: Logger;
  fetch?: AppContext['poll']['fetch'];
  mailer?: Mailer;
  now?: () => Date;
  /** Keep a backfill thread loaded (a server: the first save then starts at once instead of after ~1 s). */
  warmWorkers?: boolean;
}

/** Opens the database (migrating it) and wires everything a route, job or command needs. */
export function buildContext(config: Config, opts: ContextOptions): AppContext & { shutdownController: AbortController } {
  const db = openDb(config.databasePath);
  const now = opts.now ?? (() => new Date());
  const shutdownController = new AbortController();
  const matchers = new MatcherCache();
  const inMemory = config.databasePath === ':memory:' || config.backfillThreads === 0;
  const backfills = inMemory ? inlineExecutor(db) : workerExecutor(config.backfillThreads, opts.warmWorkers ?? false);
  const pollLock = new JobLock();
  const fetch = opts.fetch ?? fetchFeed;
  const fetchOptions = { allowPrivate: config.allowPrivateFeeds, signal: shutdownController.signal };
  // Stories a poll stores are handed to the article job, which runs on its own (a slow site never holds up a poll).
  let jobs: JobRunner | null = null;
  const onStored = (storyIds: number[]) => void (jobs && queueArticles(db, jobs, storyIds));
  const poll = { db, fetch, fetchOptions, matchers, log: opts.log, now, onStored };
  // Politeness waits run on the real clock, whatever clock the app is given.
  const pages = new PageFetcher({ fetch, fetchOptions, perHost: config.articlesPerHost });
  const handlers = {
    // A case matched against the stored stories may need the articles behind teasers it holds for review.
    backfill: backfillJob({ db, dbPath: config.databasePath, executor: backfills, now, onMatched: (caseId) => void (jobs && queueArticles(db, jobs, reviewStoriesWithoutArticle(db, caseId))) }),
    poll: pollJob({ poll, lock: pollLock }),
    import: pollJob({ poll, lock: pollLock }),
    articles: articlesJob({ db, pages, matchers, log: opts.log, now }),
  };
  // One article job at a time: the other slot stays free for backfills and "poll now".
  jobs = new JobRunner({ db, log: opts.log, now, handlers, limits: { articles: 1 } });
  return {
    jobs,
    backfills,
    db,
    config,
    log: opts.log,
    matchers,
    now,
    version: VERSION,
    responses: new ResponseCache(),
    pollLock,
    digestLock: new JobLock(),
    mailer: opts.mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl) : outboxMailer(config.outboxDir)),
    shutdownSignal: shutdownController.signal,
    shutdownController,
    poll,
  };
}

/** Lets running jobs reach a consistent point (they resume at the next start), then closes the database. */
export async function closeContext(ctx: AppContext & { shutdownController?: AbortController }): Promise<void> {
  // Fetches in flight (an article job's pages) end now rather than at their timeouts; their jobs resume at the next start.
  ctx.shutdownController?.abort();
  await ctx.jobs.close();
  await ctx.backfills.close();
  closeDb(ctx.db);
}

/** Requests Node refuses before Express sees them (oversized headers or URL, malformed HTTP) still get words. */
function answerClientError(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'the request headers or URL are too long'] : [400, 'Bad Request', 'the request is not valid HTTP'];
  const body = JSON.stringify({ error: message });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export interface Running {
  ctx: AppContext;
  url: string;
  server: Server;
  scheduler: Scheduler;
  /** Stops the scheduler, lets the poll in flight finish (its transactions are short), closes HTTP and the DB. */
  stop(): Promise<void>;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Without a password the app must not be reachable from other machines unless the operator says so. */
export function checkExposure(config: Config): void {
  if (!config.adminPassword && !config.allowOpen && !isLoopback(config.host)) {
    throw new ConfigError(`refusing to listen on HOST=${config.host} without ADMIN_PASSWORD: anyone who can reach it could read and change your cases; set ADMIN_PASSWORD, or ALLOW_OPEN=1 to serve it open anyway`);
  }
}

export async function serve(config: Config, opts: ContextOptions & { schedule?: boolean }): Promise<Running> {
  checkExposure(config);
  // The password is hashed here and the plain text dropped from the config the app sees.
  const password = config.adminPassword ? hashPassword(config.adminPassword) : null;
  const ctx = buildContext({ ...config, adminPassword: null }, { warmWorkers: true, ...opts });
  const app = createApp(ctx, password);
  // Backfills a stopped process left half done continue; other interrupted jobs are marked failed.
  ctx.jobs.recover();
  const scheduler = createScheduler(
    [
      { name: 'poll', schedule: config.pollSchedule, run: () => pollDueFeeds(ctx) },
      { name: 'digests', schedule: '* * * * *', run: () => runScheduledDigests(ctx) },
      { name: 'prune', schedule: '17 3 * * *', run: async () => pruneNow(ctx) },
    ],
    ctx.log,
  );
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  server.on('clientError', answerClientError);
  if (opts.schedule !== false) scheduler.start();
  const pidFile = writePidFile(config.databasePath);
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  // Links in emails and feeds must carry the real port (PORT=0 picks one at listen time).
  if (!config.baseUrlExplicit) ctx.config.baseUrl = url;
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await scheduler.stop();
      ctx.shutdownController.abort();
      await Promise.all([ctx.pollLock.idle(7000), ctx.digestLock.idle(7000)]);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      ctx.mailer.close();
      await closeContext(ctx);
      removePidFile(pidFile);
    })());
  return { ctx, url, server, scheduler, stop };
}
