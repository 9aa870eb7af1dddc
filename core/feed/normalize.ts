// Turns format-neutral raw items into NormalizedStory values: plain text, safe HTML, absolute URLs, real dates.
import { createHash } from 'node:crypto';
import type { FeedFormat, NormalizedStory, ParsedFeed } from '../story.ts';
import { parseFeedDate } from './date.ts';
import {
  capText,
  escapeHtml,
  htmlToText,
  looksLikeHtml,
  MAX_SUMMARY_HTML_CHARS,
  plainText,
  summaryOfHtml,
} from './html.ts';
import { canonicalizeUrl, resolveHttpUrl } from './url.ts';

/** A text field as the feed gave it: plain text, or markup (HTML/XHTML) still to be stripped or sanitized. */
export interface RawText {
  value: string;
  kind: 'text' | 'html';
}

/** One feed item after format-specific reading, before any cleaning. */
export interface RawItem {
  id: string | null;
  /** The item's link as written (may be relative). */
  link: string | null;
  title: RawText | null;
  /** Description/summary, or the content when there is none. */
  summary: RawText | null;
  /** Date strings in order of preference (published before updated). */
  dates: string[];
  /** Name of the outlet the item was republished from (RSS `<source>`, Atom `<source><title>`). */
  source: string | null;
  /** Absolute URL that relative links in this item resolve against. */
  baseUrl: string;
}

export interface RawFeed {
  format: FeedFormat;
  title: RawText | null;
  /** The feed's link to its website, as written. */
  siteLink: string | null;
  baseUrl: string;
  items: RawItem[];
  /** Items already dropped while reading (e.g. JSON Feed items of the wrong shape). */
  dropped: number;
}

const MAX_TITLE_CHARS = 500;
const MAX_SUMMARY_CHARS = 4_000;

/** Normalizes every item; items with nothing in them (no id, link, title, summary or date) are skipped. */
export function normalizeFeed(raw: RawFeed): ParsedFeed {
  const feedTitle = raw.title ? capText(textOf(raw.title), MAX_TITLE_CHARS) || null : null;
  const stories: NormalizedStory[] = [];
  let skipped = raw.dropped;
  for (const item of raw.items) {
    const story = normalizeItem(item, feedTitle);
    if (story) stories.push(story);
    else skipped += 1;
  }
  return {
    format: raw.format,
    title: feedTitle,
    siteUrl: resolveHttpUrl(raw.siteLink, raw.baseUrl),
    stories,
    skipped,
  };
}

/**
 * One raw item as a story, or null when the item is empty. RSS requires only a title or a description, and
 * Atom only an id, so an item without link and title is still a story (its title is then empty).
 */
export function normalizeItem(item: RawItem, feedTitle: string | null): NormalizedStory | null {
  const fields = [item.id, item.link, item.title?.value, item.summary?.value, ...item.dates];
  if (fields.every(isBlank)) return null;
  const url = resolveHttpUrl(item.link, item.baseUrl);
  const title = item.title ? capText(textOf(item.title), MAX_TITLE_CHARS) : '';
  const parts = item.summary ? summaryOf(item.summary, item.baseUrl) : { text: '', html: '' };
  const summary = capText(parts.text, MAX_SUMMARY_CHARS);
  const contentHash = sha256(`${title}\n${summary}`);
  const id = item.id?.trim();
  return {
    guid: id || url || item.link?.trim() || contentHash,
    url,
    canonicalUrl: url ? canonicalizeUrl(url) : null,
    title,
    summary,
    summaryHtml: parts.html,
    publishedAt: firstDate(item.dates),
    source: (item.source ? plainText(item.source) : '') || feedTitle,
    contentHash,
  };
}

/** Plain text of a raw field: markup (or plain text that is really HTML) is stripped, plain text only trimmed. */
export function textOf(field: RawText): string {
  return isMarkup(field) ? htmlToText(field.value) : plainText(field.value);
}

function isMarkup(field: RawText): boolean {
  return field.kind === 'html' || looksLikeHtml(field.value);
}

/** A summary's plain text and its safe HTML; markup goes through the sanitizer once for both. */
function summaryOf(summary: RawText, baseUrl: string): { text: string; html: string } {
  if (isMarkup(summary)) return summaryOfHtml(summary.value, baseUrl);
  const text = plainText(summary.value);
  return { text, html: escapeHtml(capText(text, MAX_SUMMARY_HTML_CHARS)) };
}

function firstDate(candidates: string[]): Date | null {
  for (const candidate of candidates) {
    const date = parseFeedDate(candidate);
    if (date) return date;
  }
  return null;
}

function isBlank(value: string | null | undefined): boolean {
  return !value || value.trim() === '';
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
