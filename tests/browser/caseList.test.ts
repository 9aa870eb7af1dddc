// The case list in Chromium at 1280×800 and 390×844, light and dark, with a case whose news is years old, one with
// new stories since the last visit, and one with none: no sideways scroll, no axe violation, dates in the reader's
// locale. Full-page screenshots go to /tmp/list-shots/ for a person to look at.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPage, newSession } from '../helpers/forms.ts';
import { caseListWorld, type CaseListWorld } from '../helpers/caseListWorld.ts';
import { hasChromium, launchChromium, openPage, seriousAxeViolations, type Dom } from './chromium.ts';

const SHOTS = '/tmp/list-shots';
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

const overflow = (page: Page) =>
  page.evaluate(() => {
    const { document, window } = globalThis as unknown as Dom;
    const fits = document.documentElement.scrollWidth <= window.innerWidth;
    const wide = fits ? [] : [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5);
    return { fits, wide: wide.slice(0, 3).map((e) => e.outerHTML.slice(0, 120)) };
  });

describe.skipIf(!hasChromium)('the case list in the browser', () => {
  let browser: Browser;
  let w: CaseListWorld;
  /** A browser that saw the list before the news came: its next visit shows what is new. */
  let seen: BrowserContextOptions['storageState'];

  beforeAll(async () => {
    [browser, w] = await Promise.all([launchChromium(), caseListWorld()]);
    const first = newSession();
    await getPage(w.app.url, '/', first);
    const host = new URL(w.app.url).hostname;
    seen = { cookies: [{ name: 'cw_seen', value: first.cookies.get('cw_seen')!, domain: host, path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }], origins: [] };
    expect(await w.addNews()).toBeGreaterThan(0);
    w.setClockAhead(3_600_000);
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(() => browser?.close());

  for (const vp of VIEWPORTS) {
    for (const scheme of SCHEMES) {
      it(`fits ${vp.width} px in ${scheme}, with what is new marked and no axe violation`, async () => {
        const mobile = vp.width < 500;
        const t = await openPage(browser, { viewport: { width: vp.width, height: vp.height }, colorScheme: scheme, isMobile: mobile, hasTouch: mobile, storageState: seen });
        await t.page.goto(`${w.app.url}/`);
        expect(await t.page.locator('.since-visit').textContent()).toMatch(/^1 case has new stories since your last visit on .+\.$/);
        expect(await t.page.locator('tr.has-new .new-count').isVisible()).toBe(true);
        // The old case's sparkline has bars: its own life, not the calendar's last 12 weeks.
        const old = t.page.locator('tr', { has: t.page.locator(`a[href="/cases/${w.ids.old}"]`) });
        expect(await old.locator('svg.spark rect').count()).toBeGreaterThan(1);
        expect(await overflow(t.page)).toEqual({ fits: true, wide: [] });
        expect(await seriousAxeViolations(t.page)).toEqual([]);
        await t.page.screenshot({ path: `${SHOTS}/list-${vp.width}-${scheme}.png`, fullPage: true });
        await t.close();
      });
    }
  }

  it('writes dates in the reader\'s locale and time zone: relative in the list with the full moment as tooltip', async () => {
    const t = await openPage(browser, { locale: 'de-DE', timezoneId: 'Asia/Shanghai', storageState: seen });
    await t.page.goto(`${w.app.url}/`);
    const latest = t.page.locator(`tr:has(a[href="/cases/${w.ids.old}"]) time[data-time="relative"]`);
    expect(await latest.textContent()).toMatch(/^vor \d Jahren$/);
    // 2020-06-01 09:00 UTC is 17:00 in Shanghai.
    expect(await latest.getAttribute('title')).toMatch(/^1\. Juni 2020, 17:00 GMT\+8$/);
    expect(await t.page.locator('.since-visit time[data-time="absolute"]').textContent()).toMatch(/\d{4}.* GMT\+8$/);
    await t.close();
  });

  it('leaves the server\'s unambiguous UTC text when the script does not run', async () => {
    const t = await openPage(browser, { javaScriptEnabled: false, storageState: seen });
    await t.page.goto(`${w.app.url}/`);
    const latest = t.page.locator(`tr:has(a[href="/cases/${w.ids.old}"]) time`);
    expect(await latest.getAttribute('title')).toBe('2020-06-01 09:00 UTC');
    expect(await latest.textContent()).toMatch(/^\d years ago$/);
    await t.close();
  });

  it('changes the order by its links, marking the current one', async () => {
    const t = await openPage(browser, { storageState: seen });
    await t.page.goto(`${w.app.url}/`);
    await Promise.all([t.page.waitForNavigation(), t.page.getByRole('link', { name: 'Name', exact: true }).click()]);
    expect(new URL(t.page.url()).search).toBe('?sort=name');
    expect(await t.page.locator('nav.sort a[aria-current]').textContent()).toBe('Name');
    expect(await t.page.locator('td.case-cell > a').allTextContents()).toEqual(['Acme Corporation v. Wile E. Coyote', 'ByteDance v. Tian Keyu', 'Globex v. Initech']);
    await t.close();
  });
});
