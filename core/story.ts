// The one shape every feed item is normalized into before it is stored or matched.

export interface NormalizedStory {
  /** Stable identity within its feed: the item's guid/id, else its link, else a content hash. */
  guid: string;
  /** Absolute http(s) URL of the story, resolved against the feed/base URL; null when the item has none. */
  url: string | null;
  /** `url` with tracking parameters (utm_*, fbclid, gclid, ...) and the fragment removed; used for dedup. */
  canonicalUrl: string | null;
  /** Plain text: tags removed, script/style bodies dropped, entities decoded, whitespace collapsed; '' when none. */
  title: string;
  /** Plain text of the item's summary (description), same rules as `title`. */
  summary: string;
  /** Sanitized HTML of the summary, safe to render (allowlist sanitizer, absolute links). */
  summaryHtml: string;
  /** Published (or updated) time; null when the item has no usable date (the poller then uses first-seen). */
  publishedAt: Date | null;
  /** Outlet name: the item's <source>, else the feed's title; null when neither exists. */
  source: string | null;
  /** sha256 hex of normalized title + summary; lets a re-poll tell an edited story from an unchanged one. */
  contentHash: string;
}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  siteUrl: string | null;
  stories: NormalizedStory[];
  /**
   * Items dropped because they had nothing in them (no id, link, title, summary or date) or an unusable shape.
   * RSS allows items with only a description and Atom entries need only an id, so such items are stories
   * (with an empty title) rather than skipped.
   */
  skipped: number;
}
