// OPML 2.0 import (Feedly, Inoreader and other readers' exports) and export of the feed list.
import { XMLParser } from 'fast-xml-parser';

export interface OpmlFeed {
  url: string;
  title: string | null;
  siteUrl: string | null;
  /** Folder path, outermost first. */
  folders: string[];
}

export type OpmlResult = { ok: true; title: string | null; feeds: OpmlFeed[] } | { ok: false; reason: string };

type Outline = Record<string, unknown> & { outline?: Outline | Outline[] };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true, allowBooleanAttributes: true, isArray: (name) => name === 'outline' });

const attr = (o: Outline, name: string): string | null => {
  // Readers differ in case: xmlUrl, xmlurl, XMLURL.
  for (const [k, v] of Object.entries(o)) if (k.toLowerCase() === `@${name.toLowerCase()}` && typeof v === 'string' && v.trim()) return v.trim();
  return null;
};

/** Longest URL kept, the same limit as for a feed added by hand. */
const MAX_URL_LENGTH = 2000;

/** A feed URL without its #fragment: the fragment never reaches the server, so it must not make a second feed. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** An outline's htmlUrl if it is an absolute http(s) URL; pages render it as a link, so `javascript:` and the like are dropped. */
export function safeSiteUrl(raw: string | null): string | null {
  if (!raw || raw.length > MAX_URL_LENGTH || !URL.canParse(raw)) return null;
  const { protocol } = new URL(raw);
  return protocol === 'http:' || protocol === 'https:' ? raw : null;
}

function walk(outlines: Outline[], folders: string[], out: OpmlFeed[]): void {
  for (const o of outlines) {
    const url = attr(o, 'xmlUrl');
    const label = attr(o, 'title') ?? attr(o, 'text');
    // A bare "#x" stays as it is, so the import can report it as invalid rather than as an empty URL.
    if (url) out.push({ url: withoutFragment(url) || url, title: label, siteUrl: safeSiteUrl(attr(o, 'htmlUrl')), folders });
    const children = o.outline ? (Array.isArray(o.outline) ? o.outline : [o.outline]) : [];
    if (children.length) walk(children, url ? folders : [...folders, label ?? ''], out);
  }
}

export const OPML_MAX_FEEDS = 5000;

/**
 * fast-xml-parser reports "char 't' is not expected.:1:1" (message, line, column): said here as where, what
 * and what to do.
 */
function xmlErrorReason(message: string): string {
  const first = message.split('\n')[0]!.trim();
  const m = /^(.*?)\.?:(\d+):(\d+)$/.exec(first);
  const what = (m ? m[1]! : first).replace(/^char '(.)' is not expected$/, 'the character “$1” is not expected there');
  const where = m ? ` (line ${m[2]}, column ${m[3]})` : '';
  const why = `${what.charAt(0).toLowerCase()}${what.slice(1)}`;
  return `the file is not valid XML${where}: ${why}; check that it is the whole OPML file your reader exported`;
}

export function parseOpml(text: string): OpmlResult {
  // Entity declarations are how billion-laughs and XXE payloads start; no reader's export needs them.
  if (/<!ENTITY/i.test(text)) return { ok: false, reason: 'OPML files with entity declarations are refused' };
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text, true) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: xmlErrorReason((err as Error).message) };
  }
  const opml = doc.opml as { head?: { title?: unknown }; body?: Outline } | undefined;
  if (!opml || typeof opml !== 'object') return { ok: false, reason: 'not an OPML file: no <opml> element' };
  const body = opml.body;
  if (!body || typeof body !== 'object') return { ok: false, reason: 'not an OPML file: no <body> element' };
  const feeds: OpmlFeed[] = [];
  const top = body.outline ?? [];
  walk(Array.isArray(top) ? top : [top], [], feeds);
  if (feeds.length > OPML_MAX_FEEDS) return { ok: false, reason: `too many feeds: ${feeds.length} (at most ${OPML_MAX_FEEDS})` };
  const title = typeof opml.head?.title === 'string' ? opml.head.title : null;
  const seen = new Set<string>();
  return { ok: true, title, feeds: feeds.filter((f) => !seen.has(f.url) && seen.add(f.url)) };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toOpml(title: string, feeds: { url: string; title: string | null; siteUrl: string | null }[], now: Date): string {
  const lines = feeds.map((f) => {
    const label = esc(f.title ?? f.url);
    const siteUrl = safeSiteUrl(f.siteUrl);
    return `    <outline type="rss" text="${label}" title="${label}" xmlUrl="${esc(f.url)}"${siteUrl ? ` htmlUrl="${esc(siteUrl)}"` : ''}/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>${esc(title)}</title>\n    <dateCreated>${now.toUTCString()}</dateCreated>\n  </head>\n  <body>\n${lines.join('\n')}\n  </body>\n</opml>\n`;
}
