// Hostile feed content and hostile input run no script in Chromium: the demo's payloads, the labelled sample's,
// feedparser's sanitize corpus, and text typed into search and the case form. The pages are loaded with the
// browser ignoring CSP, so escaping and sanitizing are shown to hold on their own; the CSP header is checked too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFeed } from '../../db/feeds.ts';
import { applyCaseMatches } from '../../db/matches.ts';
import { inTransaction } from '../../db/openDb.ts';
import { candidateStoryIds } from '../../db/stories.ts';
import { reclusterCase } from '../../app/clusterStories.ts';
import { pollFeeds } from '../../jobs/pollFeeds.ts';
import { setUpDemo, type DemoResult } from '../../server/demo.ts';
import { startTestApp } from '../helpers/app.ts';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feedServer.ts';
import { sharedDir } from '../helpers/shared.ts';
import { activeMarkup, hasChromium, launchChromium, openPage, xssMarker, type TestPage } from './chromium.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;
const PAYLOAD = `"><script>window.__xss=1</script><img src=x onerror="window.__xss=2"><a href="javascript:window.__xss=3">x</a>`;

/** Loads a page and checks it is inert; returns the hrefs of its links so callers can see what was shown. */
async function visitInert(t: TestPage, url: string): Promise<Set<string>> {
  const navigations: string[] = [];
  const onRequest = (r: import('playwright-core').Request) => {
    if (r.isNavigationRequest() && r.frame() === t.page.mainFrame()) navigations.push(r.url());
  };
  t.page.on('request', onRequest);
  const res = await t.page.goto(url, { waitUntil: 'load' });
  expect(res!.status(), url).toBe(200);
  expect(res!.headers()['content-security-policy'], url).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
  expect(res!.headers()['content-security-policy'], url).toMatch(/default-src 'none'/);
  expect(await xssMarker(t.page), url).toBeUndefined();
  expect(await activeMarkup(t.page), url).toEqual([]);
  expect(t.dialogs, url).toEqual([]);
  t.page.off('request', onRequest);
  expect(navigations, url).toEqual([url]);
  expect(t.page.url(), url).toBe(url);
  return new Set(await t.page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!)));
}

async function visitAll(t: TestPage, urls: string[]): Promise<Set<string>> {
  const links = new Set<string>();
  for (const u of urls) for (const l of await visitInert(t, u)) links.add(l);
  return links;
}

/** Confirms every story in the case's review queue so its sanitized HTML is shown on the timeline too. */
async function confirmAll(app: App, caseId: number): Promise<void> {
  // The API lists the review queue 500 at a time, newest first.
  for (;;) {
    const review = (await app.api(`/api/cases/${caseId}/timeline`)).body.review as { storyId: number }[];
    if (review.length === 0) return;
    for (const r of review) await app.api(`/api/cases/${caseId}/stories/${r.storyId}`, { method: 'POST', json: { decision: 'confirm' } });
  }
}

const feedIds = async (app: App) => ((await app.api('/api/feeds')).body.feeds as { id: number }[]).map((f) => f.id);

describe.skipIf(!hasChromium)('hostile content in the browser', () => {
  let browser: Browser;
  let t: TestPage;
  beforeAll(async () => {
    browser = await launchChromium();
    t = await openPage(browser, { bypassCSP: true });
  });
  afterAll(() => browser?.close());

  describe('the demo feeds', () => {
    let demo: DemoResult;
    beforeAll(async () => {
      demo = await setUpDemo(0);
    }, 60_000);
    afterAll(() => demo?.cleanup());

    it('shows the hostile stories on timelines, feed pages and the story list without running them', async () => {
      const base = demo.running.url;
      const feeds = (await (await fetch(`${base}/api/feeds`)).json()) as { feeds: { id: number }[] };
      const urls = ['/', '/feeds', '/stories?limit=200', ...demo.caseIds.map((id) => `/cases/${id}`), ...feeds.feeds.map((f) => `/feeds/${f.id}`)];
      await visitAll(t, urls.map((u) => base + u));
      // The <script> item (on the ByteDance timeline) and the onerror item (on the Halderhof one) were really shown.
      await visitInert(t, `${base}/cases/${demo.caseIds[0]}`);
      expect(await t.page.locator('article.entry').filter({ hasText: 'The honour comes a week after' }).count()).toBe(1);
      expect(await t.page.locator('article.entry .summary').filter({ hasText: /VAR/ }).count()).toBeGreaterThan(0);
    });

    it('escapes hostile text typed into search and into the case form', async () => {
      const base = demo.running.url;
      const search = `${base}/stories?q=${encodeURIComponent(PAYLOAD)}`;
      await visitInert(t, search);
      expect(await t.page.getByLabel(/^Search stored stories/).inputValue()).toBe(PAYLOAD);

      await visitInert(t, `${base}/cases/new`);
      await t.page.getByLabel('Title').fill(PAYLOAD);
      await t.page.getByLabel(/^Keywords/).fill(PAYLOAD);
      await Promise.all([t.page.waitForNavigation({ waitUntil: 'load' }), t.page.getByRole('button', { name: 'Add case', exact: true }).click()]);
      expect(await t.page.getByLabel('Title').inputValue()).toBe(PAYLOAD);
      expect(await xssMarker(t.page)).toBeUndefined();
      expect(await activeMarkup(t.page)).toEqual([]);
      expect(t.dialogs).toEqual([]);
    });
  });

  const sample = sharedDir('fixtures/matching-sample');
  describe.skipIf(!sample)('the labelled matching sample', () => {
    let feeds: FeedServer;
    let app: App;
    let hostile: string[] = [];
    let trapId = 0;
    beforeAll(async () => {
      const files = readdirSync(path.join(sample!, 'feeds'));
      feeds = await startFeedServer(Object.fromEntries(files.map((f): [string, Handler] => [`/${f}`, (_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(readFileSync(path.join(sample!, 'feeds', f)))])));
      app = await startTestApp();
      for (const f of files) expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/${f}` } })).status, f).toBe(201);
      const cases = JSON.parse(readFileSync(path.join(sample!, 'cases.json'), 'utf8')) as ({ key: string } & Record<string, unknown>)[];
      for (const { key: _key, ...body } of cases) expect((await app.api('/api/cases?wait=true', { method: 'POST', json: body })).status).toBe(201);
      // The hostile items belong to no labelled case; this watch pulls them onto a timeline where their HTML is shown.
      const trap = await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'Hostile items', parties: [{ name: 'Denmark', role: 'plaintiff' }, { name: 'Nevada', role: 'defendant' }], keywords: ['offshore wind', 'noncompete'] } });
      trapId = trap.body.id;
      await confirmAll(app, trapId);
      hostile = (JSON.parse(readFileSync(path.join(sample!, 'labels.json'), 'utf8')) as { hostile: string[] }).hostile;
    });
    afterAll(() => feeds?.close());

    it('shows every hostile item on timelines, feed pages and the story list without running it', async () => {
      const cases = (await app.api('/api/cases')).body.cases as { id: number }[];
      const urls = ['/', '/feeds', '/stories?limit=200', ...cases.map((c) => `/cases/${c.id}`), ...(await feedIds(app)).map((id) => `/feeds/${id}`)];
      const shown = await visitAll(t, urls.map((u) => app.url + u));
      expect(hostile.length).toBeGreaterThan(0);
      for (const link of hostile) expect(shown.has(link), link).toBe(true);
      await visitInert(t, `${app.url}/cases/${trapId}`);
      const onTimeline = await t.page.locator('article.entry h4 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const link of hostile) expect(onTimeline, link).toContain(link);
    });
  });

  const corpus = sharedDir('corpora/feedparser-tests/wellformed/sanitize');
  describe.skipIf(!corpus)("feedparser's sanitize corpus", () => {
    let feeds: FeedServer;
    let app: App;
    const caseIds: number[] = [];
    beforeAll(async () => {
      const files = readdirSync(corpus!).filter((f) => f.endsWith('.xml'));
      feeds = await startFeedServer(Object.fromEntries(files.map((f): [string, Handler] => [`/${f}`, (_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(readFileSync(path.join(corpus!, f)))])));
      app = await startTestApp();
      const now = new Date();
      for (const f of files) insertFeed(app.ctx.db, { url: `${feeds.base}/${f}` }, now);
      // All files come from one host: let the poller use more than its polite default of 2 per host.
      const summary = await pollFeeds({ ...app.ctx.poll, perHost: 8 }, { all: true });
      expect(summary.newStories).toBeGreaterThan(500);
      // Watches on the corpus's recurring words. The matcher rightly finds no dispute in "safe ... description",
      // so the stories naming both words are put on each timeline through the store's own write path: what
      // is under test is how their sanitized HTML renders there.
      for (const [a, b] of [['safe', 'description'], ['Some', 'text'], ['platypus', 'upstream']] as const) {
        const c = await app.api('/api/cases?wait=true', { method: 'POST', json: { title: `${a} v. ${b}`, parties: [{ name: a, role: 'plaintiff' }, { name: b, role: 'defendant' }] } });
        caseIds.push(c.body.id);
        const db = app.ctx.db;
        const ids = candidateStoryIds(db, [a]).filter((id) => candidateStoryIds(db, [b]).includes(id));
        inTransaction(db, () => {
          applyCaseMatches(db, c.body.id, ids.map((storyId) => ({ caseId: c.body.id, storyId, score: 100, status: 'auto' as const, reasons: ['set up by the test'], stage: null, leadStoryId: null })), now);
          reclusterCase(db, c.body.id);
        });
      }
    }, 60_000);
    afterAll(() => feeds?.close());

    it('renders the sanitized items on timelines, the feed list, feed pages and the story list without running them', async () => {
      const ids = await feedIds(app);
      const sampleFeeds = ids.filter((_, i) => i % 50 === 0);
      const urls = ['/feeds', '/stories?limit=200', ...sampleFeeds.map((id) => `/feeds/${id}`)];
      await visitAll(t, urls.map((u) => app.url + u));
      let summaries = 0;
      let stories = 0;
      for (const id of caseIds) {
        // Every page of the timeline (confirmed copies fold into one entry, so pages hold fewer items than stories).
        const { pageCount, totalStories } = (await app.api(`/api/cases/${id}/timeline`)).body as { pageCount: number; totalStories: number };
        stories += totalStories;
        for (let page = 1; page <= pageCount; page++) {
          await visitInert(t, `${app.url}/cases/${id}?page=${page}`);
          summaries += await t.page.locator('article.entry .summary').count();
        }
      }
      // Items that read alike fold into one entry (about 180 stories in about 85 entries), each showing one summary.
      expect(stories).toBeGreaterThan(150);
      expect(summaries).toBeGreaterThan(75);
    });
  });
});
