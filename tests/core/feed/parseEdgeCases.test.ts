import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { discoverFeedLinks } from '../../../core/feed/discover.ts';
import { parseFeed, type ParseOutcome } from '../../../core/feed/parse.ts';
import type { ParsedFeed } from '../../../core/story.ts';

const opts = { feedUrl: 'https://edge.example.com/feed.xml' };

async function ok(text: string): Promise<ParsedFeed> {
  const outcome: ParseOutcome = await parseFeed(text, opts);
  if (outcome.kind !== 'ok') throw new Error(`${outcome.kind}: ${outcome.reason}`);
  return outcome.feed;
}

const atomWithBadDate = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
  <entry><id>1</id><title>Bad date</title><link href="https://a.example/1"/><published>not-a-date</published></entry>
  <entry><id>2</id><title>Good date</title><link href="https://a.example/2"/><published>2024-01-02T03:04:05Z</published></entry>
</feed>`;

describe('malformed and non-feed documents', () => {
  it.each([
    ['unclosed elements', '<rss version="2.0"><channel><title>x</title><item><title>y</item></channel></rss>', /^the XML is not well-formed: /],
    ['a truncated document', '<?xml version="1.0"?><rss version="2.0"><channel><item><title>cut', /^the XML is not well-formed: .*\(line \d+\)$/],
    ['an empty body', '   \n ', /^the document is empty$/],
    ['only a comment', '<!-- nothing here -->', /^the XML document has no root element$/],
  ])('%s is malformed', async (_name, text, reason) => {
    const outcome = await parseFeed(text, opts);
    expect(outcome.kind).toBe('malformed');
    expect(outcome.kind === 'malformed' && outcome.reason).toMatch(reason);
  });

  it.each([
    ['plain text', 'Service temporarily unavailable', 'not a feed: the document is not XML, JSON or HTML'],
    ['another XML vocabulary', '<opml version="2.0"><head/><body/></opml>', "not a feed: the XML document's root element is <opml>, not <rss>, <feed> or <rdf:RDF>"],
    ['an HTML page without links', '<!doctype html><title>x</title><p>hi', 'not a feed: got an HTML page'],
  ])('%s is not a feed', async (_name, text, reason) => {
    expect(await parseFeed(text, opts)).toEqual({ kind: 'notAFeed', reason, feedLinks: [] });
  });

  it('treats an RSS body as a feed even when served as text/html', async () => {
    const outcome = await parseFeed('<rss version="2.0"><channel><item><title>x</title></item></channel></rss>', {
      ...opts,
      contentType: 'text/html',
    });
    expect(outcome.kind).toBe('ok');
  });
});

describe('robustness', () => {
  it('keeps the other entries when an Atom date is garbage (rss-parser alone rejects the whole feed)', async () => {
    await expect(new Parser().parseString(atomWithBadDate)).rejects.toThrow(/Invalid time value/);
    const feed = await ok(atomWithBadDate);
    expect(feed.stories.map((s) => [s.title, s.publishedAt?.toISOString() ?? null])).toEqual([
      ['Bad date', null],
      ['Good date', '2024-01-02T03:04:05.000Z'],
    ]);
  });

  it('repairs HTML entities and stray ampersands that XML does not allow', async () => {
    const feed = await ok(
      '<rss version="2.0"><channel><title>Q&A</title><item><title>Caf&eacute;&nbsp;owner &copy; sues</title>' +
        '<link>https://a.example/?a=1&b=2</link><description>Tom &unknownentity; Jerry</description></item></channel></rss>',
    );
    expect(feed.title).toBe('Q&A');
    expect(feed.stories[0]).toMatchObject({
      title: 'Café owner © sues',
      url: 'https://a.example/?a=1&b=2',
      summary: 'Tom &unknownentity; Jerry',
    });
  });

  it('keeps text and inline markup in document order', async () => {
    const feed = await ok(
      '<rss version="2.0"><channel><item><title>t</title><description>The <b>court</b> ruled <i>today</i> on <a href="/x">it</a>.</description></item></channel></rss>',
    );
    expect(feed.stories[0]?.summary).toBe('The court ruled today on it.');
    expect(feed.stories[0]?.summaryHtml).toBe(
      'The <b>court</b> ruled <i>today</i> on <a href="https://edge.example.com/x" rel="nofollow noopener noreferrer">it</a>.',
    );
  });

  it('falls back to the content when the description has no visible text', async () => {
    const feed = await ok(
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><item><title>t</title>' +
        '<description><![CDATA[<p>&nbsp;</p>]]></description><content:encoded>The real text.</content:encoded></item></channel></rss>',
    );
    expect(feed.stories[0]?.summary).toBe('The real text.');
  });

  it('ignores stray output before the XML declaration', async () => {
    const feed = await ok('Warning: something in /var/www/feed.php\n<?xml version="1.0"?><rss version="2.0"><channel><item><title>After junk</title></item></channel></rss>');
    expect(feed.stories[0]?.title).toBe('After junk');
  });

  it('reads RSS without a channel and a prefixed Atom root', async () => {
    expect((await ok('<rss><item><title>No channel</title></item></rss>')).stories[0]?.title).toBe('No channel');
    const prefixed = await ok(
      '<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>P</atom:title><atom:entry><atom:id>1</atom:id>' +
        '<atom:title>Prefixed</atom:title><atom:link href="https://p.example/1"/></atom:entry></atom:feed>',
    );
    expect(prefixed.stories[0]).toMatchObject({ title: 'Prefixed', url: 'https://p.example/1', guid: '1' });
  });

  it('expands simple DTD entities but neither external nor nested ones', async () => {
    const outcome = await parseFeed(
      `<?xml version="1.0"?><!DOCTYPE rss [
        <!ENTITY site "tag:example.com,">
        <!ENTITY xxe SYSTEM "file:///etc/passwd">
        <!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
      ]><rss version="2.0"><channel><item><guid isPermaLink="false">&site;2006</guid><title>&xxe; &lol2;</title></item></channel></rss>`,
      opts,
    );
    expect(outcome.kind).toBe('ok');
    const story = outcome.kind === 'ok' ? outcome.feed.stories[0] : undefined;
    expect(story?.guid).toBe('tag:example.com,2006');
    expect(story?.title).toBe('&xxe; &lol2;');
  });

  it('stays fast and never throws on pathological input', async () => {
    const rss = (inner: string) => `<rss version="2.0"><channel><item><title>t</title>${inner}</item></channel></rss>`;
    const bodies = [
      rss(`<description>${'<![CDATA['.repeat(20_000)}</description>`),
      rss(`<description>${'<title '.repeat(20_000)}</description>`),
      rss(`<description>${'&'.repeat(100_000)}</description>`),
      rss(`<description><![CDATA[x]]>${'<b>'.repeat(5_000)}y${'</b>'.repeat(5_000)}</description>`),
      rss(`<description><![CDATA[${'<'.repeat(100_000)}]]></description>`),
      `<!doctype html>${'<link rel="alternate" href="x'.repeat(5_000)}`,
    ];
    for (const body of bodies) {
      const started = performance.now();
      const outcome = await parseFeed(body, opts);
      expect(['ok', 'malformed', 'notAFeed']).toContain(outcome.kind);
      expect(performance.now() - started).toBeLessThan(3_000);
    }
  });

  it('parses a 500-item feed quickly', async () => {
    const item = (i: number) =>
      `<item><title>Story ${i}</title><link>https://b.example/${i}?utm_source=x</link><guid>g${i}</guid>` +
      `<pubDate>Tue, 05 Mar 2024 09:30:00 EST</pubDate><description><![CDATA[${'<p>Text <b>bold</b> &amp; more.</p>'.repeat(30)}]]></description></item>`;
    const xml = `<rss version="2.0"><channel><title>Big</title>${Array.from({ length: 500 }, (_, i) => item(i)).join('')}</channel></rss>`;
    const started = performance.now();
    const feed = await ok(xml);
    expect(feed.stories).toHaveLength(500);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('discoverFeedLinks', () => {
  it('resolves against <base href>, keeps page order and skips non-feed alternates', () => {
    const html = `<head><base href="https://cdn.example.net/site/">
      <link rel="alternate" type="application/atom+xml" href="atom.xml">
      <link rel="alternate nofollow" type="application/rss+xml; charset=utf-8" href="/rss">
      <link rel="alternate" type="text/html" href="/other">
      <link rel="feed" type="application/rss+xml" href="/not-alternate">
      <link rel=alternate type=application/feed+json href=feed.json></head>`;
    expect(discoverFeedLinks(html, 'https://www.example.net/page')).toEqual([
      'https://cdn.example.net/site/atom.xml',
      'https://cdn.example.net/rss',
      'https://cdn.example.net/site/feed.json',
    ]);
  });

  it('returns nothing for a page without feed links', () => {
    expect(discoverFeedLinks('<html><body>none</body></html>', 'https://x.example/')).toEqual([]);
  });
});
