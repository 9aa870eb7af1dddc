// URL helpers for feed items: resolving relative links and the canonical form used to spot duplicates.

/** Resolves `href` against `base`; null when the result is not a parseable URL. */
export function resolveUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  const value = href?.trim();
  if (!value) return null;
  if (URL.canParse(value)) return new URL(value).href;
  try {
    return base ? new URL(value, base).href : null;
  } catch {
    return null;
  }
}

/** Like `resolveUrl`, but only http(s) results count: a story link must be something a reader can open. */
export function resolveHttpUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  const url = resolveUrl(href, base);
  return url && /^https?:/i.test(url) ? url : null;
}

/** Query parameters that only say where a click came from. Matched case-insensitively. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', 'igshid', 'ref_src',
  'ref_url', '_ga', '_gl', 'yclid', 'twclid', 'ttclid', 'li_fat_id', 'mkt_tok', '_hsenc', '_hsmi', 'hsctatracking',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'wickedid', 'rb_clickid', 's_cid', 'cmpid', 'ncid', 'sr_share',
  'at_medium', 'at_campaign', 'guccounter', 'guce_referrer', 'guce_referrer_sig',
]);

function isTrackingParam(rawKey: string): boolean {
  let key: string;
  try {
    key = decodeURIComponent(rawKey.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    key = rawKey.toLowerCase();
  }
  return key.startsWith('utm_') || TRACKING_PARAMS.has(key);
}

/**
 * The form of a URL used for dedup: scheme and host lower-cased (and default ports dropped) by WHATWG parsing,
 * fragment and tracking parameters removed. Everything else keeps its order and encoding. Null when unparseable.
 */
export function canonicalizeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  parsed.hash = '';
  if (parsed.search) {
    const kept = parsed.search
      .slice(1)
      .split('&')
      .filter((pair) => pair !== '' && !isTrackingParam(pair.split('=', 1)[0] ?? ''));
    // Assigning `search` would re-encode; rebuild the string so the kept parameters stay byte-identical.
    const base = parsed.href.slice(0, parsed.href.length - parsed.search.length);
    return kept.length ? `${base}?${kept.join('&')}` : base;
  }
  return parsed.href.replace(/\?$/, ''); // a bare "?" has an empty `search`
}
