// The article read behind a teaser, in Chromium: the timeline's excerpt with its mark, the story's whole text, and
// the feed's full-text setting, each inert (markup in the article stays text) and with nothing serious for axe-core.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentJobs } from '../../db/jobs.ts';
import { startTestApp } from '../helpers/app.ts';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feedServer.ts';
import { activeMarkup, hasChromium, launchChromium, openPage, seriousAxeViolations, xssMarker, type TestPage } from './chromium.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/articles/${name}`, import.meta.url), 'utf8');
const serve = (body: string, type: string): Handler => (_req, res) => void res.writeHead(200, { 'content-type': type }).end(body);
const PAYLOAD = '&lt;img src=x onerror="window.__xss=1"&gt;&lt;script&gt;window.__xss=2&lt;/script&gt;';

describe.skipIf(!hasChromium)('an article behind a teaser, in the browser', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let site: FeedServer;
  let browser: Browser;
  let t: TestPage;
  let caseId = 0;
  let feedId = 0;

  beforeAll(async () => {
    const page = fixture('en-court.html').replace('The company is seeking', `Tian Keyu wrote ${PAYLOAD} in a log. The company is seeking`);
    site = await startFeedServer({ '/a/en': serve(page, 'text/html; charset=utf-8') });
    const item = `<item><title>ByteDance suit against former intern heard in Beijing</title><link>${site.base}/a/en</link><guid>e1</guid>
      <description>A technology group says a former intern tampered with its code.</description><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item>`;
    site.routes.set('/wire.xml', serve(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://example.org/</link><description>w</description>${item}</channel></rss>`, 'application/rss+xml'));
    app = await startTestApp();
    const c = await app.api('/api/cases?wait=true', {
      method: 'POST',
      json: { title: 'ByteDance v. Tian Keyu', court: "Haidian District People's Court", parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }] },
    });
    caseId = c.body.id;
    feedId = (await app.api('/api/feeds', { method: 'POST', json: { url: `${site.base}/wire.xml` } })).body.id;
    for (const job of recentJobs(app.ctx.db, { limit: 5, kinds: ['articles'] })) await app.ctx.jobs.wait(job.id);
    browser = await launchChromium();
    t = await openPage(browser);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await browser?.close();
    await site?.close();
  });

  it('shows the excerpt marked "from the article" on the timeline, inert and accessible', async () => {
    await t.page.goto(`${app.url}/cases/${caseId}`, { waitUntil: 'load' });
    const excerpt = t.page.locator('.entry .article-excerpt');
    await expect(excerpt.locator('.from-article').textContent()).resolves.toBe('from the article');
    await expect(excerpt.textContent()).resolves.toContain('accuses former intern Tian Keyu');
    expect(await xssMarker(t.page)).toBeUndefined();
    expect(await activeMarkup(t.page)).toEqual([]);
    expect(await seriousAxeViolations(t.page)).toEqual([]);
  });

  it('opens the whole text from the entry, with the markup in it shown as text', async () => {
    await Promise.all([t.page.waitForNavigation({ waitUntil: 'load' }), t.page.getByRole('link', { name: /Read the whole text/ }).click()]);
    expect(new URL(t.page.url()).pathname).toMatch(/^\/stories\/\d+$/);
    await expect(t.page.locator('.article-text').textContent()).resolves.toContain('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>');
    expect(await xssMarker(t.page)).toBeUndefined();
    expect(await activeMarkup(t.page)).toEqual([]);
    expect(await seriousAxeViolations(t.page)).toEqual([]);
    expect(t.blocked).toEqual([]);
  });

  it('changes the feed\'s full-text setting with its select', async () => {
    await t.page.goto(`${app.url}/feeds/${feedId}`, { waitUntil: 'load' });
    expect(await seriousAxeViolations(t.page)).toEqual([]);
    await t.page.getByLabel('Read the article behind a story').selectOption('never');
    await Promise.all([t.page.waitForNavigation({ waitUntil: 'load' }), t.page.locator('form[action$="/full-text"] button').click()]);
    expect(new URL(t.page.url()).pathname).toBe(`/feeds/${feedId}`);
    await expect(t.page.getByLabel('Read the article behind a story').inputValue()).resolves.toBe('never');
    await expect(t.page.locator('.feed-facts').nth(1).textContent()).resolves.toMatch(/Articles read\s*1/);
  });
});
