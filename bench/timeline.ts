// Section "timeline" (issue 5): a 2,000-entry case in a 1,000,000-story database, under load and alone.
import autocannon from 'autocannon';
import { deleteCase, insertCase } from '../db/cases.ts';
import { timelinePlan, timelineStories } from '../db/timeline.ts';
import { closeDb, inTransaction, openDb, type Db } from '../db/openDb.ts';
import { silentLogger } from '../jobs/logger.ts';
import { parseConfig } from '../server/config.ts';
import { buildContext } from '../server/main.ts';
import { caseTimeline } from '../app/cases.ts';
import { ensureBigDb } from './lib/bigDb.ts';
import { ensureTimelineCase } from './lib/timelineCase.ts';
import { startChild } from './lib/child.ts';
import { ms, num, percentile, progress, ratio, scratchDir, timedSync, verdict, type Row, type SectionReport } from './lib/report.ts';
import path from 'node:path';

const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 2;
const QUERY_CALLS = 1000;
/** Entries per page, as the page and the API serve them. */
const PER_PAGE = 100;

/**
 * A second case, ten times larger, for how the query grows with the timeline: every 50th story, each its own
 * entry, and every 100th of them (200) in the review queue, which a page also shows. Added for the measurement and
 * removed after it, so the cached database stays as the other sections expect.
 */
const LARGE_CASE_TITLE = 'Large timeline (bench)';
const LARGE_CASE_ENTRIES = 20_000;

function addLargeCase(db: Db): number {
  db.$client.prepare('delete from cases where title = ?').run(LARGE_CASE_TITLE);
  progress(`timeline: attaching ${num(LARGE_CASE_ENTRIES)} matches to a second bench case`);
  return inTransaction(db, () => {
    const c = insertCase(db, { title: LARGE_CASE_TITLE, parties: [{ name: 'Large Timeline Holdings', role: 'plaintiff' }] }, new Date(Date.UTC(2023, 0, 1)));
    db.$client
      .prepare(
        `insert into matches (case_id, story_id, score, reasons, status, stage, lead_story_id, created_at, updated_at)
         select ?, id, 0.9, '["plaintiff named: Large Timeline Holdings"]', case when id % 5000 = 0 then 'review' else 'auto' end,
           case when id % 7 = 0 then 'hearing' else null end, null, 0, 0
         from stories where id % 50 = 0 order by id limit ?`,
      )
      .run(c.id, LARGE_CASE_ENTRIES);
    return c.id;
  });
}

interface Latencies {
  p50: number;
  p99: number;
}

function callLatencies(fn: () => unknown): Latencies {
  // The earlier sections' garbage (10,000 compiled cases, a million-story build) is collected first, when the
  // bench runs with --expose-gc, so a full collection of it does not land inside this series; the measured
  // function's own garbage still counts.
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < 10; i++) fn();
  const samples = Array.from({ length: QUERY_CALLS }, () => timedSync(fn).ms);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  /** What went wrong, e.g. "36 timed out (10 s)"; '' when nothing did. */
  badDetail: string;
  kbPerResponse: number;
}

/** What every browser sends; the app then answers with the gzip it keeps per database state. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

async function load(url: string, headers: Record<string, string> = BROWSER): Promise<Load> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const detail = [r.timeouts && `${r.timeouts} timed out (10 s)`, r.errors - r.timeouts > 0 && `${r.errors - r.timeouts} connection errors`, r.non2xx && `${r.non2xx} non-2xx`].filter(Boolean).join(', ');
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.errors + r.non2xx, badDetail: detail, kbPerResponse: r.throughput.total / Math.max(1, r.requests.total) / 1024 };
}

async function loadRuns(file: string, caseId: number, dir: string): Promise<{ hello: Load; page: Load; api: Load; plainPage: Load }> {
  progress(`timeline: Express hello-world, ${CONNECTIONS} connections, ${DURATION_S} s`);
  const hello = await startChild<{ url: string }>('./appServer.ts', ['hello']);
  let helloLoad: Load;
  try {
    helloLoad = await load(`${hello.info.url}/`);
  } finally {
    await hello.stop();
  }
  const app = await startChild<{ url: string }>('./appServer.ts', ['app', file, dir]);
  try {
    progress(`timeline: /cases/${caseId}, ${CONNECTIONS} connections, ${DURATION_S} s`);
    const page = await load(`${app.info.url}/cases/${caseId}`);
    progress(`timeline: /api/cases/${caseId}/timeline, ${CONNECTIONS} connections, ${DURATION_S} s`);
    const api = await load(`${app.info.url}/api/cases/${caseId}/timeline`);
    progress(`timeline: /cases/${caseId} without Accept-Encoding, ${CONNECTIONS} connections, ${DURATION_S} s`);
    const plainPage = await load(`${app.info.url}/cases/${caseId}`, {});
    return { hello: helloLoad, page, api, plainPage };
  } finally {
    await app.stop();
  }
}

function loadRows(label: string, l: Load, hello: Load): Row[] {
  return [
    {
      figure: `${label}: requests/s (${num(l.kbPerResponse)} KB each)`,
      value: `${num(l.rps)}${l.badDetail ? ` (${l.badDetail})` : ''}`,
      baseline: `hello-world ${num(hello.rps)}`,
      ratio: ratio(l.rps / hello.rps),
      goal: '≥ 0.25×',
      verdict: verdict(l.rps / hello.rps >= 0.25 && l.bad === 0),
    },
    { figure: `${label}: latency p50 / p99`, value: `${ms(l.p50)} / ${ms(l.p99)}`, baseline: `hello-world p99 ${ms(hello.p99)}`, goal: 'p99 < 100 ms', verdict: verdict(l.p99 < 100) },
  ];
}

interface WriteCost {
  insert: number;
  update: number;
  remove: number;
}

/**
 * What the triggers that keep case_weeks (migrations 0010 and 0017) cost the writers: one case gets `n` matches in one
 * transaction, all move to review in one statement, then all are deleted; in a fresh in-memory database.
 */
function matchWrites(n: number, triggers: boolean): WriteCost {
  const db = openDb(':memory:');
  const sql = db.$client;
  try {
    sql.exec(`insert into cases (id, title, keywords, exclude, created_at, updated_at) values (1, 'A v. B', '[]', '[]', 0, 0);
      insert into feeds (id, url, next_fetch_at) values (1, 'http://127.0.0.1:9/f', 0);`);
    const story = sql.prepare("insert into stories (feed_id, guid, title, content_hash, published_at, fetched_at, updated_at) values (1, ?, 'T', 'h', ?, 0, 0)");
    sql.transaction(() => {
      for (let i = 0; i < n; i++) story.run(`g${i}`, Date.UTC(2024, 0, 1) + i * 600_000);
    })();
    if (!triggers) {
      const names = sql.prepare("select name from sqlite_master where type = 'trigger' and name like 'case_weeks_matches_%'").pluck().all() as string[];
      for (const t of names) sql.exec(`drop trigger ${t}`);
    }
    const match = sql.prepare("insert into matches (case_id, story_id, score, reasons, status, created_at, updated_at) values (1, ?, 1, '[]', 'auto', 0, 0)");
    const insert = timedSync(() => sql.transaction(() => {
      // Every tenth story copies the one before it, as syndicated copies do.
      for (let id = 1; id <= n; id++) match.run(id);
      sql.prepare('update matches set lead_story_id = story_id - 1 where story_id % 10 = 0').run();
    })()).ms;
    const update = timedSync(() => sql.prepare("update matches set status = 'review'").run()).ms;
    const remove = timedSync(() => sql.prepare('delete from matches').run()).ms;
    return { insert, update, remove };
  } finally {
    closeDb(db);
  }
}

function writeRows(): Row[] {
  progress('timeline: what the case_weeks triggers cost the writers (100,000 matches)');
  const small = matchWrites(10_000, true);
  const withT = matchWrites(100_000, true);
  const without = matchWrites(100_000, false);
  const triple = (w: WriteCost) => `${ms(w.insert)} / ${ms(w.update)} / ${ms(w.remove)}`;
  return [
    {
      figure: 'writing 100,000 matches of one case (insert + set copies / all to review / delete), with the case_weeks triggers',
      value: triple(withT),
      baseline: `without the triggers: ${triple(without)}`,
      ratio: `${ratio(withT.insert / without.insert)} / ${ratio(withT.update / without.update)} / ${ratio(withT.remove / without.remove)}`,
    },
    {
      figure: 'the same per match: 100,000 vs 10,000 matches in the case (constant if the triggers seek, not scan)',
      value: `${ms(withT.insert / 100)} / ${ms(withT.update / 100)} / ${ms(withT.remove / 100)} per 1,000`,
      baseline: `${ms(small.insert / 10)} / ${ms(small.update / 10)} / ${ms(small.remove / 10)} per 1,000`,
      ratio: ratio((withT.insert + withT.update + withT.remove) / 10 / (small.insert + small.update + small.remove)),
      goal: '≤ 2×',
      verdict: verdict((withT.insert + withT.update + withT.remove) / 10 / (small.insert + small.update + small.remove) <= 2),
    },
  ];
}

export async function runTimeline(): Promise<SectionReport> {
  progress('timeline: opening (or building, ~5 min the first time) the 1,000,000-story database');
  const { file } = ensureBigDb();
  const scratch = scratchDir('timeline');
  const config = parseConfig({ PORT: '0', DATABASE_PATH: file, OUTBOX_DIR: path.join(scratch.dir, 'outbox'), ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off', LOG_LEVEL: 'silent' });
  try {
    const ctx = buildContext(config, { log: silentLogger });
    let caseId: number;
    let entries: number;
    let query: Latencies;
    let raw: Latencies;
    let service: Latencies;
    let large: Latencies;
    let largeEntries: number;
    try {
      caseId = ensureTimelineCase(ctx.db);
      entries = caseTimeline(ctx, caseId, { perPage: 1 }).totalEntries;
      progress(`timeline: the query alone, ${QUERY_CALLS} calls`);
      // Floor for the query: reading the case's match rows through their index, without the stories.
      const sql = ctx.db.$client.prepare("select story_id from matches where case_id = ? and status in ('auto', 'confirmed', 'review')");
      raw = callLatencies(() => sql.all(caseId));
      // What GET /cases/:id reads: the page's ids, totals, weeks and stages from the index, then the page's stories.
      // In one read transaction, as caseTimeline runs them (one snapshot, one WAL read lock).
      query = callLatencies(() =>
        ctx.db.$client.transaction(() => {
          const plan = timelinePlan(ctx.db, caseId, { order: 'newest', page: 1, perPage: PER_PAGE, reviewLimit: 200 });
          return timelineStories(ctx.db, caseId, [...plan.pageStoryIds, ...plan.reviewStoryIds]);
        })(),
      );
      service = callLatencies(() => caseTimeline(ctx, caseId, { perPage: PER_PAGE, reviewLimit: 200 }));
      const largeId = addLargeCase(ctx.db);
      try {
        largeEntries = caseTimeline(ctx, largeId, { perPage: 1 }).totalEntries;
        large = callLatencies(() =>
          ctx.db.$client.transaction(() => {
            const plan = timelinePlan(ctx.db, largeId, { order: 'newest', page: 1, perPage: PER_PAGE, reviewLimit: 200 });
            return timelineStories(ctx.db, largeId, [...plan.pageStoryIds, ...plan.reviewStoryIds]);
          })(),
        );
      } finally {
        deleteCase(ctx.db, largeId);
      }
    } finally {
      closeDb(ctx.db);
    }
    const { hello, page, api, plainPage } = await loadRuns(file, caseId, scratch.dir);
    const rows: Row[] = [
      ...loadRows(`GET /cases/${caseId} (HTML page)`, page, hello),
      ...loadRows(`GET /api/cases/${caseId}/timeline`, api, hello),
      {
        figure: `GET /cases/${caseId} uncompressed (no Accept-Encoding): requests/s (${num(plainPage.kbPerResponse)} KB each); p99`,
        value: `${num(plainPage.rps)}${plainPage.badDetail ? ` (${plainPage.badDetail})` : ''}; ${ms(plainPage.p99)}`,
        baseline: `hello-world ${num(hello.rps)}`,
        ratio: ratio(plainPage.rps / hello.rps),
      },
      { figure: `timeline queries alone (totals, chart, stage, a page of ${PER_PAGE} entries): p50 / p99`, value: `${ms(query.p50)} / ${ms(query.p99)}`, baseline: `match ids alone: ${ms(raw.p50)} / ${ms(raw.p99)}`, ratio: `${ratio(query.p99 / raw.p99)} (p99)`, goal: 'p99 < 3 ms', verdict: verdict(query.p99 < 3) },
      { figure: 'caseTimeline (query + grouping, one page): p50 / p99', value: `${ms(service.p50)} / ${ms(service.p99)}`, baseline: `query p99 ${ms(query.p99)}`, ratio: `${ratio(service.p99 / query.p99)} (p99)` },
      {
        figure: `the same for a ${num(largeEntries)}-entry case with 200 to review (10× larger; 300 stories read instead of 100): p50 / p99`,
        value: `${ms(large.p50)} / ${ms(large.p99)}`,
        baseline: `${num(entries)}-entry case: ${ms(query.p50)} / ${ms(query.p99)}`,
        ratio: `${ratio(large.p50 / query.p50)} (p50)`,
      },
      ...writeRows(),
    ];
    return {
      name: 'timeline',
      title: `a ${num(entries)}-entry case in a 1,000,000-story database`,
      rows,
      notes: [
        `autocannon (in the bench process) with ${CONNECTIONS} connections for ${DURATION_S} s after a ${WARMUP_S} s warm-up; the app and the Express hello-world each run alone in their own process on 127.0.0.1, one after the other.`,
        'Requests carry `Accept-Encoding: gzip, deflate, br` as browsers send it (the hello-world ignores it); the last load row asks without it.',
        `The app is the real \`serve()\` (no password, loopback) on the cached database; the case's 2,000 matches are rows written directly (reasons from the real matcher, no clustering), so each is one entry.`,
        `Query figures: ${QUERY_CALLS} calls after 10 warm-ups, in this process, on an open connection.`,
      ],
    };
  } finally {
    scratch.remove();
  }
}
