// Adding a case through the form in Chromium: inline errors keep what was typed, the live preview counts
// stored matches while typing, and the new case's timeline is filled at once from stored stories.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { hasChromium, launchChromium, openPage, shotPath, type TestPage } from './chromium.ts';

const rss = readFileSync(new URL('../fixtures/e2e/news.rss', import.meta.url));

/** Clicks a submit button and waits for the page the form post leads to. */
async function submit(page: Page, button: string, url: RegExp): Promise<void> {
  await Promise.all([page.waitForURL(url, { waitUntil: 'load' }), page.getByRole('button', { name: button, exact: true }).click()]);
}

describe.skipIf(!hasChromium)('case form in the browser', () => {
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let t: TestPage;

  beforeAll(async () => {
    feeds = await startFeedServer({ '/news.rss': serveBody(rss, 'application/rss+xml; charset=utf-8') });
    app = await startTestApp();
    const added = await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/news.rss` } });
    expect(added.body).toMatchObject({ storyCount: 4 });
    browser = await launchChromium();
    t = await openPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await feeds?.close();
  });

  it('shows the error beside the empty party name, keeps everything typed, then adds the case', async () => {
    const { page } = t;
    await page.goto(`${app.url}/cases/new`);
    // Rows for a third party and more wait behind a disclosure.
    expect(await page.getByRole('group', { name: 'Party 3' }).isVisible()).toBe(false);
    await page.getByText('More parties').click();
    expect(await page.getByRole('group', { name: 'Party 3' }).isVisible()).toBe(true);
    await page.getByLabel('Title').fill('ByteDance v. Tian Keyu');
    const party1 = page.getByRole('group', { name: 'Party 1 (required)' });
    const party2 = page.getByRole('group', { name: 'Party 2' });
    await party1.getByLabel(/^Aliases/).fill('字节跳动\nByteDance Ltd.');
    await party2.getByLabel('Name').fill('Tian Keyu');
    await party2.getByLabel(/^Aliases/).fill('田柯宇');
    await page.getByLabel(/^Keywords/).fill('sabotage\n8 million yuan');
    // The preview follows the draft while typing, before anything is saved.
    await expect.poll(() => page.locator('#preview').textContent(), { timeout: 5000 }).toMatch(/Would match \d+ stored stor(y|ies)/);

    await submit(page, 'Add case', /\/cases$/);
    expect(await page.getByRole('alert').textContent()).toBe('Please fix the fields marked below.');
    const name1 = page.getByRole('group', { name: 'Party 1 (required)' }).getByLabel('Name');
    expect(await name1.getAttribute('aria-invalid')).toBe('true');
    const errorId = await name1.getAttribute('aria-describedby');
    const error = page.locator(`[id="${errorId}"]`);
    expect(await error.isVisible()).toBe(true);
    expect(await error.textContent()).toMatch(/empty|required/i);
    // The message sits right below its field, not somewhere else on the page.
    const [fieldBox, errorBox] = [await name1.boundingBox(), await error.boundingBox()];
    expect(errorBox!.y - (fieldBox!.y + fieldBox!.height)).toBeGreaterThanOrEqual(0);
    expect(errorBox!.y - (fieldBox!.y + fieldBox!.height)).toBeLessThan(40);
    // Everything typed is still there.
    expect(await page.getByLabel('Title').inputValue()).toBe('ByteDance v. Tian Keyu');
    expect(await page.getByRole('group', { name: 'Party 1 (required)' }).getByLabel(/^Aliases/).inputValue()).toBe('字节跳动\nByteDance Ltd.');
    expect(await page.getByRole('group', { name: 'Party 2' }).getByLabel('Name').inputValue()).toBe('Tian Keyu');
    expect(await page.getByRole('group', { name: 'Party 2' }).getByLabel(/^Aliases/).inputValue()).toBe('田柯宇');
    expect(await page.getByLabel(/^Keywords/).inputValue()).toBe('sabotage\n8 million yuan');
    // The preview comes back with the form, before anything else is typed.
    await expect.poll(() => page.locator('#preview').textContent(), { timeout: 5000 }).toMatch(/Would match \d+ stored stor(y|ies)/);
    await page.screenshot({ path: shotPath('case-form-errors.png'), fullPage: true });

    await name1.fill('ByteDance');
    // The old message goes once the field is edited.
    expect(await error.count()).toBe(0);
    expect(await name1.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => page.locator('#preview').textContent(), { timeout: 5000 }).toMatch(/^Would match 2 stored stories/);
    expect(await page.locator('#preview li').count()).toBe(2);
    await page.screenshot({ path: shotPath('case-form-preview.png'), fullPage: true });

    await submit(page, 'Add case', /\/cases\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('ByteDance v. Tian Keyu');
    const entries = page.locator('article.entry');
    expect(await entries.getByRole('link').allTextContents()).toEqual(['字节跳动起诉前实习生田柯宇 索赔800万元', 'ByteDance sues former intern Tian Keyu for 8 million yuan over sabotaged model training']);
    expect(await page.locator('.parties').textContent()).toContain('字节跳动');
    const caseId = Number(new URL(page.url()).pathname.split('/').pop());
    expect((await app.api(`/api/cases/${caseId}`)).body).toMatchObject({ title: 'ByteDance v. Tian Keyu', keywords: ['sabotage', '8 million yuan'] });
  });
});
