// Extracts an article's main text and metadata from its page's HTML (already decoded to a string): pure, no I/O.

import { Readability } from '@mozilla/readability';
import { textWeight } from './teaser.ts';
import { nestsDeeperThan, parseDocument, type DomDocument, type DomElement } from './dom.ts';
import { canonicalUrlOf, langOf, metaContent } from './pageMeta.ts';
import { capText, plainText } from './plainText.ts';
import { removeBoilerplate } from './removeBoilerplate.ts';

export interface ExtractedArticle {
  title: string | null;
  /** Plain text, paragraphs separated by a blank line; '' when the page holds no article. */
  text: string;
  /** `<link rel="canonical">`, else `og:url`: absolute http(s) only. */
  canonicalUrl: string | null;
  siteName: string | null;
  byline: string | null;
  /** BCP 47 ("en-GB", "zh-CN"). */
  lang: string | null;
}

/** Stored text per story is capped (issue 13: "for example 50 KB of text"). */
export const MAX_ARTICLE_CHARS = 50_000;

/**
 * Below this much text a page is an error page, a login wall or a section front, not an article. Han and kana
 * count 3 each: a CJK character carries about as much as a short English word does.
 */
const MIN_ARTICLE_WEIGHT = 140;
/**
 * Readability's time grows much faster than the page's nesting depth (measured here: 0.2 s at 200 levels,
 * 0.8 s at 400, 77 s at 2,000), and news pages nest 15 to 60 deep: deeper pages are not read at all. The
 * element cap is a second line behind the fetcher's size cap (20,000 elements took 0.3 s).
 */
const MAX_DEPTH = 200;
const MAX_ELEMENTS = 100_000;

// A body that is not text (an image or a PDF served as HTML, a page decoded with the wrong charset) shows as
// C0 control characters and U+FFFD: there is no article to read in it, and its junk must not reach the matcher.
const NOT_TEXT = /[\u0000-\u0008\u000E-\u001F\uFFFD]/g;
const NOT_TEXT_SHARE = 0.01;

function looksBinary(html: string): boolean {
  const sample = html.slice(0, 8192);
  return (sample.match(NOT_TEXT)?.length ?? 0) > sample.length * NOT_TEXT_SHARE;
}

const EMPTY: ExtractedArticle = {
  title: null, text: '', canonicalUrl: null, siteName: null, byline: null, lang: null,
};

function clean(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Readability splits "Title | Site" only when the rest keeps several space-separated words, so CJK titles
 * ("字节跳动…开庭_法治_示例新闻网") keep the site and channel. The page's only `<h1>` is the headline when the
 * title is that h1 followed by a separator; else drop a known site name, with its separator, from either end.
 */
function cleanTitle(title: string | null, siteName: string | null, headline: string | null): string | null {
  if (!title) return headline;
  if (headline && title.startsWith(headline) && /^\s*[|｜_\-–—·:：]/.test(title.slice(headline.length))) return headline;
  if (!siteName) return title;
  const site = escapeRegExp(siteName);
  const stripped = title
    .replace(new RegExp(`\\s*[|｜_\\-–—·:：]\\s*${site}$`), '')
    .replace(new RegExp(`^${site}\\s*[|｜_\\-–—·:：]\\s*`), '');
  return stripped || title;
}

interface ReadabilityResult {
  title: string | null;
  text: string;
  byline: string | null;
  siteName: string | null;
}

function readArticle(doc: DomDocument): ReadabilityResult | null {
  // serializer: hand back the content element itself, so plainText can keep paragraph breaks (Readability's
  // textContent runs "Dec 1, 2026Paragraph one" together).
  const article = new Readability<DomElement>(doc as never, {
    serializer: (node) => node as never,
    maxElemsToParse: MAX_ELEMENTS, // throws past it: caught by mainText
  }).parse();
  if (!article) return null;
  return {
    title: clean(article.title),
    text: article.content ? plainText(article.content) : '',
    byline: clean(article.byline),
    siteName: clean(article.siteName),
  };
}

/** The article's text and Readability's metadata; null when there is none, or when Readability gives up. */
function mainText(doc: DomDocument): ReadabilityResult | null {
  try {
    if (!doc.documentElement || nestsDeeperThan(doc.documentElement, MAX_DEPTH)) return null;
    removeBoilerplate(doc);
    return readArticle(doc);
  } catch {
    return null; // the canonical URL and language read before still count (a Google News hop needs them)
  }
}

/**
 * The article in `html`, a page fetched from `pageUrl`. Never throws: a parser or Readability failure on a
 * hostile or broken page gives the empty result, since one bad page must cost one story, not the fetch job.
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle {
  if (typeof html !== 'string' || !html.trim() || looksBinary(html)) return { ...EMPTY };
  try {
    const doc = parseDocument(html);
    // Read before Readability and the boilerplate pass, which both change the document.
    const canonicalUrl = canonicalUrlOf(doc, pageUrl);
    const lang = langOf(doc);
    const metaSite = metaContent(doc, ['og:site_name', 'application-name']);
    const metaTitle = metaContent(doc, ['og:title', 'twitter:title']) ?? clean(doc.title);
    // article:author is often a profile URL, not a name.
    const metaByline = metaContent(doc, ['author', 'article:author'])?.replace(/^https?:\/\/\S*$/, '') || null;
    const h1s = doc.querySelectorAll('h1');
    const headline = h1s.length === 1 ? clean(h1s[0]!.textContent) : null;
    const article = mainText(doc);
    const isArticle = article !== null && textWeight(article.text) >= MIN_ARTICLE_WEIGHT;
    const text = isArticle ? capText(article.text, MAX_ARTICLE_CHARS) : '';
    const siteName = article?.siteName ?? metaSite;
    return {
      title: cleanTitle(article?.title ?? metaTitle, siteName, headline),
      text,
      canonicalUrl,
      siteName,
      byline: article?.byline ?? metaByline,
      lang,
    };
  } catch {
    return { ...EMPTY };
  }
}
