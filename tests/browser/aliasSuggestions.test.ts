// Alias suggestions on the case form in Chromium: Add puts the spelling into the party's aliases (new and edit
// pages, with the script), and without the script the edit page's small form saves it and says so.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.ts';
import { serveBody, startFeedServer, type FeedServer } from '../helpers/feedServer.ts';
import { ITEMS, rss } from '../helpers/spellingFeed.ts';
import { activeMarkup, hasChromium, launchChromium, openPage, seriousAxeViolations, shotPath } from './chromium.ts';

const yunfan = { title: 'Yunfan Data v. Xu Zhenyu', parties: [{ name: 'Yunfan Data', role: 'plaintiff', aliases: ['云帆数据'] }, { name: 'Xu Zhenyu', role: 'defendant' }] };

describe.skipIf(!hasChromium)('alias suggestions in the browser', () => {
  let feeds: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  const newCase = async () => (await app.api('/api/cases?wait=true', { method: 'POST', json: yunfan })).body.id as number;

  beforeAll(async () => {
    feeds = await startFeedServer({ '/s.rss': serveBody(rss(ITEMS), 'application/rss+xml; charset=utf-8') });
    app = await startTestApp();
    expect((await app.api('/api/feeds', { method: 'POST', json: { url: `${feeds.base}/s.rss` } })).body).toMatchObject({ storyCount: ITEMS.length });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await feeds?.close();
  });

  it('edit page: Add puts the spelling into the aliases field, and saving keeps it', async () => {
    const caseId = await newCase();
    const t = await openPage(browser);
    const { page } = t;
    await page.goto(`${app.url}/cases/${caseId}/edit`);
    const add = page.getByRole('button', { name: 'Add “许振宇” as an alias of Xu Zhenyu' });
    await add.waitFor();
    await expect.poll(() => page.locator('#preview').textContent(), { timeout: 5000 }).toMatch(/Would match/);
    expect(await page.locator('#suggestions li').first().textContent()).toMatch(/许振宇 for Xu Zhenyu in Han characters · in 2 stories, e\.g\. “许振宇回应云帆数据诉讼”/);
    await page.screenshot({ path: shotPath('alias-suggestions-edit.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await activeMarkup(page)).toEqual([]);

    await add.click();
    const aliases = page.getByRole('group', { name: 'Party 2' }).getByLabel(/^Aliases/);
    expect(await aliases.inputValue()).toBe('许振宇');
    expect(await page.getByRole('status').filter({ hasText: 'Added' }).textContent()).toBe('Added “许振宇” to the aliases of Xu Zhenyu. Save the case to keep it.');
    // Nothing is saved until the form is.
    expect(page.url()).toBe(`${app.url}/cases/${caseId}/edit`);
    expect((await app.api(`/api/cases/${caseId}`)).body.parties[1].aliases).toEqual([]);
    // The suggestions follow the draft: the spelling it now has is no longer offered.
    await expect.poll(() => page.locator('#suggestions').textContent(), { timeout: 5000 }).not.toContain('许振宇');
    await Promise.all([page.waitForURL(`${app.url}/cases/${caseId}`), page.getByRole('button', { name: 'Save changes', exact: true }).click()]);
    expect((await app.api(`/api/cases/${caseId}`)).body.parties[1].aliases).toEqual(['许振宇']);
    expect(t.dialogs).toEqual([]);
    expect(t.blocked).toEqual([]);
    await t.close();
  });

  it('edit page without JavaScript: Add posts its small form, which saves the alias and says so', async () => {
    const caseId = await newCase();
    const t = await openPage(browser, { javaScriptEnabled: false });
    const { page } = t;
    await page.goto(`${app.url}/cases/${caseId}/edit`);
    await Promise.all([page.waitForURL(/\/edit\?/), page.getByRole('button', { name: 'Add “许振宇” as an alias of Xu Zhenyu' }).click()]);
    expect(await page.getByRole('status').filter({ hasText: 'Added' }).textContent()).toBe('Added “许振宇” to the aliases of Xu Zhenyu; the case was matched again against the stored stories.');
    expect(await page.getByRole('group', { name: 'Party 2' }).getByLabel(/^Aliases/).inputValue()).toBe('许振宇');
    expect(await page.getByRole('button', { name: /^Add “许振宇”/ }).count()).toBe(0);
    expect((await app.api(`/api/cases/${caseId}`)).body.parties[1].aliases).toEqual(['许振宇']);
    await page.screenshot({ path: shotPath('alias-suggestions-added-nojs.png'), fullPage: true });
    await t.close();
  });

  it('new-case form: suggestions follow the draft and Add fills the aliases field', async () => {
    const t = await openPage(browser);
    const { page } = t;
    await page.goto(`${app.url}/cases/new`);
    await page.getByLabel('Title').fill('Yunfan Data v. Xu Zhenyu');
    const party1 = page.getByRole('group', { name: 'Party 1 (required)' });
    const party2 = page.getByRole('group', { name: 'Party 2' });
    await party1.getByLabel('Name').fill('Yunfan Data');
    await party1.getByLabel(/^Aliases/).fill('云帆数据');
    await party2.getByLabel('Name').fill('Xu Zhenyu');
    const add = page.getByRole('button', { name: 'Add “许振宇” as an alias of Xu Zhenyu' });
    await add.waitFor({ timeout: 5000 });
    await page.screenshot({ path: shotPath('alias-suggestions-new.png'), fullPage: true });
    await add.click();
    expect(await party2.getByLabel(/^Aliases/).inputValue()).toBe('许振宇');
    expect(await party1.getByLabel(/^Aliases/).inputValue()).toBe('云帆数据');
    await expect.poll(() => page.locator('#suggestions').textContent(), { timeout: 5000 }).not.toContain('许振宇');
    expect(t.blocked).toEqual([]);
    await t.close();
  });
});
