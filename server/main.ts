// Composition root: builds the context, serves HTTP, schedules the poller, and shuts down cleanly.
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeDb, openDb } from '../db/openDb.ts';
import { fetchFeed } from '../jobs/fetchFeed.ts';
import type { Logger } from '../jobs/logger.ts';
import { MatcherCache } from '../jobs/matchStories.ts';
import { outboxMailer, smtpMailer, type Mailer } from '../jobs/mailer.ts';
import { JobLock } from '../jobs/mutex.ts';
import { createScheduler, type Scheduler } from '../jobs/scheduler.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import type { AppContext } from './context.ts';
import { pollDueFeeds } from './services/feeds.ts';
import { runScheduledDigests } from './services/subscriptions.ts';

export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface ContextOptions {
  log: Logger;
  fetch?: AppContext['poll']['fetch'];
  mailer?: Mailer;
  now?: () => Date;
}

/** Opens the database (migrating it) and wires everything a route, job or command needs. */
export function buildContext(config: Config, opts: ContextOptions): AppContext & { shutdownController: AbortController } {
  const db = openDb(config.databasePath);
  const now = opts.now ?? (() => new Date());
  const shutdownController = new AbortController();
  const matchers = new MatcherCache();
  return {
    db,
    config,
    log: opts.log,
    matchers,
    now,
    version: VERSION,
    pollLock: new JobLock(),
    digestLock: new JobLock(),
    mailer: opts.mailer ?? (config.smtpUrl ? smtpMailer(config.smtpUrl) : outboxMailer(config.outboxDir)),
    shutdownSignal: shutdownController.signal,
    shutdownController,
    poll: {
      db,
      fetch: opts.fetch ?? fetchFeed,
      fetchOptions: { allowPrivate: config.allowPrivateFeeds, signal: shutdownController.signal },
      matchers,
      log: opts.log,
      now,
    },
  };
}

export interface Running {
  ctx: AppContext;
  url: string;
  server: Server;
  scheduler: Scheduler;
  /** Stops the scheduler, lets the poll in flight finish (its transactions are short), closes HTTP and the DB. */
  stop(): Promise<void>;
}

export async function serve(config: Config, opts: ContextOptions & { schedule?: boolean }): Promise<Running> {
  const ctx = buildContext(config, opts);
  const app = createApp(ctx);
  const scheduler = createScheduler(
    [
      { name: 'poll', schedule: config.pollSchedule, run: () => pollDueFeeds(ctx) },
      { name: 'digests', schedule: '* * * * *', run: () => runScheduledDigests(ctx) },
    ],
    ctx.log,
  );
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  if (opts.schedule !== false) scheduler.start();
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
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
      closeDb(ctx.db);
    })());
  return { ctx, url, server, scheduler, stop };
}
