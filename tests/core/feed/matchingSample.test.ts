import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFeedBody } from '../../../core/feed/decode.ts';
import { parseFeed } from '../../../core/feed/parse.ts';
import type { NormalizedStory, ParsedFeed } from '../../../core/story.ts';
import { sharedDir } from '../../helpers/shared.ts';

const sampleDir = sharedDir('fixtures/matching-sample') ?? '';

/** Feed file, format, charset and item count, as the sample's README lists them. */
const FEEDS = [
  { file: 'wire.rss', format: 'rss', charset: 'utf-8', items: 10 },
  { file: 'legal.atom', format: 'atom', charset: 'utf-8', items: 8 },
  { file: 'tech.rdf', format: 'rdf', charset: 'utf-8', items: 6 },
  { file: 'cn.rss', format: 'rss', charset: 'gbk', items: 7 },
  { file: 'eu.rss', format: 'rss', charset: 'windows-1252', items: 6 },
  { file: 'syndication.rss', format: 'rss', charset: 'utf-8', items: 8 },
] as const;

/** Exact instants for items whose dates exercise zone names, missing seconds, fractions and date-only forms. */
const EXACT_DATES: Record<string, string> = {
  'https://news.example.com/2022/03/15/san-diego-genomics-firm-sues-former-data-scientist-over-sequencing': '2022-03-15T23:20:00.000Z',
  'https://news.example.com/2022/11/02/biotech-firm-sues-former-lab-manager-over-cell-line-records': '2022-11-02T19:00:00.000Z',
  'https://news.example.com/2023/05/09/start-up-shrinks-raman-spectrometer-to-the-size-of-a-phone': '2023-05-09T13:00:00.000Z',
  'https://legalwire.example.org/articles/2023/data-walks-out-the-door-lessons-from-the-halcyon-and-havorn-cases-36799': '2023-02-08T14:00:00.120Z',
  'https://legalwire.example.org/articles/2022/nevada-court-refuses-to-enforce-casinos-two-year-noncompete-on-dealer-5244': '2022-08-17T01:00:00.000Z',
  'https://tech.example.net/2023/11/havorn-vind-tests-120-metre-blade-for-next-generation-offshore/': '2023-11-21T00:00:00.000Z',
  'https://tech.example.net/2022/09/logic-bombs-the-insider-threat-hiding-in-build-scripts/': '2022-09-01T12:00:00.000Z',
  'https://zh.example.com/news/20240528/63614.html': '2024-05-28T07:00:00.000Z',
  'https://aggregator.example.org/r/1c1c3830ab18': '2025-03-24T12:00:00.000Z',
  'https://aggregator.example.org/r/8312d47a42c7': '2023-10-03T16:00:00.000Z',
};

interface Row {
  id: string;
  feed: string;
  date: string;
  title: string;
  link: string;
}

/** The README's item index: | id | feed | date | cases | title | link |. */
function readItemIndex(): Row[] {
  const readme = readFileSync(path.join(sampleDir, 'README.md'), 'utf8');
  return readme
    .split('\n')
    .filter((line) => /^\| B[A-Z]\d+ \|/.test(line))
    .map((line) => {
      const [, id = '', feed = '', date = '', , title = '', link = ''] = line.split('|').map((cell) => cell.trim());
      return { id, feed, date, title, link };
    });
}

describe.skipIf(!sampleDir)('labelled matching sample', () => {
  const parsed = new Map<string, { feed: ParsedFeed; charset: string }>();
  const byUrl = new Map<string, NormalizedStory>();
  let rows: Row[] = [];

  beforeAll(async () => {
    rows = readItemIndex();
    for (const { file } of FEEDS) {
      const decoded = decodeFeedBody(readFileSync(path.join(sampleDir, 'feeds', file)), null);
      const outcome = await parseFeed(decoded.text, { feedUrl: `http://127.0.0.1:8080/${file}` });
      if (outcome.kind !== 'ok') throw new Error(`${file}: ${outcome.kind} ${outcome.reason}`);
      parsed.set(file, { feed: outcome.feed, charset: decoded.charset });
      for (const story of outcome.feed.stories) if (story.url) byUrl.set(story.url, story);
    }
  });

  it.each(FEEDS)('$file: format, charset and item count', ({ file, format, charset, items }) => {
    const result = parsed.get(file);
    expect(result?.charset).toBe(charset);
    expect(result?.feed.format).toBe(format);
    expect(result?.feed.stories).toHaveLength(items);
    expect(result?.feed.skipped).toBe(0);
    expect(rows.filter((row) => row.feed === file)).toHaveLength(items);
  });

  it('finds every indexed item by its labelled link, with its title', () => {
    expect(rows).toHaveLength(45);
    for (const row of rows) {
      const story = byUrl.get(row.link);
      expect(story, row.id).toBeDefined();
      expect(story?.title, row.id).toBe(row.title);
      expect(story?.canonicalUrl, row.id).toBe(row.link);
    }
  });

  it('finds every link used in labels.json', () => {
    const labels = JSON.parse(readFileSync(path.join(sampleDir, 'labels.json'), 'utf8')) as {
      relevant: Record<string, string[]>;
      clusters: string[][];
      hostile: string[];
    };
    const links = [...Object.keys(labels.relevant), ...labels.clusters.flat(), ...labels.hostile];
    for (const link of links) expect(byUrl.has(link), link).toBe(true);
  });

  it('decodes GBK Chinese and windows-1252 punctuation', () => {
    expect(byUrl.get('https://zh.example.com/news/20230914/90247.html')?.title).toBe('星河云图起诉前实习生赵明轩 索赔260万元');
    expect(byUrl.get('https://zh.example.com/news/20240720/22340.html')?.title).toBe('区青少年活动中心推出“星河夜观”暑期天文活动');
    const eu = parsed.get('eu.rss')?.feed;
    expect(eu?.title).toBe('Europa Post — Norden & Énergie');
    const french = eu?.stories.find((s) => s.url?.includes('/fr/2024/06/'));
    expect(french?.summary).toContain('450 000 € de dommages');
    expect(french?.summary).toContain('L’entreprise');
    const all = [...byUrl.values()].map((s) => `${s.title} ${s.summary}`).join(' ');
    expect(all).not.toMatch(/[\ufffd\u0080-\u009f]|â€|Ã/);
  });

  it('dates every item on its labelled day, and exactly where the zone form matters', () => {
    for (const row of rows) {
      const published = byUrl.get(row.link)?.publishedAt;
      expect(published, row.id).toBeInstanceOf(Date);
      // The labelled date is the local calendar day; any UTC offset from -12h to +14h maps into this window.
      const dayStart = Date.parse(`${row.date}T00:00:00Z`);
      const time = published?.getTime() ?? NaN;
      expect(time >= dayStart - 14 * 3600_000 && time < dayStart + 36 * 3600_000, row.id).toBe(true);
    }
    for (const [link, iso] of Object.entries(EXACT_DATES)) expect(byUrl.get(link)?.publishedAt?.toISOString(), link).toBe(iso);
  });

  it('uses <source> for republished copies and the feed title otherwise', () => {
    const copies = parsed.get('syndication.rss')?.feed.stories ?? [];
    expect(copies.map((s) => s.source)).toContain('LegalWire');
    expect(byUrl.get('https://news.example.com/2024/12/05/denmarks-offshore-wind-auction-draws-no-bids')?.source).toBe(
      'Example Newswire — Science & Industry',
    );
  });

  it('leaves no active markup in any summary, hostile items included', () => {
    for (const story of byUrl.values()) {
      expect(story.summaryHtml, story.url ?? '').not.toMatch(/<script|<iframe|<svg|<meta|<img|\son\w+\s*=|javascript:|__xss/i);
      expect(story.summary, story.url ?? '').not.toMatch(/<script|__xss/i);
    }
    const hostileWire = byUrl.get('https://news.example.com/2024/12/05/denmarks-offshore-wind-auction-draws-no-bids');
    expect(hostileWire?.summaryHtml).toContain('<p>Denmark received no bids');
  });
});
