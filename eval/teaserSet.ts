// Turns a labelled set into a teaser set (issue 13's measurement): every feed item keeps only the first sentence
// of its text, and its link points at an article page on loopback holding the full text inside the boilerplate
// of a news site (cookie banner, navigation, a related-stories box, comments, footer). The related box of every
// page names the parties of another case of the set, so a match made from boilerplate shows as a wrong match.
import { splitSentences } from '../core/article/sentences.ts';
import type { LabelledSet } from './labelledSet.ts';

export interface TeaserSet {
  /** RSS documents by path ("/teaser-wire.rss"), UTF-8. */
  feeds: Map<string, string>;
  /** Article pages by path ("/a/3"), UTF-8 HTML. */
  pages: Map<string, string>;
  /** The loopback link of each item back to its labelled link. */
  original: Map<string, string>;
  /** Per page path, the key of the case whose parties its related box names. */
  relatedCase: Map<string, string>;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The first sentence of a story's text: what a teaser feed carries. */
export function firstSentence(text: string): string {
  return splitSentences(text)[0]?.text ?? '';
}

interface PartyNames {
  key: string;
  plaintiff: string;
  defendant: string;
}

function partiesOf(set: LabelledSet): PartyNames[] {
  return set.cases.map((c) => {
    const parties = (c.body.parties as { name: string; role: string }[] | undefined) ?? [];
    return {
      key: c.key,
      plaintiff: parties.find((p) => p.role === 'plaintiff')?.name ?? parties[0]?.name ?? c.key,
      defendant: parties.find((p) => p.role === 'defendant')?.name ?? parties[1]?.name ?? c.key,
    };
  });
}

/** A related-stories box naming another case's parties in legal terms: the classic false positive if it leaked. */
function relatedBox(other: PartyNames): string {
  const headlines = [
    `${other.plaintiff} sues ${other.defendant} over trade secrets`,
    `Court hears ${other.plaintiff} v. ${other.defendant}`,
    `${other.defendant} appeals ruling in ${other.plaintiff} lawsuit`,
  ];
  return `<aside class="related-stories"><h2>Related</h2><ul>${headlines.map((h, i) => `<li><a href="/related/${i}">${escapeXml(h)}</a></li>`).join('')}</ul></aside>`;
}

export function articlePage(title: string, text: string, canonical: string, other: PartyNames): string {
  const paragraphs = text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeXml(p)}</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)} | The Example Ledger</title>
<link rel="canonical" href="${escapeXml(canonical)}"><meta property="og:site_name" content="The Example Ledger"></head>
<body>
<div id="cookie-banner" class="cookie-consent" role="dialog"><p>We use cookies to personalise content and measure audiences.</p><button>Accept all</button></div>
<header class="site-header"><a class="logo" href="/">The Example Ledger</a>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/courts">Courts</a></li><li><a href="/tech">Technology</a></li></ul></nav></header>
<main><div class="layout">
<article class="story"><h1>${escapeXml(title)}</h1><p class="byline">By a staff reporter</p>
${paragraphs}
</article>
${relatedBox(other)}
</div>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Another lawsuit? ${escapeXml(other.plaintiff)} and ${escapeXml(other.defendant)} should settle.</p></div>
<div class="comment"><p>Interesting read, thanks.</p></div></section>
</main>
<footer class="site-footer"><p>© The Example Ledger. All rights reserved.</p><nav><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></nav></footer>
</body></html>`;
}

/**
 * The teaser form of a set, its links under `base` (the loopback server that serves `feeds` and `pages`).
 * Items keep their title, date and guid; the text is cut to its first sentence; the related box of the page
 * of an item names the parties of the next case after the ones the item belongs to (or of the first case).
 */
export function teaserSet(set: LabelledSet, base: string): TeaserSet {
  const feeds = new Map<string, string>();
  const pages = new Map<string, string>();
  const original = new Map<string, string>();
  const relatedCase = new Map<string, string>();
  const names = partiesOf(set);
  let n = 0;
  for (const feed of set.feeds) {
    const items: string[] = [];
    for (const link of feed.linksByDate) {
      const story = set.stories.get(link);
      if (!story) continue;
      const own = set.relevant.get(link) ?? new Set<string>();
      const at = names.findIndex((c) => own.has(c.key));
      // Another case than the story's own: its parties in the related box must not make a match.
      let other = names[(Math.max(at, 0) + 1 + (n % Math.max(1, names.length - 1))) % names.length]!;
      if (own.has(other.key)) other = names.find((c) => !own.has(c.key)) ?? other;
      const pagePath = `/a/${++n}`;
      const url = `${base}${pagePath}`;
      original.set(url, link);
      relatedCase.set(pagePath, other.key);
      pages.set(pagePath, articlePage(story.title, story.summary, link, other));
      const date = set.dates.get(link) ?? new Date(0);
      items.push(
        `<item><title>${escapeXml(story.title)}</title><link>${escapeXml(url)}</link><guid isPermaLink="false">${escapeXml(link)}</guid>` +
          `<pubDate>${date.toUTCString()}</pubDate><description>${escapeXml(firstSentence(story.summary))}</description></item>`,
      );
    }
    const name = `/teaser-${feed.file.replace(/\.[a-z]+$/, '')}.rss`;
    feeds.set(name, `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${escapeXml(feed.file)} (teasers)</title><link>${base}/</link><description>teasers</description>\n${items.join('\n')}\n</channel></rss>`);
  }
  return { feeds, pages, original, relatedCase };
}
