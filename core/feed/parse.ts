// Parses decoded feed text of any supported format into a ParsedFeed, or says why it is not one.
import type { FeedFormat, ParsedFeed } from '../story.ts';
import { discoverFeedLinks } from './discover.ts';
import { readJsonFeed } from './jsonFeed.ts';
import { normalizeFeed } from './normalize.ts';
import { createFeedParser, readXmlFeed } from './xmlFeed.ts';
import { ensureChannel, repairEntities, sniffRoot, wrapInlineMarkup, type RootElement } from './xmlPrep.ts';

export { discoverFeedLinks } from './discover.ts';

export type ParseOutcome =
  | { kind: 'ok'; feed: ParsedFeed }
  | { kind: 'notAFeed'; reason: string; feedLinks: string[] }
  | { kind: 'malformed'; reason: string };

export interface ParseOptions {
  /** The URL the feed was fetched from (after redirects); relative links resolve against it. */
  feedUrl: string;
  contentType?: string | null;
}

const FEED_ROOTS: Record<string, FeedFormat> = { rss: 'rss', feed: 'atom', rdf: 'rdf' };
const JSON_TYPES = new Set(['application/feed+json', 'application/json']);
const HTML_SNIFF_CHARS = 4096;
const LEADING_JUNK_CHARS = 1024;

/** Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed text; HTML pages come back with the feeds they link to. */
export async function parseFeed(text: string, opts: ParseOptions): Promise<ParseOutcome> {
  const body = skipLeadingJunk((text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trimStart());
  if (!body) return { kind: 'malformed', reason: 'the document is empty' };
  const mediaType = (opts.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (body.startsWith('{') || (JSON_TYPES.has(mediaType) && !body.startsWith('<'))) {
    return parseJsonFeed(body, opts.feedUrl);
  }
  const root = sniffRoot(body);
  const format = root ? FEED_ROOTS[root.local] : undefined;
  if (root && format) return parseXmlFeed(body, root, format, opts.feedUrl);
  if (looksLikeHtml(body, root, mediaType)) {
    const feedLinks = discoverFeedLinks(body, opts.feedUrl);
    return { kind: 'notAFeed', reason: 'not a feed: got an HTML page', feedLinks };
  }
  if (!root && body.startsWith('<')) return { kind: 'malformed', reason: 'the XML document has no root element' };
  const reason = root
    ? `not a feed: the XML document's root element is <${root.name}>, not <rss>, <feed> or <rdf:RDF>`
    : 'not a feed: the document is not XML, JSON or HTML';
  return { kind: 'notAFeed', reason, feedLinks: [] };
}

/** Stray output before the XML declaration or root (a PHP warning, a blank line from a template) is dropped. */
function skipLeadingJunk(body: string): string {
  if (body.startsWith('<') || body.startsWith('{')) return body;
  const start = body.slice(0, LEADING_JUNK_CHARS).search(/<\?xml\s|<rss[\s>]|<feed[\s>]|<rdf:RDF[\s>]/);
  return start > 0 ? body.slice(start) : body;
}

/** Elements an HTML page without an <html> tag may start with. */
const HTML_START = new Set(['html', 'head', 'body', 'meta', 'title', 'link', 'script', 'style', 'div', 'p']);

function looksLikeHtml(body: string, root: RootElement | null, mediaType: string): boolean {
  if (root?.local === 'html' || mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return true;
  if (root && !HTML_START.has(root.local)) return false;
  return /<(?:!doctype\s+html|html|head|body)[\s>]/i.test(body.slice(0, HTML_SNIFF_CHARS));
}

function parseJsonFeed(body: string, feedUrl: string): ParseOutcome {
  const result = readJsonFeed(body, feedUrl);
  if (result.kind === 'ok') return { kind: 'ok', feed: normalizeFeed(result.feed) };
  if (result.kind === 'notAFeed') return { ...result, feedLinks: [] };
  return result;
}

async function parseXmlFeed(
  body: string,
  root: RootElement,
  format: FeedFormat,
  feedUrl: string,
): Promise<ParseOutcome> {
  const prepared = ensureChannel(repairEntities(wrapInlineMarkup(body)), root);
  let output: unknown;
  try {
    output = await createFeedParser(root).parseString(prepared);
  } catch (error) {
    return { kind: 'malformed', reason: xmlErrorReason(error) };
  }
  const raw = readXmlFeed(output, format, feedUrl);
  if (!raw) return { kind: 'malformed', reason: 'the feed has an unexpected structure' };
  return { kind: 'ok', feed: normalizeFeed(raw) };
}

/** sax reports e.g. "Unclosed root tag\nLine: 4\nColumn: 0\nChar: " with a zero-based line. */
function xmlErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = '', ...rest] = message.split('\n');
  const line = /Line:\s*(\d+)/.exec(rest.join('\n'))?.[1];
  const what = first.trim().replace(/\.$/, '');
  if (line === undefined) return `the feed could not be read: ${what.charAt(0).toLowerCase()}${what.slice(1)}`;
  return `the XML is not well-formed: ${what.charAt(0).toLowerCase()}${what.slice(1)} (line ${Number(line) + 1})`;
}
