// Fetches a feed over HTTP for the poller; every expected outcome (304, 404, timeout, SSRF refusal...) is a value.
import { isPublicAddress } from './fetch/addressPolicy.ts';
import { fetchWithPolicy } from './fetch/fetchWithPolicy.ts';
import type { FetchOptions, FetchResult, Validators } from './fetch/types.ts';

export type { FetchOptions, FetchResult, Validators } from './fetch/types.ts';
export { FEED_USER_AGENT, FETCH_DEFAULTS } from './fetch/fetchWithPolicy.ts';

/**
 * GETs `url` with the stored validators. Redirects are followed by hand (at most maxRedirects) and each
 * hop is checked; unless allowPrivate, only public unicast addresses may be reached. Rejects only when
 * opts.signal is aborted (with its reason) or on a bug.
 */
export function fetchFeed(url: string, validators: Validators, opts: FetchOptions): Promise<FetchResult> {
  return fetchWithPolicy(url, validators, opts, opts.allowPrivate ? null : isPublicAddress);
}
