import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../../core/feed/decode.ts';
import { parseFeed, type ParseOutcome } from '../../../core/feed/parse.ts';
import type { ParsedFeed } from '../../../core/story.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/feeds');

async function parseFixture(file: string, contentType: string | null = null): Promise<ParseOutcome> {
  const { text } = decodeFeedBody(readFileSync(path.join(fixtures, file)), contentType);
  return parseFeed(text, { feedUrl: `https://fixture.example/feeds/${file}`, contentType });
}

async function feedOf(file: string, contentType: string | null = null): Promise<ParsedFeed> {
  const outcome = await parseFixture(file, contentType);
  if (outcome.kind !== 'ok') throw new Error(`${file}: ${outcome.kind} ${outcome.reason}`);
  return outcome.feed;
}

describe('RSS 2.0', () => {
  it('reads the channel and skips only the empty item', async () => {
    const feed = await feedOf('rss2.xml');
    expect(feed).toMatchObject({ format: 'rss', title: 'Court & Commerce Wire', siteUrl: 'https://wire.example.com/' });
    expect(feed.stories).toHaveLength(4);
    expect(feed.skipped).toBe(1);
  });

  it('normalizes a full item', async () => {
    const [story] = (await feedOf('rss2.xml')).stories;
    expect(story).toMatchObject({
      guid: 'wire-0001',
      url: 'https://wire.example.com/2024/acme-sues?utm_source=rss&utm_medium=feed&id=7#comments',
      canonicalUrl: 'https://wire.example.com/2024/acme-sues?id=7',
      title: 'Acme & Co. sues former engineer',
      summary: 'Acme Co. filed suit in court.',
      summaryHtml:
        '<p>Acme\u00a0Co. filed suit <a href="https://fixture.example/cases/acme" rel="nofollow noopener noreferrer">in court</a>.</p>',
      source: 'Origin Daily',
    });
    expect(story?.publishedAt?.toISOString()).toBe('2024-03-05T14:30:00.000Z');
    expect(story?.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses a permalink guid as the link, content when there is no description, and null for a bad date', async () => {
    const [, permalink, contentOnly, descriptionOnly] = (await feedOf('rss2.xml')).stories;
    expect(permalink).toMatchObject({ url: 'https://wire.example.com/2024/permalink-only', summary: '' });
    expect(permalink?.publishedAt?.toISOString()).toBe('2024-03-06T09:00:00.000Z');
    expect(contentOnly).toMatchObject({
      url: 'https://fixture.example/2024/relative-link',
      summary: 'Only encoded content here.',
      summaryHtml: '<p>Only <em>encoded</em> content here.</p>',
      publishedAt: null,
      source: 'Court & Commerce Wire',
    });
    expect(descriptionOnly).toMatchObject({ title: '', url: null, summary: 'A description-only item, as RSS 2.0 allows.' });
    expect(descriptionOnly?.guid).toBe(descriptionOnly?.contentHash);
  });

  it('reads RSS 0.91 with HTML entities that XML does not define', async () => {
    const feed = await feedOf('rss091.xml');
    expect(feed.format).toBe('rss');
    expect(feed.stories[0]).toMatchObject({
      title: 'Ruling expected été next week',
      url: 'http://old.example.com/story/1',
      guid: 'http://old.example.com/story/1',
      summary: 'Lawyers & clerks wait for the ruling.',
    });
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('uses rdf:about as the guid and reads W3C-DTF dc:date', async () => {
    const feed = await feedOf('rss1.rdf');
    expect(feed).toMatchObject({ format: 'rdf', title: 'RDF Tech Review', siteUrl: 'https://rdf.example.net/', skipped: 0 });
    const [a, b] = feed.stories;
    expect(a).toMatchObject({ guid: 'https://rdf.example.net/a', url: 'https://rdf.example.net/a', summary: 'Lane markings shifted for weeks.' });
    expect(a?.publishedAt?.toISOString()).toBe('2023-07-05T12:00:00.000Z');
    expect(b?.publishedAt?.toISOString()).toBe('2023-11-21T00:00:00.000Z');
  });
});

describe('Atom 1.0', () => {
  it('reads escaped HTML titles, inline XHTML in order, xml:base and the alternate link', async () => {
    const feed = await feedOf('atom10.xml');
    expect(feed).toMatchObject({ format: 'atom', title: 'Legal & Labour', siteUrl: 'https://legal.example.org/' });
    const [first] = feed.stories;
    expect(first).toMatchObject({
      guid: 'tag:legal.example.org,2024:1',
      url: 'https://legal.example.org/feeds/articles/court-bars',
      title: 'Court bars ex-employee — for now',
      summary: 'The judge granted the injunction in case 42 today.',
      source: 'Origin Law Journal',
    });
    expect(first?.summaryHtml).toContain('<a href="https://legal.example.org/cases/42"');
    expect(first?.publishedAt?.toISOString()).toBe('2023-02-08T14:00:00.120Z');
  });

  it('keeps a plain-text title literal and an entry xml:base', async () => {
    const [, second] = (await feedOf('atom10.xml')).stories;
    expect(second).toMatchObject({
      title: 'Plain text title with <brackets>',
      url: 'https://other.example.net/news/story-2.html',
      summary: 'Second entry.',
    });
  });

  it('survives garbage dates: one bad date costs that date, not the feed', async () => {
    const [, second, third] = (await feedOf('atom10.xml')).stories;
    expect(second?.publishedAt?.toISOString()).toBe('2023-04-25T16:00:00.000Z'); // falls back to <updated>
    expect(third).toMatchObject({ title: 'Garbage date only', publishedAt: null });
  });
});

describe('Atom 0.3', () => {
  it('reads mode="escaped" titles and issued dates', async () => {
    const feed = await feedOf('atom03.xml');
    expect(feed).toMatchObject({ format: 'atom', siteUrl: 'http://a03.example.com/' });
    expect(feed.stories[0]).toMatchObject({
      title: 'Escaped title',
      summary: 'Plain summary',
      url: 'http://a03.example.com/entry/1',
    });
    expect(feed.stories[0]?.publishedAt?.toISOString()).toBe('2004-01-01T19:48:21.000Z');
  });
});

describe('JSON Feed', () => {
  it('reads items through the schema and drops the malformed one', async () => {
    const feed = await feedOf('feed.json', 'application/feed+json');
    expect(feed).toMatchObject({ format: 'json', title: 'JSON Docket', siteUrl: 'https://json.example.com/', skipped: 1 });
    const [first, second, third] = feed.stories;
    expect(first).toMatchObject({
      guid: '1',
      canonicalUrl: 'https://json.example.com/posts/1',
      title: 'Appeal filed',
      summary: 'The defendant appealed.',
    });
    expect(first?.publishedAt?.toISOString()).toBe('2024-02-01T13:00:00.000Z');
    expect(second).toMatchObject({ guid: '2', url: 'https://json.example.com/posts/2', summary: 'Only HTML content.' });
    expect(second?.summaryHtml).not.toContain('javascript:');
    expect(third).toMatchObject({ guid: '3', title: '', url: null, summary: 'Text only, no title and no link.' });
  });

  it('is detected by a body starting with "{" without a content type', async () => {
    const outcome = await parseFixture('feed.json', null);
    expect(outcome.kind === 'ok' && outcome.feed.format).toBe('json');
  });

  it('says when JSON is not a JSON Feed, and when it is not JSON', async () => {
    const notFeed = await parseFeed('{"hello": "world"}', { feedUrl: 'https://x.example/', contentType: 'application/json' });
    expect(notFeed).toEqual({ kind: 'notAFeed', reason: 'not a feed: got JSON that is not a JSON Feed', feedLinks: [] });
    const broken = await parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [', { feedUrl: 'https://x.example/' });
    expect(broken.kind).toBe('malformed');
    expect(broken.kind === 'malformed' && broken.reason).toMatch(/^the JSON is not valid/);
  });
});

describe('HTML pages', () => {
  it('are not a feed, with the feeds they advertise', async () => {
    const outcome = await parseFixture('page.html', 'text/html; charset=utf-8');
    expect(outcome).toEqual({
      kind: 'notAFeed',
      reason: 'not a feed: got an HTML page',
      feedLinks: [
        'https://fixture.example/feeds/all.rss',
        'https://news.example.com/feeds/all.atom',
        'https://fixture.example/feeds/feed.json?format=json&v=1',
      ],
    });
  });
});
