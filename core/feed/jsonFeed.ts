// Reads JSON Feed 1.0/1.1 (https://jsonfeed.org) through a zod schema.
import { z } from 'zod';
import type { RawFeed, RawItem, RawText } from './normalize.ts';
import { resolveUrl } from './url.ts';

const optionalText = z.string().nullish();

const JsonFeedItem = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  url: optionalText,
  external_url: optionalText,
  title: optionalText,
  summary: optionalText,
  content_html: optionalText,
  content_text: optionalText,
  date_published: optionalText,
  date_modified: optionalText,
});
type JsonFeedItem = z.infer<typeof JsonFeedItem>;

const JsonFeedDocument = z.object({
  version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/i),
  title: optionalText,
  home_page_url: optionalText,
  feed_url: optionalText,
  // Items are checked one by one below, so one odd item costs that item, not the feed.
  items: z.array(z.unknown()),
});

export type JsonFeedResult =
  | { kind: 'ok'; feed: RawFeed }
  | { kind: 'notAFeed'; reason: string }
  | { kind: 'malformed'; reason: string };

/** Parses a JSON Feed document into raw items. */
export function readJsonFeed(text: string, feedUrl: string): JsonFeedResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed', reason: `the JSON is not valid (${(error as Error).message})` };
  }
  const doc = JsonFeedDocument.safeParse(data);
  if (!doc.success) return { kind: 'notAFeed', reason: 'not a feed: got JSON that is not a JSON Feed' };
  const baseUrl = resolveUrl(doc.data.feed_url, feedUrl) ?? feedUrl;
  const items: RawItem[] = [];
  let dropped = 0;
  for (const entry of doc.data.items) {
    const item = JsonFeedItem.safeParse(entry);
    if (item.success) items.push(readItem(item.data, baseUrl));
    else dropped += 1;
  }
  const title = doc.data.title;
  return {
    kind: 'ok',
    feed: {
      format: 'json',
      title: title ? { value: title, kind: 'text' } : null,
      siteLink: doc.data.home_page_url ?? null,
      baseUrl,
      items,
      dropped,
    },
  };
}

function readItem(item: JsonFeedItem, baseUrl: string): RawItem {
  return {
    id: item.id === null || item.id === undefined ? null : String(item.id),
    link: item.url || item.external_url || null,
    title: item.title ? { value: item.title, kind: 'text' } : null,
    summary: summaryOf(item),
    dates: [item.date_published, item.date_modified].filter((d): d is string => Boolean(d)),
    source: null,
    baseUrl,
  };
}

/** `summary` is plain text; without it the content stands in, HTML preferred. */
function summaryOf(item: JsonFeedItem): RawText | null {
  if (item.summary?.trim()) return { value: item.summary, kind: 'text' };
  if (item.content_html?.trim()) return { value: item.content_html, kind: 'html' };
  if (item.content_text?.trim()) return { value: item.content_text, kind: 'text' };
  return null;
}
