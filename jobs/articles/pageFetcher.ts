// Fetches article pages politely: the feed fetcher and its SSRF guard, robots.txt per host, N requests at once per
// host, Retry-After on 429/503, and the page decoded to text the way feeds are.
import robotsParserModule from 'robots-parser';
import type { FetchOptions, FetchResult, Validators } from '../fetch/types.ts';
import { HostGate, pause } from './hostGate.ts';

/** robots-parser is CommonJS whose types declare an ES default export: the module itself is the function. */
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => { isAllowed(url: string, ua?: string): boolean | undefined };

export type FetchFn = (url: string, validators: Validators, opts: FetchOptions) => Promise<FetchResult>;

/** The page as text, or why there is none: 'skipped' is our choice (robots.txt), 'failed' the site's or network's. */
export type PageResult =
  | { kind: 'page'; html: string; finalUrl: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string };

export interface PageFetcherOptions {
  fetch: FetchFn;
  /** The feeds' options (allowPrivate, the shutdown signal); size and time limits are the article's own. */
  fetchOptions: FetchOptions;
  /** Requests at once per host (default 2). */
  perHost?: number;
  /** The longest Retry-After waited for; a longer one fails the article with the reason (default 60 s). */
  maxRetryWaitSec?: number;
  /** Retries after a 429 or 503 (default 2). */
  maxRetries?: number;
  /** Cap on a page's size (default 3 MB). */
  maxBytes?: number;
  now?: () => number;
}

/** The product token robots.txt groups are matched against. */
export const ROBOTS_AGENT = 'casewatch';
export const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
const NO_VALIDATORS: Validators = { etag: null, lastModified: null };
/** Without Retry-After, a 429 or 503 is retried after this long. */
const DEFAULT_RETRY_SEC = 5;
const ROBOTS_TTL_MS = 24 * 3600_000;
const ROBOTS_ERROR_TTL_MS = 3600_000;
const ROBOTS_MAX_BYTES = 512 * 1024;
const ROBOTS_CACHED_HOSTS = 5_000;
const PAGE_TIMEOUT_MS = 20_000;

type RobotsRule = { allowed: (url: string) => boolean; reason: string } | { unreadable: string } | { blocked: string };

export class PageFetcher {
  readonly gate: HostGate;
  readonly #o: Required<Omit<PageFetcherOptions, 'fetchOptions' | 'fetch'>> & Pick<PageFetcherOptions, 'fetchOptions' | 'fetch'>;
  readonly #robots = new Map<string, { at: number; rule: Promise<RobotsRule> }>();

  constructor(o: PageFetcherOptions) {
    this.#o = { perHost: 2, maxRetryWaitSec: 60, maxRetries: 2, maxBytes: 3 * 1024 * 1024, now: Date.now, ...o };
    this.gate = new HostGate(this.#o.perHost, this.#o.now);
  }

  /** True once the app is shutting down: requests then end early and nothing more is recorded. */
  get aborted(): boolean {
    return this.#o.fetchOptions.signal?.aborted ?? false;
  }

  /** GETs an article page: robots.txt first, then the page, waiting as the site asks on 429 and 503. */
  async page(url: string): Promise<PageResult> {
    if (!URL.canParse(url)) return { kind: 'failed', reason: 'not a valid link' };
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return { kind: 'failed', reason: 'not an http(s) link' };
    const robots = await this.#robotsFor(target);
    if ('blocked' in robots) return { kind: 'failed', reason: robots.blocked };
    if ('unreadable' in robots) return { kind: 'skipped', reason: robots.unreadable };
    if (!robots.allowed(target.href)) return { kind: 'skipped', reason: robots.reason };
    const result = await this.#politeGet(target, { accept: HTML_ACCEPT, maxBytes: this.#o.maxBytes });
    if ('reason' in result) return result;
    if (result.kind !== 'ok') return { kind: 'failed', reason: result.kind === 'notModified' ? 'unexpected 304 Not Modified' : result.message };
    const type = result.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (type && !/^(text\/html|application\/xhtml\+xml|text\/plain)$/.test(type)) return { kind: 'failed', reason: `not a web page (${type.slice(0, 60)})` };
    const { decodeFeedBody } = await import('../../core/feed/decode.ts');
    return { kind: 'page', html: decodeFeedBody(result.body, result.contentType).text, finalUrl: result.finalUrl };
  }

  /** One GET through the host's gate, retried after a 429 or 503 when the wait asked for is short enough. */
  async #politeGet(url: URL, extra: Partial<FetchOptions>): Promise<FetchResult | { kind: 'failed'; reason: string }> {
    const host = url.host;
    const signal = this.#o.fetchOptions.signal;
    for (let attempt = 0; ; attempt++) {
      const waitSec = Math.ceil(this.gate.waitFor(host) / 1000);
      if (waitSec > this.#o.maxRetryWaitSec) return { kind: 'failed', reason: `${host} asked to wait ${waitSec} s before more requests` };
      const opts: FetchOptions = { totalTimeoutMs: PAGE_TIMEOUT_MS, ...this.#o.fetchOptions, ...extra };
      const result = await this.gate.run(host, () => this.#o.fetch(url.href, NO_VALIDATORS, opts), signal);
      if (result.kind !== 'httpError' || (result.status !== 429 && result.status !== 503)) return result;
      const retrySec = result.retryAfterSec ?? DEFAULT_RETRY_SEC;
      // Every request to the host waits, not just this one; a very long wait is capped at an hour.
      this.gate.backOff(host, this.#o.now() + Math.min(retrySec, 3600) * 1000);
      if (retrySec > this.#o.maxRetryWaitSec) return { kind: 'failed', reason: `${result.message}: ${host} asked to wait ${retrySec} s` };
      if (attempt >= this.#o.maxRetries) return { kind: 'failed', reason: `${result.message}, still after ${attempt + 1} tries` };
      await pause(retrySec * 1000, signal);
      signal?.throwIfAborted();
    }
  }

  /** The host's robots.txt rules for our agent, read once per host and kept a day (an hour when unreadable). */
  #robotsFor(url: URL): Promise<RobotsRule> {
    const key = url.origin;
    const cached = this.#robots.get(key);
    const now = this.#o.now();
    if (cached && now - cached.at < ROBOTS_TTL_MS) return cached.rule;
    const rule = this.#readRobots(url).then((r) => {
      if (!('allowed' in r)) this.#robots.set(key, { at: now - ROBOTS_TTL_MS + ROBOTS_ERROR_TTL_MS, rule: Promise.resolve(r) });
      return r;
    });
    this.#robots.delete(key);
    this.#robots.set(key, { at: now, rule });
    // The oldest hosts go first (a Map keeps insertion order).
    if (this.#robots.size > ROBOTS_CACHED_HOSTS) this.#robots.delete(this.#robots.keys().next().value!);
    return rule;
  }

  async #readRobots(url: URL): Promise<RobotsRule> {
    const robotsUrl = `${url.origin}/robots.txt`;
    const allowAll: RobotsRule = { allowed: () => true, reason: '' };
    const result = await this.#politeGet(new URL(robotsUrl), { accept: 'text/plain', maxBytes: ROBOTS_MAX_BYTES, totalTimeoutMs: 10_000 });
    if ('reason' in result) return { unreadable: `robots.txt of ${url.host} could not be read: ${result.reason}` };
    // As RFC 9309 says: no robots.txt (4xx) allows everything; one that cannot be read (5xx, network) allows nothing.
    if (result.kind === 'httpError' && result.status >= 400 && result.status < 500) return allowAll;
    // The guard refuses the host itself (a private address): the page would be refused the same way.
    if (result.kind === 'blocked') return { blocked: result.message };
    if (result.kind !== 'ok') return { unreadable: `robots.txt of ${url.host} could not be read: ${result.kind === 'notModified' ? '304' : result.message}` };
    const { decodeFeedBody } = await import('../../core/feed/decode.ts');
    const text = decodeFeedBody(result.body, result.contentType).text;
    const robots = robotsParser(robotsUrl, text);
    // A redirect to another origin leaves the rules for that origin: read them against our own URLs anyway.
    return {
      allowed: (page) => robots.isAllowed(page, ROBOTS_AGENT) !== false,
      reason: `robots.txt of ${url.host} disallows it for ${ROBOTS_AGENT}`,
    };
  }
}
