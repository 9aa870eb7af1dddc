// Turns extracted article content into plain text: one paragraph per block, blank lines between, and a length cap.

import { ELEMENT_NODE, TEXT_NODE, type DomNode } from './dom.ts';

const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P',
  'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL',
]);
const CELL_TAGS = new Set(['TD', 'TH']);
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'BUTTON', 'SELECT']);

const PARAGRAPH = '\n\n';
// C0/C1 controls other than tab and newline: binary junk that survived decoding, never text a reader sees.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * The text of `root`, with blocks (paragraphs, headings, list items, table rows) as paragraphs separated by a
 * blank line and `<br>` as a line break. Whitespace inside a paragraph collapses as a browser shows it.
 * Walks with an explicit stack: a page nested thousands of levels deep must not overflow the call stack.
 */
export function plainText(root: DomNode): string {
  let out = '';
  const stack: (DomNode | string)[] = [root];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out += item;
      continue;
    }
    if (item.nodeType === TEXT_NODE) {
      // Line breaks in the page's source are spaces on screen; only <br> and blocks break lines.
      out += (item.textContent ?? '').replace(/\s+/g, ' ');
      continue;
    }
    if (item.nodeType !== ELEMENT_NODE) continue;
    const tag = item.nodeName.toUpperCase(); // SVG and MathML names keep their case
    if (SKIPPED_TAGS.has(tag)) continue;
    if (tag === 'BR') {
      out += '\n';
      continue;
    }
    const separator = BLOCK_TAGS.has(tag) ? PARAGRAPH : CELL_TAGS.has(tag) ? ' ' : '';
    out += separator;
    stack.push(separator);
    for (let i = item.childNodes.length - 1; i >= 0; i--) stack.push(item.childNodes[i]!);
  }
  return tidy(out);
}

/** Collapses spaces, trims every line, and keeps at most one blank line between paragraphs. */
function tidy(text: string): string {
  return text
    .replace(CONTROLS, '')
    .replace(/ +/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, PARAGRAPH)
    .trim();
}

// A sentence ends at . ! ? (with closing quotes or brackets after it) before a space, or at CJK 。！？ anywhere.
const SENTENCE_END = /[.!?]["'”’)\]]*(?=\s)|[。！？!?][」』”’）)]*/g;

/**
 * `text` cut to at most `max` characters: at the last paragraph or sentence end in the final fifth when there
 * is one, else at the last space, else exactly (never inside a surrogate pair).
 */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const floor = Math.floor(max * 0.8);
  const paragraph = head.lastIndexOf(PARAGRAPH);
  let sentence = -1;
  for (const m of head.matchAll(SENTENCE_END)) sentence = m.index + m[0].length;
  const cut = Math.max(paragraph, sentence);
  if (cut >= floor) return head.slice(0, cut).trimEnd();
  const space = head.search(/\s\S*$/);
  if (space >= floor) return head.slice(0, space).trimEnd();
  const last = head.charCodeAt(max - 1);
  return last >= 0xd800 && last <= 0xdbff ? head.slice(0, max - 1) : head;
}
