// Feed markup made usable: plain text for matching and display, and an allowlisted HTML summary safe to render.
import iconv from 'iconv-lite';
import sanitizeHtml from 'sanitize-html';
import { resolveUrl } from './url.ts';

/** Work on at most this much markup per field; longer bodies are article dumps, not summaries. */
const MAX_MARKUP_CHARS = 200_000;
/** Upper bound on the sanitized summary HTML, in characters. */
export const MAX_SUMMARY_HTML_CHARS = 4_000;

/** Tags whose content is code or form noise, never prose. */
const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'head', 'title'];
/** Tags that separate words when rendered; they become a space in plain text. */
const BLOCK_TAGS = 'p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|blockquote|pre|section|article|header|footer';
const BLOCK_TAG = new RegExp(`<(/?)(${BLOCK_TAGS}|figure|figcaption|address)\\b`, 'gi');

// U+0080-U+009F are C1 controls; in feeds they are always windows-1252 bytes that went through a latin-1 decoder.
const C1_AS_1252 = iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252');
const C1_CONTROLS = /[\u0080-\u009f]/g;
const OTHER_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;

/** Replaces C1 controls by the windows-1252 characters they stand for and drops other control characters. */
export function repairControlChars(s: string): string {
  return s
    .replace(C1_CONTROLS, (c) => {
      const fixed = C1_AS_1252[c.charCodeAt(0) - 0x80];
      return fixed && fixed !== '\ufffd' ? fixed : '';
    })
    .replace(OTHER_CONTROLS, '');
}

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Normalizes text that is already plain (not markup): control characters repaired, whitespace collapsed. */
export function plainText(text: string): string {
  return collapseWhitespace(repairControlChars(text));
}

const TEXT_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [],
  allowedAttributes: {},
  nonTextTags: NON_TEXT_TAGS,
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
};

/** Plain text of an HTML fragment: tags removed, script/style bodies dropped, entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
  if (!html) return '';
  if (!/[<&]/.test(html)) return plainText(html); // most titles: nothing to parse
  const spaced = prepareMarkup(html).replace(BLOCK_TAG, ' <$1$2');
  return textOfEscaped(sanitizeHtml(spaced, TEXT_OPTIONS));
}

/** sanitize-html decodes entities and re-escapes only &, < and > in text; undo exactly that, then tidy. */
function textOfEscaped(escaped: string): string {
  const text = escaped.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => UNESCAPE[e] ?? '');
  return collapseWhitespace(repairControlChars(text));
}

const UNESCAPE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

const entityCache = new Map<string, string | null>();
const ENTITY_CACHE_LIMIT = 4_096;

/** The text of an HTML named entity (`eacute` is "é"), or null when HTML does not define the name. */
export function decodeHtmlEntity(name: string): string | null {
  const cached = entityCache.get(name);
  if (cached !== undefined) return cached;
  const out = sanitizeHtml(`&${name};`, TEXT_OPTIONS);
  // HTML also decodes a known prefix ("&notit;" is "¬it;"); only a whole-name match counts.
  const decoded = out === `&amp;${name};` || out.endsWith(';') || [...out].length > 2 ? null : out;
  const value = decoded === null ? null : decoded.replace(/&(amp|lt|gt);/g, (_, e: string) => UNESCAPE[e] ?? '');
  if (entityCache.size < ENTITY_CACHE_LIMIT) entityCache.set(name, value);
  return value;
}

const SUMMARY_TAGS = [
  'a', 'p', 'br', 'ul', 'ol', 'li', 'b', 'i', 'em', 'strong', 'u', 's', 'sub', 'sup', 'q', 'cite', 'small',
  'blockquote', 'code', 'pre',
];
const LINK_SCHEMES = /^(https?|mailto):/i;

function summaryOptions(baseUrl: string | null): sanitizeHtml.IOptions {
  return {
    allowedTags: SUMMARY_TAGS,
    allowedAttributes: { a: ['href', 'title', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: NON_TEXT_TAGS,
    enforceHtmlBoundary: false,
    parseStyleAttributes: false,
    transformTags: {
      a: (_tag, attribs) => linkTag(attribs, baseUrl),
      div: 'p',
      h1: 'p', h2: 'p', h3: 'p', h4: 'p', h5: 'p', h6: 'p',
    },
  };
}

/** Keeps only an absolute http(s)/mailto href and a title; every kept link opens without referrer or opener. */
function linkTag(attribs: sanitizeHtml.Attributes, baseUrl: string | null): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  const href = resolveUrl(attribs.href?.replaceAll(BREAK, ''), baseUrl);
  if (href && LINK_SCHEMES.test(href)) {
    out.href = href;
    out.rel = 'nofollow noopener noreferrer';
  }
  if (attribs.title) out.title = attribs.title;
  return { tagName: 'a', attribs: out };
}

/**
 * Sanitized HTML of a summary: allowlisted text tags only, links made absolute against `baseUrl`,
 * no scripts, styles, event handlers, frames, SVG, images or meta tags; capped at about 4 KB.
 */
export function sanitizeSummaryHtml(html: string, baseUrl: string | null): string {
  return summaryOfHtml(html, baseUrl).html;
}

/**
 * A character that cannot be in prepared markup (repairControlChars removes it). It marks where htmlToText puts
 * a space (before each block tag), so that one parse gives both the text, with those spaces, and the HTML, without.
 */
const BREAK = '\u0001';

/**
 * The plain text (as `htmlToText` gives it) and the sanitized HTML (as `sanitizeSummaryHtml`) of a summary, from one
 * sanitize-html pass: the text is what that pass writes as text, collected on the way through `textFilter`.
 */
export function summaryOfHtml(html: string, baseUrl: string | null): { text: string; html: string } {
  if (!html) return { text: '', html: '' };
  const options = summaryOptions(baseUrl);
  const texts: string[] = [];
  options.textFilter = (escaped) => (texts.push(escaped), escaped);
  const marked = prepareMarkup(html).replace(BLOCK_TAG, `${BREAK}<$1$2`);
  const clean = sanitizeHtml(marked, options).replaceAll(BREAK, '').trim();
  const text = /[<&]/.test(html) ? textOfEscaped(texts.join('').replaceAll(BREAK, ' ')) : plainText(html);
  return { text, html: capSummaryHtml(clean, baseUrl) };
}

function capSummaryHtml(clean: string, baseUrl: string | null): string {
  if (clean.length <= MAX_SUMMARY_HTML_CHARS) return clean;
  const options = summaryOptions(baseUrl);
  // Cut outside any tag or entity, then sanitize again so open tags are closed.
  let cut = clean.slice(0, MAX_SUMMARY_HTML_CHARS);
  const lt = cut.lastIndexOf('<');
  if (lt > cut.lastIndexOf('>')) cut = cut.slice(0, lt);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';')) cut = cut.slice(0, amp);
  return sanitizeHtml(`${cut}…`, options);
}

/** Element names common enough in feed markup that text using only them is taken for HTML. */
const HTML_ELEMENTS = new Set(
  ('a abbr acronym address area article aside audio b bdi bdo big blink blockquote br caption center cite code col ' +
    'colgroup dd del details dfn dir div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header hr i img ' +
    'ins kbd li main mark nav ol p pre q s samp section small span strike strong sub summary sup table tbody td ' +
    'tfoot th thead time tr tt u ul var video wbr').split(' '),
);

/**
 * Whether text declared plain is really HTML, as feeds often mislabel it: it has a close tag or a character
 * reference, every tag is a known HTML element and every named reference exists (feedparser's rule).
 */
export function looksLikeHtml(text: string): boolean {
  if (!/<\/\w+>|&#?\w+;/.test(text)) return false;
  for (const [, name] of text.matchAll(/<\/?(\w+)/g)) if (!HTML_ELEMENTS.has(name?.toLowerCase() ?? '')) return false;
  for (const [, name] of text.matchAll(/&(\w+);/g)) {
    if (name && !UNESCAPE[name] && name !== 'apos' && decodeHtmlEntity(name) === null) return false;
  }
  return true;
}

/** Decodes character references in an attribute value or other markup-free HTML text. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g, (match, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return UNESCAPE[ref] ?? (ref === 'apos' ? "'" : decodeHtmlEntity(ref)) ?? match;
  });
}

/** Plain text (not markup) shown as HTML: escaped, nothing else. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ESCAPE[c] ?? c);
}

const ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Truncates plain text at a word boundary near `max` characters, marking the cut with an ellipsis. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Caps and repairs markup before parsing. A "<!" that starts neither a comment nor a closed declaration is
 * literal text (as in "<!' ..." or an unfinished "<!DOCTYPE"); an HTML parser would swallow what follows it.
 */
function prepareMarkup(html: string): string {
  return repairControlChars(capMarkup(html)).replace(/<!(?!--|[A-Za-z][^<>]*>)/g, '&lt;!');
}

function capMarkup(html: string): string {
  if (html.length <= MAX_MARKUP_CHARS) return html;
  const cut = html.slice(0, MAX_MARKUP_CHARS);
  const lt = cut.lastIndexOf('<');
  return lt > cut.lastIndexOf('>') ? cut.slice(0, lt) : cut;
}
