// The case page as a reader sees it in Chromium: the stage track and agreed facts of a long case (links into the paged
// timeline), the demo cases' tracks, the coverage chart over the whole case, an empty new case saying why, and every
// variant at 1280×800 and 390×844 in light and dark without axe violations or sideways scrolling. Full-page
// screenshots go to /tmp/case-shots for a person to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpDemo, type DemoResult } from '../../server/demo.ts';
import { startTestApp } from '../helpers/app.ts';
import { LONG_CASE, writeLongCaseStories } from '../helpers/longCase.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { hasChromium, launchChromium, openPage, seriousAxeViolations, type Dom } from './chromium.ts';

export const CASE_SHOTS = '/tmp/case-shots';
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const SCHEMES = ['light', 'dark'] as const;

const fits = (page: Page) =>
  page.evaluate(() => {
    const { document, window } = globalThis as unknown as Dom;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
      .slice(0, 3);
    return document.documentElement.scrollWidth <= window.innerWidth ? [] : wide.map((e) => e.outerHTML.slice(0, 120));
  });

/** The track as read: each step's name, date (or "not reported") and whether it is the current one. */
const track = (page: Page) =>
  page
    .locator('ol.track > li')
    .evaluateAll((lis) =>
      lis.map((li) => {
        const date = (li.querySelector('.step-date time') ?? li.querySelector('.step-date'))?.textContent?.trim();
        const current = li.getAttribute('aria-current') === 'step' ? ' (current)' : '';
        return `${li.querySelector('.step-name')?.textContent}: ${date}${current}`;
      }),
    );

describe.skipIf(!hasChromium)('the case page in the browser', { timeout: 120_000 }, () => {
  let browser: Browser;
  let demo: DemoResult;
  let long: Awaited<ReturnType<typeof startTestApp>>;
  let empty: Awaited<ReturnType<typeof startTestApp>>;
  let failing: Awaited<ReturnType<typeof startTestApp>>;
  let longId: number;
  let emptyId: number;
  let failingId: number;
  let noticeUrl: string;

  beforeAll(async () => {
    const dbPath = path.join(tempDir(), 'long.db');
    writeLongCaseStories(dbPath, 320);
    [browser, demo, long, empty, failing] = await Promise.all([
      launchChromium(),
      setUpDemo(0),
      startTestApp({ DATABASE_PATH: dbPath }),
      startTestApp(),
      startTestApp({ SEARCH_FEEDS: 'on' }),
    ]);
    longId = (await long.api('/api/cases?wait=true', { method: 'POST', json: LONG_CASE })).body.id;
    const acme = {
      title: 'Acme v. Roe',
      parties: [
        { name: 'Acme Robotics', role: 'plaintiff' },
        { name: 'Jane Roe', role: 'defendant' },
      ],
    };
    emptyId = (await empty.api('/api/cases?wait=true', { method: 'POST', json: acme })).body.id;
    // Its news-search feeds are fetched at once and fail (tests reach 127.0.0.1 only).
    failingId = (await failing.api('/api/cases?wait=true', { method: 'POST', json: acme })).body.id;
    // A rejection on a demo case, for the page's notice with its Undo button.
    const demoApi = async (p: string, json?: unknown) =>
      (
        await fetch(
          demo.running.url + p,
          json ? { method: 'POST', body: JSON.stringify(json), headers: { 'content-type': 'application/json' } } : {},
        )
      ).json();
    const withReview = demo.caseIds[1]!;
    const story = ((await demoApi(`/api/cases/${withReview}/timeline`)) as { review: { storyId: number }[] }).review[0]!
      .storyId;
    await demoApi(`/api/cases/${withReview}/stories/${story}`, { decision: 'reject' });
    noticeUrl = `${demo.running.url}/cases/${withReview}?decided=reject&story=${story}`;
    mkdirSync(CASE_SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.cleanup();
  });

  it('shows the long case at a glance: every stage with the date of its first report, and the facts the stories agree on', async () => {
    const t = await openPage(browser, { viewport: SIZES.desktop });
    await t.page.goto(`${long.url}/cases/${longId}`);
    expect(await track(t.page)).toEqual([
      'Filed: 2018-06-20',
      'Hearing: 2019-02-12',
      'Ruling: 2020-09-17',
      'Appeal: 2020-11-02',
      'Settled: 2021-04-30 (current)',
    ]);
    const facts = await t.page
      .locator('.glance-facts > div')
      .evaluateAll((ds) =>
        ds.map((d) => `${d.querySelector('dt')?.textContent}: ${d.querySelector('.fact-value')?.textContent ?? ''}`),
      );
    expect(facts).toEqual([
      'Parties: ',
      'Court: U.S. District Court for the District of Nevada',
      'Amount: $400,000',
      'Case number: 3:18-cv-00296',
    ]);
    expect(await t.page.locator('.glance-facts').textContent()).toMatch(
      /\$400,000 in \d of the \d+ newest stories|\$400,000 in \d of \d+ stories/,
    );
    // The filing is on the last page of the newest-first timeline: its link goes there, to the entry itself.
    const { pageCount } = (await long.api(`/api/cases/${longId}/timeline?perPage=100`)).body;
    expect(pageCount).toBeGreaterThan(2);
    const filed = t.page.locator('ol.track > li').first().locator('a');
    expect(await filed.getAttribute('href')).toMatch(new RegExp(`^/cases/${longId}\\?page=${pageCount}#story-\\d+$`));
    await Promise.all([t.page.waitForURL(new RegExp(`page=${pageCount}#story-`)), filed.click()]);
    const anchor = new URL(t.page.url()).hash;
    expect(await t.page.locator(`article${anchor} h4`).textContent()).toBe(
      'Tesla sues former technician Martin Tripp over leaked data',
    );
    // The settlement is on page 1: a plain anchor.
    await t.page.goto(`${long.url}/cases/${longId}`);
    expect(await t.page.locator('ol.track > li').last().locator('a').getAttribute('href')).toMatch(/^#story-\d+$/);
    await t.close();
  });

  it('charts the whole life of the long case by month, with labelled axes and a caption that counts it', async () => {
    const t = await openPage(browser, { viewport: SIZES.desktop });
    await t.page.goto(`${long.url}/cases/${longId}`);
    expect(await t.page.locator('figure.coverage figcaption').textContent()).toMatch(
      /^320 stories from June 2018 to April 2021, by month/,
    );
    const ticks = await t.page.locator('svg.coverage-x text').allTextContents();
    expect(ticks[0]).toBe('Jun 2018');
    expect(ticks.length).toBeGreaterThan(3);
    expect(await t.page.locator('svg.coverage-y text').allTextContents()).toContain('0');
    expect(await t.page.locator('.coverage-axis').textContent()).toBe('Stories per month');
    // No inline styles anywhere: the CSP forbids them.
    expect(await t.page.locator('[style]').count()).toBe(0);
    await t.close();
  });

  it('shows each demo case its stages in order, every reached one linked to a story on the timeline', async () => {
    const t = await openPage(browser, { viewport: SIZES.desktop });
    for (const id of demo.caseIds) {
      await t.page.goto(`${demo.running.url}/cases/${id}`);
      expect((await track(t.page)).map((s) => s.split(':')[0])).toEqual([
        'Filed',
        'Hearing',
        'Ruling',
        'Appeal',
        'Settled',
      ]);
      expect(await t.page.locator('ol.track > li[aria-current="step"]').count()).toBeLessThanOrEqual(1);
      for (const href of await t.page
        .locator('ol.track a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
        expect(href).toMatch(/^#story-\d+$/);
        expect(await t.page.locator(`article${href}`).count(), href).toBe(1);
      }
    }
    // Tesla v. Tripp: the 2018 filing and the 2020 ruling are both on the track and in the chart.
    await t.page.goto(`${demo.running.url}/cases/${demo.caseIds[1]}`);
    const steps = await track(t.page);
    expect(steps[0]).toMatch(/^Filed: 2018-/);
    expect(steps.find((s) => s.startsWith('Ruling'))).toMatch(/^Ruling: 2020-/);
    expect(await t.page.locator('figure.coverage figcaption').textContent()).toMatch(
      /^\d+ stories from June 2018 to \w+ 20\d\d, by quarter/,
    );
    await t.close();
  });

  it('says why a new case has no stories: no feeds yet, with the way to add some', async () => {
    const t = await openPage(browser, { viewport: SIZES.desktop });
    await t.page.goto(`${empty.url}/cases/${emptyId}`);
    const box = t.page.locator('.empty-state');
    expect(await box.textContent()).toMatch(/No feeds yet, so there is nothing to search/);
    expect(await box.getByRole('link', { name: 'Add a feed' }).getAttribute('href')).toBe('/feeds');
    expect(await box.getByRole('button', { name: 'Import the starter feeds' }).count()).toBe(1);
    expect(await t.page.getByText('New stories appear here as the feeds are polled').count()).toBe(0);
    // Nothing to place on a track yet: the box holds the parties only.
    expect(await t.page.locator('ol.track').count()).toBe(0);
    expect(await t.page.locator('.glance .parties').textContent()).toMatch(/Acme Robotics.*Jane Roe/s);
    expect(await t.page.locator('.case-head .meta').textContent()).toBe('No stories yet');
    await t.close();
  });

  const pages = () => [
    { name: 'long', url: `${long.url}/cases/${longId}` },
    { name: 'demo-tesla', url: `${demo.running.url}/cases/${demo.caseIds[1]}` },
    { name: 'empty', url: `${empty.url}/cases/${emptyId}` },
    { name: 'failing', url: `${failing.url}/cases/${failingId}` },
    { name: 'notice', url: noticeUrl },
    { name: 'delete', url: `${long.url}/cases/${longId}/delete` },
  ];

  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const colorScheme of SCHEMES) {
      it(`fits ${viewport.width} px in ${colorScheme}, with no axe violation; full-page screenshots in ${CASE_SHOTS}`, async () => {
        const t = await openPage(browser, {
          viewport,
          colorScheme,
          ...(size === 'phone' ? { isMobile: true, hasTouch: true } : {}),
        });
        for (const p of pages()) {
          await t.page.goto(p.url);
          expect(await fits(t.page), `${p.name} ${size} ${colorScheme}`).toEqual([]);
          const axe = (await seriousAxeViolations(t.page)).map((v) => `${v.id}: ${v.nodes.slice(0, 2).join(' | ')}`);
          expect(axe, `${p.name} ${size} ${colorScheme}`).toEqual([]);
          await t.page.screenshot({
            path: path.join(CASE_SHOTS, `${p.name}-${size}-${colorScheme}.png`),
            fullPage: true,
          });
        }
        await t.close();
      });
    }
  }
});
