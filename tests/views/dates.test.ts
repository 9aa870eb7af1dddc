// One format per context: absolute with its zone on entries, relative with the absolute moment as tooltip in lists,
// UTC in exports; every server-rendered fallback unambiguous without JavaScript.
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../core/timelineEntries.ts';
import { caseCsv, caseMarkdown } from '../../views/caseFeeds.ts';
import { absoluteTime, dateTime, monthYear, relativeTime, relativeTimeTag } from '../../views/format.ts';

const NOW = '2026-03-10T12:00:00.000Z';
const before = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();
const DAY = 86_400_000;

describe('relativeTime', () => {
  it.each([
    [before(20_000), 'just now'],
    [before(5 * 60_000), '5 min ago'],
    [before(3 * 3_600_000), '3 h ago'],
    [before(3 * DAY), '3 days ago'],
    [before(44 * DAY), '44 days ago'],
    [before(100 * DAY), '3 months ago'],
    [before(580 * DAY), '19 months ago'],
    [before(729 * DAY), '23 months ago'],
    [before(760 * DAY), '2 years ago'],
    [before(8 * 365 * DAY), '8 years ago'],
    [new Date(Date.parse(NOW) + 15 * 60_000).toISOString(), 'in 15 min'],
  ])('%s reads "%s"', (iso, words) => {
    expect(relativeTime(iso, NOW)).toBe(words);
  });
});

describe('time elements', () => {
  it('writes an entry\'s moment absolute with its zone, marked for the script to localize', () => {
    expect(absoluteTime('2026-03-05T14:20:31.000Z').value).toBe('<time datetime="2026-03-05T14:20:31.000Z" data-time="absolute">2026-03-05 14:20 UTC</time>');
    expect(dateTime('2026-03-05T14:20:31.000Z')).toBe('2026-03-05 14:20 UTC');
  });

  it('writes a list\'s moment as a distance with the absolute moment (UTC) as its tooltip', () => {
    expect(relativeTimeTag(before(3 * DAY), NOW).value).toBe('<time datetime="2026-03-07T12:00:00.000Z" data-time="relative" title="2026-03-07 12:00 UTC">3 days ago</time>');
    expect(relativeTimeTag(null, NOW).value).toBe('—');
  });

  it('names months in UTC', () => {
    expect(monthYear('2018-01-01T00:00:00.000Z')).toBe('Jan 2018');
    expect(monthYear('2020-05-31T23:59:59.999Z')).toBe('May 2020');
  });
});

describe('exports', () => {
  const entry: Entry = {
    storyId: 1, title: 'Court rules', url: 'https://news.example.com/1', source: 'Wire', publishedAt: '2026-03-05T23:30:00.000Z', summary: '', summaryHtml: '',
    score: 90, reasons: ['party'], status: 'auto', stage: 'ruling', amounts: [], courts: [], duplicates: [],
  };
  const info = { caseId: 7, title: 'A v. B', summary: null, baseUrl: 'http://casewatch.local', updatedAt: '2026-03-06T00:00:00.000Z' };

  it('Markdown says its dates are UTC and gives the UTC day', () => {
    const md = caseMarkdown(info, [entry]);
    expect(md).toContain('oldest first. Dates are UTC.');
    expect(md).toContain('- **2026-03-05** [Court rules]');
  });

  it('CSV gives each moment in ISO 8601 UTC', () => {
    const [, row] = caseCsv([entry]).split('\r\n');
    expect(row!.split(',')[0]).toBe('2026-03-05T23:30:00.000Z');
  });
});
