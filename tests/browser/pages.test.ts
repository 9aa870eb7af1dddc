// Every page in Chromium: axe-core finds nothing serious, a phone gets no sideways scroll, the keyboard reaches
// everything in order, and screenshots of the main pages are written to /tmp/casewatch-shots for a person to look at.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpDemo, type DemoResult } from '../../server/demo.ts';
import { startTestApp } from '../helpers/app.ts';
import { hasChromium, launchChromium, openPage, seriousAxeViolations, shotPath, type Dom, type TestPage } from './chromium.ts';

const fitsWidth = (page: Page) =>
  page.evaluate(() => {
    const { document, window } = globalThis as unknown as Dom;
    return document.documentElement.scrollWidth <= window.innerWidth;
  });

const PHONE = { width: 375, height: 740 };
const PASSWORD = 'correct horse battery';

/** Every violation as one readable line, so a failure names the rule and the elements at fault. */
async function axeReport(page: Page): Promise<string[]> {
  return (await seriousAxeViolations(page)).map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.slice(0, 3).join(' | ')}`);
}

async function submitEmptyCaseForm(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/cases/new`);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Add case', exact: true }).click()]);
  expect(await page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
}

describe.skipIf(!hasChromium)('pages in the browser', () => {
  let browser: Browser;
  let demo: DemoResult;
  let empty: Awaited<ReturnType<typeof startTestApp>>;
  let desktop: TestPage;
  let phone: TestPage;
  let pages: string[] = [];

  beforeAll(async () => {
    [browser, demo, empty] = await Promise.all([launchChromium(), setUpDemo(0), startTestApp({ ADMIN_PASSWORD: PASSWORD })]);
    desktop = await openPage(browser);
    phone = await openPage(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    const api = (p: string, json: unknown) => fetch(demo.running.url + p, { method: 'POST', body: JSON.stringify(json), headers: { 'content-type': 'application/json' } });
    await api('/api/subscriptions', { caseId: demo.caseIds[0], channel: 'email', target: 'reader@example.com', frequency: 'daily' });
    await api('/api/subscriptions', { channel: 'webhook', target: 'http://127.0.0.1:9/hook', frequency: 'immediate' });
    const feeds = (await (await fetch(`${demo.running.url}/api/feeds`)).json()) as { feeds: { id: number }[] };
    pages = ['/', ...demo.caseIds.map((id) => `/cases/${id}`), `/cases/${demo.caseIds[0]}/edit`, '/cases/new', '/feeds', `/feeds/${feeds.feeds[0]!.id}`, '/stories', '/stories?q=ByteDance', '/subscriptions', '/settings', '/no-such-page'];
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.cleanup();
  });

  describe('axe-core', () => {
    it('finds no serious or critical problem on the login page and the empty pages of a new install', async () => {
      // Its own context: cookies are per host, not per port, and this app has a password.
      const t = await openPage(browser);
      await t.page.goto(`${empty.url}/`);
      expect(new URL(t.page.url()).pathname).toBe('/login');
      expect(await axeReport(t.page), 'login').toEqual([]);
      await t.page.getByLabel('Password').fill('not the password');
      await Promise.all([t.page.waitForNavigation({ waitUntil: 'load' }), t.page.getByRole('button', { name: 'Log in' }).click()]);
      expect(await t.page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
      expect(await axeReport(t.page), 'login with an error').toEqual([]);
      await t.page.getByLabel('Password').fill(PASSWORD);
      await Promise.all([t.page.waitForNavigation({ waitUntil: 'load' }), t.page.getByRole('button', { name: 'Log in' }).click()]);
      expect(new URL(t.page.url()).pathname).toBe('/');
      for (const p of ['/', '/cases/new', '/feeds', '/stories', '/subscriptions', '/settings']) {
        await t.page.goto(empty.url + p);
        expect(new URL(t.page.url()).pathname, p).toBe(p);
        expect(await axeReport(t.page), p).toEqual([]);
      }
      await t.close();
    });

    it('finds none on the populated pages, the case form with errors, and an error page', async () => {
      for (const p of pages) {
        await desktop.page.goto(demo.running.url + p);
        expect(await axeReport(desktop.page), p).toEqual([]);
      }
      await submitEmptyCaseForm(desktop.page, demo.running.url);
      expect(await axeReport(desktop.page), 'case form with errors').toEqual([]);
    });

    it('finds none on a phone, where the tables are laid out as blocks', async () => {
      for (const p of [`/cases/${demo.caseIds[0]}`, '/']) {
        await phone.page.goto(demo.running.url + p);
        expect(await axeReport(phone.page), p).toEqual([]);
      }
    });
  });

  describe('on a phone', () => {
    it('no page scrolls sideways at 375 px', async () => {
      for (const p of pages) {
        await phone.page.goto(demo.running.url + p);
        const { scrollWidth, innerWidth, wide } = await phone.page.evaluate(() => {
          const { document, window } = globalThis as unknown as Dom;
          return {
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            // Names the elements that stick out, for the failure message.
            wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5).slice(0, 5).map((e) => e.outerHTML.slice(0, 100)),
          };
        });
        expect(innerWidth, p).toBe(PHONE.width);
        expect(scrollWidth <= innerWidth ? [] : wide, p).toEqual([]);
      }
      await submitEmptyCaseForm(phone.page, demo.running.url);
      expect(await fitsWidth(phone.page)).toBe(true);
      // A new API token is one long unbroken word.
      await phone.page.goto(`${demo.running.url}/settings`);
      await phone.page.getByLabel(/^Name/).fill('phone check');
      await Promise.all([phone.page.waitForNavigation({ waitUntil: 'load' }), phone.page.getByRole('button', { name: 'Create token' }).click()]);
      expect(await phone.page.locator('code.token').count()).toBe(1);
      expect(await fitsWidth(phone.page), 'settings with a new token').toBe(true);
    });

    it('draws the coverage chart labels undistorted, as on a desktop', async () => {
      const timeline = `${demo.running.url}/cases/${demo.caseIds[0]}`;
      const labelShapes = async (page: Page) => {
        await page.goto(timeline);
        return page.locator('figure.coverage svg text').evaluateAll((ts) => ts.map((t) => ({ text: t.textContent!, ...t.getBoundingClientRect().toJSON() })).filter((b) => b.width > 0));
      };
      const [small, large] = [await labelShapes(phone.page), await labelShapes(desktop.page)];
      expect(small.length).toBeGreaterThan(1);
      for (const l of small) {
        const same = large.find((x) => x.text === l.text)!;
        expect(l.height, l.text).toBeGreaterThan(8);
        // Text stretched or squeezed with the bars changes its width for the same height.
        expect(l.width / l.height, l.text).toBeCloseTo(same.width / same.height, 1);
      }
    });
  });

  describe('keyboard', () => {
    it('Tab from the top reaches "Skip to content" first, then the navigation; the skip link jumps to the content', async () => {
      const { page } = desktop;
      await page.goto(`${demo.running.url}/cases/${demo.caseIds[0]}`);
      const focused = async () =>
        page.evaluate(() => {
          const active = (globalThis as unknown as Dom).document.activeElement;
          return { text: active?.textContent?.trim(), inMain: !!active?.closest('main'), inNav: !!active?.closest('header') };
        });
      const order: string[] = [];
      await page.keyboard.press('Tab');
      expect(await focused()).toMatchObject({ text: 'Skip to content' });
      // Hidden until focused; then on screen, where a sighted keyboard user sees it.
      const box = await page.locator('a.skip').boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.y).toBeGreaterThanOrEqual(0);
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Tab');
        const f = await focused();
        if (!f.inNav) break;
        order.push(f.text!);
      }
      expect(order.slice(0, 5)).toEqual(expect.arrayContaining(['Cases', 'Feeds', 'Stories', 'Digests']));
      expect(order.indexOf('Cases')).toBeLessThan(order.indexOf('Feeds'));

      await page.goto(`${demo.running.url}/cases/${demo.caseIds[0]}`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      expect(await focused()).toMatchObject({ inMain: true });
    });
  });

  describe('screenshots', () => {
    it('writes the populated timeline (desktop and phone), the case form and the case list', async () => {
      const timeline = `${demo.running.url}/cases/${demo.caseIds[0]}`;
      await desktop.page.goto(timeline);
      await desktop.page.screenshot({ path: shotPath('timeline-desktop.png'), fullPage: true });
      await desktop.page.screenshot({ path: shotPath('timeline-desktop-top.png') });
      await phone.page.goto(timeline);
      await phone.page.screenshot({ path: shotPath('timeline-phone.png'), fullPage: true });
      await phone.page.screenshot({ path: shotPath('timeline-phone-top.png') });
      await desktop.page.goto(`${demo.running.url}/cases/new`);
      await desktop.page.screenshot({ path: shotPath('case-form.png'), fullPage: true });
      await phone.page.goto(`${demo.running.url}/cases/new`);
      await phone.page.screenshot({ path: shotPath('case-form-phone.png'), fullPage: true });
      await desktop.page.goto(`${demo.running.url}/`);
      await desktop.page.screenshot({ path: shotPath('case-list.png'), fullPage: true });
      await phone.page.goto(`${demo.running.url}/`);
      await phone.page.screenshot({ path: shotPath('case-list-phone.png'), fullPage: true });
    });
  });
});
