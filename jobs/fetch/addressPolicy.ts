// SSRF guard: which addresses a feed may live on, checked on each URL hop and again at connect time.
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import type { AddressPolicy } from './types.ts';

const ALLOW_HINT = 'set ALLOW_PRIVATE_FEEDS=1 to allow';

/** True only for globally routable unicast addresses; IPv4-mapped IPv6 is judged as the IPv4 it carries. */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  return ipaddr.process(ip).range() === 'unicast';
}

/** The address as a person knows it: IPv4-mapped IPv6 (::ffff:7f00:1) is shown as its IPv4 (127.0.0.1). */
function shownAddress(ip: string): string {
  return ipaddr.isValid(ip) ? ipaddr.process(ip).toString() : ip;
}

/** Raised from the connect-time lookup so the fetcher can tell a refusal from a DNS failure. */
export class BlockedAddressError extends Error {
  readonly code = 'CASEWATCH_BLOCKED_ADDRESS';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`refused: ${hostname} resolves to a private address (${shownAddress(address)}); ${ALLOW_HINT}`);
    this.name = 'BlockedAddressError';
  }
}

/** The hostname as an IP address when it is one (brackets stripped), else null. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return net.isIP(host) === 0 ? null : host;
}

/**
 * Why this URL may not be fetched, or null. Runs on every hop because the connect-time lookup
 * never sees literal IPs; `new URL` has already turned forms like 0x7f000001 into dotted quads.
 */
export function refusalForUrl(url: URL, allowAddress: AddressPolicy): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https feeds are supported';
  if (allowAddress === null) return null;
  const ip = literalAddress(url);
  if (ip !== null && !allowAddress(ip)) return `refused: ${shownAddress(ip)} is a private address; ${ALLOW_HINT}`;
  return null;
}

type Resolve = (hostname: string, options: dns.LookupOptions, callback: Parameters<net.LookupFunction>[2]) => void;

const systemResolve: Resolve = (hostname, options, callback) => dns.lookup(hostname, options, callback);

/**
 * A `lookup` for net/tls connect that fails with BlockedAddressError when any resolved address is
 * refused: checking all of them keeps happy-eyeballs from picking the private one.
 */
export function guardedLookup(allowAddress: (ip: string) => boolean, resolve: Resolve = systemResolve): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const addresses = typeof address === 'string' ? [address] : address.map((a) => a.address);
      const refused = addresses.find((ip) => !allowAddress(ip));
      if (refused !== undefined) return callback(new BlockedAddressError(hostname, refused), address, family);
      callback(null, address, family);
    });
  };
}
