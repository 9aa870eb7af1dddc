// Section "background" (issue 15): saving a case found in ~240,000 stories while readers load pages and /api/health.
import { constants, copyFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { insertCase, toDefinition, type CaseInput } from '../db/cases.ts';
import { closeDb, inTransaction, openDb, type Db } from '../db/openDb.ts';
import { latestStoryId } from '../db/stories.ts';
import { backfillCase, candidateIdsBetween, candidateStories } from '../app/matchStories.ts';
import { parseConfig } from '../server/config.ts';
import { BACKFILL_CASE, BIG_DB_STORIES, COMMON_WORD_CASE, ensureBigDb } from './lib/bigDb.ts';
import { ask, startChild, type Child, type LoopDelay, type LoopDelayRequest } from './lib/child.ts';
import { ms, num, progress, ratio, scratchDir, timed, timedSync, verdict } from './lib/report.ts';
import type { Row, SectionReport } from './lib/report.ts';
import { ensureTimelineCase } from './lib/timelineCase.ts';

/** Seconds of reader load with no backfill running: the baselines. */
const IDLE_S = 10;
/** Readers, not saturation: a few people paging through timelines and a monitor probing health. */
const PAGES = { connections: 4, overallRate: 20 };
const HEALTH = { connections: 2, overallRate: 20 };
const POLL_MS = 250;
const JOB_DEADLINE_MS = 10 * 60_000;
/** The blocking baseline is the faster of these runs: the first also compiles the matcher's dictionaries. */
const BLOCKING_RUNS = 2;
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
const STALLS_SHOWN = 8;

interface JobJson {
  id: number;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number | null;
  error: string | null;
  result: { added?: number; candidates?: number } | null;
  finishedAt: string | null;
  url: string;
}

class Rollback extends Error {}

/** Runs fn in a transaction that is rolled back, so the database stays as it was. */
function rolledBack(db: Db, fn: () => void): void {
  try {
    inTransaction(db, () => {
      fn();
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
}

/**
 * A copy the server may write to, keeping the cache as the other sections expect. Commits may still sit in the
 * -wal file (bench/timeline.ts adds its case to the cache); the -shm is only an index of the WAL, rebuilt on open.
 */
function copyBigDb(file: string, dir: string): string {
  const copy = path.join(dir, 'stories.db');
  copyFileSync(file, copy, constants.COPYFILE_FICLONE);
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  return copy;
}

interface Blocking {
  ms: number;
  added: number;
  candidates: number;
}

/** The save as it was before issue 15: insertCase and backfillCase in one synchronous pass, rolled back. */
function blockingBackfill(db: Db, input: CaseInput): Blocking {
  let candidates = 0;
  const runs: { ms: number; added: number }[] = [];
  for (let i = 0; i < BLOCKING_RUNS; i++) {
    rolledBack(db, () => {
      const def = toDefinition(insertCase(db, input, new Date()));
      if (i === 0) {
        // The job's own candidate query (candidateStoryIds over the case's terms), up to the newest story as a job
        // reads; then the stories are read once, to warm the page cache as a live instance has it warm.
        candidates = candidateIdsBetween(db, def, 0, latestStoryId(db)).length;
        candidateStories(db, def);
      }
      const { ms: elapsed, value } = timedSync(() => backfillCase(db, def, new Date()));
      runs.push({ ms: elapsed, added: value.added });
    });
  }
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...best, candidates };
}

interface Readers {
  pages: autocannon.Result;
  health: autocannon.Result;
}

/** Paced timeline-page and health readers; they run `seconds` unless stopped first. */
function startReaders(base: string, caseId: number, seconds: number): { stop(): void; done: Promise<Readers> } {
  // A slow answer is a latency, not a failure: only one unanswered after 30 s counts as failed.
  const common = { duration: seconds, timeout: 30, headers: BROWSER };
  const pages = autocannon({ ...common, ...PAGES, url: `${base}/cases/${caseId}` });
  const health = autocannon({ ...common, ...HEALTH, url: `${base}/api/health` });
  return {
    stop: () => {
      pages.stop();
      health.stop();
    },
    done: Promise.all([pages, health]).then(([p, h]) => ({ pages: p, health: h })),
  };
}

const loopDelayOf = (m: unknown) => (m as { loopDelay?: unknown } | null)?.loopDelay;
const isStarted = (m: unknown): m is { loopDelay: 'started' } => loopDelayOf(m) === 'started';
const isDelay = (m: unknown): m is { loopDelay: LoopDelay } => typeof loopDelayOf(m) === 'object';

/** The server measures its own event-loop delay from now on (see bench/lib/appServer.ts). */
async function startLoopDelay(app: Child<unknown>): Promise<void> {
  await ask(app, { loopDelay: 'start' } satisfies LoopDelayRequest, isStarted);
}

async function stopLoopDelay(app: Child<unknown>): Promise<LoopDelay> {
  return (await ask(app, { loopDelay: 'stop' } satisfies LoopDelayRequest, isDelay)).loopDelay;
}

async function postCase(base: string, input: CaseInput, query = ''): Promise<{ ms: number; job: JobJson }> {
  const { ms: elapsed, value } = await timed(async () => {
    const res = await fetch(`${base}/api/cases${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    if (res.status !== 201) throw new Error(`POST /api/cases answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { job: JobJson };
  });
  return { ms: elapsed, job: value.job };
}

/** Polls the job as a script or the progress bar would, until it has ended. */
async function jobEnd(base: string, job: JobJson): Promise<JobJson> {
  const deadline = Date.now() + JOB_DEADLINE_MS;
  for (;;) {
    const now = (await (await fetch(`${base}${job.url}`)).json()) as JobJson;
    if (now.state !== 'queued' && now.state !== 'running') return now;
    if (Date.now() > deadline) {
      throw new Error(`job ${job.id} still ${now.state} (${now.done}/${now.total}) after ${JOB_DEADLINE_MS / 60_000} min`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

interface Window {
  readers: Readers;
  loop: LoopDelay;
  /** The bench process's own event-loop delay p99 and max (ms): autocannon's delays count in every latency. */
  client: { p99: number; max: number };
}

/** Starts measuring this process's event-loop delay; the returned function stops and reads it. */
function clientLoopDelay(): () => { p99: number; max: number } {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return () => {
    h.disable();
    return { p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
  };
}

interface Served {
  warmup: { ms: number; job: JobJson };
  idle: Window;
  during: Window & { saveMs: number; totalMs: number; job: JobJson; postedAt: number };
}

async function underLoad(copy: string, dir: string, caseId: number): Promise<Served> {
  const app = await startChild<{ url: string }>('./appServer.ts', ['app', copy, dir]);
  const base = app.info.url;
  try {
    // The first backfill after a start also starts the worker thread and loads the matcher's dictionaries (~1 s):
    // paid here on a small case, so the measured one compares with a warm blocking run.
    progress('background: a first, small save (starts the worker thread)');
    const warmup = await postCase(base, { ...BACKFILL_CASE, title: 'Warm-up (bench)' }, '?wait=true');
    if (warmup.job.state !== 'done') throw new Error(`the warm-up job ended ${warmup.job.state}: ${warmup.job.error}`);
    await fetch(`${base}/cases/${caseId}`, { headers: BROWSER });

    progress(`background: ${IDLE_S} s of readers with no backfill running`);
    await startLoopDelay(app);
    let client = clientLoopDelay();
    const idleReaders = await startReaders(base, caseId, IDLE_S).done;
    const idle = { readers: idleReaders, loop: await stopLoopDelay(app), client: client() };

    progress('background: saving the common-word case under the same readers');
    await startLoopDelay(app);
    client = clientLoopDelay();
    // Readers start just before the save and stop when its job ends, so they cover the whole backfill.
    const readers = startReaders(base, caseId, JOB_DEADLINE_MS / 1000);
    let outcome: { saveMs: number; totalMs: number; job: JobJson; postedAt: number };
    try {
      const postedAt = Date.now();
      const save = await postCase(base, COMMON_WORD_CASE);
      const job = await jobEnd(base, save.job);
      outcome = { saveMs: save.ms, totalMs: Date.parse(job.finishedAt ?? '') - postedAt, job, postedAt };
    } finally {
      readers.stop();
    }
    const loop = await stopLoopDelay(app);
    return { warmup, idle, during: { ...outcome, loop, client: client(), readers: await readers.done } };
  } finally {
    await app.stop();
  }
}

const p99Row = (figure: string, during: autocannon.Result, idle: autocannon.Result, goalMs: number): Row => ({
  figure: `${figure} p99 during the backfill (p50)`,
  value: `${ms(during.latency.p99)} (${ms(during.latency.p50)})`,
  baseline: `no backfill: ${ms(idle.latency.p99)} (${ms(idle.latency.p50)})`,
  ratio: ratio(during.latency.p99 / idle.latency.p99),
  goal: `< ${goalMs} ms`,
  verdict: verdict(during.latency.p99 < goalMs),
});

const failed = (r: autocannon.Result) => r.errors + r.non2xx;
const failures = (r: autocannon.Result) =>
  [
    r.timeouts && `${r.timeouts} timed out`,
    r.errors - r.timeouts > 0 && `${r.errors - r.timeouts} connection errors`,
    r.non2xx && `${r.non2xx} non-2xx`,
  ]
    .filter(Boolean)
    .join(', ') || 'none failed';

function rows(caseId: number, blocking: Blocking, served: Served): Row[] {
  const { idle, during } = served;
  const { job } = during;
  const total = job.total ?? NaN;
  const delays = (w: Window) => `${ms(w.loop.p99)} (${ms(w.loop.p50)} / ${ms(w.loop.max)}; GC ${ms(w.loop.gcMax)})`;
  const { pages, health } = { pages: (w: Window) => w.readers.pages, health: (w: Window) => w.readers.health };
  const counts = (w: Window) =>
    `${num(pages(w).requests.total)} / ${num(health(w).requests.total)}; ${failures(pages(w))} / ${failures(health(w))}`;
  return [
    {
      figure: 'event-loop delay p99 during the backfill (p50 / max; longest GC pause), in the server',
      value: delays(during),
      baseline: `no backfill: ${delays(idle)}`,
      ratio: ratio(during.loop.p99 / idle.loop.p99),
      goal: '< 50 ms',
      verdict: verdict(during.loop.p99 < 50),
    },
    p99Row(`GET /cases/${caseId} (timeline page)`, pages(during), pages(idle), 150),
    p99Row('GET /api/health', health(during), health(idle), 50),
    {
      figure: 'event-loop delay p99 / max in the bench process (the readers: their delays count in each latency)',
      value: `${ms(during.client.p99)} / ${ms(during.client.max)}`,
      baseline: `no backfill: ${ms(idle.client.p99)} / ${ms(idle.client.max)}`,
    },
    {
      figure: 'time until the save answers (POST /api/cases: 201 with the job)',
      value: ms(during.saveMs),
      baseline: `blocking save: ${ms(blocking.ms)}`,
      ratio: ratio(during.saveMs / blocking.ms),
      goal: '< 200 ms',
      verdict: verdict(during.saveMs < 200),
    },
    {
      figure: `total backfill time: POST until the job's finishedAt (${job.state}${job.error ? `: ${job.error}` : ''})`,
      value: ms(during.totalMs),
      baseline: `blocking backfillCase: ${ms(blocking.ms)}`,
      ratio: ratio(during.totalMs / blocking.ms),
      goal: 'within 1.5×',
      verdict: verdict(job.state === 'done' && during.totalMs / blocking.ms <= 1.5),
    },
    {
      figure: "the case's candidates (candidateStoryIds) / the job's done / total",
      value: `${num(blocking.candidates)} / ${num(job.done)} / ${num(total)}`,
      baseline: `${num(BIG_DB_STORIES)} stories`,
      ratio: `${num((100 * blocking.candidates) / BIG_DB_STORIES)}% read`,
      goal: 'all equal',
      verdict: verdict(blocking.candidates === job.done && job.done === total),
    },
    {
      figure: 'stories matched (added to the case): the job vs the blocking backfill',
      value: num(job.result?.added ?? NaN),
      baseline: `blocking: ${num(blocking.added)}`,
      goal: 'equal',
      verdict: verdict(job.result?.added === blocking.added),
    },
    {
      figure: 'reader requests answered during the backfill: pages / health; failed',
      value: counts(during),
      baseline: `no backfill (${IDLE_S} s): ${counts(idle)}`,
      goal: 'none failed',
      verdict: verdict([during, idle].every((w) => failed(pages(w)) + failed(health(w)) === 0)),
    },
    {
      figure: `first save after the server started (${num(served.warmup.job.total ?? NaN)} candidates, ?wait=true)`,
      value: ms(served.warmup.ms),
    },
  ];
}

/** How many gaps, and where the longest fell ("+0.02 s 143 ms"): at the start, the end, or all along (CPU contention). */
function stallList(w: Served['during']): string {
  const longest = [...w.loop.stalls].sort((a, b) => b.ms - a.ms).slice(0, STALLS_SHOWN).sort((a, b) => a.at - b.at);
  const list = longest.map((s) => `+${((s.at - s.ms - w.postedAt) / 1000).toFixed(2)} s ${ms(s.ms)}`);
  const more = w.loop.stalls.length > STALLS_SHOWN ? ` (the ${STALLS_SHOWN} longest of ${w.loop.stalls.length})` : '';
  return list.length ? `${list.join(', ')}${more}` : 'none';
}

export async function runBackground(): Promise<SectionReport> {
  progress('background: opening (or building, ~6 min the first time) the 1,000,000-story database');
  const { file, buildMs } = ensureBigDb();
  const scratch = scratchDir('background');
  try {
    progress('background: copying the database (2.5 GB) to a scratch folder');
    const copy = copyBigDb(file, scratch.dir);
    const db = openDb(copy);
    let caseId: number;
    let blocking: Blocking;
    try {
      caseId = ensureTimelineCase(db);
      progress(`background: the blocking backfill of the common-word case (${BLOCKING_RUNS} runs, rolled back)`);
      blocking = blockingBackfill(db, COMMON_WORD_CASE);
    } finally {
      closeDb(db);
    }
    const loadBefore = os.loadavg()[0]!;
    const served = await underLoad(copy, scratch.dir, caseId);
    // Other processes' CPU use shows in every latency here (two cores): said next to the figures.
    const loadAfter = os.loadavg()[0]!;
    // What the child computes from the same settings (BACKFILL_THREADS unset): min(2, cores − 1), at least 1.
    const threads = parseConfig({ DATABASE_PATH: copy }).backfillThreads;
    const seconds = (served.during.totalMs / 1000).toFixed(1);
    return {
      name: 'background',
      title: `saving a case found in ${num(blocking.candidates)} of ${num(BIG_DB_STORIES)} stories while readers load pages`,
      rows: rows(caseId, blocking, served),
      notes: [
        buildMs === null ? `database reused from the cache: ${file}` : `database built in ${num(buildMs / 1000)} s: ${file}`,
        `Load average (1 min) ${loadBefore.toFixed(2)} before the server started, ${loadAfter.toFixed(2)} after the backfill.`,
        'The server is the real `serve()` in its own process on a copy of that database (its writes leave the cache as ' +
          `it was), with ${threads} backfill worker thread(s).`,
        `Readers (autocannon in the bench process): the timeline page at ${PAGES.overallRate}/s over ${PAGES.connections} ` +
          `connections and /api/health at ${HEALTH.overallRate}/s over ${HEALTH.connections}, first ${IDLE_S} s with no ` +
          `backfill, then from just before the save until its job ended (${seconds} s).`,
        `The job is polled (GET /api/jobs/:id) every ${POLL_MS} ms; its time runs from the POST to its finishedAt. The ` +
          'blocking baseline: insertCase + backfillCase in this process on the same copy, rolled back; the faster of ' +
          `${BLOCKING_RUNS} runs.`,
        'Event-loop delay: monitorEventLoopDelay({ resolution: 10 }) in the server over each window; an idle loop reads ' +
          '~10 ms (the sampling interval).',
        `Server stalls over 50 ms, seconds after the POST: ${stallList(served.during)}; with no backfill: ` +
          `${served.idle.loop.stalls.length}.`,
      ],
    };
  } finally {
    scratch.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { formatSection } = await import('./lib/report.ts');
  console.log(formatSection(await runBackground()));
}
