// The coverage chart: the unit the span calls for, weekly counts regrouped over the whole case, the count scale,
// and markup the pages' CSP allows (no inline style).
import { describe, expect, it } from 'vitest';
import { countTicks, coverageChart, coverageOf, unitForSpan, weeklyCounts } from '../../views/coverageChart.ts';

const at = (iso: string) => Date.parse(iso);
const dates = (...isos: string[]) => isos.map((d) => new Date(d));

describe('unitForSpan', () => {
  it.each([
    ['one day', '2024-11-26', '2024-11-26', 'week'],
    ['26 weeks', '2024-01-01', '2024-07-01', 'week'],
    ['27 weeks', '2024-01-01', '2024-07-08', 'month'],
    ['three years', '2018-06-20', '2021-06-19', 'month'],
    ['three years and a month', '2018-06-20', '2021-07-21', 'quarter'],
    ['six years', '2018-06-18', '2024-12-10', 'quarter'],
  ])('%s → %s', (_name, first, last, unit) => {
    expect(unitForSpan(at(`${first}T09:00:00Z`), at(`${last}T09:00:00Z`))).toBe(unit);
  });
});

describe('coverageOf', () => {
  it.each([
    {
      name: 'a 2018 filing and a 2020 ruling both show, by month, with every month between',
      stories: [
        '2018-03-05T09:00:00Z',
        '2018-03-20T09:00:00Z',
        '2019-01-10T09:00:00Z',
        '2020-06-30T09:00:00Z',
        ...Array(7).fill('2020-06-02T09:00:00Z'),
      ],
      caption: '11 stories from March 2018 to June 2020, by month',
      first: ['Mar 2018', 2],
      last: ['Jun 2020', 8],
      buckets: 28,
    },
    {
      name: 'six years, by quarter',
      stories: ['2018-06-18T09:00:00Z', '2018-06-20T09:00:00Z', '2020-09-17T09:00:00Z', '2024-12-10T09:00:00Z'],
      caption: '4 stories from June 2018 to December 2024, by quarter',
      first: ['Q2 2018', 2],
      last: ['Q4 2024', 1],
      buckets: 27,
    },
    {
      name: 'a few weeks, by week',
      stories: ['2024-11-26T09:00:00Z', '2024-11-27T09:00:00Z', '2024-12-05T09:00:00Z', '2025-01-15T09:00:00Z'],
      caption: '4 stories from 26 Nov 2024 to 15 Jan 2025, by week',
      first: ['25 Nov', 2],
      last: ['13 Jan', 1],
      buckets: 8,
    },
    {
      name: 'one week',
      stories: ['2024-11-26T09:00:00Z', '2024-11-27T09:00:00Z'],
      caption: '2 stories in the week of 25 Nov 2024',
      first: ['25 Nov', 2],
      last: ['25 Nov', 2],
      buckets: 1,
    },
    {
      // The week of Monday 30 September 2019 holds 1 October: a story on Tuesday 1 October is October's, and the
      // week's Thursday is in October too.
      name: 'a week across two months counts in the month of its Thursday',
      stories: ['2019-03-20T09:00:00Z', '2019-10-01T09:00:00Z'],
      caption: '2 stories from March 2019 to October 2019, by month',
      first: ['Mar 2019', 1],
      last: ['Oct 2019', 1],
      buckets: 8,
    },
  ])('$name', ({ stories, caption, first, last, buckets }) => {
    const ds = dates(...stories);
    const times = ds.map((d) => d.getTime());
    const c = coverageOf(weeklyCounts(ds), Math.min(...times), Math.max(...times));
    expect(c.caption).toBe(caption);
    expect(c.total).toBe(stories.length);
    expect(c.buckets.reduce((n, b) => n + b.count, 0)).toBe(stories.length);
    expect([c.buckets[0]!.tick, c.buckets[0]!.count]).toEqual(first);
    expect([c.buckets.at(-1)!.tick, c.buckets.at(-1)!.count]).toEqual(last);
    expect(c.buckets).toHaveLength(buckets);
  });
});

describe('coverageOf, weeks across two months', () => {
  it('counts a week in the month of its Thursday: only weekly counts are stored', () => {
    // Monday 30 September 2019 starts a week whose Thursday is 3 October.
    const ds = dates('2019-03-20T09:00:00Z', '2019-09-30T09:00:00Z', '2019-12-02T09:00:00Z');
    const c = coverageOf(weeklyCounts(ds), ds[0]!.getTime(), ds[2]!.getTime());
    expect(c.buckets.filter((b) => b.count).map((b) => b.name)).toEqual([
      'March 2019',
      'October 2019',
      'December 2019',
    ]);
  });
});

describe('countTicks', () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [4, [0, 1, 2, 3, 4]],
    [5, [0, 2, 4, 6]],
    [9, [0, 5, 10]],
    [11, [0, 5, 10, 15]],
    [40, [0, 10, 20, 30, 40]],
    [170, [0, 50, 100, 150, 200]],
  ])('%i → %j', (max, ticks) => {
    expect(countTicks(max)).toEqual(ticks);
  });
});

describe('coverageChart', () => {
  it('draws every story of a two-year case, labels both axes, and uses no inline style', () => {
    const ds = dates('2018-06-20T09:00:00Z', '2018-06-21T09:00:00Z', '2020-09-17T09:00:00Z');
    const svg = coverageChart(weeklyCounts(ds), ds[0]!.toISOString(), ds[2]!.toISOString()).value;
    expect(svg).toContain('<figcaption class="muted small">3 stories from June 2018 to September 2020, by month');
    expect(svg).toContain('<title>June 2018: 2</title>');
    expect(svg).toContain('<title>September 2020: 1</title>');
    expect(svg).toMatch(/<svg class="coverage-x"[^>]*>.*>Jun 2018<\/text>/s);
    expect(svg).toMatch(/<svg class="coverage-y"[^>]*>.*>0<\/text>.*>2<\/text>/s);
    expect(svg).toContain('<p class="coverage-axis muted small" aria-hidden="true">Stories per month</p>');
    expect(svg).not.toMatch(/\sstyle=/);
  });

  it('draws nothing for a case without stories', () => {
    expect(coverageChart([], null, null).value).toBe('');
  });
});
