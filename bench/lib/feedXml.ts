// RSS 2.0 documents of realistic items (HTML descriptions, some Chinese, some about a tracked case).
import { makeCases, caseStory, plainStory, rng } from './corpus.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The cases whose parties some items name (the poll section tracks them, so matching runs as in production). */
export const FEED_CASES = makeCases(10, 99);

/** The items of feed number `n`: 5% about one of FEED_CASES, the rest business news (some Chinese). */
function feedItems(n: number, items: number, summaryChars: number): { title: string; summary: string; source: string; date: Date }[] {
  const r = rng(1000 + n);
  const base = Date.UTC(2025, 9, 1) + n * 60_000;
  return Array.from({ length: items }, (_, i) => {
    const x = r();
    const s = x < 0.05 ? caseStory(r, FEED_CASES[Math.floor(r() * FEED_CASES.length)]!, summaryChars) : plainStory(r, summaryChars, x > 0.88);
    return { ...s, date: new Date(base - i * 3_600_000) };
  });
}

function rssDocument(n: number, items: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `<channel><title>Bench feed ${n}</title><link>https://news${n}.example.com/</link><description>Business and legal news</description>`,
    ...items,
    '</channel></rss>',
  ].join('\n');
}

/** Feed number `n` with `items` items; the same n always gives the same document. */
export function rssFeed(n: number, items: number, summaryChars = 900): string {
  return rssDocument(
    n,
    feedItems(n, items, summaryChars).flatMap((s, i) => {
      const link = `https://news${n}.example.com/${n}/${i}?utm_source=rss`;
      const html = `<p>${escapeXml(s.summary)}</p><p><a href="${link}">Read more</a> · <em>${escapeXml(s.source)}</em></p>`;
      return [
        `<item><title>${escapeXml(s.title)}</title><link>${escapeXml(link)}</link><guid isPermaLink="false">feed-${n}-item-${i}</guid>`,
        `<pubDate>${s.date.toUTCString()}</pubDate><dc:creator>Staff reporter</dc:creator>`,
        `<description><![CDATA[${html}]]></description></item>`,
      ];
    }),
  );
}

/** The first sentence or so of a text: what a teaser feed carries. */
const teaserOf = (text: string) => (/^.{20,160}?[.。!?！？](?=\s|$)/su.exec(text)?.[0] ?? text.slice(0, 120));

/**
 * Feed number `n` as teasers: the same items as `rssFeed(n, items)`, each with its first sentence only and a link to
 * `${articleBase}/article/n/i`, where `articlePage(n, i)` holds the whole text.
 */
export function rssTeaserFeed(n: number, items: number, articleBase: string): string {
  return rssDocument(
    n,
    feedItems(n, items, 900).flatMap((s, i) => [
      `<item><title>${escapeXml(s.title)}</title><link>${articleBase}/article/${n}/${i}</link><guid isPermaLink="false">feed-${n}-item-${i}</guid>`,
      `<pubDate>${s.date.toUTCString()}</pubDate><description>${escapeXml(teaserOf(s.summary))}</description></item>`,
    ]),
  );
}

/** The article page behind item `i` of feed `n`: the whole text inside a news site's boilerplate. */
export function articlePage(n: number, i: number, items: number): string | null {
  const s = feedItems(n, items, 900)[i];
  if (!s) return null;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(s.title)}</title></head><body>
<div class="cookie-banner" role="dialog"><p>We use cookies.</p><button>Accept</button></div>
<header><a href="/">News ${n}</a><nav><a href="/world">World</a> <a href="/business">Business</a></nav></header>
<main><article><h1>${escapeXml(s.title)}</h1><p>${escapeXml(s.summary)}</p></article>
<aside class="related"><h2>Related</h2><ul><li><a href="/r">More business news</a></li></ul></aside></main>
<footer><p>© News ${n}</p></footer></body></html>`;
}
