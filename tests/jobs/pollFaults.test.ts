// The poller against misbehaving servers: each feed's row tells the truth and the other feeds are unaffected.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedById, insertFeed, type FeedRow } from '../../db/feeds.ts';
import { listStories } from '../../db/stories.ts';
import { pollFeeds, type PollDeps } from '../../jobs/pollFeeds.ts';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url));
const garbageDates = `<?xml version="1.0"?><rss version="2.0"><channel><title>Odd dates</title>
<item><title>First</title><link>https://odd.example.com/1</link><pubDate>not a date at all</pubDate></item>
<item><title>Second</title><link>https://odd.example.com/2</link><pubDate>Mon, 99 Foo 2024 25:61:00 +9999</pubDate></item>
<item><title>Third</title><link>https://odd.example.com/3</link><pubDate>Tue, 03 Dec 2024 08:00:00 GMT</pubDate></item>
<item><title> </title><description></description></item>
<item></item>
</channel></rss>`;

describe('poller fault handling', () => {
  let server: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let clock = new Date('2026-01-01T00:00:00Z');
  let deps: PollDeps;
  const feed = (name: string): FeedRow => insertFeed(app.ctx.db, { url: `${server.base}/${name}` }, clock)!;
  const row = (f: FeedRow) => feedById(app.ctx.db, f.id)!;
  let healthy: FeedRow;

  beforeAll(async () => {
    let flaky = 0;
    server = await startFeedServer({
      '/good.rss': serveBody(rss, 'application/rss+xml', '"good"'),
      '/silent.rss': () => undefined,
      '/drip.rss': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const t = setInterval(() => res.write('<'), 1000);
        res.on('close', () => clearInterval(t));
      },
      '/huge.rss': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 50 && res.write(chunk)) sent++;
          if (sent >= 50) res.end();
          else res.once('drain', pump);
        };
        pump();
      },
      '/loop-a.rss': (_req, res) => res.writeHead(302, { location: '/loop-b.rss' }).end(),
      '/loop-b.rss': (_req, res) => res.writeHead(302, { location: '/loop-a.rss' }).end(),
      '/flaky.rss': (req, res) => (flaky++ < 3 ? res.writeHead(500).end('oops') : serveBody(rss, 'application/rss+xml')(req, res)),
      '/busy.rss': (_req, res) => res.writeHead(429, { 'retry-after': '7200' }).end(),
      '/gzip.rss': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipSync(rss)),
      '/dates.rss': serveBody(garbageDates, 'application/rss+xml'),
      '/page.html': serveBody('<!doctype html><html><head><title>Hi</title></head><body>hello</body></html>', 'text/html'),
      '/gone.rss': (_req, res) => res.writeHead(410).end(),
    });
    app = await startTestApp();
    deps = { ...app.ctx.poll, now: () => clock, random: () => 0.5, fetchOptions: { allowPrivate: true, totalTimeoutMs: 1500, connectTimeoutMs: 1000, maxBytes: 10 * 1024 * 1024 } };
    healthy = feed('good.rss');
  }, 30_000);
  afterAll(() => server.close());

  async function pollOnly(...feeds: FeedRow[]) {
    return pollFeeds(deps, { all: true, feedIds: [...feeds.map((f) => f.id), healthy.id] });
  }

  it('records timeouts, size, redirect loops, HTML pages and 410 in words, and keeps polling the others', async () => {
    const bad = ['silent.rss', 'drip.rss', 'huge.rss', 'loop-a.rss', 'page.html', 'gone.rss'].map(feed);
    const r = await pollOnly(...bad);
    expect(r).toMatchObject({ feeds: 7, failed: 6 });
    const errors = bad.map((f) => row(f).lastError);
    expect(errors[0]).toMatch(/timed out/);
    expect(errors[1]).toMatch(/timed out/);
    expect(errors[2]).toMatch(/larger than 10 MB/);
    expect(errors[3]).toMatch(/redirect loop/);
    expect(errors[4]).toMatch(/not a feed: got an HTML page/);
    expect(errors[5]).toMatch(/410/);
    expect(row(bad[5]!)).toMatchObject({ paused: true, lastStatus: 'gone' });
    for (const f of bad.slice(0, 5)) expect(row(f)).toMatchObject({ lastStatus: 'error', consecutiveFailures: 1 });
    expect(row(healthy)).toMatchObject({ lastStatus: expect.stringMatching(/ok|not_modified/), consecutiveFailures: 0, lastError: null });
    expect(listStories(app.ctx.db, { feedId: healthy.id, limit: 10 })).toHaveLength(4);
  }, 30_000);

  it('backs off exponentially on 500s, then resets on recovery', async () => {
    const f = feed('flaky.rss');
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      await pollOnly(f);
      const r = row(f);
      expect(r).toMatchObject({ lastStatus: 'error', lastHttpStatus: 500, consecutiveFailures: i + 1 });
      expect(r.lastError).toMatch(/HTTP 500/);
      delays.push(r.nextFetchAt.getTime() - clock.getTime());
    }
    expect(delays[1]).toBe(2 * delays[0]!);
    expect(delays[2]).toBe(2 * delays[1]!);
    await pollOnly(f);
    expect(row(f)).toMatchObject({ lastStatus: 'ok', consecutiveFailures: 0, lastError: null });
    expect(row(f).nextFetchAt.getTime() - clock.getTime()).toBeLessThan(delays[2]!);
    expect(listStories(app.ctx.db, { feedId: f.id, limit: 10 })).toHaveLength(4);
  });

  it('honours Retry-After on 429 as the earliest next poll', async () => {
    const f = feed('busy.rss');
    await pollOnly(f);
    expect(row(f)).toMatchObject({ lastStatus: 'error', lastHttpStatus: 429 });
    expect(row(f).nextFetchAt.getTime() - clock.getTime()).toBeGreaterThanOrEqual(7200 * 1000);
  });

  it('a 304 skips parsing and writes no stories', async () => {
    const before = row(healthy);
    const stories = app.ctx.db.$client.prepare('select id, updated_at from stories where feed_id = ?').all(healthy.id);
    clock = new Date(clock.getTime() + 3600_000);
    const r = await pollOnly();
    expect(r).toMatchObject({ notModified: 1, fetched: 0, newStories: 0 });
    expect(row(healthy)).toMatchObject({ lastStatus: 'not_modified', lastHttpStatus: 304, etag: '"good"' });
    expect(row(healthy).lastFetchedAt!.getTime()).toBeGreaterThan(before.lastFetchedAt!.getTime());
    expect(app.ctx.db.$client.prepare('select id, updated_at from stories where feed_id = ?').all(healthy.id)).toEqual(stories);
  });

  it('decodes gzip, a garbage date costs that date, not the item or the feed, and empty items are counted', async () => {
    const g = feed('gzip.rss');
    const d = feed('dates.rss');
    await pollOnly(g, d);
    expect(listStories(app.ctx.db, { feedId: g.id, limit: 10 })).toHaveLength(4);
    const dated = listStories(app.ctx.db, { feedId: d.id, limit: 10 });
    expect(dated.map((s) => s.title).sort()).toEqual(['First', 'Second', 'Third']);
    const byTitle = Object.fromEntries(dated.map((s) => [s.title, s.publishedAt.toISOString()]));
    expect(byTitle.Third).toBe('2024-12-03T08:00:00.000Z');
    expect(byTitle.First).toBe(clock.toISOString());
    // The two empty items are left out and counted on the feed's row, its API view and the feeds page.
    expect(row(d)).toMatchObject({ lastStatus: 'ok', lastSkipped: 2 });
    expect(row(g)).toMatchObject({ lastSkipped: 0 });
    const views = (await app.api('/api/feeds')).body.feeds as { id: number; lastSkipped: number }[];
    expect(views.find((v) => v.id === d.id)!.lastSkipped).toBe(2);
    expect(await (await fetch(`${app.url}/feeds`)).text()).toContain('Last fetch worked; 2 empty items skipped');
  });
});
