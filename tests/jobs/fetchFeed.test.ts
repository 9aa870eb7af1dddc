// fetchFeed against real local servers: conditional GET, redirects, HTTP errors, encodings, request headers.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_USER_AGENT, fetchFeed } from '../../jobs/fetchFeed.ts';
import type { FetchOptions, FetchResult } from '../../jobs/fetchFeed.ts';
import { NO_VALIDATORS, redirect, startServer } from './fetch/testServer.ts';
import type { Route, TestServer } from './fetch/testServer.ts';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Court news</title></channel></rss>';
const ETAG = '"v1"';
const LAST_MODIFIED = 'Tue, 01 Apr 2025 10:00:00 GMT';
const local: FetchOptions = { allowPrivate: true, totalTimeoutMs: 5_000 };

const feedRoute: Route = (req, res) => {
  if (req.headers['if-none-match'] === ETAG || req.headers['if-modified-since'] === LAST_MODIFIED) {
    res.writeHead(304, { etag: ETAG, 'cache-control': 'max-age=600' }).end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/rss+xml; charset=utf-8',
    etag: ETAG,
    'last-modified': LAST_MODIFIED,
    'cache-control': 'public, max-age=900',
  });
  res.end(FEED);
};

function encoded(coding: string, payload: Buffer): Route {
  return (_req, res) => res.writeHead(200, { 'content-encoding': coding, 'content-type': 'application/xml' }).end(payload);
}

function status(code: number, headers: Record<string, string> = {}): Route {
  return (_req, res) => res.writeHead(code, headers).end('error page');
}

const chainRoutes: Record<string, Route> = {};
for (let i = 1; i <= 6; i++) chainRoutes[`/chain/${i}`] = redirect(302, `/chain/${i - 1}`);
chainRoutes['/chain/0'] = feedRoute;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/feed': feedRoute,
    '/loop-a': redirect(302, '/loop-b'),
    '/loop-b': redirect(302, '/loop-a'),
    ...chainRoutes,
    '/moved-twice': redirect(301, '/moved-once'),
    '/moved-once': redirect(308, '/feed'),
    '/temporary': redirect(302, '/feed'),
    '/moved-then-temporary': redirect(301, '/temporary'),
    '/relative': redirect(307, 'feed#top'),
    '/to-file': redirect(302, 'file:///etc/passwd'),
    '/no-location': status(302),
    '/500': status(500),
    '/404': status(404),
    '/410': status(410),
    '/429': status(429, { 'retry-after': '120' }),
    '/503-date': status(503, { 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }),
    '/gzip': encoded('gzip', zlib.gzipSync(FEED)),
    '/br': encoded('br', zlib.brotliCompressSync(FEED)),
    '/deflate': encoded('deflate', zlib.deflateSync(FEED)),
    '/deflate-raw': encoded('deflate', zlib.deflateRawSync(FEED)),
    '/gzip-twice': encoded('gzip, gzip', zlib.gzipSync(zlib.gzipSync(FEED))),
    '/gzip-empty': encoded('gzip', Buffer.alloc(0)),
    '/gzip-corrupt': encoded('gzip', Buffer.from('this is not gzip at all')),
    '/zstd': encoded('zstd', Buffer.from('whatever')),
    '/auth': (req, res) => res.end(req.headers.authorization ?? 'none'),
  });
});
afterAll(() => server.close());

function text(result: FetchResult): string {
  if (result.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return Buffer.from(result.body).toString('utf8');
}

describe('conditional GET', () => {
  it('returns the body with its validators and max-age, then notModified when they are sent back', async () => {
    const first = await fetchFeed(server.url('/feed'), NO_VALIDATORS, local);
    expect(first).toMatchObject({
      kind: 'ok',
      status: 200,
      finalUrl: server.url('/feed'),
      permanentRedirectTo: null,
      contentType: 'application/rss+xml; charset=utf-8',
      validators: { etag: ETAG, lastModified: LAST_MODIFIED },
      cacheMaxAgeSec: 900,
    });
    expect(text(first)).toBe(FEED);
    if (first.kind !== 'ok') return;

    const second = await fetchFeed(server.url('/feed'), first.validators, local);
    expect(second).toEqual({
      kind: 'notModified',
      finalUrl: server.url('/feed'),
      permanentRedirectTo: null,
      validators: { etag: ETAG, lastModified: LAST_MODIFIED },
      cacheMaxAgeSec: 600,
    });
    expect(server.seen.at(-1)?.headers).toMatchObject({ 'if-none-match': ETAG, 'if-modified-since': LAST_MODIFIED });
  });

  it('sends no conditional headers without validators, and identifies itself', async () => {
    await fetchFeed(server.url('/feed'), NO_VALIDATORS, local);
    const headers = server.seen.at(-1)?.headers ?? {};
    expect(headers['if-none-match']).toBeUndefined();
    expect(headers['if-modified-since']).toBeUndefined();
    expect(headers['user-agent']).toBe(FEED_USER_AGENT);
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');

    await fetchFeed(server.url('/feed'), NO_VALIDATORS, { ...local, userAgent: 'custom/1.0' });
    expect(server.seen.at(-1)?.headers['user-agent']).toBe('custom/1.0');
  });

  it('sends credentials from the URL as basic auth', async () => {
    const url = server.url('/auth').replace('http://', 'http://reader:p%40ss@');
    const result = await fetchFeed(url, NO_VALIDATORS, local);
    expect(text(result)).toBe(`Basic ${Buffer.from('reader:p@ss').toString('base64')}`);
  });
});

describe('redirects', () => {
  it.each([
    { path: '/moved-twice', finalPath: '/feed', permanentTo: '/feed', why: '301 then 308: the feed moved' },
    { path: '/temporary', finalPath: '/feed', permanentTo: null, why: '302 is not a move' },
    { path: '/moved-then-temporary', finalPath: '/feed', permanentTo: '/temporary', why: 'the move ends where the 302 starts' },
    { path: '/relative', finalPath: '/feed', permanentTo: null, why: 'relative Location, fragment dropped' },
    { path: '/chain/5', finalPath: '/chain/0', permanentTo: null, why: 'exactly maxRedirects hops' },
  ])('$path → $finalPath ($why)', async ({ path, finalPath, permanentTo }) => {
    const result = await fetchFeed(server.url(path), NO_VALIDATORS, local);
    expect(result).toMatchObject({
      kind: 'ok',
      finalUrl: server.url(finalPath),
      permanentRedirectTo: permanentTo === null ? null : server.url(permanentTo),
    });
    expect(text(result)).toBe(FEED);
  });

  it.each([
    { path: '/loop-a', expected: { kind: 'redirectError', message: 'redirect loop' } },
    { path: '/chain/6', expected: { kind: 'redirectError', message: 'more than 5 redirects' } },
    { path: '/to-file', expected: { kind: 'blocked', message: 'only http and https feeds are supported' } },
    { path: '/no-location', expected: { kind: 'httpError', status: 302, message: 'HTTP 302 Found' } },
  ])('$path gives $expected.kind', async ({ path, expected }) => {
    expect(await fetchFeed(server.url(path), NO_VALIDATORS, local)).toMatchObject(expected);
  });

  it('honours a smaller maxRedirects', async () => {
    const result = await fetchFeed(server.url('/chain/3'), NO_VALIDATORS, { ...local, maxRedirects: 2 });
    expect(result).toEqual({ kind: 'redirectError', message: 'more than 2 redirects' });
  });
});

describe('HTTP errors', () => {
  const now = () => Date.parse('Wed, 21 Oct 2015 07:26:00 GMT');
  it.each([
    { path: '/500', status: 500, message: 'HTTP 500 Internal Server Error', retryAfterSec: null, gone: false },
    { path: '/404', status: 404, message: 'HTTP 404 Not Found', retryAfterSec: null, gone: false },
    { path: '/410', status: 410, message: 'HTTP 410 Gone', retryAfterSec: null, gone: true },
    { path: '/429', status: 429, message: 'HTTP 429 Too Many Requests', retryAfterSec: 120, gone: false },
    { path: '/503-date', status: 503, message: 'HTTP 503 Service Unavailable', retryAfterSec: 120, gone: false },
  ])('$path → $message', async ({ path, ...expected }) => {
    expect(await fetchFeed(server.url(path), NO_VALIDATORS, { ...local, now })).toEqual({ kind: 'httpError', ...expected });
  });
});

describe('content encodings', () => {
  it.each(['/gzip', '/br', '/deflate', '/deflate-raw', '/gzip-twice'])('%s is decoded', async (path) => {
    expect(text(await fetchFeed(server.url(path), NO_VALIDATORS, local))).toBe(FEED);
  });

  it('an empty gzip-labelled body is an empty body', async () => {
    expect(text(await fetchFeed(server.url('/gzip-empty'), NO_VALIDATORS, local))).toBe('');
  });

  it.each([
    { path: '/gzip-corrupt', message: 'could not decode the gzip response body' },
    { path: '/zstd', message: 'unsupported Content-Encoding "zstd"' },
  ])('$path is a network error naming the host', async ({ path, message }) => {
    expect(await fetchFeed(server.url(path), NO_VALIDATORS, local)).toEqual({ kind: 'networkError', message: `127.0.0.1: ${message}` });
  });
});
