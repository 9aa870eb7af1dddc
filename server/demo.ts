// `casewatch demo`: an offline tour on the bundled sample feeds, with a throwaway database.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadDemoData, type DemoData } from '../demo/demoData.ts';
import { createLogger } from '../jobs/logger.ts';
import { parseConfig } from './config.ts';
import type { CliIO } from './cli.ts';
import { parseOr400 } from '../app/errors.ts';
import { serve, type Running } from './main.ts';
import { caseInputSchema } from '../app/schemas.ts';
import { caseTimeline, createCase, settled } from '../app/cases.ts';
import { addFeed, pollAllNow } from '../app/feeds.ts';
import { runDigestsNow, subscribe } from '../app/subscriptions.ts';
import { confirmSubscription } from '../db/subscriptions.ts';
import { readEml } from '../core/eml.ts';
import { listOutbox, readOutboxFile } from '../jobs/mailer.ts';
import type { AppContext } from '../app/context.ts';

/** Serves the bundled feeds on 127.0.0.1 at /feeds/<file>, with the content type a real server would send. */
export async function startDemoFeedServer(data: DemoData): Promise<{ server: Server; base: string }> {
  const byPath = new Map(data.feeds.map((f) => [`/feeds/${f.file}`, f]));
  const server = createServer((req, res) => {
    const feed = byPath.get((req.url ?? '/').split('?')[0]!);
    if (!feed) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': feed.contentType });
    res.end(feed.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export interface DemoResult {
  running: Running;
  feedServer: Server;
  timelineUrl: string;
  caseIds: number[];
  cleanup: () => Promise<void>;
}

/** Builds the demo; with `keepRunning` (the CLI) it then waits for Ctrl-C. */
export async function setUpDemo(port: number): Promise<DemoResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'casewatch-demo-'));
  const config = parseConfig({
    PORT: String(port),
    DATABASE_PATH: path.join(dataDir, 'demo.db'),
    OUTBOX_DIR: path.join(dataDir, 'outbox'),
    ALLOW_PRIVATE_FEEDS: '1',
    SEARCH_FEEDS: 'off',
    LOG_LEVEL: 'warn',
  });
  const data = loadDemoData();
  const feeds = await startDemoFeedServer(data);
  const running = await serve(config, { log: createLogger('warn', process.stderr), schedule: false });
  const ctx = running.ctx;
  const cases = data.cases;
  // Half the cases exist before the feeds are read (matched as stories arrive), half after (backfilled).
  // A confirmed reader of every case, so the demo's outbox shows a real digest.
  const reader = await subscribe(ctx, { caseId: null, channel: 'email', target: 'reader@example.com', frequency: 'immediate', hour: 8, weekday: 1, timezone: 'UTC' });
  confirmSubscription(ctx.db, reader.id, ctx.now());
  const half = Math.ceil(cases.length / 2);
  const caseIds: number[] = [];
  const add = async (c: unknown) => caseIds.push((await settled(ctx, createCase(ctx, parseOr400(caseInputSchema, c, 'demo case')))).case.id);
  for (const c of cases.slice(0, half)) await add(c);
  // The sample stories link to example.com pages that do not exist: the offline tour reads no article behind them.
  for (const f of data.feeds) await addFeed(ctx, { url: `${feeds.base}/feeds/${f.file}`, fullText: 'never' });
  await pollAllNow(ctx);
  for (const c of cases.slice(half)) await add(c);
  await runDigestsNow(ctx);
  const cleanup = async () => {
    await running.stop();
    await new Promise<void>((r) => feeds.server.close(() => r()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { running, feedServer: feeds.server, timelineUrl: `${running.url}/cases/${caseIds[0]}`, caseIds, cleanup };
}

/** The outbox page of the demo's digest (the outbox also holds the reader's confirmation email). */
export function demoDigestPath(ctx: AppContext): string | null {
  const dir = ctx.config.outboxDir;
  const digest = listOutbox(dir).find((o) => {
    const file = readOutboxFile(dir, o.name);
    return file !== null && !readEml(file).subject?.startsWith('Confirm your casewatch digest');
  });
  return digest ? `/subscriptions/outbox/${encodeURIComponent(digest.name)}/view` : null;
}

export async function runDemo(opts: { io: CliIO; port: number }): Promise<void> {
  const demo = await setUpDemo(opts.port);
  const { io } = opts;
  io.out('casewatch demo: sample feeds served from 127.0.0.1, throwaway database, no network needed.\n');
  for (const id of demo.caseIds) {
    const t = caseTimeline(demo.running.ctx, id);
    io.out(`  ${t.case.title}: ${t.entries.length} timeline entries, ${t.review.length} to review  ${demo.running.url}/cases/${id}`);
  }
  io.out(`\nOpen ${demo.timelineUrl} for the ByteDance v. Tian Keyu timeline, or ${demo.running.url}/ for all cases.`);
  const digest = demoDigestPath(demo.running.ctx);
  io.out(`See the digest a subscriber would get: ${demo.running.url}${digest ?? '/subscriptions'}`);
  io.out('Press Ctrl-C to stop; the demo database is deleted on exit.');
  await new Promise<void>((resolve) => {
    const stop = () => void demo.cleanup().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
