// Checks that the bundled demo feeds, cases and expected timelines agree with each other and with demo/README.md.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { demoDir, loadDemoData, type DemoFeed } from '../../demo/demoData.ts';

interface DemoItem {
  feed: string;
  link: string;
  guid: string;
  title: string;
  body: string;
  date: string;
}

const data = loadDemoData();

const feedTable = [
  { file: 'courtwire.rss', encoding: 'utf-8', items: 13 },
  { file: 'legalnews.atom', encoding: 'utf-8', items: 11 },
  { file: 'cn-tech.rss', encoding: 'gbk', items: 11 },
  { file: 'techdaily.json', encoding: 'utf-8', items: 10 },
  { file: 'europe.rdf', encoding: 'windows-1252', items: 11 },
  { file: 'syndicated.rss', encoding: 'utf-8', items: 8 },
];

function declaredEncoding(body: Buffer): string {
  const prolog = /^<\?xml[^>]*encoding="([^"]+)"/.exec(body.subarray(0, 200).toString('latin1'));
  return (prolog?.[1] ?? 'utf-8').toLowerCase();
}

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  content_html?: string;
  content_text?: string;
  date_published: string;
}

async function itemsOf(feed: DemoFeed): Promise<DemoItem[]> {
  if (feed.file.endsWith('.json')) {
    const doc = JSON.parse(feed.body.toString('utf8')) as { items: JsonFeedItem[] };
    return doc.items.map((i) => ({
      feed: feed.file,
      link: i.url,
      guid: i.id,
      title: i.title,
      body: i.content_html ?? i.content_text ?? '',
      date: i.date_published,
    }));
  }
  const text = iconv.decode(feed.body, declaredEncoding(feed.body));
  const parser = new Parser<object, { 'dc:date'?: string; id?: string }>({ customFields: { item: ['dc:date', 'id'] } });
  const parsed = await parser.parseString(text);
  return parsed.items.map((i) => ({
    feed: feed.file,
    link: i.link ?? '',
    guid: i.guid ?? i.id ?? i.link ?? '',
    title: i.title ?? '',
    body: `${i.content ?? ''} ${i.summary ?? ''}`,
    date: i.isoDate ?? i['dc:date'] ?? '',
  }));
}

const items = (await Promise.all(data.feeds.map(itemsOf))).flat();

describe('demo feeds', () => {
  it('lists every file in demo/feeds, and only those', () => {
    expect(data.feeds.map((f) => f.file).sort()).toEqual(readdirSync(path.join(demoDir, 'feeds')).sort());
  });

  it.each(feedTable)('$file is $encoding with $items items', ({ file, encoding, items: count }) => {
    const feed = data.feeds.find((f) => f.file === file)!;
    if (!file.endsWith('.json')) expect(declaredEncoding(feed.body)).toBe(encoding);
    // Real bytes of the declared encoding: a decoder that ignores the declaration gets them wrong.
    new TextDecoder(encoding, { fatal: true }).decode(feed.body);
    if (encoding !== 'utf-8') expect(() => new TextDecoder('utf-8', { fatal: true }).decode(feed.body)).toThrow();
    expect(items.filter((i) => i.feed === file)).toHaveLength(count);
  });

  it('gives every item a unique link and guid, a title and a past date from 2018 on', () => {
    expect(new Set(items.map((i) => i.link)).size).toBe(items.length);
    expect(new Set(items.map((i) => `${i.feed} ${i.guid}`)).size).toBe(items.length);
    for (const i of items) {
      expect(i.link).toMatch(/^https:\/\/[a-z-]+\.example\.(com|org|net)\//);
      expect(i.title.length).toBeGreaterThan(10);
      const when = Date.parse(i.date);
      expect(when, `${i.link} ${i.date}`).toBeGreaterThanOrEqual(Date.UTC(2018, 0, 1));
      expect(when).toBeLessThan(Date.UTC(2026, 10, 1));
    }
  });

  it('carries hostile markup in a few bodies and never in a title', () => {
    const hostile = items.filter((i) => i.body.includes('window.__xss'));
    expect(hostile.length).toBeGreaterThanOrEqual(2);
    expect(hostile.some((i) => i.body.includes('<script>'))).toBe(true);
    expect(hostile.some((i) => /onerror=/.test(i.body))).toBe(true);
    expect(hostile.some((i) => i.body.includes('javascript:'))).toBe(true);
    expect(items.filter((i) => /__xss|</.test(i.title))).toEqual([]);
  });

  it('decodes Chinese and accented text correctly', () => {
    const titles = items.map((i) => i.title);
    expect(titles).toContain('字节跳动起诉前实习生田柯宇 索赔800万元');
    expect(titles).toContain('Münchner Antriebshersteller verklagt früheren Ingenieur auf €2,5 Mio.');
  });
});

describe('demo cases and expected timelines', () => {
  it('has the three cases, ByteDance v. Tian Keyu first, with Chinese aliases', () => {
    expect(data.cases.map((c) => c.title)).toEqual([
      'ByteDance v. Tian Keyu',
      'Tesla v. Tripp',
      'Halderhof Antriebstechnik v. Brunnmeier',
    ]);
    const aliases = data.cases[0]!.parties.flatMap((p) => p.aliases);
    expect(aliases).toEqual(expect.arrayContaining(['字节跳动', '田柯宇']));
  });

  it('keys expected.json by case title and points only at items in the feeds', () => {
    expect(Object.keys(data.expected).sort()).toEqual(data.cases.map((c) => c.title).sort());
    const links = new Set(items.map((i) => i.link));
    for (const [title, expected] of Object.entries(data.expected)) {
      expect(new Set(expected).size, title).toBe(expected.length);
      expect(expected.filter((l) => !links.has(l)), title).toEqual([]);
    }
  });

  it.each([
    ['ByteDance v. Tian Keyu', 14],
    ['Tesla v. Tripp', 12],
    ['Halderhof Antriebstechnik v. Brunnmeier', 11],
  ])('%s has %i stories', (title, count) => {
    expect(data.expected[title]).toHaveLength(count);
  });

  it('leaves about 40% of the items as distractors that belong to no case', () => {
    const relevant = new Set(Object.values(data.expected).flat());
    expect(items).toHaveLength(64);
    expect(items.length - relevant.size).toBe(28);
  });
});
