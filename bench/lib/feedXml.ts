// RSS 2.0 documents of realistic items (HTML descriptions, some Chinese, some about a tracked case).
import { makeCases, caseStory, plainStory, rng } from './corpus.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The cases whose parties some items name (the poll section tracks them, so matching runs as in production). */
export const FEED_CASES = makeCases(10, 99);

/** Feed number `n` with `items` items; the same n always gives the same document. */
export function rssFeed(n: number, items: number, summaryChars = 900): string {
  const r = rng(1000 + n);
  const base = Date.UTC(2025, 9, 1) + n * 60_000;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `<channel><title>Bench feed ${n}</title><link>https://news${n}.example.com/</link><description>Business and legal news</description>`,
  ];
  for (let i = 0; i < items; i++) {
    const x = r();
    const s = x < 0.05 ? caseStory(r, FEED_CASES[Math.floor(r() * FEED_CASES.length)]!, summaryChars) : plainStory(r, summaryChars, x > 0.88);
    const link = `https://news${n}.example.com/${n}/${i}?utm_source=rss`;
    const html = `<p>${escapeXml(s.summary)}</p><p><a href="${link}">Read more</a> · <em>${escapeXml(s.source)}</em></p>`;
    out.push(
      `<item><title>${escapeXml(s.title)}</title><link>${escapeXml(link)}</link><guid isPermaLink="false">feed-${n}-item-${i}</guid>`,
      `<pubDate>${new Date(base - i * 3_600_000).toUTCString()}</pubDate><dc:creator>Staff reporter</dc:creator>`,
      `<description><![CDATA[${html}]]></description></item>`,
    );
  }
  out.push('</channel></rss>');
  return out.join('\n');
}
