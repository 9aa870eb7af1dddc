// Reads the article behind a story's link: the publisher's URL behind an aggregator link, the page, its main text.
import { resolveAggregatorLink } from '../../core/article/aggregatorLinks.ts';
import type { ExtractedArticle } from '../../core/article/extract.ts';
import { canonicalizeUrl } from '../../core/feed/url.ts';
import type { PageFetcher, PageResult } from './pageFetcher.ts';

export type ArticleResult =
  | { state: 'fetched'; text: string; publisherUrl: string; publisherName: string | null }
  | { state: 'failed' | 'skipped'; reason: string; publisherUrl?: string | null };

const GOOGLE_NEWS = 'news.google.com';

/**
 * The URL to request for a story link and its key (`canonicalizeUrl`): the publisher's URL when the aggregator
 * link names it, else the link itself. Null for a link that is not a URL.
 */
export function articleTarget(link: string): { url: string; key: string; viaGoogle: boolean } | null {
  const resolved = resolveAggregatorLink(link);
  const url = resolved.kind === 'resolved' ? resolved.url : link;
  const key = canonicalizeUrl(url);
  return key === null ? null : { url, key, viaGoogle: resolved.kind === 'needsFetch' };
}

const hostOf = (url: string) => (URL.canParse(url) ? new URL(url).hostname : '');

/** Extraction is about 17 ms per 100 KB page: one page per turn of the event loop, so requests keep being served. */
async function extract(page: Extract<PageResult, { kind: 'page' }>): Promise<ExtractedArticle> {
  // Loaded at the first article read (the DOM and readability libraries are a fifth of the code a start loads).
  const { extractArticle } = await import('../../core/article/extract.ts');
  await new Promise((r) => setImmediate(r));
  return extractArticle(page.html, page.finalUrl);
}

/**
 * Fetches and extracts the article at `target`. A Google News link is followed through its redirects; a page that
 * holds no article but names another canonical URL (Google's hop page, an AMP page) is followed once more there.
 * `seen` says whether a URL key was already asked for (never the same URL twice).
 */
export async function readArticle(pages: PageFetcher, target: { url: string; viaGoogle: boolean }, seen: (key: string) => boolean): Promise<ArticleResult> {
  const first = await pages.page(target.url);
  if (first.kind !== 'page') return { state: first.kind, reason: first.reason };
  const article = await extract(first);
  const onGoogle = hostOf(first.finalUrl) === GOOGLE_NEWS;
  if (article.text && !onGoogle) return fetched(article, first.finalUrl);
  const next = article.canonicalUrl && hostOf(article.canonicalUrl) !== GOOGLE_NEWS ? article.canonicalUrl : null;
  const nextKey = next && canonicalizeUrl(next);
  if (!next || !nextKey || nextKey === canonicalizeUrl(first.finalUrl) || seen(nextKey)) {
    if (onGoogle) return { state: 'failed', reason: 'Google News did not lead to the article: its page stayed on news.google.com (a consent or script page)' };
    return { state: 'failed', reason: 'the page holds no article text', publisherUrl: canonicalizeUrl(article.canonicalUrl ?? first.finalUrl) };
  }
  const second = await pages.page(next);
  if (second.kind !== 'page') return { state: second.kind, reason: second.reason, publisherUrl: nextKey };
  const publisher = await extract(second);
  if (!publisher.text) return { state: 'failed', reason: 'the page holds no article text', publisherUrl: nextKey };
  return fetched(publisher, second.finalUrl);
}

function fetched(a: ExtractedArticle, finalUrl: string): ArticleResult {
  const publisherUrl = canonicalizeUrl(a.canonicalUrl ?? finalUrl) ?? finalUrl;
  return { state: 'fetched', text: a.text, publisherUrl, publisherName: a.siteName?.slice(0, 200) ?? null };
}
