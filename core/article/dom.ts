// Parses an HTML page into a linkedom document, and the few DOM shapes core/article relies on.

import { parseHTML } from 'linkedom';

// linkedom's types name the browser's `Window`, which this project's lib settings leave out (it comes back as
// `any`): these interfaces keep the rest of core/article typed, and list exactly what it uses of the DOM.
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly parentNode: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly children: ArrayLike<DomElement>;
  readonly parentElement: DomElement | null;
  readonly nextElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  closest(selectors: string): DomElement | null;
  contains(other: DomNode | null): boolean;
  remove(): void;
}

export interface DomDocument {
  readonly documentElement: DomElement | null;
  readonly body: DomElement | null;
  readonly title: string;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

const HAS_BODY = /<body[\s>]/i;
const HEAD_END = /<\/head\s*>/i;
const HTML_START = /<html(?:\s[^>]*)?>/i;

/**
 * linkedom parses with htmlparser2, which does not build the implied `<html>`, `<head>` and `<body>` the way a
 * browser does: content outside an explicit `<body>` lands beside it, and Readability then finds nothing. Pages
 * without a `<body>` tag get one inserted where a browser would open it.
 */
function withBody(html: string): string {
  if (HAS_BODY.test(html)) return html;
  const headEnd = HEAD_END.exec(html);
  if (headEnd) {
    const at = headEnd.index + headEnd[0].length;
    return `${html.slice(0, at)}<body>${html.slice(at)}</body>`;
  }
  const htmlStart = HTML_START.exec(html);
  if (htmlStart) {
    const at = htmlStart.index + htmlStart[0].length;
    return `${html.slice(0, at)}<head></head><body>${html.slice(at)}</body>`;
  }
  return `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
}

/**
 * A document for `html`. linkedom has no script engine and loads nothing (no images, styles, frames or
 * scripts), so parsing a hostile page runs none of it; tests/core/article/extract.test.ts checks both.
 */
export function parseDocument(html: string): DomDocument {
  const { document } = parseHTML(withBody(html)) as { document: DomDocument };
  return document;
}

/** True when elements nest more than `limit` levels below `root`. Iterative, so depth cannot overflow the stack. */
export function nestsDeeperThan(root: DomElement, limit: number): boolean {
  const stack: [DomElement, number][] = [[root, 0]];
  while (stack.length) {
    const [el, depth] = stack.pop()!;
    if (depth > limit) return true;
    const children = el.children; // computed on every read in linkedom: read once
    for (let i = 0; i < children.length; i++) stack.push([children[i]!, depth + 1]);
  }
  return false;
}
