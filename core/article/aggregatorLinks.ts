// Finds the publisher's URL behind a Bing News or Google News link without a request, where the link allows it.

export type AggregatorLink =
  /** Not an aggregator link we know (or one whose target is unusable): fetch it as it is. */
  | { kind: 'direct'; url: string }
  /** The publisher's URL, read from the link itself. */
  | { kind: 'resolved'; url: string; via: 'bing' | 'google' }
  /** A Google News article whose id does not hold the URL: follow its redirects, then read the canonical link. */
  | { kind: 'needsFetch'; via: 'google' };

const BING_HOSTS = new Set(['www.bing.com', 'bing.com', 'cn.bing.com']);
const GOOGLE_NEWS_HOST = 'news.google.com';
/** /rss/articles/<id>, /articles/<id>, /read/<id>, and the older /__i/rss/rd/articles/<id>. */
const GOOGLE_ARTICLE_PATH = /^\/(?:__i\/rss\/rd\/|rss\/)?(?:articles|read)\/([A-Za-z0-9_-]+)\/?$/;
/** Since mid-2024 the id carries a token for Google's own lookup ("AU_yqL…") where the URL used to be. */
const OPAQUE_ID_PREFIX = 'AU_yqL';
// Control characters and spaces: `new URL` silently drops tabs and newlines, so a target holding them is not
// what it looks like.
const UNSAFE_URL_CHARS = /[\u0000-\u0020\u007f-\u009f]/;

/** `value` as an absolute http(s) URL, or null: javascript:, data:, relative and malformed targets are unusable. */
function httpUrl(value: string | null): string | null {
  if (!value || UNSAFE_URL_CHARS.test(value) || !URL.canParse(value)) return null;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null;
}

/**
 * A Bing News RSS redirect (`/news/apiclick.aspx?…&url=<publisher URL>`) names its target in plain sight.
 * An unusable target leaves the link `direct`: the fetcher then asks Bing, and its SSRF guard checks whatever
 * the redirect says, like any other hop.
 */
function bingTarget(url: URL): string | null {
  if (!BING_HOSTS.has(url.hostname) || url.pathname.toLowerCase() !== '/news/apiclick.aspx') return null;
  return httpUrl(url.searchParams.get('url'));
}

/** Reads one protobuf varint at `at`: its value and the offset after it, or null past the end or 5 bytes. */
function varint(bytes: Uint8Array, at: number): [number, number] | null {
  let value = 0;
  for (let i = 0; i < 5 && at + i < bytes.length; i++) {
    const byte = bytes[at + i]!;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return [value, at + i + 1];
  }
  return null;
}

/**
 * The older Google News ids are base64url of a small protobuf message: field 1 (a varint, 0x08 0x13), field 4
 * (tag 0x22) holding the article URL, often field 26 (0xd2 0x01) holding its AMP URL. Field 4 is read by its
 * tag and varint length, so URLs of 128 bytes and more (two-byte lengths) decode too. No maintained npm package
 * does this offline: google-news-url-decoder (1.2.1) always asks Google's batchexecute endpoint.
 */
function googleArticleUrl(id: string): string | 'opaque' | null {
  const bytes = new Uint8Array(Buffer.from(id, 'base64url'));
  let at = 0;
  while (at < bytes.length) {
    const tag = varint(bytes, at);
    if (!tag) return null;
    const [key, afterTag] = tag;
    const wireType = key & 7;
    if (wireType === 0) {
      const value = varint(bytes, afterTag);
      if (!value) return null;
      at = value[1];
    } else if (wireType === 2) {
      const length = varint(bytes, afterTag);
      if (!length || length[1] + length[0] > bytes.length) return null;
      const [size, start] = length;
      if (key >>> 3 === 4) return fieldFourUrl(bytes.subarray(start, start + size));
      at = start + size;
    } else {
      return null; // not the message we know
    }
  }
  return null;
}

function fieldFourUrl(field: Uint8Array): string | 'opaque' | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(field);
  } catch {
    return null;
  }
  return text.startsWith(OPAQUE_ID_PREFIX) ? 'opaque' : httpUrl(text);
}

/**
 * Where a story's link really points. Bing redirects and older Google News ids are read offline; newer Google
 * News ids need the link followed (`needsFetch`); everything else, and anything unparseable, is `direct`
 * (checking that a direct URL is safe to fetch is the fetcher's job, as for any feed link).
 */
export function resolveAggregatorLink(url: string): AggregatorLink {
  const trimmed = url.trim();
  if (!URL.canParse(trimmed)) return { kind: 'direct', url };
  const parsed = new URL(trimmed);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { kind: 'direct', url };
  const bing = bingTarget(parsed);
  if (bing) return { kind: 'resolved', url: bing, via: 'bing' };
  const id = parsed.hostname === GOOGLE_NEWS_HOST ? GOOGLE_ARTICLE_PATH.exec(parsed.pathname)?.[1] : undefined;
  if (!id) return { kind: 'direct', url };
  const decoded = googleArticleUrl(id);
  return decoded && decoded !== 'opaque'
    ? { kind: 'resolved', url: decoded, via: 'google' }
    : { kind: 'needsFetch', via: 'google' };
}
