// A case's timeline in Chromium: confirm and reject from the review queue (mouse and keyboard), and the Atom link.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { hasChromium, launchChromium, openPage, type Dom, type TestPage } from './chromium.ts';

// Two clear matches and two doubtful ones (one party, no legal action named) that land in review.
const items = [
  { guid: 'auto-1', title: 'ByteDance sues former intern Tian Keyu over sabotage', summary: 'ByteDance filed a lawsuit seeking 8 million yuan from Tian Keyu.', date: 'Tue, 26 Nov 2024 09:00:00 +0000' },
  { guid: 'review-1', title: 'ByteDance lawsuit draws attention', summary: 'A court in Beijing accepted a case filed by the company.', date: 'Wed, 27 Nov 2024 09:00:00 +0000' },
  { guid: 'review-2', title: 'ByteDance appeal', summary: 'ByteDance said it would appeal the court ruling.', date: 'Thu, 28 Nov 2024 09:00:00 +0000' },
  { guid: 'auto-2', title: '字节跳动起诉前实习生田柯宇', summary: '字节跳动向海淀法院起诉田柯宇，索赔800万元。', date: 'Fri, 29 Nov 2024 09:00:00 +0000' },
];
const rss = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Decisions Wire</title><link>https://d.example.com/</link>${items
  .map((i) => `<item><title>${i.title}</title><link>https://d.example.com/${i.guid}</link><guid>${i.guid}</guid><pubDate>${i.date}</pubDate><description>${i.summary}</description></item>`)
  .join('')}</channel></rss>`;
const CASE = { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] }, { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] }], keywords: ['sabotage'] };

/** What the page shows: titles in the review queue and in the timeline (with a confirmed badge marked). */
async function shown(page: Page): Promise<{ review: string[]; timeline: string[] }> {
  return {
    review: await page.locator('.review-item h3, .review-item p:first-child a').allTextContents(),
    timeline: await page.locator('article.entry').evaluateAll((els) => els.map((e) => `${e.querySelector('h3, h4')?.textContent}${e.querySelector('.badge')?.textContent === 'confirmed' ? ' (confirmed)' : ''}`)),
  };
}

async function clickAndLoad(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name, exact: true }).click()]);
}

describe.skipIf(!hasChromium)('timeline page in the browser', () => {
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let t: TestPage;
  const newCase = async () => (await app.api('/api/cases?wait=true', { method: 'POST', json: CASE })).body.id as number;

  beforeAll(async () => {
    feeds = await startFeedServer({ '/d.rss': serveBody(rss, 'application/rss+xml') });
    app = await startTestApp();
    await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/d.rss` } });
    browser = await launchChromium();
    t = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await feeds?.close();
  });

  it('confirm moves a story from the review queue to the timeline; reject removes it; both survive a reload', async () => {
    const { page } = t;
    const caseId = await newCase();
    await page.goto(`${app.url}/cases/${caseId}`);
    expect(await shown(page)).toEqual({ review: ['ByteDance appeal', 'ByteDance lawsuit draws attention'], timeline: ['字节跳动起诉前实习生田柯宇', 'ByteDance sues former intern Tian Keyu over sabotage'] });

    await clickAndLoad(page, 'Confirm: ByteDance lawsuit draws attention');
    const storyAnchor = new URL(page.url()).hash;
    expect(storyAnchor).toMatch(/^#story-\d+$/);
    expect(await page.locator(`${storyAnchor} h3, ${storyAnchor} h4`).textContent()).toBe('ByteDance lawsuit draws attention');
    const confirmed = { review: ['ByteDance appeal'], timeline: ['字节跳动起诉前实习生田柯宇', 'ByteDance lawsuit draws attention (confirmed)', 'ByteDance sues former intern Tian Keyu over sabotage'] };
    expect(await shown(page)).toEqual(confirmed);
    expect(await page.getByRole('status').first().textContent()).toMatch(/^Confirmed “ByteDance lawsuit draws attention”\..*Undo$/);

    await clickAndLoad(page, 'Reject: ByteDance appeal');
    const after = { review: [], timeline: confirmed.timeline };
    expect(await shown(page)).toEqual(after);
    expect(await page.getByRole('heading', { name: 'To review' }).count()).toBe(0);
    // The page says what happened, and offers to undo it; the story is nowhere else on the page.
    expect(await page.getByRole('status').first().textContent()).toMatch(/^Rejected “ByteDance appeal”\. It is hidden from this case\./);
    expect(await page.locator('main').evaluate((m) => m.textContent!.split('ByteDance appeal').length - 1)).toBe(1);

    await clickAndLoad(page, 'Undo: reject ByteDance appeal');
    expect(await page.getByRole('status').first().textContent()).toBe('Undone: “ByteDance appeal” is back in the review queue.');
    expect(await shown(page)).toEqual(confirmed);
    await clickAndLoad(page, 'Reject: ByteDance appeal');

    await page.reload();
    expect(await shown(page)).toEqual(after);
    // A plain visit shows no notice.
    await page.goto(`${app.url}/cases/${caseId}`);
    expect(await page.locator('.notice').count()).toBe(0);
  });

  it('reaches the Confirm button by keyboard and confirms with Enter', async () => {
    const { page } = t;
    const caseId = await newCase();
    await page.goto(`${app.url}/cases/${caseId}`);
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => (globalThis as unknown as Dom).document.activeElement?.getAttribute('aria-label') === 'Confirm: ByteDance lawsuit draws attention');
    }
    expect(reached).toBe(true);
    // The focused button must be visibly marked for a keyboard user.
    const outline = await page.evaluate(() => {
      const { getComputedStyle, document } = globalThis as unknown as Dom;
      return getComputedStyle(document.activeElement!).outlineStyle;
    });
    expect(outline).not.toBe('none');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    expect((await shown(page)).timeline).toContain('ByteDance lawsuit draws attention (confirmed)');
    expect((await shown(page)).review).toEqual(['ByteDance appeal']);
  });

  it('follows the Atom link to an Atom feed of the case entries', async () => {
    const { page } = t;
    const caseId = await newCase();
    await page.goto(`${app.url}/cases/${caseId}`);
    const link = page.getByRole('link', { name: 'Atom feed' });
    const href = await link.getAttribute('href');
    expect(await page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(href);
    const res = await page.goto(new URL(href!, page.url()).href);
    expect(res!.status()).toBe(200);
    expect(res!.headers()['content-type']).toMatch(/^application\/atom\+xml/);
    const xml = await res!.text();
    expect(xml).toMatch(/^<\?xml[^>]*\?>\s*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    expect(xml).toMatch(/<feed[^>]*>\s*<id>[^<]+<\/id>\s*<title type="text">ByteDance v\. Tian Keyu<\/title>/);
    // Only the paths: the host and port come from BASE_URL, which a test app on port 0 does not know.
    expect(new URL(/<link rel="self" [^>]*href="([^"]+)"/.exec(xml)![1]!).pathname).toBe(`/cases/${caseId}/feed.atom`);
    expect(new URL(/<link rel="alternate" [^>]*href="([^"]+)"/.exec(xml)![1]!).pathname).toBe(`/cases/${caseId}`);
    const entries = [...xml.matchAll(/<entry>[\s\S]*?<title[^>]*>([^<]*)<\/title>[\s\S]*?<\/entry>/g)].map((m) => m[1]);
    expect(entries.sort()).toEqual(['ByteDance sues former intern Tian Keyu over sabotage', '字节跳动起诉前实习生田柯宇'].sort());
  });
});
