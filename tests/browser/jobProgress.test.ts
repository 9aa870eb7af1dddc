// A case saved over many stored stories: its page shows the backfill's progress bar filling, then the timeline;
// Cancel stops it and offers to match again; without JavaScript the page refreshes itself until it is done.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { ACME_CASE, writeAcmeStories } from '../helpers/storyStore.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { activeMarkup, hasChromium, launchChromium, openPage, seriousAxeViolations, shotPath } from './chromium.ts';

const STORIES = 60_000;
const LAWSUITS = STORIES / 100;

describe.skipIf(!hasChromium)('backfill progress on the case page', { timeout: 120_000 }, () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;

  beforeAll(async () => {
    const dbPath = path.join(tempDir(), 'progress.db');
    writeAcmeStories(dbPath, STORIES);
    app = await startTestApp({ DATABASE_PATH: dbPath });
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('fills the progress bar as stories are matched, then shows the timeline', async () => {
    const t = await openPage(browser);
    const { page } = t;
    const saved = await app.api('/api/cases', { method: 'POST', json: ACME_CASE });
    await page.goto(`${app.url}/cases/${saved.body.id}`);
    const bar = page.locator('progress[data-job-bar]');
    expect(await bar.count()).toBe(1);
    expect(await page.getByText('Matching the stories already stored').count()).toBe(1);
    expect(await activeMarkup(page)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Sample the bar until the page reloads with the timeline.
    const values: number[] = [];
    let shot = false;
    while ((await page.locator('article.entry').count()) === 0) {
      const v = await bar.getAttribute('value', { timeout: 200 }).catch(() => null);
      if (v !== null) values.push(Number(v));
      if (!shot && Number(v) > 0) {
        await page.screenshot({ path: shotPath('backfill-progress.png'), fullPage: true });
        shot = true;
      }
      await page.waitForTimeout(100);
    }
    expect(values.length).toBeGreaterThan(1);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]!);
    expect(values.some((v) => v > 0 && v < STORIES)).toBe(true);
    expect(await page.locator('progress').count()).toBe(0);
    expect(await page.locator('.case-head .meta').textContent()).toMatch(new RegExp(`from ${LAWSUITS} stories`));
    await page.screenshot({ path: shotPath('backfill-done.png'), fullPage: true });
    await t.close();
  });

  it('cancels from the page, says the timeline may be incomplete, and matches again on request', async () => {
    const t = await openPage(browser);
    const { page } = t;
    const saved = await app.api('/api/cases', { method: 'POST', json: { ...ACME_CASE, title: 'Acme v. Roe (cancel)' } });
    await page.goto(`${app.url}/cases/${saved.body.id}`);
    await page.waitForFunction(() => Number((globalThis as any).document.querySelector('progress[data-job-bar]')?.getAttribute('value') ?? 0) > 0);
    await Promise.all([page.waitForURL(new RegExp(`/cases/${saved.body.id}$`)), page.getByRole('button', { name: 'Cancel' }).click()]);
    await page.getByText('The timeline may be incomplete').waitFor();
    expect(await page.locator('.job').textContent()).toMatch(/Cancelled after [\d,]+ of 60,000 stories/);
    await Promise.all([page.waitForURL(new RegExp(`/cases/${saved.body.id}$`)), page.getByRole('button', { name: 'Match stored stories again' }).click()]);
    expect(await page.locator('progress').count()).toBe(1);
    await page.locator('progress').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.locator('.case-head .meta').textContent()).toMatch(new RegExp(`from ${LAWSUITS} stories`));
    await page.goto(`${app.url}/jobs`);
    const rows = await page.locator('table.jobs tbody tr').allTextContents();
    expect(rows[0]).toMatch(/Match stored stories.*Acme v\. Roe \(cancel\).*Done/s);
    expect(rows[1]).toMatch(/Acme v\. Roe \(cancel\).*Cancelled/s);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await t.close();
  });

  it('without JavaScript, the page refreshes itself until the timeline is there', async () => {
    const t = await openPage(browser, { javaScriptEnabled: false });
    const { page } = t;
    const saved = await app.api('/api/cases', { method: 'POST', json: { ...ACME_CASE, title: 'Acme v. Roe (no script)' } });
    await page.goto(`${app.url}/cases/${saved.body.id}`);
    expect(await page.locator('progress').count()).toBe(1);
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(1);
    await page.locator('progress').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.locator('.case-head .meta').textContent()).toMatch(new RegExp(`from ${LAWSUITS} stories`));
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    await t.close();
  });
});
