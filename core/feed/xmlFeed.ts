// Reads RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 0.3/1.0 with rss-parser, validating its loose output with zod.
import Parser from 'rss-parser';
import { z } from 'zod';
import type { FeedFormat } from '../story.ts';
import type { RawFeed, RawItem, RawText } from './normalize.ts';
import { resolveUrl } from './url.ts';
import { INLINE_MARKUP_ATTR, type RootElement } from './xmlPrep.ts';

/**
 * Elements rss-parser would interpret itself, renamed so it never sees them: it throws on an invalid Atom date
 * ("Invalid time value" kills the whole feed), assumes every Atom <link> has attributes, and re-serializes and
 * strips content we read raw anyway (wasted work on big feeds).
 */
const HIDDEN_FROM_RSS_PARSER = new Set([
  'published', 'updated', 'link', 'content', 'summary', 'description', 'content:encoded',
]);
const hidden = (name: string) => `cw-${name}`;

const XmlNode = z.union([z.string(), z.record(z.string(), z.unknown())]);
type XmlNode = z.infer<typeof XmlNode>;
const Nodes = z.array(XmlNode).optional();
const Attrs = z.record(z.string(), z.string()).optional();

/** The raw elements read from each item or entry, as xml2js arrays (customFields with keepArray). */
const ITEM_ELEMENTS = {
  raw_title: 'title', raw_dcTitle: 'dc:title', raw_link: hidden('link'), raw_guid: 'guid', raw_id: 'id',
  raw_description: hidden('description'), raw_dcDescription: 'dc:description', raw_summary: hidden('summary'),
  raw_contentEncoded: hidden('content:encoded'), raw_content: hidden('content'), raw_xhtmlBody: 'xhtml:body',
  raw_body: 'body', raw_fullitem: 'fullitem',
  raw_pubDate: 'pubDate', raw_published: hidden('published'), raw_issued: 'issued', raw_dcDate: 'dc:date',
  raw_dctermsIssued: 'dcterms:issued', raw_created: 'created', raw_dctermsCreated: 'dcterms:created',
  raw_updated: hidden('updated'), raw_modified: 'modified', raw_dctermsModified: 'dcterms:modified',
  raw_source: 'source',
} as const;
type ItemKey = keyof typeof ITEM_ELEMENTS;

const RawXmlItem = z.object({
  raw_attrs: Attrs,
  ...(Object.fromEntries(Object.keys(ITEM_ELEMENTS).map((key) => [key, Nodes])) as Record<ItemKey, typeof Nodes>),
});
type RawXmlItem = z.infer<typeof RawXmlItem>;

const RawXmlFeed = z.object({
  raw_attrs: Attrs,
  raw_title: Nodes,
  raw_link: Nodes,
  items: z.array(z.unknown()),
});

const SUMMARY_ORDER: ItemKey[] = [
  'raw_description', 'raw_dcDescription', 'raw_summary', 'raw_contentEncoded', 'raw_content', 'raw_xhtmlBody',
  'raw_body', 'raw_fullitem',
];
const DATE_ORDER: ItemKey[] = [
  'raw_pubDate', 'raw_published', 'raw_issued', 'raw_dcDate', 'raw_dctermsIssued', 'raw_created',
  'raw_dctermsCreated', 'raw_updated', 'raw_modified', 'raw_dctermsModified',
];

/** An rss-parser instance for one document (xml2js parsers keep state, so they are not shared). */
export function createFeedParser(root: RootElement): Parser {
  // A prefixed Atom root (<atom:feed>) is read as unprefixed Atom.
  const strip = root.local === 'feed' && root.prefix ? `${root.prefix}:` : null;
  const tagName = (name: string) => {
    const local = strip && name.startsWith(strip) ? name.slice(strip.length) : name;
    return HIDDEN_FROM_RSS_PARSER.has(local) ? hidden(local) : local;
  };
  const keep = (from: string, to: string) => [from, to, { keepArray: true }];
  const options = {
    defaultRSS: 2,
    xml2js: { tagNameProcessors: [tagName] },
    customFields: {
      feed: [keep('$', 'raw_attrs'), keep('title', 'raw_title'), keep(hidden('link'), 'raw_link')],
      item: [keep('$', 'raw_attrs'), ...Object.entries(ITEM_ELEMENTS).map(([to, from]) => keep(from, to))],
    },
  };
  return new Parser(options as unknown as Parser.ParserOptions<Record<string, unknown>, Record<string, unknown>>);
}

/** Validates rss-parser's output and reads it into format-neutral raw items; null when its shape is unusable. */
export function readXmlFeed(output: unknown, format: FeedFormat, feedUrl: string): RawFeed | null {
  const feed = RawXmlFeed.safeParse(output);
  if (!feed.success) return null;
  const atom = format === 'atom';
  const attrs = feed.data.raw_attrs ?? {};
  const baseUrl = resolveUrl(attrs['xml:base'], feedUrl) ?? feedUrl;
  const dialect: Dialect = atom ? 'atom' : 'rss';
  const items: RawItem[] = [];
  let dropped = 0;
  for (const entry of feed.data.items) {
    const item = RawXmlItem.safeParse(entry);
    if (item.success) items.push(readItem(item.data, dialect, baseUrl));
    else dropped += 1;
  }
  const titleNode = feed.data.raw_title?.[0];
  return {
    format,
    title: titleNode === undefined ? null : readText(titleNode, dialect),
    siteLink: atom ? atomLink(feed.data.raw_link, baseUrl) : firstText(feed.data.raw_link),
    baseUrl,
    items,
    dropped,
  };
}

/** How text constructs are typed: RSS text is HTML by convention; Atom says so per element. */
type Dialect = 'rss' | 'atom';

function readItem(item: RawXmlItem, dialect: Dialect, feedBase: string): RawItem {
  const attrs = item.raw_attrs ?? {};
  const baseUrl = resolveUrl(attrs['xml:base'], feedBase) ?? feedBase;
  const atom = dialect === 'atom';
  const id = firstText(item.raw_guid) ?? firstText(item.raw_id) ?? attrs['rdf:about'] ?? null;
  const link = atom ? atomLink(item.raw_link, baseUrl) : (firstText(item.raw_link) ?? permalinkGuid(item.raw_guid));
  const titleNode = item.raw_title?.[0] ?? item.raw_dcTitle?.[0];
  return {
    id,
    link,
    title: titleNode === undefined ? null : readText(titleNode, dialect),
    summary: firstContent(item, dialect),
    dates: DATE_ORDER.flatMap((key) => (item[key] ?? []).map((node) => nodeValue(node)).reverse()),
    source: sourceName(item.raw_source?.[0]),
    baseUrl,
  };
}

/**
 * The first summary-like element with visible text: description, then summary, then the full content. An empty
 * description (`<p></p>`) does not hide the content; when nothing has text, the first non-blank one is kept.
 */
function firstContent(item: RawXmlItem, dialect: Dialect): RawText | null {
  let firstNonBlank: RawText | null = null;
  for (const key of SUMMARY_ORDER) {
    for (const node of item[key] ?? []) {
      const text = readText(node, key === 'raw_summary' || key === 'raw_content' ? dialect : 'rss');
      if (!text.value.trim()) continue;
      if (hasVisibleText(text.value)) return text;
      firstNonBlank ??= text;
    }
  }
  return firstNonBlank;
}

/** Rough but cheap: anything left once tags, no-break spaces and whitespace are gone. */
function hasVisibleText(value: string): boolean {
  return /\S/.test(value.replace(/<[^<>]*>/g, '').replace(/&nbsp;|&#160;|&#xa0;|\u00a0/gi, ''));
}

/**
 * A text construct as plain text or markup, following Atom 1.0 `type` (text, html, xhtml, or a MIME type whose
 * content is base64) and Atom 0.3 `type`/`mode` (default text/plain; mode xml means inline markup).
 */
function readText(node: XmlNode, dialect: Dialect): RawText {
  const attrs = nodeAttrs(node);
  let value = nodeValue(node);
  if (dialect === 'rss') return { value, kind: 'html' };
  const type = (attrs.type ?? '').trim().toLowerCase();
  let kind = kindOfType(type);
  if (attrs.mode?.toLowerCase() === 'base64' || kind === 'binary') {
    value = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (kind === 'binary') kind = 'html';
  }
  if (attrs[INLINE_MARKUP_ATTR] === '1') kind = 'html';
  return { value, kind: kind === 'text' ? 'text' : 'html' };
}

function kindOfType(type: string): 'text' | 'html' | 'binary' {
  if (type === '' || type === 'text' || type === 'text/plain') return 'text';
  if (type === 'html' || type === 'xhtml' || type.includes('html') || type.endsWith('xml')) return 'html';
  return type.startsWith('text/') ? 'text' : 'binary';
}

/** The Atom link to the entry's web page: rel="alternate" (the default), preferring an HTML type. */
function atomLink(nodes: XmlNode[] | undefined, baseUrl: string): string | null {
  let fallback: string | null = null;
  for (const node of nodes ?? []) {
    const attrs = nodeAttrs(node);
    const href = typeof node === 'string' ? node.trim() : attrs.href?.trim();
    const rel = (attrs.rel ?? 'alternate').trim().toLowerCase();
    if (!href || (rel !== 'alternate' && !rel.endsWith('/alternate'))) continue;
    const resolved = resolveUrl(href, resolveUrl(attrs['xml:base'], baseUrl) ?? baseUrl) ?? href;
    const type = (attrs.type ?? '').toLowerCase();
    if (type === '' || type.includes('html')) return resolved;
    fallback ??= resolved;
  }
  return fallback;
}

/** An RSS guid is the item's link when it is a URL and not marked isPermaLink="false". */
function permalinkGuid(nodes: XmlNode[] | undefined): string | null {
  const node = nodes?.[0];
  if (node === undefined || nodeAttrs(node).isPermaLink?.trim().toLowerCase() === 'false') return null;
  const value = nodeValue(node).trim();
  return /^https?:\/\//i.test(value) ? value : null;
}

/** RSS `<source>Outlet</source>` or Atom `<source><title>Outlet</title></source>`. */
function sourceName(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  if (typeof node === 'string') return node.trim() || null;
  const text = typeof node._ === 'string' ? node._.trim() : '';
  if (text) return text;
  const title: unknown = Array.isArray(node.title) ? node.title[0] : undefined;
  return isXmlNode(title) ? nodeValue(title).trim() || null : null;
}

function firstText(nodes: XmlNode[] | undefined): string | null {
  for (const node of nodes ?? []) {
    const value = nodeValue(node).trim();
    if (value) return value;
  }
  return null;
}

function nodeAttrs(node: XmlNode): Record<string, string> {
  if (typeof node === 'string') return {};
  const attrs = Attrs.safeParse(node.$);
  return attrs.success ? (attrs.data ?? {}) : {};
}

/** Nesting deeper than this inside one text field is hostile, not prose; deeper children are left out. */
const MAX_NODE_DEPTH = 32;

/**
 * Text of an xml2js node. Child elements (markup the preprocessor could not wrap as CDATA) are serialized
 * after the text; xml2js has already lost their order relative to it.
 */
function nodeValue(node: XmlNode, depth = 0): string {
  if (typeof node === 'string') return node;
  let out = typeof node._ === 'string' ? node._ : '';
  if (depth >= MAX_NODE_DEPTH) return out;
  for (const [key, children] of Object.entries(node)) {
    if (key === '$' || key === '_' || !Array.isArray(children)) continue;
    for (const child of children as unknown[]) {
      if (isXmlNode(child)) out += `<${key}>${nodeValue(child, depth + 1)}</${key}>`;
    }
  }
  return out;
}

/** Cheap structural check for nested nodes (validating each level with zod would copy subtrees repeatedly). */
function isXmlNode(value: unknown): value is XmlNode {
  return typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value));
}
