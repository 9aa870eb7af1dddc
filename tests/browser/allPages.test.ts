// Every page of a fresh install and of the demo, at 1280×800 and 390×844, light and dark: no horizontal overflow,
// no axe violation of any impact, a visible focus and a skip link; full-page screenshots for a person to look at.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpDemo, type DemoResult } from '../../server/demo.ts';
import { startTestApp } from '../helpers/app.ts';
import { axeViolations, hasChromium, launchChromium, openPage, SHOTS, shotPath, type Dom } from './chromium.ts';

const VIEWPORTS = [
  { name: '1280', viewport: { width: 1280, height: 800 } },
  { name: '390', viewport: { width: 390, height: 844 } },
] as const;
const THEMES = ['light', 'dark'] as const;

interface Site {
  name: string;
  url: string;
  paths: string[];
}

async function checkPage(browser: Browser, site: Site, path: string): Promise<string[]> {
  const problems: string[] = [];
  for (const { name, viewport } of VIEWPORTS) {
    for (const colorScheme of THEMES) {
      const t = await openPage(browser, { viewport, colorScheme });
      try {
        const res = await t.page.goto(site.url + path, { waitUntil: 'load' });
        const where = `${site.name} ${path} ${name} ${colorScheme}`;
        if (!res || res.status() >= 400) problems.push(`${where}: HTTP ${res?.status()}`);
        const widths = await t.page.evaluate(() => {
          const { document, window } = globalThis as unknown as Dom;
          return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth };
        });
        if (widths.scroll > widths.inner) problems.push(`${where}: ${widths.scroll} px wide in a ${widths.inner} px window`);
        for (const v of await axeViolations(t.page)) problems.push(`${where}: axe ${v.id} (${v.impact}): ${v.help}: ${v.nodes.slice(0, 3).join(' | ')}`);
        const file = `${site.name}${path.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '') || '-home'}-${name}-${colorScheme}.png`;
        await t.page.screenshot({ path: shotPath(`all/${file}`), fullPage: true });
      } finally {
        await t.close();
      }
    }
  }
  return problems;
}

describe.skipIf(!hasChromium)('every page, both widths, both themes', { timeout: 600_000 }, () => {
  let browser: Browser;
  let fresh: Awaited<ReturnType<typeof startTestApp>>;
  let demo: DemoResult;

  beforeAll(async () => {
    browser = await launchChromium();
    fresh = await startTestApp();
    demo = await setUpDemo(0);
    console.log(`screenshots of every page: ${SHOTS}/all/`);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.cleanup();
  });

  it('a fresh install', async () => {
    const site = { name: 'fresh', url: fresh.url, paths: ['/', '/cases/new', '/feeds', '/stories', '/subscriptions', '/settings', '/jobs'] };
    const problems = (await Promise.all(site.paths.map((p) => checkPage(browser, site, p)))).flat();
    expect(problems).toEqual([]);
  });

  it('the demo', async () => {
    const base = demo.running.url;
    const feedId = ((await (await fetch(`${base}/api/feeds`)).json()) as { feeds: { id: number }[] }).feeds[0]!.id;
    const jobId = ((await (await fetch(`${base}/api/jobs`)).json()) as { jobs: { id: number }[] }).jobs[0]!.id;
    const outbox = await (await fetch(`${base}/subscriptions`)).text();
    const message = /href="(\/subscriptions\/outbox\/[^"]+?)"/.exec(outbox)?.[1];
    const paths = ['/', ...demo.caseIds.map((id) => `/cases/${id}`), `/cases/${demo.caseIds[0]}/edit`, '/feeds', `/feeds/${feedId}`, '/stories', '/stories?q=ByteDance', '/subscriptions', '/settings', '/jobs', `/jobs/${jobId}`];
    if (message) paths.push(message);
    const site = { name: 'demo', url: base, paths };
    const problems: string[] = [];
    // Two pages at a time: enough to keep the browser busy without starving the servers on a small machine.
    for (let i = 0; i < paths.length; i += 2) problems.push(...(await Promise.all(paths.slice(i, i + 2).map((p) => checkPage(browser, site, p)))).flat());
    expect(problems).toEqual([]);
  });

  it("shows each demo case's stages in the order they happen, keyboard first", async () => {
    const t = await openPage(browser);
    const reachedPerCase: number[] = [];
    try {
      for (const id of demo.caseIds) {
        await t.page.goto(`${demo.running.url}/cases/${id}`);
        // The skip link is the first thing Tab reaches, and it shows where focus is.
        await t.page.keyboard.press('Tab');
        const focused = await t.page.evaluate(() => {
          const { document, getComputedStyle } = globalThis as unknown as Dom;
          const el = document.activeElement!;
          return { text: el.textContent, outline: getComputedStyle(el).outlineStyle };
        });
        expect(focused.text).toBe('Skip to content');
        expect(focused.outline).not.toBe('none');
        const names = await t.page.locator('ol.track > li .step-name').allTextContents();
        expect(names).toEqual(['Filed', 'Hearing', 'Ruling', 'Appeal', 'Settled']);
        // Each reached stage links to its first report, and they follow one another in time.
        const reached = await t.page.locator('ol.track > li.reached time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
        expect([...reached].sort()).toEqual(reached);
        reachedPerCase.push(reached.length);
      }
      // The demo's cases between them go past the filing (one reaches a ruling or more).
      expect(Math.max(...reachedPerCase)).toBeGreaterThanOrEqual(3);
    } finally {
      await t.close();
    }
  });
});
