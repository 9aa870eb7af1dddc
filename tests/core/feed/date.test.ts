import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../core/feed/date.ts';

const cases: Array<[string, string | null]> = [
  // RFC 822 / 2822 with numeric offsets and zone names
  ['Thu, 01 Jan 2004 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
  ['Tue, 15 Mar 2022 16:20:00 PDT', '2022-03-15T23:20:00.000Z'],
  ['Mon, 24 Mar 2025 08:00:00 EDT', '2025-03-24T12:00:00.000Z'],
  ['Wed, 02 Nov 2022 14:00:00 CDT', '2022-11-02T19:00:00.000Z'],
  ['Wed, 02 Nov 2022 14:00:00 CST', '2022-11-02T20:00:00.000Z'],
  ['Tue, 05 Mar 2024 09:30:00 EST', '2024-03-05T14:30:00.000Z'],
  ['Tue, 05 Mar 2024 09:30:00 MST', '2024-03-05T16:30:00.000Z'],
  ['Tue, 05 Mar 2024 09:30:00 MDT', '2024-03-05T15:30:00.000Z'],
  ['Tue, 05 Mar 2024 09:30:00 PST', '2024-03-05T17:30:00.000Z'],
  ['Tue, 05 Mar 2024 09:30:00 UT', '2024-03-05T09:30:00.000Z'],
  ['Sat, 28 Jun 2025 09:00:00 +0800', '2025-06-28T01:00:00.000Z'],
  ['Tue, 24 Aug 2021 10:00:00 -0230', '2021-08-24T12:30:00.000Z'],
  ['Tue, 24 Aug 2021 10:00:00 +02:00', '2021-08-24T08:00:00.000Z'],
  // missing weekday, seconds or zone; one-digit day; two-digit year
  ['24 Aug 2021 10:00:00 +0200', '2021-08-24T08:00:00.000Z'],
  ['Tue, 28 May 2024 15:00 +0800', '2024-05-28T07:00:00.000Z'],
  ['Tue, 5 Mar 2024 09:30 EST', '2024-03-05T14:30:00.000Z'],
  ['5 March 2024', '2024-03-05T00:00:00.000Z'],
  ['01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
  ['thu, 01 jan 2004 19:48:21 gmt', '2004-01-01T19:48:21.000Z'],
  // RFC 3339 / ISO 8601 / W3C-DTF
  ['2003-12-31T10:14:55Z', '2003-12-31T10:14:55.000Z'],
  ['2023-02-08T09:00:00.120-05:00', '2023-02-08T14:00:00.120Z'],
  ['2023-02-08T09:00:00.123456+01:00', '2023-02-08T08:00:00.123Z'],
  ['2022-09-01T08:00-04:00', '2022-09-01T12:00:00.000Z'],
  ['2023-07-05T20:00+08:00', '2023-07-05T12:00:00.000Z'],
  ['2023-11-21', '2023-11-21T00:00:00.000Z'],
  ['2023-11', '2023-11-01T00:00:00.000Z'],
  ['2023-11-21 10:00:00', '2023-11-21T10:00:00.000Z'],
  ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  // US month-first variant
  ['March 5, 2024 9:30 pm EST', '2024-03-06T02:30:00.000Z'],
  ['Tuesday, March 5th, 2024', '2024-03-05T00:00:00.000Z'],
  // garbage and impossible values
  ['', null],
  ['   ', null],
  ['not a date at all', null],
  ['yesterday-ish, maybe', null],
  ['31/02/2024 25:61', null],
  ['2023-02-30T10:00:00Z', null],
  ['2023-13-01', null],
  ['2023-01-01T25:00:00Z', null],
  ['Tue, 32 Mar 2024 09:30:00 GMT', null],
  ['Tue, 05 Foo 2024 09:30:00 GMT', null],
  ['2023-01-01T10:00:00+25:00', null],
  ['x'.repeat(500), null],
];

describe('parseFeedDate', () => {
  it.each(cases)('%j', (input, expected) => {
    const date = parseFeedDate(input);
    if (expected === null) expect(date).toBeNull();
    else expect(date?.toISOString()).toBe(expected);
  });

  it('never returns an Invalid Date', () => {
    for (const [input] of cases) {
      const date = parseFeedDate(input);
      if (date) expect(Number.isNaN(date.getTime())).toBe(false);
    }
    expect(parseFeedDate(null)).toBeNull();
    expect(parseFeedDate(undefined)).toBeNull();
  });
});
