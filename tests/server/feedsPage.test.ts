// The feeds pages as a person meets them: starter import, the empty state, health in words, a feed's own actions.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFeed, updateFeedHealth } from '../../db/feeds.ts';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { getPage, newSession, submitForm } from '../helpers/forms.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url));
type App = Awaited<ReturnType<typeof startTestApp>>;

/** The page a form post ends on, following a post/redirect/get the way a browser does. */
async function landing(app: App, res: Response, session = newSession()): Promise<string> {
  const location = res.headers.get('location');
  return location ? (await getPage(app.url, location, session)).html : res.text();
}

function failFeed(app: App, id: number, message: string, failures = 1): void {
  const now = app.ctx.now();
  updateFeedHealth(app.ctx.db, id, {
    lastFetchedAt: now,
    lastStatus: 'error',
    lastHttpStatus: null,
    lastError: message,
    consecutiveFailures: failures,
    nextFetchAt: new Date(now.getTime() + 20 * 60_000),
  });
}

function okFeed(app: App, id: number): void {
  const now = app.ctx.now();
  updateFeedHealth(app.ctx.db, id, { lastFetchedAt: now, lastStatus: 'ok', lastHttpStatus: 200, lastError: null, consecutiveFailures: 0, nextFetchAt: new Date(now.getTime() + 600_000) });
}

describe('the starter import and the empty state', () => {
  it('lists the imported starter feeds right after "Import the starter feeds", without the empty box', async () => {
    const app = await startTestApp();
    const before = await (await fetch(`${app.url}/feeds`)).text();
    expect(before).toContain('No feeds yet');
    const session = newSession();
    const res = await submitForm(app.url, '/feeds', '/feeds/starter', {}, session);
    const page = await landing(app, res, session);
    expect(page).not.toContain('No feeds yet');
    expect(page).toContain('SCOTUSblog');
    expect(page).toContain('新华网');
    expect(page).toMatch(/Imported 2\d feeds\. Each shows its health below once it has been fetched\./);
    // A reload shows the list again and imports nothing twice.
    const reloaded = await (await fetch(`${app.url}/feeds`)).text();
    expect(reloaded).toContain('SCOTUSblog');
    expect((await app.api('/api/feeds')).body.feeds.length).toBe((page.match(/<tr class="state-/g) ?? []).length);
  });

  it('shows "No feeds yet" only when there are no feeds at all, not above a case\'s news-search feeds', async () => {
    const app = await startTestApp({ SEARCH_FEEDS: 'on' });
    const created = await app.api('/api/cases', { method: 'POST', json: { title: 'Acme v. Widget', parties: [{ name: 'Acme Robotics', role: 'plaintiff' }, { name: 'Widget Works', role: 'defendant' }] } });
    expect(created.status).toBe(201);
    const page = await (await fetch(`${app.url}/feeds`)).text();
    expect(page).not.toContain('No feeds yet');
    expect(page).toContain('Google News (English): Acme v. Widget');
    expect(page).toContain('News searches of your cases');
    // The starter list is still one click away.
    expect(page).toContain('action="/feeds/starter"');
  });
});

describe('feed health on /feeds', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp();
  });

  it('sums up health at the top and words each failure as what happened and what to do', async () => {
    const ids = ['https://a.example.com/rss', 'https://b.example.com/rss', 'https://c.example.com/rss', 'https://d.example.com/rss'].map(
      (url) => insertFeed(app.ctx.db, { url }, app.ctx.now())!.id,
    );
    okFeed(app, ids[0]!);
    okFeed(app, ids[1]!);
    failFeed(app, ids[2]!, 'DNS lookup failed for c.example.com', 1);
    failFeed(app, ids[3]!, 'DNS lookup failed for d.example.com', 3);
    const page = await (await fetch(`${app.url}/feeds`)).text();
    expect(page).toContain('2 healthy, 2 failing: DNS lookup failed for 2 hosts.');
    expect(page).toContain("Could not look up c.example.com (DNS). Check the address, or this computer&#39;s network connection.");
    expect(page).toContain('Failed the last 3 tries in a row; next try in 20 min.');
    // The old wording: a doubled "failing DNS lookup failed" and a bare "(1 in a row)".
    expect(page).not.toMatch(/failing<\/span> <span class="error-text">DNS lookup failed/);
    expect(page).not.toContain('(1 in a row)');
    // The reason opens on demand; the row itself stays short.
    expect(page).toMatch(/<details class="pop problem"><summary><span class="bad">Failing<\/span> <span class="muted">· DNS lookup<\/span><\/summary>/);
  });

  it('says plainly that the network looks unreachable when every feed fails to connect', async () => {
    const offline = await startTestApp();
    for (const host of ['e.example.com', 'f.example.com', 'g.example.com']) {
      failFeed(offline, insertFeed(offline.ctx.db, { url: `https://${host}/rss` }, offline.ctx.now())!.id, `DNS lookup failed for ${host}`);
    }
    const page = await (await fetch(`${offline.url}/feeds`)).text();
    expect(page).toContain('The network looks unreachable: all 3 feeds failed to connect (DNS lookup failed for 3 hosts).');
    expect(page).toContain("Check this computer's internet connection.");
  });

  it('words a broken OPML paste as where and what, not "char \'t\' is not expected.:1:1"', async () => {
    const res = await submitForm(app.url, '/feeds', '/feeds/import', { opml: 'this is not xml' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('cannot import: the file is not valid XML (line 1, column 1): the character “t” is not expected there');
    expect(page).not.toContain('.:1:1');
  });
});

describe("a feed's own page", () => {
  let app: App;
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer({ '/news.rss': serveBody(rss, 'application/rss+xml; charset=utf-8') });
    app = await startTestApp({ SEARCH_FEEDS: 'on' });
  });
  afterAll(() => feeds.close());
  const feedById = async (id: number) => (await app.api('/api/feeds')).body.feeds.find((f: { id: number }) => f.id === id);

  it('retries, pauses, resumes and removes the feed, each time coming back to its page', async () => {
    const feed = (await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } })).body;
    const session = newSession();
    const page = (await getPage(app.url, `/feeds/${feed.id}`, session)).html;
    for (const action of ['retry', 'pause', 'delete']) expect(page).toMatch(new RegExp(`<form method="post" action="/feeds/${feed.id}/${action}"><input type="hidden" name="_csrf" value="[^"]+">`));
    expect(page).toContain('href="/feeds">← All feeds</a>');

    const hits = feeds.hits.get('/news.rss')!;
    const retried = await submitForm(app.url, `/feeds/${feed.id}`, `/feeds/${feed.id}/retry`, { back: 'feed' }, session);
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toBe(`/feeds/${feed.id}`);
    expect(feeds.hits.get('/news.rss')).toBe(hits + 1);

    const paused = await submitForm(app.url, `/feeds/${feed.id}`, `/feeds/${feed.id}/pause`, { paused: 'true', back: 'feed' }, session);
    expect(paused.headers.get('location')).toBe(`/feeds/${feed.id}`);
    const pausedPage = (await getPage(app.url, `/feeds/${feed.id}`, session)).html;
    expect(pausedPage).toContain('>Resume</button>');
    expect(await feedById(feed.id)).toMatchObject({ paused: true });
    await submitForm(app.url, `/feeds/${feed.id}`, `/feeds/${feed.id}/pause`, { paused: 'false', back: 'feed' }, session);
    expect(await feedById(feed.id)).toMatchObject({ paused: false });

    const removed = await submitForm(app.url, `/feeds/${feed.id}`, `/feeds/${feed.id}/delete`, { back: 'feed' }, session);
    expect(removed.headers.get('location')).toBe('/feeds');
    expect((await fetch(`${app.url}/feeds/${feed.id}`)).status).toBe(404);
  });

  it('links a news-search feed back to its case, and removing it from its page goes back there', async () => {
    const c = (await app.api('/api/cases', { method: 'POST', json: { title: 'Acme v. Widget', parties: [{ name: 'Acme Robotics', role: 'plaintiff' }] } })).body;
    const search = (await app.api('/api/feeds')).body.feeds.find((f: { caseId: number | null }) => f.caseId === c.id);
    failFeed(app, search.id, 'DNS lookup failed for news.google.com', 2);
    const page = await (await fetch(`${app.url}/feeds/${search.id}`)).text();
    expect(page).toContain(`<a href="/cases/${c.id}">← Acme v. Widget</a>`);
    expect(page).toContain('Why it fails:</strong> Could not look up news.google.com (DNS).');
    const removed = await submitForm(app.url, `/feeds/${search.id}`, `/feeds/${search.id}/delete`, { back: 'feed' });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe(`/cases/${c.id}`);
  });

  it('keeps the list\'s own actions going back to the list', async () => {
    const feed = insertFeed(app.ctx.db, { url: 'https://h.example.com/rss' }, app.ctx.now())!;
    const res = await submitForm(app.url, '/feeds', `/feeds/${feed.id}/pause`, { paused: 'true' });
    expect(res.headers.get('location')).toBe('/feeds');
    expect((await submitForm(app.url, '/feeds', `/feeds/${feed.id}/pause`, { paused: 'true', back: 'elsewhere' })).status).toBe(400);
  });
});
