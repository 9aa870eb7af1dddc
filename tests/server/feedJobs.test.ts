// "Poll now" and the first fetch of imported feeds run as jobs: the API answers at once, the feeds page follows them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feedServer.ts';
import { getPage, newSession, submitForm } from '../helpers/forms.ts';

const FEEDS = 6;
const rss = (n: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow feed ${n}</title><item><title>Story ${n}</title><link>https://slow.example.com/${n}</link><guid>s${n}</guid></item></channel></rss>`;

describe('poll now and import fetches as jobs', () => {
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;

  beforeAll(async () => {
    const routes: Record<string, Handler> = {};
    // Each feed answers after 150 ms: a poll of them all takes long enough to be seen running.
    for (let n = 0; n < FEEDS; n++) routes[`/f${n}.rss`] = (_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(n)), 150);
    feeds = await startFeedServer(routes);
    app = await startTestApp();
  });
  afterAll(() => feeds?.close());

  it('imports an OPML file, fetches the new feeds in a job, and the feeds page follows it', async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>${Array.from({ length: FEEDS }, (_, n) => `<outline text="f${n}" xmlUrl="${feeds.base}/f${n}.rss"/>`).join('')}</body></opml>`;
    const session = newSession();
    const res = await submitForm(app.url, '/feeds', '/feeds/import', { opml }, session);
    expect(res.status).toBe(303);
    const during = (await getPage(app.url, '/feeds', session)).html;
    expect(during).toMatch(/data-job="\/api\/jobs\/\d+"/);
    expect(during).toMatch(/<progress data-job-bar/);
    expect(during).toContain('<meta http-equiv="refresh" content="3">');
    const jobId = Number(/data-job="\/api\/jobs\/(\d+)"/.exec(during)![1]);
    const ended = await app.ctx.jobs.wait(jobId);
    expect(ended).toMatchObject({ kind: 'import', state: 'done', done: FEEDS, total: FEEDS, phrase: `Read ${FEEDS} of ${FEEDS} feeds: ${FEEDS} new stories` });
    const after = (await getPage(app.url, '/feeds', session)).html;
    expect(after).toContain(`Read ${FEEDS} of ${FEEDS} feeds: ${FEEDS} new stories`);
    expect(after).not.toContain('<progress');
    expect(after).toContain('Poll every feed now');
  });

  it('polls every feed from the feeds page, and through the API at once or with ?wait=true', async () => {
    const session = newSession();
    expect((await submitForm(app.url, '/feeds', '/feeds/poll', {}, session)).status).toBe(303);
    const page = (await getPage(app.url, '/feeds', session)).html;
    const jobId = Number(/data-job="\/api\/jobs\/(\d+)"/.exec(page)![1]);
    expect(page).not.toContain('Poll every feed now');
    expect(await app.ctx.jobs.wait(jobId)).toMatchObject({ kind: 'poll', state: 'done', done: FEEDS, total: FEEDS });

    const started = await app.api('/api/poll', { method: 'POST' });
    expect(started.status).toBe(202);
    expect(started.body.job).toMatchObject({ kind: 'poll', url: `/api/jobs/${started.body.job.id}` });
    const seen: number[] = [];
    for (;;) {
      const { body } = await app.api(started.body.job.url);
      seen.push(body.done);
      if (body.state === 'done') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen.at(-1)).toBe(FEEDS);
    expect(seen.some((d) => d > 0 && d < FEEDS)).toBe(true);
    const waited = await app.api('/api/poll?wait=true', { method: 'POST' });
    expect(waited.body).toMatchObject({ feeds: FEEDS, notModified: 0, failed: 0, newStories: 0, job: { state: 'done' } });
    expect((await app.api('/api/poll?wait=maybe', { method: 'POST' })).status).toBe(400);
  });
  it("cancels an import's fetch part way: the feeds read so far keep their stories, the rest wait for a poll", async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>${Array.from({ length: FEEDS }, (_, n) => `<outline text="c${n}" xmlUrl="${feeds.base}/f${n}.rss?c"/>`).join('')}</body></opml>`;
    const r = await app.api('/api/feeds/import', { method: 'POST', json: { opml } });
    const url = r.body.job.url as string;
    for (;;) {
      const { body } = await app.api(url);
      if (body.state === 'running' && body.done > 0) break;
      await new Promise((res) => setTimeout(res, 10));
    }
    expect((await app.api(`${url}/cancel`, { method: 'POST' })).body.cancelRequested).toBe(true);
    const ended = await app.ctx.jobs.wait(r.body.job.id);
    expect(ended.state).toBe('cancelled');
    expect(ended.done).toBeLessThan(FEEDS);
    const imported = ((await app.api('/api/feeds')).body.feeds as { url: string; lastStatus: string | null; storyCount: number }[]).filter((f) => f.url.endsWith('?c'));
    // Every feed is either read whole (status and its story) or not touched; none half.
    for (const f of imported) expect([f.lastStatus, f.storyCount]).toEqual(f.lastStatus === null ? [null, 0] : ['ok', 1]);
    expect(imported.filter((f) => f.lastStatus === 'ok').length).toBeGreaterThan(0);
    expect(imported.filter((f) => f.lastStatus === null).length).toBeGreaterThan(0);
  });

});
