// /feeds in Chromium at 1280 and 390 px, light and dark: one line per feed, no sideways scroll, actions grouped in
// one menu, health summed up at the top; and an outbox message rendered decoded under the page's strict CSP.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFeed, listFeedRows, updateFeedHealth } from '../../db/feeds.ts';
import { confirmSubscription } from '../../db/subscriptions.ts';
import { parseOpml } from '../../core/opml.ts';
import { STARTER_OPML } from '../../app/feeds.ts';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { hasChromium, launchChromium, openPage, seriousAxeViolations, shotPath } from './chromium.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

interface Box {
  top: number;
  bottom: number;
  height: number;
  right: number;
}
interface El {
  getBoundingClientRect(): Box;
  outerHTML: string;
  textContent: string | null;
  checkVisibility(): boolean;
}
interface Doc {
  document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): Iterable<El> };
  innerWidth: number;
}

/** Whether the page scrolls sideways, and the first elements that stick out when it does. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as Doc;
    const fits = document.documentElement.scrollWidth <= innerWidth;
    // Text clipped by an ellipsis reaches past the edge without widening the page: only named when it does.
    const wide = fits ? [] : [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5);
    return { fits, wide: wide.slice(0, 3).map((e) => e.outerHTML.slice(0, 120)) };
  });

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

describe.skipIf(!hasChromium)('/feeds in the browser', () => {
  let browser: Browser;
  let app: App;

  beforeAll(async () => {
    [browser, app] = await Promise.all([launchChromium(), startTestApp({ SEARCH_FEEDS: 'on' })]);
    // The layout the issue saw: the starter list plus a case's news searches, whose URLs run to 200 characters.
    // Inserted as rows, not imported: an import may fetch them, and these tests never touch the network.
    const starter = parseOpml(readFileSync(STARTER_OPML, 'utf8'));
    if (!starter.ok) throw new Error(starter.reason);
    for (const f of starter.feeds) insertFeed(app.ctx.db, { url: f.url, title: f.title }, app.ctx.now());
    const parties = [
      { name: 'ByteDance Technology Co., Ltd.', role: 'plaintiff', aliases: ['字节跳动', 'ByteDance', 'Beijing ByteDance Network Technology'] },
      { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇', 'Keyu Tian'] },
    ];
    expect((await app.api('/api/cases', { method: 'POST', json: { title: 'ByteDance v. Tian Keyu (Haidian District People\'s Court)', parties } })).status).toBe(201);
    const now = app.ctx.now();
    listFeedRows(app.ctx.db).forEach((f, i) => {
      const lastError = i % 4 === 1 ? `DNS lookup failed for ${new URL(f.url).hostname}` : i % 4 === 2 ? 'HTTP 404 Not Found' : null;
      updateFeedHealth(app.ctx.db, f.id, {
        lastFetchedAt: now,
        lastStatus: lastError ? 'error' : 'ok',
        lastHttpStatus: lastError ? null : 200,
        lastError,
        consecutiveFailures: lastError ? 3 : 0,
        nextFetchAt: new Date(now.getTime() + 900_000),
      });
    });
    insertFeed(app.ctx.db, { url: 'https://not-fetched-yet.example.com/a/very/long/path/that/goes/on/and/on/rss.xml?with=query&and=more' }, now);
  }, 60_000);
  afterAll(() => browser?.close());

  for (const vp of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      it(`fits ${vp.width} px in ${scheme} with one line per feed and its actions in one menu`, async () => {
        const t = await openPage(browser, { viewport: { width: vp.width, height: vp.height }, colorScheme: scheme, isMobile: vp.width < 500, hasTouch: vp.width < 500 });
        await t.page.goto(`${app.url}/feeds`);
        expect(await overflow(t.page), 'closed').toEqual({ fits: true, wide: [] });
        const rows = await t.page.locator('table.feeds tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height));
        expect(rows.length).toBeGreaterThan(25);
        // One line of text a row on a desktop; a phone gets the name and menu, then status, times and count in
        // small type (on two lines when the status is a failure's reason).
        const lineHeight = await t.page.locator('table.feeds td.feed-name').first().evaluate((td) => td.getBoundingClientRect().height);
        for (const h of rows) expect(h).toBeLessThan(vp.width > 500 ? lineHeight * 1.6 : lineHeight * 4);
        // No stacked buttons: each row shows one "Actions" summary; the buttons are inside it until it opens.
        expect(await t.page.locator('table.feeds button:visible').count()).toBe(0);
        expect(await t.page.locator('table.feeds details.menu > summary').count()).toBe(rows.length);
        await expect.poll(() => t.page.locator('section.health .headline').textContent()).toMatch(/^\d+ healthy, \d+ failing: DNS lookup failed for \d+ hosts; HTTP 404 from \d+ feeds\. 1 not fetched yet\.$/);
        expect(await seriousAxeViolations(t.page)).toEqual([]);
        await t.page.screenshot({ path: shotPath(`feeds-${vp.width}-${scheme}.png`), fullPage: true });

        // Open a failing row's reason, then its actions: they overlay the rows below without widening the page.
        const row = t.page.locator('tr.state-failing').last();
        await row.locator('details.problem > summary').click();
        await expect.poll(() => row.locator('details.problem[open] .pop-body').textContent()).toMatch(/\. .*Failed the last 3 tries in a row/);
        await row.locator('details.menu > summary').click();
        expect(await t.page.locator('details.menu[open] button:visible').allTextContents()).toEqual(['Retry now', 'Pause', 'Remove']);
        // One pop-up at a time: opening the menu closed the reason.
        expect(await t.page.locator('details.pop[open]').count()).toBe(1);
        expect(await overflow(t.page), 'menu open').toEqual({ fits: true, wide: [] });
        await t.page.keyboard.press('Escape');
        expect(await t.page.locator('details.pop[open]').count()).toBe(0);
        await t.close();
      });
    }
  }

  it('keeps a long feed address to one line with the full URL in its tooltip', async () => {
    const t = await openPage(browser);
    await t.page.goto(`${app.url}/feeds`);
    const link = t.page.locator('a[title^="https://not-fetched-yet.example.com/"]');
    expect(await link.getAttribute('title')).toBe('https://not-fetched-yet.example.com/a/very/long/path/that/goes/on/and/on/rss.xml?with=query&and=more');
    const cell = await link.evaluate((a) => {
      const td = a.closest('td')!;
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { textOverflow: string } }).getComputedStyle(td);
      return { scroll: td.scrollWidth, client: td.clientWidth, overflow: style.textOverflow };
    });
    expect(cell.overflow).toBe('ellipsis');
    expect(cell.scroll, 'the address is long enough to be cut').toBeGreaterThan(cell.client);
    await t.close();
  });
});

describe.skipIf(!hasChromium)('an outbox message in the browser', () => {
  let browser: Browser;
  let app: App;
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await startFeedServer({ '/news.rss': serveBody(readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url)), 'application/rss+xml; charset=utf-8') });
    [browser, app] = await Promise.all([launchChromium(), startTestApp()]);
    const sub = (await app.api('/api/subscriptions', { method: 'POST', json: { channel: 'email', target: 'reader@example.com', frequency: 'immediate' } })).body;
    confirmSubscription(app.ctx.db, sub.id, app.ctx.now());
    const parties = [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }];
    await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'ByteDance v. Tian Keyu', parties } });
    await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } });
    await app.api('/api/digests/run', { method: 'POST' });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await feeds?.close();
  });

  it('opens from the outbox list decoded, with no CSP refusal, and the raw source one click away', async () => {
    const t = await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    const refused: string[] = [];
    t.page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
    });
    await t.page.goto(`${app.url}/subscriptions`);
    await Promise.all([t.page.waitForNavigation(), t.page.getByRole('link', { name: /^ByteDance v\. Tian Keyu: 2 new stories/ }).click()]);
    await expect.poll(() => t.page.locator('article.email-view').textContent()).toContain('字节跳动起诉前实习生田柯宇 索赔800万元');
    expect(await t.page.locator('article.email-view').isVisible()).toBe(true);
    expect(refused).toEqual([]);
    expect(await overflow(t.page)).toEqual({ fits: true, wide: [] });
    expect(await seriousAxeViolations(t.page)).toEqual([]);
    await t.page.screenshot({ path: shotPath('outbox-message-phone.png'), fullPage: true });
    await Promise.all([t.page.waitForNavigation(), t.page.getByRole('link', { name: 'Raw source (.eml)' }).click()]);
    expect(await t.page.locator('body').textContent()).toContain('Content-Transfer-Encoding: quoted-printable');
    await t.close();
  });
});
