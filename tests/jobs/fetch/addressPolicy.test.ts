// The SSRF address policy: which IPs count as public, the per-hop URL check, and the connect-time lookup.
import type { LookupAddress, LookupOptions } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { BlockedAddressError, guardedLookup, isPublicAddress, refusalForUrl } from '../../../jobs/fetch/addressPolicy.ts';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['127.0.0.1', false],
    ['127.255.0.9', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['100.127.255.254', false],
    ['224.0.0.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['240.0.0.1', false],
    ['192.0.2.10', false],
    ['198.18.0.1', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:169.254.169.254', false],
    ['64:ff9b::7f00:1', false],
    ['2002:7f00:1::', false],
    ['2001:db8::1', false],
    ['not an address', false],
    ['', false],
  ])('%s → %s', (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });
});

describe('refusalForUrl', () => {
  const privateHint = (ip: string) => `refused: ${ip} is a private address; set ALLOW_PRIVATE_FEEDS=1 to allow`;
  it.each([
    { url: 'https://example.org/feed', guarded: null, open: null },
    { url: 'http://8.8.8.8/feed', guarded: null, open: null },
    { url: 'http://localhost/feed', guarded: null, open: null }, // names are judged at connect time
    { url: 'http://127.0.0.1/feed', guarded: privateHint('127.0.0.1'), open: null },
    { url: 'http://0x7f000001/', guarded: privateHint('127.0.0.1'), open: null },
    { url: 'http://017700000001/', guarded: privateHint('127.0.0.1'), open: null },
    { url: 'http://0/', guarded: privateHint('0.0.0.0'), open: null },
    { url: 'http://[::1]/', guarded: privateHint('::1'), open: null },
    { url: 'http://[::ffff:192.168.0.1]/', guarded: privateHint('192.168.0.1'), open: null },
    { url: 'http://169.254.169.254/latest/meta-data/', guarded: privateHint('169.254.169.254'), open: null },
    { url: 'file:///etc/passwd', guarded: 'only http and https feeds are supported', open: 'only http and https feeds are supported' },
    { url: 'gopher://example.org/', guarded: 'only http and https feeds are supported', open: 'only http and https feeds are supported' },
  ])('$url', ({ url, guarded, open }) => {
    expect(refusalForUrl(new URL(url), isPublicAddress)).toBe(guarded);
    expect(refusalForUrl(new URL(url), null)).toBe(open);
  });
});

describe('guardedLookup', () => {
  type Answer = string | LookupAddress[];
  /** A resolver with fixed answers, standing in for DNS so no query leaves the machine. */
  const fixedResolver =
    (answers: Record<string, Answer>) =>
    (hostname: string, _options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: Answer, family?: number) => void) => {
      const answer = answers[hostname];
      if (answer === undefined) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
      else callback(null, answer, typeof answer === 'string' ? 4 : undefined);
    };
  const resolver = fixedResolver({
    'feeds.example.com': [{ address: '93.184.216.34', family: 4 }],
    'rebind.example.com': [{ address: '10.0.0.5', family: 4 }],
    'mixed.example.com': [
      { address: '93.184.216.34', family: 4 },
      { address: 'fd00::5', family: 6 },
    ],
    'single.example.com': '169.254.169.254',
  });
  const lookup = guardedLookup(isPublicAddress, resolver);
  const run = (hostname: string, options: LookupOptions) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: Answer }>((resolve) =>
      lookup(hostname, options, (err, address) => resolve({ err, address })),
    );

  it.each([
    { host: 'feeds.example.com', options: { all: true }, refused: null },
    { host: 'rebind.example.com', options: { all: true }, refused: '10.0.0.5' },
    { host: 'mixed.example.com', options: { all: true }, refused: 'fd00::5' },
    { host: 'single.example.com', options: {}, refused: '169.254.169.254' },
  ])('$host → refused: $refused', async ({ host, options, refused }) => {
    const { err, address } = await run(host, options);
    if (refused === null) {
      expect(err).toBeNull();
      expect(address).toEqual([{ address: '93.184.216.34', family: 4 }]);
      return;
    }
    expect(err).toBeInstanceOf(BlockedAddressError);
    expect(err?.message).toBe(`refused: ${host} resolves to a private address (${refused}); set ALLOW_PRIVATE_FEEDS=1 to allow`);
  });

  it('passes resolver failures through untouched', async () => {
    const { err } = await run('nowhere.invalid', { all: true });
    expect(err?.code).toBe('ENOTFOUND');
  });

  it('uses the system resolver by default: localhost is refused', async () => {
    const system = guardedLookup(isPublicAddress);
    const err = await new Promise((resolve) => system('localhost', { all: true }, (e) => resolve(e)));
    expect(err).toBeInstanceOf(BlockedAddressError);
  });
});
