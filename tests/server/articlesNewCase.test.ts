// A case added after its stories arrived: the teasers it holds for review get their articles read, and the
// article moves them to the timeline, saying where the names were found.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentJobs } from '../../db/jobs.ts';
import { startTestApp } from '../helpers/app.ts';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feedServer.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;
const serve = (body: string, type: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': type }).end(body);
const page = readFileSync(new URL('../fixtures/articles/en-court.html', import.meta.url), 'utf8');

describe('a case added after the teasers were stored', () => {
  let app: App;
  let site: FeedServer;

  async function jobsDone(kind: 'articles' | 'backfill'): Promise<void> {
    for (const job of recentJobs(app.ctx.db, { limit: 20, kinds: [kind] })) await app.ctx.jobs.wait(job.id);
  }

  beforeAll(async () => {
    site = await startFeedServer({ '/a/1': serve(page, 'text/html; charset=utf-8') });
    site.routes.set(
      '/wire.xml',
      serve(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://example.org/</link><description>w</description>
        <item><title>Beijing court hears intern sabotage suit</title><link>${site.base}/a/1</link><guid>w1</guid><description>A technology group says a former intern tampered with its code.</description><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item>
        </channel></rss>`,
        'application/rss+xml',
      ),
    );
    app = await startTestApp();
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${site.base}/wire.xml` } })).status).toBe(201);
    await jobsDone('articles');
  }, 30_000);

  afterAll(() => site?.close());

  it('reads no page while no case could use the story', () => {
    expect(site.hits.get('/a/1') ?? 0).toBe(0);
  });

  it('reads it once the new case holds the story for review, then puts it on the timeline with the article as the reason', async () => {
    const created = await app.api('/api/cases?wait=true', {
      method: 'POST',
      json: { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }], keywords: ['intern', 'tampered'] },
    });
    expect(created.status).toBe(201);
    await jobsDone('backfill');
    await jobsDone('articles');
    expect(site.hits.get('/a/1')).toBe(1);
    const timeline = await app.api(`/api/cases/${created.body.id}/timeline`);
    expect(timeline.body.entries).toHaveLength(1);
    expect(timeline.body.entries[0].reasons[0]).toMatch(/defendant Tian Keyu \(in the article\)/);
  });
});
