// Feed management through the API and pages: OPML import/export, feed URLs, pause, starter list, per-case search feeds.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFeed } from '../../db/feeds.ts';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { submitForm } from '../helpers/forms.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url));
const feedly = readFileSync(new URL('../fixtures/opml/feedly.opml', import.meta.url), 'utf8');

describe('OPML, feed URLs and pausing', () => {
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    feeds = await startFeedServer({ '/news.rss': serveBody(rss, 'application/rss+xml') });
    app = await startTestApp();
  });
  afterAll(() => feeds.close());

  it('imports an OPML export, skipping duplicates and bad URLs, and fetches the new feeds in a job', async () => {
    const r = await app.api('/api/feeds/import', { method: 'POST', json: { opml: feedly } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ added: 3, existing: 0, invalid: [], job: { kind: 'import', url: `/api/jobs/${r.body.job.id}` } });
    // The first fetch runs in the background; these hosts are not reachable from a test, so each records why.
    await app.ctx.jobs.wait(r.body.job.id);
    expect((await app.api(r.body.job.url)).body).toMatchObject({ state: 'done', done: 3, total: 3, phrase: 'Read 0 of 3 feeds: 0 new stories, 3 failed' });
    const again = await app.api('/api/feeds/import', { method: 'POST', json: { opml: feedly } });
    expect(again.body).toEqual({ added: 0, existing: 3, invalid: [], job: null });
    const list = (await app.api('/api/feeds')).body.feeds;
    expect(list.map((f: { title: string }) => f.title)).toEqual(['Courthouse Example', 'Law & Order Weekly', 'Tech Daily']);
    const bad = await app.api('/api/feeds/import', { method: 'POST', json: { opml: '<html></html>' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/no <opml>/);
  });

  it('exports every feed as OPML that imports again', async () => {
    const res = await fetch(`${app.url}/api/feeds/export.opml`);
    expect(res.headers.get('content-type')).toMatch(/text\/x-opml/);
    const text = await res.text();
    expect(text).toContain('xmlUrl="https://lawweekly.example.org/rss.xml"');
    expect(text).toContain('Law &amp; Order Weekly');
  });

  const opml = (outlines: string) => `<?xml version="1.0"?><opml version="2.0"><body>${outlines}</body></opml>`;
  const feedList = async (): Promise<{ id: number; url: string; siteUrl: string | null }[]> => (await app.api('/api/feeds')).body.feeds;

  it('drops the #fragment of a feed added by hand, so the same URL with another fragment is a duplicate', async () => {
    const added = await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss#latest` } });
    expect(added.status).toBe(201);
    expect(added.body.url).toBe(`${feeds.base}/news.rss`);
    const again = await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss#other` } });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe(`feed ${feeds.base}/news.rss is already there`);
  });

  it('drops the #fragment of imported feeds before checking for duplicates', async () => {
    const r = await app.api('/api/feeds/import', {
      method: 'POST',
      json: { opml: opml(`<outline text="wire" xmlUrl="${feeds.base}/news.rss#x"/><outline text="c" xmlUrl="https://c.example.com/rss#a"/><outline text="c again" xmlUrl="https://c.example.com/rss#b"/>`) },
    });
    expect(r.body).toMatchObject({ added: 1, existing: 1, invalid: [], job: { kind: 'import' } });
    const urls = (await feedList()).map((f) => f.url);
    expect(urls.filter((u) => u.includes('#'))).toEqual([]);
    expect(urls.filter((u) => u.startsWith('https://c.example.com/'))).toEqual(['https://c.example.com/rss']);
  });

  it('stores an imported htmlUrl only when it is http(s), and never renders another as a link', async () => {
    const r = await app.api('/api/feeds/import', {
      method: 'POST',
      json: { opml: opml('<outline text="js" xmlUrl="https://js.example.com/rss" htmlUrl="javascript:alert(document.cookie)"/><outline text="ok" xmlUrl="https://ok.example.com/rss" htmlUrl="https://ok.example.com/"/>') },
    });
    expect(r.body.added).toBe(2);
    const byUrl = (url: string) => feedList().then((list) => list.find((f) => f.url === url)!);
    expect((await byUrl('https://js.example.com/rss')).siteUrl).toBeNull();
    const ok = await byUrl('https://ok.example.com/rss');
    expect(ok.siteUrl).toBe('https://ok.example.com/');
    expect(await (await fetch(`${app.url}/feeds/${ok.id}`)).text()).toContain('href="https://ok.example.com/"');
    // Rows imported before htmlUrl was checked can still hold one.
    const old = insertFeed(app.ctx.db, { url: 'https://old.example.com/rss', title: 'Old import', siteUrl: 'javascript:alert(1)' }, new Date())!;
    const page = await (await fetch(`${app.url}/feeds/${old.id}`)).text();
    expect(page).toContain('Old import');
    expect(page).not.toMatch(/href="javascript:/i);
  });

  it('a paused feed is not polled until resumed', async () => {
    for (const f of (await app.api('/api/feeds')).body.feeds) await app.api(`/api/feeds/${f.id}`, { method: 'DELETE' });
    const added = (await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } })).body;
    const paused = await app.api(`/api/feeds/${added.id}`, { method: 'PATCH', json: { paused: true } });
    expect(paused.body).toMatchObject({ paused: true, nextFetchAt: null });
    const before = feeds.hits.get('/news.rss');
    expect((await app.api('/api/poll?wait=true', { method: 'POST' })).body.feeds).toBe(0);
    expect(feeds.hits.get('/news.rss')).toBe(before);
    await app.api(`/api/feeds/${added.id}`, { method: 'PATCH', json: { paused: false } });
    expect((await app.api('/api/poll?wait=true', { method: 'POST' })).body.feeds).toBe(1);
    expect(feeds.hits.get('/news.rss')).toBe(before! + 1);
    expect((await app.api(`/api/feeds/${added.id}`, { method: 'PATCH', json: { paused: 'yes' } })).status).toBe(400);
  });

  it('the feeds page imports the starter list with one click', async () => {
    for (const f of (await app.api('/api/feeds')).body.feeds) await app.api(`/api/feeds/${f.id}`, { method: 'DELETE' });
    const empty = await (await fetch(`${app.url}/feeds`)).text();
    expect(empty).toContain('Import the starter feeds');
    const res = await submitForm(app.url, '/feeds', '/feeds/starter', {});
    expect(res.status).toBe(303);
    expect(await (await fetch(new URL(res.headers.get('location')!, app.url))).text()).toMatch(/Imported \d+ feeds/);
    const list = (await app.api('/api/feeds')).body.feeds;
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(list.some((f: { url: string }) => /xinhua|chinadaily|36kr|solidot/i.test(f.url))).toBe(true);
  });
});

describe('per-case news-search feeds', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({ SEARCH_FEEDS: 'on' });
  });

  const searchFeeds = async (caseId: number) => (await app.api('/api/feeds')).body.feeds.filter((f: { caseId: number | null }) => f.caseId === caseId);

  it('are added with the case, follow its edits and go with it', async () => {
    const c = (
      await app.api('/api/cases?wait=true', {
        method: 'POST',
        json: { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }] },
      })
    ).body;
    let mine = await searchFeeds(c.id);
    expect(mine.map((f: { url: string }) => new URL(f.url).host).sort()).toEqual(['news.google.com', 'news.google.com', 'www.bing.com', 'www.bing.com']);
    expect(mine.some((f: { url: string }) => f.url.includes('hl=zh-CN'))).toBe(true);
    const page = await (await fetch(`${app.url}/cases/${c.id}`)).text();
    expect(page).toContain('4 news-search feeds for this case');

    await app.api(`/api/cases/${c.id}?wait=true`, { method: 'PATCH', json: { parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: [] }, { name: 'Tian Keyu', role: 'defendant', aliases: [] }] } });
    mine = await searchFeeds(c.id);
    expect(mine).toHaveLength(2);
    expect(mine.every((f: { url: string }) => !f.url.includes('zh-CN'))).toBe(true);

    await app.api(`/api/cases/${c.id}`, { method: 'DELETE' });
    expect(await searchFeeds(c.id)).toEqual([]);
  });
});
