// The case list's activity sparkline: the case's own active period in 12 bars, never the calendar's last 12 weeks.
import { describe, expect, it } from 'vitest';
import { activityBars, caseListPage, type CaseListItem } from '../../views/pages/caseList.ts';

const WEEK = 604_800_000;
const monday = (y: number, m: number, d: number) => Date.UTC(y, m, d);

describe('activityBars', () => {
  it('ends with the week of the latest story, however long ago: news from 2018 is not flat zeros', () => {
    const a = activityBars([[monday(2018, 0, 1), 2], [monday(2018, 0, 15), 1]])!;
    expect(a.weeksPerBar).toBe(1);
    expect(a.bars).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1]);
    expect(a.to).toBe('2018-01-22T00:00:00.000Z');
    expect(a.from).toBe(new Date(monday(2018, 0, 15) - 11 * WEEK).toISOString());
  });

  it('spreads a long life over the 12 bars, so that a filing years before the ruling still shows', () => {
    const filing = monday(2018, 0, 1);
    const ruling = filing + 311 * WEEK;
    const a = activityBars([[filing, 3], [filing + 100 * WEEK, 1], [ruling, 5]])!;
    expect(a.weeksPerBar).toBe(26);
    expect(a.bars[0]).toBe(3);
    expect(a.bars[11]).toBe(5);
    expect(a.bars.reduce((x, y) => x + y)).toBe(9);
    expect(Date.parse(a.from)).toBeLessThanOrEqual(filing);
  });

  it('gives no bars for a case without stories', () => {
    expect(activityBars([])).toBeNull();
  });
});

describe('caseListPage', () => {
  const item = (over: Partial<CaseListItem>): CaseListItem => ({
    id: 1, title: 'A v. B', parties: 'A · B', entries: 3, review: 0, latestStoryAt: '2018-01-15T09:00:00.000Z', latestStage: 'Ruling', newStories: 0,
    weeks: [[monday(2018, 0, 1), 2], [monday(2018, 0, 15), 1]], ...over,
  });
  const page = (cases: CaseListItem[], lastVisit: string | null) =>
    caseListPage({ cases, feedCount: 1, sort: 'latest', now: '2026-03-10T12:00:00.000Z', lastVisit });

  it('labels the sparkline with its period and shows the latest story as a distance with the UTC moment as tooltip', () => {
    const html = page([item({})], null);
    expect(html).toContain('aria-label="Stories per week, Oct 2017 – Jan 2018: 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1"');
    expect(html).toContain('<time datetime="2018-01-15T09:00:00.000Z" data-time="relative" title="2018-01-15 09:00 UTC">8 years ago</time>');
    expect(html).not.toContain('This week');
  });

  it('says nothing is new on a first visit, and counts the cases with new stories after that', () => {
    expect(page([item({})], null)).toContain('First visit from this browser');
    const later = page([item({ newStories: 3 }), item({ id: 2, newStories: 1 }), item({ id: 3 })], '2026-03-05T14:20:00.000Z');
    expect(later).toContain('<strong>2 cases have new stories</strong> since your last visit on <time datetime="2026-03-05T14:20:00.000Z" data-time="absolute">2026-03-05 14:20 UTC</time>.');
    expect(later).toContain('<span class="new-count">3 new<span class="visually-hidden"> stories since your last visit</span></span>');
    expect(page([item({})], '2026-03-05T14:20:00.000Z')).toContain('No new stories since your last visit on');
  });
});
