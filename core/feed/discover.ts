// Finds the feeds an HTML page advertises with <link rel="alternate" type="...">.
import { decodeEntities } from './html.ts';
import { resolveHttpUrl, resolveUrl } from './url.ts';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json']);
/** Feed links live in <head>; a page's first half megabyte is plenty. */
const SCAN_CHARS = 512 * 1024;

const TAG = /<(link|base)\b((?:[^<>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTR = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Absolute URLs of the RSS, Atom and JSON feeds an HTML page links to, in page order, without duplicates. */
export function discoverFeedLinks(html: string, baseUrl: string): string[] {
  const found: string[] = [];
  let base = baseUrl;
  let sawBase = false;
  for (const [, tag, attrText] of html.slice(0, SCAN_CHARS).matchAll(TAG)) {
    const attrs = parseAttributes(attrText ?? '');
    if (tag?.toLowerCase() === 'base') {
      // Only the first <base href> counts, as in browsers.
      if (!sawBase && attrs.href) base = resolveUrl(attrs.href, baseUrl) ?? baseUrl;
      sawBase ||= Boolean(attrs.href);
      continue;
    }
    const rels = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    const type = (attrs.type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!rels.includes('alternate') || !FEED_TYPES.has(type)) continue;
    const url = resolveHttpUrl(attrs.href, base);
    if (url && !found.includes(url)) found.push(url);
  }
  return found;
}

function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const [, name, dq, sq, bare] of text.matchAll(ATTR)) {
    if (!name) continue;
    const key = name.toLowerCase();
    if (!(key in attrs)) attrs[key] = decodeEntities(dq ?? sq ?? bare ?? '');
  }
  return attrs;
}
