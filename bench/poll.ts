// Section "poll" (issue 3): the real poller over 1,000 loopback feeds, full and unchanged; parse and store throughput.
import { createHash } from 'node:crypto';
import path from 'node:path';
import Parser from 'rss-parser';
import { decodeFeedBody } from '../core/feed/decode.ts';
import { parseFeed } from '../core/feed/parse.ts';
import type { NormalizedStory } from '../core/story.ts';
import { insertCase } from '../db/cases.ts';
import { insertFeed } from '../db/feeds.ts';
import { closeDb, inTransaction, openDb } from '../db/openDb.ts';
import { storeFeedStories } from '../db/stories.ts';
import { silentLogger } from '../jobs/logger.ts';
import { pollFeeds, type PollSummary } from '../jobs/pollFeeds.ts';
import { parseConfig } from '../server/config.ts';
import { buildContext } from '../server/main.ts';
import { startChild } from './lib/child.ts';
import { plainStory, rng } from './lib/corpus.ts';
import { FEED_CASES, rssFeed } from './lib/feedXml.ts';
import { num, progress, ratio, scratchDir, timed, timedSync, verdict, ms, type Row, type SectionReport } from './lib/report.ts';

const FEEDS = 1_000;
const ITEMS = 20;
const ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 1}`);
const PARSE_ITEMS = 500;
const PARSE_RUNS = 5;
const STORE_STORIES = 5_000;

interface Cycle {
  ms: number;
  summary: PollSummary;
}

/** The app's context on a new database tracking FEED_CASES, with `feeds` feeds spread over the server's hosts. */
function pollContext(dbPath: string, hosts: readonly string[], feeds: number): ReturnType<typeof buildContext> {
  const config = parseConfig({ PORT: '0', DATABASE_PATH: dbPath, OUTBOX_DIR: path.join(path.dirname(dbPath), 'outbox'), ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off', LOG_LEVEL: 'silent' });
  const ctx = buildContext(config, { log: silentLogger });
  const now = new Date();
  inTransaction(ctx.db, () => {
    for (const def of FEED_CASES) insertCase(ctx.db, { title: def.title, parties: def.parties, keywords: def.keywords, exclude: def.exclude }, now);
    for (let n = 0; n < feeds; n++) insertFeed(ctx.db, { url: `http://${hosts[n % hosts.length]}/feed/${n}.rss` }, now);
  });
  return ctx;
}

/** Waits until the jobs a poll left behind (the article job) have ended; returns how long that took. */
async function settle(ctx: ReturnType<typeof buildContext>): Promise<number> {
  const start = performance.now();
  while (ctx.jobs.busy) await new Promise((r) => setTimeout(r, 5));
  return performance.now() - start;
}

async function pollCycles(dir: string): Promise<{ full: Cycle; unchanged: Cycle; afterFullMs: number }> {
  progress(`poll: starting the feed server on ${ADDRESSES.length} loopback addresses (${FEEDS} feeds × ${ITEMS} items)`);
  const server = await startChild<{ hosts: string[] }>('./feedServer.ts', [String(FEEDS), String(ITEMS), ADDRESSES.join(',')]);
  const ctx = pollContext(path.join(dir, 'poll.db'), server.info.hosts, FEEDS);
  try {
    progress('poll: full cycle');
    const full = await timed(() => pollFeeds(ctx.poll, { all: true }));
    // The article job the poll queued looks at every new story (none is a teaser here): let it end first.
    const afterFullMs = await settle(ctx);
    progress('poll: unchanged cycle');
    const unchanged = await timed(() => pollFeeds(ctx.poll, { all: true }));
    await settle(ctx);
    return { full: { ms: full.ms, summary: full.value }, unchanged: { ms: unchanged.ms, summary: unchanged.value }, afterFullMs };
  } finally {
    closeDb(ctx.db);
    await server.stop();
  }
}

const TEXT_FEEDS = 200;

interface TextCycle {
  /** The poll plus the article job it leaves behind, until both have ended. */
  ms: number;
  stories: number;
  fetched: number;
  candidates: number;
}

/**
 * The same 200 teaser feeds polled into a fresh store twice: article reading off (`fullText: never`) and on
 * (`auto`). 5% of the items are about a tracked case; their article pages are on the feed server.
 */
async function fullTextCycles(dir: string): Promise<{ off: TextCycle; on: TextCycle }> {
  progress(`poll: starting the teaser feed server (${TEXT_FEEDS} feeds × ${ITEMS} items, article pages)`);
  const server = await startChild<{ hosts: string[] }>('./feedServer.ts', [String(TEXT_FEEDS), String(ITEMS), ADDRESSES.join(','), 'teasers']);
  try {
    const run = async (fullText: 'auto' | 'never'): Promise<TextCycle> => {
      const ctx = pollContext(path.join(dir, `text-${fullText}.db`), server.info.hosts, TEXT_FEEDS);
      try {
        ctx.db.$client.prepare('update feeds set full_text = ?').run(fullText);
        progress(`poll: teaser feeds, full text ${fullText === 'auto' ? 'on' : 'off'}`);
        const { ms: elapsed, value } = await timed(async () => {
          const summary = await pollFeeds(ctx.poll, { all: true });
          await settle(ctx);
          return summary;
        });
        const count = (where: string) => ctx.db.$client.prepare(`select count(*) from stories where ${where}`).pluck().get() as number;
        return { ms: elapsed, stories: value.newStories, fetched: count("article_state = 'fetched'"), candidates: count("article_state in ('fetched', 'failed', 'skipped')") };
      } finally {
        await ctx.jobs.close();
        closeDb(ctx.db);
      }
    };
    const off = await run('never');
    const on = await run('auto');
    return { off, on };
  } finally {
    await server.stop();
  }
}

async function parseThroughput(): Promise<{ oursItemsPerSec: number; baselineItemsPerSec: number; bytes: number }> {
  const body = Buffer.from(rssFeed(5_000, PARSE_ITEMS));
  const contentType = 'application/rss+xml; charset=utf-8';
  const ours = async () => {
    const parsed = await parseFeed(decodeFeedBody(body, contentType).text, { feedUrl: 'https://news.example.com/feed.rss', contentType });
    if (parsed.kind !== 'ok' || parsed.feed.stories.length !== PARSE_ITEMS) throw new Error('bench feed did not parse');
  };
  const parser = new Parser();
  const baseline = async () => void (await parser.parseString(body.toString('utf8')));
  const rate = async (fn: () => Promise<void>) => {
    await fn();
    await fn();
    const { ms: elapsed } = await timed(async () => {
      for (let i = 0; i < PARSE_RUNS; i++) await fn();
    });
    return (PARSE_ITEMS * PARSE_RUNS * 1000) / elapsed;
  };
  return { oursItemsPerSec: await rate(ours), baselineItemsPerSec: await rate(baseline), bytes: body.length };
}

function normalizedStories(): NormalizedStory[] {
  const r = rng(5);
  return Array.from({ length: STORE_STORIES }, (_, i) => {
    const s = plainStory(r, 600, i % 8 === 0);
    const url = `https://news.example.com/store/${i}`;
    return { guid: url, url, canonicalUrl: url, title: s.title, summary: s.summary, summaryHtml: `<p>${s.summary}</p>`, publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000), source: s.source, contentHash: createHash('sha256').update(s.title + s.summary).digest('hex') };
  });
}

/** Stories stored per second on a fresh on-disk database, in one transaction or one transaction per story. */
function storeThroughput(dir: string): { batchPerSec: number; singlePerSec: number } {
  const items = normalizedStories();
  const run = (name: string, store: (db: ReturnType<typeof openDb>, feedId: number) => void) => {
    const db = openDb(path.join(dir, `${name}.db`));
    try {
      const feedId = insertFeed(db, { url: `https://news.example.com/${name}.rss` }, new Date())!.id;
      const { ms: elapsed } = timedSync(() => store(db, feedId));
      return (STORE_STORIES * 1000) / elapsed;
    } finally {
      closeDb(db);
    }
  };
  const now = new Date();
  const batchPerSec = run('batch', (db, feedId) => inTransaction(db, () => storeFeedStories(db, feedId, items, now)));
  const singlePerSec = run('single', (db, feedId) => {
    for (const item of items) inTransaction(db, () => storeFeedStories(db, feedId, [item], now));
  });
  return { batchPerSec, singlePerSec };
}

const perMin = (c: Cycle) => (c.summary.feeds * 60_000) / c.ms;

export async function runPoll(): Promise<SectionReport> {
  const scratch = scratchDir('poll');
  try {
    const { full, unchanged, afterFullMs } = await pollCycles(scratch.dir);
    const text = await fullTextCycles(scratch.dir);
    progress('poll: parse throughput');
    const parse = await parseThroughput();
    progress('poll: store throughput');
    const store = storeThroughput(scratch.dir);
    const s = (c: Cycle) => `${c.summary.fetched} fetched, ${c.summary.notModified} not modified, ${c.summary.failed} failed`;
    const rows: Row[] = [
      {
        figure: `full cycle: ${num(FEEDS)} feeds × ${ITEMS} items, stories/s (feeds/min)`,
        value: `${num((full.summary.newStories * 1000) / full.ms)} (${num(perMin(full))})`,
        baseline: `${ms(full.ms)} (${s(full)}; ${num(full.summary.newStories)} stories, ${full.summary.newMatches} matches)`,
        goal: '≥ 3,000 stories/s',
        verdict: verdict((full.summary.newStories * 1000) / full.ms >= 3000 && full.summary.newStories === FEEDS * ITEMS),
      },
      { figure: 'article job after the full cycle (no teasers: each story looked at, none read)', value: ms(afterFullMs) },
      {
        figure: 'unchanged cycle (ETag → 304), feeds/min',
        value: num(perMin(unchanged)),
        baseline: `${ms(unchanged.ms)} (${s(unchanged)})`,
        ratio: `${ratio(perMin(unchanged) / perMin(full))} the full cycle`,
        goal: '≥ 5× cheaper',
        verdict: verdict(perMin(unchanged) / perMin(full) >= 5 && unchanged.summary.notModified === FEEDS),
      },
      {
        figure: `parse: ${PARSE_ITEMS}-item feed (${num(parse.bytes / 1024)} KB), items/s`,
        value: num(parse.oursItemsPerSec),
        baseline: `rss-parser alone ${num(parse.baselineItemsPerSec)}`,
        ratio: ratio(parse.oursItemsPerSec / parse.baselineItemsPerSec),
      },
      {
        figure: `store: ${num(STORE_STORIES)} new stories in one transaction, stories/s`,
        value: num(store.batchPerSec),
        baseline: `one transaction per story ${num(store.singlePerSec)}`,
        ratio: ratio(store.batchPerSec / store.singlePerSec),
      },
      {
        figure: `full text on: ${TEXT_FEEDS} teaser feeds × ${ITEMS} items, poll + article job`,
        value: `${ms(text.on.ms)} (${num(text.on.fetched)} of ${num(text.on.stories)} articles read)`,
        baseline: `full text off ${ms(text.off.ms)}`,
        ratio: `${ratio(text.on.ms / text.off.ms)} the cost`,
      },
      {
        figure: 'full text on: articles read per second of the extra time',
        value: num((text.on.fetched * 1000) / Math.max(1, text.on.ms - text.off.ms)),
        baseline: `${num(text.on.candidates)} teasers some case may need (${num((100 * text.on.candidates) / Math.max(1, text.on.stories), 2)}% of the stories)`,
      },
    ];
    return {
      name: 'poll',
      title: 'the poller: full vs unchanged cycle, parse and store throughput',
      rows,
      notes: [
        `Real \`pollFeeds\` with the context \`buildContext\` makes (SQLite file on disk, ${FEED_CASES.length} cases tracked, default 8 feeds at once and 2 per host); feeds are served from ${ADDRESSES.length} loopback addresses (${ADDRESSES[0]}–${ADDRESSES[ADDRESSES.length - 1]}) by a separate process.`,
        'Each item has a ~900-character HTML description; 12% are Chinese and 5% name a tracked case. The unchanged cycle sends the stored ETag and gets 304 for every feed.',
        `Parse: \`decodeFeedBody\` + \`parseFeed\`, ${PARSE_RUNS} runs after 2 warm-ups; baseline: rss-parser's \`parseString\` on the same text (the XML library, without our prep, sanitizing and normalizing).`,
        'Store: `storeFeedStories` on a fresh on-disk database (WAL, synchronous=NORMAL), without the poller\'s signature callback.',
        `Full text: the same items as teasers (first sentence, link to an article page with boilerplate on the feed server), polled into a fresh store with every feed's \`fullText\` set to \`never\`, then \`auto\`; timed until the article job has ended (2 requests per host, robots.txt asked once per host).`,
      ],
    };
  } finally {
    scratch.remove();
  }
}
