// Runs a labelled set through the real app: feeds on loopback, cases through the HTTP API, the real poller,
// timelines read back; scores them against the labels. Also the learning run (decisions on older stories).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../jobs/logger.ts';
import { parseConfig } from '../server/config.ts';
import { serve, type Running } from '../server/main.ts';
import { feedWithout, newerHalves, type LabelledSet } from './labelledSet.ts';
import { teaserSet } from './teaserSet.ts';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface CaseScore extends Counts {
  key: string;
  review: number;
  falsePositives: string[];
  misses: string[];
}

export interface SetScore {
  cases: CaseScore[];
  total: Counts;
}

export const precision = (c: Counts) => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts) => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));
export const f1 = (c: Counts) => {
  const p = precision(c);
  const r = recall(c);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};

interface Harness {
  app: Running;
  feeds: Server;
  feedBase: string;
  /** Served bytes by path; the learning run swaps them between polls. */
  bodies: Map<string, { type: string; bytes: Buffer }>;
  dir: string;
  api: (p: string, method?: string, json?: unknown) => Promise<any>;
  caseIds: Map<string, number>;
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casewatch-eval-'));
  const bodies = new Map<string, { type: string; bytes: Buffer }>();
  const feeds = createServer((req, res) => {
    const body = bodies.get((req.url ?? '/').split('?')[0]!);
    if (!body) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': body.type }).end(body.bytes);
  });
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  const config = parseConfig({ PORT: '0', DATABASE_PATH: path.join(dir, 'eval.db'), OUTBOX_DIR: path.join(dir, 'outbox'), ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off' });
  const app = await serve(config, { log: silentLogger, schedule: false });
  const api = async (p: string, method = 'GET', json?: unknown) => {
    const res = await fetch(app.url + p, { method, ...(json !== undefined ? { body: JSON.stringify(json), headers: { 'content-type': 'application/json' } } : {}) });
    const body = await res.json();
    if (res.status >= 400) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  return { app, feeds, feedBase: `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`, bodies, dir, api, caseIds: new Map() };
}

async function stopHarness(h: Harness): Promise<void> {
  await h.app.stop();
  h.feeds.closeAllConnections();
  await new Promise<void>((r) => h.feeds.close(() => r()));
  rmSync(h.dir, { recursive: true, force: true });
}

export function serveFeeds(h: Harness, set: LabelledSet, drop: ReadonlySet<string> = new Set()): void {
  for (const f of set.feeds) h.bodies.set(`/${f.file}`, { type: f.contentType, bytes: drop.size ? feedWithout(f, drop) : f.bytes });
}

export async function addCases(h: Harness, set: LabelledSet, from: number, to: number): Promise<void> {
  for (const c of set.cases.slice(from, to)) h.caseIds.set(c.key, (await h.api('/api/cases?wait=true', 'POST', c.body)).id);
}

export async function addFeedsAndPoll(h: Harness, set: LabelledSet): Promise<void> {
  for (const f of set.feeds) await h.api('/api/feeds', 'POST', { url: `${h.feedBase}/${f.file}` });
  await h.api('/api/poll?wait=true', 'POST', {});
}

interface Read {
  /** Links on the timeline (entries and their merged copies), with the story id. */
  timeline: Map<string, number>;
  review: Map<string, number>;
}

async function readTimeline(h: Harness, caseId: number): Promise<Read> {
  const timeline = new Map<string, number>();
  const review = new Map<string, number>();
  for (let page = 1, pages = 1; page <= pages; page++) {
    const t = await h.api(`/api/cases/${caseId}/timeline?perPage=1000&page=${page}`);
    pages = t.pageCount;
    for (const e of t.entries) {
      timeline.set(e.url, e.storyId);
      for (const d of e.duplicates) timeline.set(d.url, d.storyId);
    }
    if (page === 1) for (const e of t.review) review.set(e.url, e.storyId);
  }
  return { timeline, review };
}

function scoreCase(set: LabelledSet, key: string, read: Read, only?: ReadonlySet<string>): CaseScore {
  const want = [...set.relevant].filter(([link, keys]) => keys.has(key) && (!only || only.has(link))).map(([link]) => link);
  const got = [...read.timeline.keys()].filter((l) => !only || only.has(l));
  const wantSet = new Set(want);
  const falsePositives = got.filter((l) => !wantSet.has(l));
  const misses = want.filter((l) => !read.timeline.has(l));
  return { key, tp: got.length - falsePositives.length, fp: falsePositives.length, fn: misses.length, review: [...read.review.keys()].filter((l) => !only || only.has(l)).length, falsePositives, misses };
}

async function scoreAll(h: Harness, set: LabelledSet, only?: ReadonlySet<string>): Promise<SetScore> {
  const cases: CaseScore[] = [];
  for (const c of set.cases) cases.push(scoreCase(set, c.key, await readTimeline(h, h.caseIds.get(c.key)!), only));
  const total = cases.reduce((t, c) => ({ tp: t.tp + c.tp, fp: t.fp + c.fp, fn: t.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
  return { cases, total };
}

/** Half the cases before the first poll (matched as stories arrive), half after (backfill). */
export async function evaluateSet(set: LabelledSet): Promise<SetScore> {
  const h = await startHarness();
  try {
    serveFeeds(h, set);
    const half = Math.ceil(set.cases.length / 2);
    await addCases(h, set, 0, half);
    await addFeedsAndPoll(h, set);
    await addCases(h, set, half, set.cases.length);
    return await scoreAll(h, set);
  } finally {
    await stopHarness(h);
  }
}

export interface LearningScore {
  without: SetScore;
  with: SetScore;
  decisions: number;
  /** What was decided, one line each. */
  log: string[];
}

/** Decides up to `perCase` stories per case from the labels: its review queue first, then wrong timeline entries. */
async function decideFromLabels(h: Harness, set: LabelledSet, perCase: number, log: string[]): Promise<number> {
  let made = 0;
  for (const c of set.cases) {
    const caseId = h.caseIds.get(c.key)!;
    const read = await readTimeline(h, caseId);
    const isRelevant = (link: string) => set.relevant.get(link)?.has(c.key) ?? false;
    const todo = [
      ...[...read.review].map(([link, id]) => ({ link, id, decision: isRelevant(link) ? 'confirm' : 'reject' })),
      ...[...read.timeline].filter(([link]) => !isRelevant(link)).map(([link, id]) => ({ link, id, decision: 'reject' })),
    ].slice(0, perCase);
    for (const d of todo) {
      log.push(`${c.key} ${d.decision} ${d.link}`);
      await h.api(`/api/cases/${caseId}/stories/${d.id}`, 'POST', { decision: d.decision });
      made++;
    }
  }
  return made;
}

async function learningRun(set: LabelledSet, decide: boolean, later: ReadonlySet<string>, log: string[] = []): Promise<{ score: SetScore; decisions: number }> {
  const h = await startHarness();
  try {
    serveFeeds(h, set, later);
    await addCases(h, set, 0, set.cases.length);
    await addFeedsAndPoll(h, set);
    const decisions = decide ? await decideFromLabels(h, set, 10, log) : 0;
    serveFeeds(h, set);
    await h.api('/api/poll?wait=true', 'POST', {});
    return { score: await scoreAll(h, set, later), decisions };
  } finally {
    await stopHarness(h);
  }
}

/**
 * The learning figure: serve the older half of every feed and poll; decide up to 10 items per case from the
 * labels; serve the whole feeds and poll again; F1 on the later stories with and without those decisions.
 */
export async function evaluateLearning(set: LabelledSet): Promise<LearningScore> {
  const later = newerHalves(set);
  const log: string[] = [];
  const without = await learningRun(set, false, later);
  const withDecisions = await learningRun(set, true, later, log);
  return { without: without.score, with: withDecisions.score, decisions: withDecisions.decisions, log };
}

/** Waits until no background job is queued or running (the article fetches a poll leaves behind). */
async function settle(h: Harness): Promise<void> {
  for (;;) {
    const { jobs } = (await h.api('/api/jobs?limit=200')) as { jobs: { state: string }[] };
    if (!jobs.some((j) => j.state === 'queued' || j.state === 'running')) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type TeaserMode = 'full' | 'teaser' | 'article';

export interface TeaserScore {
  mode: TeaserMode;
  score: SetScore;
  /** Wrong matches to the case a page's related box names, that the full feeds do not make: boilerplate. */
  fromBoilerplate: string[];
}

/**
 * One run of the teaser measurement, every case added before the first poll: `full` serves the set's own feeds,
 * `teaser` the teaser feeds with article fetching off (`fullText: never`), `article` the teaser feeds with it on.
 */
export async function evaluateTeasers(set: LabelledSet, mode: TeaserMode, fullRun?: SetScore): Promise<TeaserScore> {
  const h = await startHarness();
  try {
    await addCases(h, set, 0, set.cases.length);
    let original = new Map<string, string>();
    let related = new Map<string, string>();
    if (mode === 'full') {
      serveFeeds(h, set);
      await addFeedsAndPoll(h, set);
    } else {
      const t = teaserSet(set, h.feedBase);
      original = t.original;
      related = t.relatedCase;
      for (const [p, xml] of t.feeds) h.bodies.set(p, { type: 'application/rss+xml; charset=utf-8', bytes: Buffer.from(xml) });
      for (const [p, html] of t.pages) h.bodies.set(p, { type: 'text/html; charset=utf-8', bytes: Buffer.from(html) });
      for (const p of t.feeds.keys()) await h.api('/api/feeds', 'POST', { url: `${h.feedBase}${p}`, fullText: mode === 'article' ? 'auto' : 'never' });
      await h.api('/api/poll?wait=true', 'POST', {});
    }
    await settle(h);
    const back = (url: string) => original.get(url) ?? url;
    const cases: CaseScore[] = [];
    const fromBoilerplate: string[] = [];
    for (const c of set.cases) {
      const read = await readTimeline(h, h.caseIds.get(c.key)!);
      const mapped: Read = { timeline: new Map([...read.timeline].map(([u, id]) => [back(u), id])), review: new Map([...read.review].map(([u, id]) => [back(u), id])) };
      const score = scoreCase(set, c.key, mapped);
      cases.push(score);
      const fullFps = new Set(fullRun?.cases.find((x) => x.key === c.key)?.falsePositives ?? []);
      for (const [u] of read.timeline) {
        const link = back(u);
        const pagePath = u.startsWith(h.feedBase) ? u.slice(h.feedBase.length) : '';
        if (score.falsePositives.includes(link) && related.get(pagePath) === c.key && !fullFps.has(link)) fromBoilerplate.push(`${c.key}: ${link}`);
      }
    }
    const total = cases.reduce((t, c) => ({ tp: t.tp + c.tp, fp: t.fp + c.fp, fn: t.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    return { mode, score: { cases, total }, fromBoilerplate };
  } finally {
    await stopHarness(h);
  }
}
