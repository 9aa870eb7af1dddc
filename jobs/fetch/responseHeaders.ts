// Reads the response headers the poller cares about: validators, Retry-After, Cache-Control max-age.
import { STATUS_CODES } from 'node:http';
import type { Validators } from './types.ts';

type HeaderMap = Record<string, string | string[] | undefined>;

/** One header as a single string (repeated headers joined as HTTP allows), or null. */
export function headerValue(headers: HeaderMap, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

export function responseValidators(headers: HeaderMap): Validators {
  return { etag: headerValue(headers, 'etag'), lastModified: headerValue(headers, 'last-modified') };
}

/** Seconds to wait from a Retry-After value: delay-seconds or an HTTP date (a past date means 0). */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  // HTTP dates always name the month; without this check V8 reads "1.5" or "-5" as dates.
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/** The max-age directive of Cache-Control, or null when absent or malformed. */
export function parseMaxAge(cacheControl: string | null): number | null {
  if (cacheControl === null) return null;
  for (const directive of cacheControl.split(',')) {
    const match = /^\s*max-age\s*=\s*"?(\d+)"?\s*$/i.exec(directive);
    if (match?.[1] !== undefined) return Number(match[1]);
  }
  return null;
}

/** "HTTP 404 Not Found"; the reason phrase comes from the status code, since HTTP/2 and many servers send none. */
export function statusMessage(status: number): string {
  const reason = STATUS_CODES[status];
  return reason === undefined ? `HTTP ${status}` : `HTTP ${status} ${reason}`;
}

/** Content-Encoding codings in the order they must be undone (last applied first), identity dropped. */
export function contentCodings(headers: HeaderMap): string[] {
  const value = headerValue(headers, 'content-encoding');
  if (value === null) return [];
  return value
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
    .reverse();
}
