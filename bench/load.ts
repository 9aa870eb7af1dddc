// Load on loopback: 100 connections for 30 s mixing timeline pages, API reads and case edits while polls write.
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { insertFeed } from '../db/feeds.ts';
import { pollFeeds } from '../jobs/pollFeeds.ts';
import { parseConfig } from '../server/config.ts';
import { serve } from '../server/main.ts';
import { createCase, settled } from '../app/cases.ts';
import { ms, num, progress, scratchDir, verdict, type SectionReport } from './lib/report.ts';

const FEEDS = 200;
const ITEMS = 20;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);

/** Varied wording from a seed, so unrelated stories do not look like copies of each other. */
function words(seed: number, count: number): string {
  let x = (seed + 1) * 2654435761;
  const next = () => ((x = Math.imul(x ^ (x >>> 15), 2246822519) ^ Math.imul(x ^ (x >>> 13), 3266489917)) >>> 0) % 50_000;
  return Array.from({ length: count }, () => `w${next()}`).join(' ');
}

/** Each poll cycle publishes new stories, so every poll writes while the readers read. */
function feedXml(n: number, cycle: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const k = cycle * ITEMS + i;
    // One story in ten is about the tracked case; the rest is other news, as in a real feed.
    const onCase = (n + k) % 10 === 0;
    const title = onCase ? `ByteDance and Tian Keyu: court filing ${n}.${k}` : `Market report ${n}.${k}: ${words(n * 100_003 + k, 6)}`;
    return `<item><title>${title}</title><link>https://load.example.com/${n}/${k}</link><guid>${n}-${k}</guid><pubDate>${new Date(Date.UTC(2024, 0, 1) + (n * 37 + k) * 21_600_000).toUTCString()}</pubDate><description>${words(n * 7919 + k, 40)}.</description></item>`;
  }).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Load feed ${n}</title>${items}</channel></rss>`;
}

export async function runLoad(): Promise<SectionReport> {
  const scratch = scratchDir('load');
  let cycle = 0;
  const feedServer = createServer((req, res) => {
    const n = Number((req.url ?? '').replace(/\D/g, ''));
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(n, cycle));
  });
  await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
  const feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;

  // Errors are what matter here: anything logged at error level (a 500, SQLITE_BUSY) is counted.
  const errors: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(line) });
  const config = parseConfig({ PORT: '0', DATABASE_PATH: path.join(scratch.dir, 'load.db'), OUTBOX_DIR: path.join(scratch.dir, 'outbox'), ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off' });
  const running = await serve(config, { log, schedule: false });
  const { ctx } = running;
  try {
    for (let n = 0; n < FEEDS; n++) insertFeed(ctx.db, { url: `${feedBase}/f${n}.rss` }, new Date());
    const { case: main } = await settled(ctx, createCase(ctx, { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }], keywords: ['sabotage'] }));
    const { case: edited } = await settled(ctx, createCase(ctx, { title: 'Acme v. Roe', parties: [{ name: 'Acme Robotics', role: 'plaintiff', aliases: [] }, { name: 'Jane Roe', role: 'defendant', aliases: [] }], keywords: [] }));
    progress(`seeding ${FEEDS} feeds × ${ITEMS} stories`);
    await pollFeeds({ ...ctx.poll, perHost: 8 }, { all: true });

    let polls = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop && !process.env.LOAD_NO_POLL) {
        cycle += 1;
        await ctx.pollLock.run(() => pollFeeds({ ...ctx.poll, perHost: 8 }, { all: true })).done;
        polls += 1;
      }
    })();

    progress(`${SECONDS} s of load: 100 connections`);
    // Tells a blocked server (one long synchronous step) from a merely busy one (requests queueing).
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const result = await autocannon({
      url: running.url,
      connections: 100,
      duration: SECONDS,
      // The load generator gets its own thread, so it does not steal the server's event loop.
      workers: 1,
      // A slow answer is not a failure: only a request unanswered after 30 s counts as one (p99 and max show the waits).
      timeout: 30,
      requests: (process.env.LOAD_ONLY ? (r: autocannon.Request[]) => [r[Number(process.env.LOAD_ONLY)]!] : (r: autocannon.Request[]) => r)([
        { method: 'GET', path: `/cases/${main.id}` },
        { method: 'GET', path: `/api/cases/${main.id}/timeline` },
        { method: 'GET', path: '/api/stories?limit=20&q=ByteDance' },
        { method: 'GET', path: '/' },
        {
          method: 'PATCH',
          path: `/api/cases/${edited.id}`,
          headers: { 'content-type': 'application/json' },
          // Every PATCH saves the case and re-matches it against the stored stories.
          body: JSON.stringify({ keywords: ['sabotage', 'court filing'] }),
        },
      ]),
    });
    stop = true;
    loopDelay.disable();
    await writer;
    const total = result.requests.total;
    const busy = errors.filter((e) => /SQLITE_BUSY/.test(e)).length;
    const stories = (ctx.db.$client.prepare('select count(*) n from stories').get() as { n: number }).n;
    return {
      name: 'load',
      title: `100 connections for ${SECONDS} s: timeline page, timeline API, search, case list and case edits, while polls write`,
      rows: [
        { figure: 'requests', value: num(total), baseline: `${num(result.requests.average)}/s average` },
        { figure: 'latency p50 / p99 / max', value: `${ms(result.latency.p50)} / ${ms(result.latency.p99)} / ${ms(result.latency.max)}` },
        { figure: 'event-loop delay p99 / max (the longest the server could not answer anyone)', value: `${ms(loopDelay.percentile(99) / 1e6)} / ${ms(loopDelay.max / 1e6)}` },
        { figure: 'non-2xx answers', value: num(result.non2xx), goal: '0', verdict: verdict(result.non2xx === 0) },
        { figure: 'connection errors and timeouts', value: `${result.errors} / ${result.timeouts}`, goal: '0 / 0', verdict: verdict(result.errors === 0 && result.timeouts === 0) },
        { figure: 'SQLITE_BUSY or other errors logged', value: `${busy} / ${errors.length}`, goal: '0 / 0', verdict: verdict(errors.length === 0) },
        { figure: 'poll cycles completed during the load', value: `${polls} (${num(stories)} stories stored by the end)` },
      ],
      notes: [
        'All requests go through the real app (helmet, validation, SQLite in WAL mode) on 127.0.0.1; autocannon runs in a worker thread of the same process on the 2-core machine.',
        `Each poll cycle re-fetches ${FEEDS} feeds that publish ${ITEMS} new stories each (one in ten about the tracked case, dates spread over months), so every cycle writes ${FEEDS * ITEMS} stories and their matches while the readers read.`,
      ],
    };
  } finally {
    await running.stop();
    await new Promise<void>((r) => feedServer.close(() => r()));
    scratch.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatSection } = await import('./lib/report.ts');
  console.log(formatSection(await runLoad()));
}
