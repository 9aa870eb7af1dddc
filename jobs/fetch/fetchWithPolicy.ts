// One feed GET over HTTP: conditional headers, manual redirects checked hop by hop, a capped body.
import type { Agent, Dispatcher } from 'undici';
import type { Readable } from 'node:stream';
import { guardedLookup, refusalForUrl } from './addressPolicy.ts';
import { describeConnectionError } from './describeError.ts';
import { readCappedBody } from './readBody.ts';
import { contentCodings, headerValue, parseMaxAge, parseRetryAfter, responseValidators, statusMessage } from './responseHeaders.ts';
import { formatBytes, formatSeconds } from './wording.ts';
import type { AddressPolicy, FetchOptions, FetchResult, Validators } from './types.ts';

export const FEED_USER_AGENT = 'casewatch/0.1.0 (+https://github.com/casewatch; feed fetcher)';
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';
export const FETCH_DEFAULTS = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
} as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_STATUSES = new Set([301, 308]);

interface Session {
  agent: Agent;
  request: typeof import('./httpClient.ts').request;
  signal: AbortSignal;
  validators: Validators;
  allowAddress: AddressPolicy;
  userAgent: string;
  accept: string;
  connectTimeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  now: () => number;
  /** Host of the hop in flight, so a thrown connection error can name it. */
  host: string;
}

/**
 * fetchFeed with the address policy made explicit: null allows every address, otherwise the policy
 * is applied to literal IPs on every hop and to resolved addresses at connect time.
 */
export async function fetchWithPolicy(url: string, validators: Validators, opts: FetchOptions, allowAddress: AddressPolicy): Promise<FetchResult> {
  opts.signal?.throwIfAborted();
  const start = URL.canParse(url) ? new URL(url) : null;
  if (start === null) return { kind: 'blocked', message: `not a valid URL: ${url}` };
  const totalTimeoutMs = opts.totalTimeoutMs ?? FETCH_DEFAULTS.totalTimeoutMs;
  const connectTimeoutMs = opts.connectTimeoutMs ?? FETCH_DEFAULTS.connectTimeoutMs;
  // The HTTP client is loaded at the first fetch: a start that fetches nothing does not compile it.
  const { Agent, request } = await import('./httpClient.ts');
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), totalTimeoutMs);
  const agent = new Agent({
    connect: allowAddress === null ? { timeout: connectTimeoutMs } : { timeout: connectTimeoutMs, lookup: guardedLookup(allowAddress) },
    // The deadline above is the real limit; these only stop undici's own 300 s defaults from mattering.
    headersTimeout: totalTimeoutMs + 1000,
    bodyTimeout: totalTimeoutMs + 1000,
  });
  const session: Session = {
    agent,
    request,
    signal: opts.signal === undefined ? deadline.signal : AbortSignal.any([opts.signal, deadline.signal]),
    validators,
    allowAddress,
    userAgent: opts.userAgent ?? FEED_USER_AGENT,
    accept: opts.accept ?? FEED_ACCEPT,
    connectTimeoutMs,
    maxBytes: opts.maxBytes ?? FETCH_DEFAULTS.maxBytes,
    maxRedirects: opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects,
    now: opts.now ?? Date.now,
    host: start.hostname,
  };
  try {
    return await followRedirects(session, start);
  } catch (err) {
    if (opts.signal?.aborted === true) throw opts.signal.reason;
    if (deadline.signal.aborted) return { kind: 'timeout', message: `timed out after ${formatSeconds(totalTimeoutMs)}` };
    return describeConnectionError(err, session.host, connectTimeoutMs);
  } finally {
    clearTimeout(timer);
    await agent.destroy();
  }
}

async function followRedirects(session: Session, start: URL): Promise<FetchResult> {
  const visited = new Set<string>();
  let url = withoutFragment(start);
  let permanentRedirectTo: string | null = null;
  let onlyPermanentSoFar = true;
  for (let followed = 0; ; followed++) {
    const refusal = refusalForUrl(url, session.allowAddress);
    if (refusal !== null) return { kind: 'blocked', message: refusal };
    visited.add(url.href);
    session.host = url.hostname;
    const response = await send(session, url);
    const target = redirectTarget(response, url);
    if (target === null) return await finish(session, url, response, permanentRedirectTo);
    discardBody(response.body);
    if (target === 'invalid') return { kind: 'redirectError', message: `${url.hostname} redirected to an invalid address` };
    if (visited.has(target.href)) return { kind: 'redirectError', message: 'redirect loop' };
    if (followed >= session.maxRedirects) return { kind: 'redirectError', message: `more than ${session.maxRedirects} redirects` };
    // Only the leading run of permanent hops says where the feed now lives; a temporary hop ends it.
    onlyPermanentSoFar &&= PERMANENT_STATUSES.has(response.statusCode);
    if (onlyPermanentSoFar) permanentRedirectTo = target.href;
    url = target;
  }
}

function send(session: Session, url: URL): Promise<Dispatcher.ResponseData> {
  const headers: Record<string, string> = {
    'user-agent': session.userAgent,
    accept: session.accept,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (session.validators.etag !== null) headers['if-none-match'] = session.validators.etag;
  if (session.validators.lastModified !== null) headers['if-modified-since'] = session.validators.lastModified;
  // undici drops user:pass@ from URLs silently; feeds behind basic auth carry it there.
  const target = new URL(url);
  if (target.username !== '' || target.password !== '') {
    const credentials = `${safeDecode(target.username)}:${safeDecode(target.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  return session.request(target, { method: 'GET', headers, dispatcher: session.agent, signal: session.signal });
}

function redirectTarget(response: Dispatcher.ResponseData, base: URL): URL | 'invalid' | null {
  if (!REDIRECT_STATUSES.has(response.statusCode)) return null;
  const location = headerValue(response.headers, 'location');
  if (location === null) return null;
  return URL.canParse(location, base.href) ? withoutFragment(new URL(location, base)) : 'invalid';
}

async function finish(session: Session, url: URL, response: Dispatcher.ResponseData, permanentRedirectTo: string | null): Promise<FetchResult> {
  const { statusCode: status, headers } = response;
  const finalUrl = url.href;
  const cacheMaxAgeSec = parseMaxAge(headerValue(headers, 'cache-control'));
  if (status === 304) {
    discardBody(response.body);
    const fresh = responseValidators(headers);
    const validators = { etag: fresh.etag ?? session.validators.etag, lastModified: fresh.lastModified ?? session.validators.lastModified };
    return { kind: 'notModified', finalUrl, permanentRedirectTo, validators, cacheMaxAgeSec };
  }
  if (status < 200 || status > 299) {
    discardBody(response.body);
    const retryAfterSec = parseRetryAfter(headerValue(headers, 'retry-after'), session.now());
    return { kind: 'httpError', status, message: statusMessage(status), retryAfterSec, gone: status === 410 };
  }
  const tooLarge = { kind: 'tooLarge', message: `larger than ${formatBytes(session.maxBytes)}` } as const;
  const declaredLength = Number(headerValue(headers, 'content-length') ?? 0);
  if (declaredLength > session.maxBytes) {
    discardBody(response.body);
    return tooLarge;
  }
  const body = await readCappedBody(response.body, contentCodings(headers), session.maxBytes).finally(() => discardBody(response.body));
  if (body.kind === 'tooLarge') return tooLarge;
  if (body.kind === 'undecodable') return { kind: 'networkError', message: `${url.hostname}: ${body.message}` };
  const contentType = headerValue(headers, 'content-type');
  return { kind: 'ok', finalUrl, permanentRedirectTo, status, contentType, body: body.bytes, validators: responseValidators(headers), cacheMaxAgeSec };
}

/** Stops reading a body we do not need; the listener keeps undici's abort error from going unhandled. */
function discardBody(body: Readable): void {
  if (body.destroyed) return;
  body.on('error', () => {});
  body.destroy();
}

function withoutFragment(url: URL): URL {
  const copy = new URL(url);
  copy.hash = '';
  return copy;
}

function safeDecode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}
