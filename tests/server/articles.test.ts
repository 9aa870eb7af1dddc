// Full text through the app: the feed's setting in the API and on its page, the counts, the timeline's excerpt
// "from the article" and the story's page with the whole text, all escaped.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentJobs } from '../../db/jobs.ts';
import { startTestApp } from '../helpers/app.ts';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feedServer.ts';
import { getPage, newSession, submitForm } from '../helpers/forms.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/articles/${name}`, import.meta.url), 'utf8');
const serve = (body: string, type: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': type }).end(body);

const HOSTILE = '<img src=x onerror=alert(1)> &amp; "quoted"';
const rss = (items: { title: string; link: string; summary: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title><link>http://example.org/</link><description>w</description>${items
    .map((i, n) => `<item><title>${i.title}</title><link>${i.link}</link><guid>w${n}</guid><description>${i.summary}</description><pubDate>Tue, 01 Dec 2026 0${n}:00:00 GMT</pubDate></item>`)
    .join('')}</channel></rss>`;

describe('full text in the app', () => {
  let app: App;
  let site: FeedServer;
  let caseId = 0;
  let feedId = 0;
  let offFeedId = 0;

  /** Waits for every article job queued so far. */
  async function articlesRead(): Promise<void> {
    for (const job of recentJobs(app.ctx.db, { limit: 10, kinds: ['articles'] })) await app.ctx.jobs.wait(job.id);
  }

  beforeAll(async () => {
    // The article's text holds markup-looking words: they must come out as text, never as markup.
    const page = fixture('en-court.html').replace('Mr. Tian\'s lawyers told the court', `Mr. Tian's lawyers (${HOSTILE.replace(/&/g, '&amp;').replace(/</g, '&lt;')}) told the court`);
    site = await startFeedServer({
      '/a/en': serve(page, 'text/html; charset=utf-8'),
      '/a/off': serve(fixture('en-court.html'), 'text/html; charset=utf-8'),
    });
    site.routes.set('/wire.xml', serve(rss([{ title: 'ByteDance suit against former intern heard in Beijing', link: `${site.base}/a/en`, summary: 'A technology group says a former intern tampered with its code.' }]), 'application/rss+xml'));
    site.routes.set('/off.xml', serve(rss([{ title: 'ByteDance intern suit heard, feed with full text off', link: `${site.base}/a/off`, summary: 'A short teaser.' }]), 'application/rss+xml'));
    app = await startTestApp();
    const created = await app.api('/api/cases?wait=true', {
      method: 'POST',
      json: {
        title: 'ByteDance v. Tian Keyu',
        court: "Haidian District People's Court",
        parties: [
          { name: 'ByteDance', role: 'plaintiff' },
          { name: 'Tian Keyu', role: 'defendant' },
        ],
      },
    });
    expect(created.status).toBe(201);
    caseId = created.body.id;
    const off = await app.api('/api/feeds', { method: 'POST', json: { url: `${site.base}/off.xml`, fullText: 'never' } });
    expect(off.status).toBe(201);
    expect(off.body.fullText).toBe('never');
    offFeedId = off.body.id;
    const added = await app.api('/api/feeds', { method: 'POST', json: { url: `${site.base}/wire.xml` } });
    expect(added.status).toBe(201);
    expect(added.body.fullText).toBe('auto');
    feedId = added.body.id;
    await articlesRead();
  }, 30_000);

  afterAll(() => site?.close());

  it('reports per feed what was read, and skips a feed whose full text is off without asking for the page', async () => {
    const feed = await app.api(`/api/feeds/${feedId}`);
    expect(feed.status).toBe(200);
    expect(feed.body.articles).toMatchObject({ fetched: 1, failed: 0, skipped: 0 });
    const off = await app.api(`/api/feeds/${offFeedId}`);
    expect(off.body.articles).toMatchObject({ fetched: 0, skipped: 1, reasons: [{ state: 'skipped', reason: 'full text is off for this feed', count: 1 }] });
    expect(site.hits.get('/a/off') ?? 0).toBe(0);
    expect(site.hits.get('/a/en')).toBe(1);
  });

  it('validates fullText in the API with the field and the reason, never a 500', async () => {
    const bad = await app.api(`/api/feeds/${feedId}`, { method: 'PATCH', json: { fullText: 'sometimes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ path: 'fullText', message: expect.stringContaining('"auto", "always" or "never"') })]);
    expect((await app.api(`/api/feeds/${feedId}`, { method: 'PATCH', json: {} })).status).toBe(400);
    expect((await app.api(`/api/feeds/${feedId}`, { method: 'PATCH', json: { fullText: 'always', extra: 1 } })).status).toBe(400);
    expect((await app.api('/api/feeds/9999', { method: 'PATCH', json: { fullText: 'always' } })).status).toBe(404);
    expect((await app.api('/api/feeds/9999')).status).toBe(404);
    expect((await app.api('/api/feeds/abc')).status).toBe(400);
    const addBad = await app.api('/api/feeds', { method: 'POST', json: { url: `${site.base}/wire2.xml`, fullText: 3 } });
    expect(addBad.status).toBe(400);
    expect(addBad.body.details[0].path).toBe('fullText');
    const ok = await app.api(`/api/feeds/${offFeedId}`, { method: 'PATCH', json: { fullText: 'always' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: offFeedId, fullText: 'always', paused: false });
    const both = await app.api(`/api/feeds/${offFeedId}`, { method: 'PATCH', json: { fullText: 'never', paused: true } });
    expect(both.body).toMatchObject({ fullText: 'never', paused: true });
  });

  it('shows the setting as a CSRF-protected select on the feed page, with the counts and reasons', async () => {
    const session = newSession();
    const { html } = await getPage(app.url, `/feeds/${offFeedId}`, session);
    expect(html).toMatch(/<form method="post" action="\/feeds\/\d+\/full-text"[^>]*><input type="hidden" name="_csrf"/);
    expect(html).toContain('<option value="never" selected>');
    expect(html).toContain('Skipped (1): full text is off for this feed');
    const res = await submitForm(app.url, `/feeds/${offFeedId}`, `/feeds/${offFeedId}/full-text`, { fullText: 'auto', back: 'feed' }, session);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/feeds/${offFeedId}`);
    expect((await app.api(`/api/feeds/${offFeedId}`)).body.fullText).toBe('auto');
    const noToken = await fetch(`${app.url}/feeds/${offFeedId}/full-text`, { method: 'POST', body: new URLSearchParams({ fullText: 'never' }), redirect: 'manual' });
    expect(noToken.status).toBe(403);
    const bad = await submitForm(app.url, `/feeds/${offFeedId}`, `/feeds/${offFeedId}/full-text`, { fullText: '<script>' }, session);
    expect(bad.status).toBe(400);
  });

  it('puts the story on the timeline with an excerpt "from the article", escaped, and a link to the whole text', async () => {
    const { html } = await getPage(app.url, `/cases/${caseId}`);
    expect(html).toContain('<span class="badge from-article">from the article</span>');
    expect(html).toContain('The plaintiff, ByteDance, accuses former intern Tian Keyu');
    expect(html).toContain('Tian Keyu (in the article)');
    expect(html).not.toContain('<img src=x');
    const link = /<a href="\/stories\/(\d+)">Read the whole text/.exec(html);
    expect(link).not.toBeNull();
    const story = await getPage(app.url, `/stories/${link![1]}`);
    expect(story.res.status).toBe(200);
    expect(story.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp;amp; &quot;quoted&quot;');
    expect(story.html).not.toContain('<img src=x');
    expect(story.html).toContain('either side was likely to appeal.');
    expect(story.html).not.toMatch(/Halcyon|ledgerfan/);
    const json = await app.api(`/api/cases/${caseId}/timeline`);
    expect(json.body.entries[0].articleExcerpt).toContain('ByteDance, accuses former intern Tian Keyu');
  });

  it('answers a missing or malformed story page with 404 or 400', async () => {
    expect((await fetch(`${app.url}/stories/999999`)).status).toBe(404);
    expect((await fetch(`${app.url}/stories/x`)).status).toBe(400);
    expect((await fetch(`${app.url}/stories/1?x=1`)).status).toBe(400);
  });
});
