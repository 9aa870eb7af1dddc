// SSRF refusals of the fetcher: private targets given directly, through DNS, and on a redirect hop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed } from '../../jobs/fetchFeed.ts';
import { isPublicAddress } from '../../jobs/fetch/addressPolicy.ts';
import { fetchWithPolicy } from '../../jobs/fetch/fetchWithPolicy.ts';
import { NO_VALIDATORS, redirect, startServer } from './fetch/testServer.ts';
import type { TestServer } from './fetch/testServer.ts';

const guarded = { allowPrivate: false, totalTimeoutMs: 5_000 };
const ALLOW_HINT = 'set ALLOW_PRIVATE_FEEDS=1 to allow';

let server: TestServer;
let port: number;
beforeAll(async () => {
  // Every redirect target is on this machine, so a failing guard could never reach further.
  const to = (host: string) => redirect(302, ({ port }) => `http://${host}:${port}/feed`);
  server = await startServer({
    '/feed': (_req, res) => res.end('<rss/>'),
    '/to-feed': redirect(302, '/feed'),
    '/to-127.0.0.1': to('127.0.0.1'),
    '/to-hex': to('0x7f000001'),
    '/to-ipv6-loopback': to('[::1]'),
    '/to-localhost': to('localhost'),
  });
  port = server.port;
});
afterAll(() => server.close());

describe('with allowPrivate=false', () => {
  it.each([
    { url: () => `http://127.0.0.1:${port}/feed`, message: `refused: 127.0.0.1 is a private address; ${ALLOW_HINT}` },
    { url: () => `http://[::1]:${port}/feed`, message: `refused: ::1 is a private address; ${ALLOW_HINT}` },
    { url: () => `http://0x7f000001:${port}/feed`, message: `refused: 127.0.0.1 is a private address; ${ALLOW_HINT}` },
    { url: () => `http://2130706433:${port}/feed`, message: `refused: 127.0.0.1 is a private address; ${ALLOW_HINT}` },
    { url: () => `http://127.1:${port}/feed`, message: `refused: 127.0.0.1 is a private address; ${ALLOW_HINT}` },
    { url: () => `http://[::ffff:127.0.0.1]:${port}/feed`, message: `refused: 127.0.0.1 is a private address; ${ALLOW_HINT}` },
    { url: () => `http://0.0.0.0:${port}/feed`, message: `refused: 0.0.0.0 is a private address; ${ALLOW_HINT}` },
    { url: () => `http://localhost:${port}/feed`, message: `refused: localhost resolves to a private address (127.0.0.1); ${ALLOW_HINT}` },
    { url: () => 'file:///etc/passwd', message: 'only http and https feeds are supported' },
    { url: () => 'ftp://example.org/feed.xml', message: 'only http and https feeds are supported' },
    { url: () => 'javascript:alert(1)', message: 'only http and https feeds are supported' },
    { url: () => 'not a url', message: 'not a valid URL: not a url' },
  ])('$message ← $url', async ({ url, message }) => {
    const before = server.seen.length;
    expect(await fetchFeed(url(), NO_VALIDATORS, guarded)).toEqual({ kind: 'blocked', message });
    expect(server.seen.length).toBe(before);
  });

  it('refuses non-http schemes on a redirect hop even when private feeds are allowed', async () => {
    const withFile = await startServer({ '/': redirect(302, 'file:///etc/passwd') });
    try {
      const result = await fetchFeed(withFile.url('/'), NO_VALIDATORS, { allowPrivate: true });
      expect(result).toEqual({ kind: 'blocked', message: 'only http and https feeds are supported' });
    } finally {
      await withFile.close();
    }
  });
});

describe('on redirect hops', () => {
  // The test server, reached as the IPv4-mapped literal ::ffff:127.0.0.1, stands in for a public
  // feed host: that one spelling is allowed, so any other way to the same server must be refused.
  const entry = (path: string) => `http://[::ffff:127.0.0.1]:${port}${path}`;
  const onlyEntryHost = (ip: string): boolean => ip === '::ffff:7f00:1';
  const fetchHop = (path: string) => fetchWithPolicy(entry(path), NO_VALIDATORS, guarded, onlyEntryHost);

  it('lets the allowed host through, redirects included', async () => {
    expect(await fetchHop('/to-feed')).toMatchObject({ kind: 'ok', finalUrl: 'http://[::ffff:7f00:1]:' + port + '/feed' });
  });

  it.each([
    { path: '/to-127.0.0.1', message: `refused: 127.0.0.1 is a private address; ${ALLOW_HINT}` },
    { path: '/to-hex', message: `refused: 127.0.0.1 is a private address; ${ALLOW_HINT}` },
    { path: '/to-ipv6-loopback', message: `refused: ::1 is a private address; ${ALLOW_HINT}` },
    { path: '/to-localhost', message: `refused: localhost resolves to a private address (127.0.0.1); ${ALLOW_HINT}` },
  ])('$path is refused before the request is sent: $message', async ({ path, message }) => {
    const before = server.seen.length;
    expect(await fetchHop(path)).toEqual({ kind: 'blocked', message });
    expect(server.seen.slice(before).map((r) => r.path)).toEqual([path]);
  });
});
