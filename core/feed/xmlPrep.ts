// Light text repairs before XML parsing, for what real feeds get wrong and what xml2js would lose.
import { decodeHtmlEntity } from './html.ts';

/** The document's first element, past the prolog, comments, processing instructions and DOCTYPE. */
export interface RootElement {
  name: string;
  /** Name without its namespace prefix, lower-cased. */
  local: string;
  prefix: string | null;
}

const PROLOG_ITEM = /\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>/iy;

/** Finds the root element by skipping what may precede it; null when the text does not start like XML. */
export function sniffRoot(text: string): RootElement | null {
  let pos = 0;
  for (;;) {
    PROLOG_ITEM.lastIndex = pos;
    const m = PROLOG_ITEM.exec(text);
    if (!m || m[0].length === 0) break;
    pos += m[0].length;
  }
  const root = /<([A-Za-z_][\w.:-]*)/y;
  root.lastIndex = pos;
  const name = root.exec(text)?.[1];
  if (!name) return null;
  const colon = name.indexOf(':');
  return {
    name,
    local: (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase(),
    prefix: colon >= 0 ? name.slice(0, colon) : null,
  };
}

/** Elements whose content we read as text or markup. */
const CONTENT_ELEMENTS =
  'title|description|summary|content|content:encoded|body|xhtml:body|fullitem|dc:description|dc:title';
/** Attribute added to an element whose inline markup was turned into text, so it is still read as markup. */
export const INLINE_MARKUP_ATTR = 'cwinline';

// An unterminated CDATA section or comment runs to the end of the text, so a failed match is never retried.
const SKIP = '<!\\[CDATA\\[[\\s\\S]*?(?:\\]\\]>|$)|<!--[\\s\\S]*?(?:-->|$)';

/**
 * Wraps inline (unescaped) markup inside content elements in CDATA. xml2js keeps text and child elements
 * apart, so "a <b>b</b> c" would come out as "a  c" plus "<b>b</b>"; as CDATA it stays one string in order.
 */
export function wrapInlineMarkup(xml: string): string {
  const open = new RegExp(`${SKIP}|<(${CONTENT_ELEMENTS})(\\s[^<>]*)?>`, 'g');
  const out: string[] = [];
  let copied = 0;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const name = m[1];
    const attrs = m[2] ?? '';
    if (!name || attrs.endsWith('/')) continue;
    const innerStart = m.index + m[0].length;
    const close = findClose(xml, name, innerStart);
    if (!close) break; // unbalanced document: leave it to the parser to report
    const inner = xml.slice(innerStart, close.start);
    // In type="html" the text is the markup; stray elements there are invalid and are read as text content.
    if (close.sawCdata || !/<[A-Za-z_]/.test(inner) || /\stype\s*=\s*["']html["']/i.test(attrs)) continue;
    out.push(xml.slice(copied, m.index), `<${name}${attrs} ${INLINE_MARKUP_ATTR}="1">`);
    out.push(`<![CDATA[${inner.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`, `</${name}>`);
    copied = close.end;
    open.lastIndex = close.end;
  }
  if (copied === 0) return xml;
  out.push(xml.slice(copied));
  return out.join('');
}

const closeTagPatterns = new Map<string, RegExp>();

/** The matching end tag of `name`, counting nested elements of the same name and skipping CDATA/comments. */
function findClose(xml: string, name: string, from: number): { start: number; end: number; sawCdata: boolean } | null {
  let tag = closeTagPatterns.get(name);
  if (!tag) {
    tag = new RegExp(`${SKIP}|<(/?)${name.replace(/[.:-]/g, '\\$&')}(?=[\\s>/])[^<>]*>`, 'g');
    closeTagPatterns.set(name, tag);
  }
  tag.lastIndex = from;
  let depth = 1;
  let sawCdata = false;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[1] === undefined) {
      if (m[0].startsWith('<![CDATA[')) sawCdata = true;
      continue;
    }
    if (m[1] === '/') depth -= 1;
    else if (!m[0].endsWith('/>')) depth += 1;
    if (depth === 0) return { start: m.index, end: m.index + m[0].length, sawCdata };
  }
  return null;
}

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/** Internal DTD entities with a plain literal value (no references, so nothing can expand recursively). */
const SIMPLE_ENTITY_DECL = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(["'])([^"'&%<]{0,1000})\2\s*>/g;
/** Characters that plain-literal DTD entities may add to a document in total (a billion-laughs guard). */
const ENTITY_EXPANSION_BUDGET = 1_000_000;

/**
 * Makes entity references well-formed outside CDATA and comments; sax expands none beyond XML's five.
 * Plain-literal entities declared in the DOCTYPE are expanded, HTML named entities (`&nbsp;`, `&eacute;`)
 * become numeric references, and stray ampersands or unknown names become a literal "&".
 */
export function repairEntities(xml: string): string {
  if (!xml.includes('&')) return xml;
  const declared = new Map([...xml.matchAll(SIMPLE_ENTITY_DECL)].map((m) => [m[1] ?? '', m[3] ?? '']));
  let budget = ENTITY_EXPANSION_BUDGET;
  const pattern = new RegExp(`${SKIP}|&(?:(#\\d+|#x[0-9a-fA-F]+|[A-Za-z_][\\w.-]*);)?`, 'g');
  return xml.replace(pattern, (match: string, ref: string | undefined) => {
    if (match[0] !== '&') return match;
    if (ref === undefined) return '&amp;';
    if (ref[0] === '#' || XML_ENTITIES.has(ref)) return match;
    const value = declared.get(ref);
    if (value !== undefined && value.length <= budget) {
      budget -= value.length;
      return value.replace(/"/g, '&quot;').replace(/'/g, '&apos;');
    }
    const decoded = decodeHtmlEntity(ref);
    if (decoded === null) return `&amp;${ref};`;
    return [...decoded].map((c) => `&#${c.codePointAt(0)};`).join('');
  });
}

/**
 * RSS without a `<channel>` (seen in the wild and in old 0.9x feeds) gets one around its items, and RDF an
 * empty one, so rss-parser finds the items instead of failing.
 */
export function ensureChannel(xml: string, root: RootElement): string {
  if (/<channel[\s>/]/.test(xml)) return xml;
  if (root.local === 'rdf') {
    const rdfStart = new RegExp(`<${root.name.replace(/[.:-]/g, '\\$&')}\\b[^>]*>`).exec(xml);
    if (!rdfStart || rdfStart[0].endsWith('/>')) return xml;
    const at = rdfStart.index + rdfStart[0].length;
    return `${xml.slice(0, at)}<channel></channel>${xml.slice(at)}`;
  }
  const start = /<rss\b[^>]*?(\/?)>/.exec(xml);
  if (!start) return xml;
  const afterStart = start.index + start[0].length;
  if (start[1] === '/') return `${xml.slice(0, start.index)}<rss><channel></channel></rss>${xml.slice(afterStart)}`;
  const end = xml.lastIndexOf('</rss');
  if (end < afterStart) return xml;
  return `${xml.slice(0, afterStart)}<channel>${xml.slice(afterStart, end)}</channel>${xml.slice(end)}`;
}
