// Types of the feed fetcher: its options, the validators it sends, and every outcome it returns.

export interface FetchOptions {
  /** ALLOW_PRIVATE_FEEDS: when false, feeds on loopback, private, link-local and other non-public addresses are refused. */
  allowPrivate: boolean;
  /** Defaults to FEED_USER_AGENT. */
  userAgent?: string;
  /** The Accept header; defaults to FEED_ACCEPT (feed types first). Article pages ask for HTML. */
  accept?: string;
  /** Time allowed for DNS plus the TCP/TLS handshake of each connection; default 10 s. */
  connectTimeoutMs?: number;
  /** Deadline for the whole call, redirects and body included; default 30 s. */
  totalTimeoutMs?: number;
  /** Cap on the body after decompression (and on the bytes on the wire); default 10 MB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Aborting it rejects the call with the signal's reason: a cancelled fetch is not a feed failure. */
  signal?: AbortSignal;
  /** Clock used for Retry-After dates; default Date.now. */
  now?: () => number;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

/**
 * permanentRedirectTo: where the leading run of 301/308 hops ended (the final URL when every hop was
 * permanent; null when there was no redirect or the first hop was temporary). The caller may store it.
 */
export type FetchResult =
  | {
      kind: 'ok';
      finalUrl: string;
      permanentRedirectTo: string | null;
      status: number;
      contentType: string | null;
      body: Uint8Array;
      validators: Validators;
      cacheMaxAgeSec: number | null;
    }
  | {
      kind: 'notModified';
      finalUrl: string;
      permanentRedirectTo: string | null;
      validators: Validators;
      cacheMaxAgeSec: number | null;
    }
  | { kind: 'httpError'; status: number; message: string; retryAfterSec: number | null; gone: boolean }
  | { kind: 'networkError'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'tooLarge'; message: string }
  | { kind: 'blocked'; message: string }
  | { kind: 'redirectError'; message: string };

/** Says whether the fetcher may connect to an IP address; null means every address is allowed. */
export type AddressPolicy = ((ip: string) => boolean) | null;
