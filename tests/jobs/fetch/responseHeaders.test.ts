// Header parsing for the fetcher (Retry-After, max-age, codings, status words) and its size/time wording.
import { describe, expect, it } from 'vitest';
import { contentCodings, headerValue, parseMaxAge, parseRetryAfter, statusMessage } from '../../../jobs/fetch/responseHeaders.ts';
import { formatBytes, formatSeconds } from '../../../jobs/fetch/wording.ts';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-04-01T10:00:00Z');
  it.each([
    [null, null],
    ['120', 120],
    [' 0 ', 0],
    ['Tue, 01 Apr 2025 10:02:00 GMT', 120],
    ['Tue, 01 Apr 2025 10:00:00 GMT', 0],
    ['Tue, 01 Apr 2025 09:00:00 GMT', 0],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('parseMaxAge', () => {
  it.each([
    [null, null],
    ['max-age=900', 900],
    ['public, max-age=60, must-revalidate', 60],
    ['MAX-AGE = 30', 30],
    ['max-age="45"', 45],
    ['s-maxage=100', null],
    ['no-cache', null],
    ['max-age=abc', null],
  ])('%s → %s', (value, expected) => {
    expect(parseMaxAge(value)).toBe(expected);
  });
});

describe('contentCodings', () => {
  it.each([
    [{}, []],
    [{ 'content-encoding': 'gzip' }, ['gzip']],
    [{ 'content-encoding': 'identity' }, []],
    [{ 'content-encoding': 'deflate, BR' }, ['br', 'deflate']],
  ])('%o → %o', (headers, expected) => {
    expect(contentCodings(headers)).toEqual(expected);
  });
});

describe('headers and wording', () => {
  it('joins repeated headers and reports absent ones as null', () => {
    expect(headerValue({ 'cache-control': ['public', 'max-age=5'] }, 'Cache-Control')).toBe('public, max-age=5');
    expect(headerValue({}, 'etag')).toBeNull();
  });

  it.each([
    [404, 'HTTP 404 Not Found'],
    [503, 'HTTP 503 Service Unavailable'],
    [599, 'HTTP 599'],
  ])('status %i → %s', (status, expected) => {
    expect(statusMessage(status)).toBe(expected);
  });

  it.each([
    [10 * 1024 * 1024, '10 MB'],
    [1536 * 1024, '1.5 MB'],
    [2048, '2 KB'],
    [999, '999 bytes'],
  ])('%i bytes → %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it.each([
    [30_000, '30 s'],
    [300, '0.3 s'],
    [1_250, '1.3 s'],
  ])('%i ms → %s', (ms, expected) => {
    expect(formatSeconds(ms)).toBe(expected);
  });
});
