// The whole path through the HTTP API: add a feed, poll, add a case, read its timeline; a re-poll adds nothing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url));

describe('end to end through the API', () => {
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    feeds = await startFeedServer({ '/news.rss': serveBody(rss, 'application/rss+xml; charset=utf-8', '"v1"') });
    app = await startTestApp();
  });
  afterAll(() => feeds.close());

  it('answers health and an empty case list', async () => {
    expect((await app.api('/api/health')).body).toEqual({ ok: true, version: expect.any(String) });
    expect((await app.api('/api/cases')).body).toEqual({ cases: [] });
  });

  it('adds a feed, polls it, adds a case whose timeline fills from stored stories', async () => {
    const added = await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ url: `${feeds.base}/news.rss`, title: 'Test Wire', storyCount: 4, lastStatus: 'ok', consecutiveFailures: 0 });

    const dup = await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } });
    expect(dup.status).toBe(409);

    const poll = await app.api('/api/poll?wait=true', { method: 'POST' });
    expect(poll.status).toBe(200);
    expect(poll.body).toMatchObject({ feeds: 1, fetched: 0, notModified: 1, failed: 0, newStories: 0, newMatches: 0, job: { kind: 'poll', state: 'done' } });

    const created = await app.api('/api/cases?wait=true', {
      method: 'POST',
      json: {
        title: 'ByteDance v. Tian Keyu',
        parties: [
          { name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] },
          { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] },
        ],
        keywords: ['sabotage', '8 million yuan'],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), title: 'ByteDance v. Tian Keyu' });

    const timeline = await app.api(`/api/cases/${created.body.id}/timeline`);
    expect(timeline.status).toBe(200);
    const urls = timeline.body.entries.map((e: { url: string }) => e.url).sort();
    expect(urls).toEqual(['https://wire.example.com/2024/11/26/bytedance-sues-former-intern', 'https://wire.example.com/2024/11/27/zijie-qisu']);
    for (const e of timeline.body.entries) {
      expect(e).toMatchObject({ status: 'auto', duplicates: [], source: 'Test Wire' });
      expect(e.reasons.length).toBeGreaterThan(0);
      expect(Date.parse(e.publishedAt)).not.toBeNaN();
    }
    expect(timeline.body.entries[0].publishedAt > timeline.body.entries[1].publishedAt).toBe(true);

    const stories = await app.api('/api/stories?limit=10');
    expect(stories.body.stories).toHaveLength(4);
    // Paging with the cursor reaches every story exactly once.
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await app.api(`/api/stories?limit=1${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.body.stories.map((s: { id: number }) => s.id));
      cursor = page.body.next;
    }
    expect(seen.sort()).toEqual(stories.body.stories.map((s: { id: number }) => s.id).sort());
    expect((await app.api('/api/stories?q=%25')).body.stories).toEqual([]);
  });

  it('a second full poll of a changed feed adds nothing that is already stored', async () => {
    feeds.routes.set('/news.rss', serveBody(rss, 'application/rss+xml; charset=utf-8', '"v2"'));
    const poll = await app.api('/api/poll?wait=true', { method: 'POST' });
    expect(poll.body).toMatchObject({ feeds: 1, fetched: 1, failed: 0, newStories: 0, newMatches: 0 });
    const stories = await app.api('/api/stories?limit=10');
    expect(stories.body.stories).toHaveLength(4);
  });

  it('answers bad input with 4xx and the field at fault', async () => {
    const noParty = await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'X', parties: [] } });
    expect(noParty.status).toBe(400);
    expect(noParty.body.error).toMatch(/parties/);
    expect(noParty.body.details[0]).toEqual({ path: 'parties', message: 'must include at least one party with a name' });

    const unknown = await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'X', parties: [{ name: 'A', role: 'plaintiff' }], colour: 'red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/unknown field: colour/);

    expect((await app.api('/api/cases/abc')).status).toBe(400);
    expect((await app.api('/api/cases/999')).status).toBe(404);
    expect((await app.api('/api/nope')).status).toBe(404);
    const form = await app.api('/api/cases?wait=true', { method: 'POST', body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    // A cross-site page could send this as a simple request; without a JSON body nothing happens.
    const plain = await app.api('/api/poll', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    const patchAll = await app.api('/api/cases/1?wait=true', { method: 'PATCH', json: { isPublic: true } });
    expect(patchAll.body).toMatchObject({ keywords: ['sabotage', '8 million yuan'], isPublic: true });
    expect((await app.api('/api/cases/1?wait=true', { method: 'PATCH', json: {} })).status).toBe(400);
    const badStory = await app.api('/api/cases/1/stories/abc', { method: 'POST', json: { decision: 'confirm' } });
    expect(badStory.body.details[0].path).toBe('storyId');
    expect((await app.api('/api/cases/1e3')).status).toBe(400);
    expect((await app.api('/api/cases/0x10')).status).toBe(400);
    const typo = await app.api('/api/cases?limt=5');
    expect(typo.status).toBe(400);
    expect(typo.body.details[0]).toEqual({ path: 'limt', message: 'unknown field: limt' });
    const badJson = await app.api('/api/cases?wait=true', { method: 'POST', body: '{"title":', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    const notFeed = await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/missing.xml` } });
    expect(notFeed.status).toBe(400);
    expect(notFeed.body.error).toMatch(/404/);
    const scheme = await app.api('/api/feeds', { method: 'POST', json: { url: 'file:///etc/passwd' } });
    expect(scheme.status).toBe(400);
  });

  it('serves the pages as HTML', async () => {
    for (const p of ['/', '/cases/new', '/feeds', '/stories?q=ByteDance', '/cases/1', '/feeds/1']) {
      const res = await fetch(app.url + p);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    }
  });
});
