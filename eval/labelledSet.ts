// Loads a labelled matching set (cases, labels, feeds) and cuts its feeds by date, for the evaluation runs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { decodeFeedBody } from '../core/feed/decode.ts';
import { parseFeed } from '../core/feed/parse.ts';

export interface LabelledCase {
  key: string;
  body: Record<string, unknown>;
}

export interface LabelledFeed {
  file: string;
  contentType: string;
  bytes: Buffer;
  /** Item links, oldest first. */
  linksByDate: string[];
}

export interface LabelledSet {
  name: string;
  cases: LabelledCase[];
  /** link -> case keys it belongs to. */
  relevant: Map<string, Set<string>>;
  feeds: LabelledFeed[];
  /** Every item's date, by link. */
  dates: Map<string, Date>;
  /** Every item's text as the poller stores it, by link. */
  stories: Map<string, { title: string; summary: string }>;
}

const TYPES: Record<string, string> = {
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
  '.json': 'application/feed+json',
};

export async function loadLabelledSet(dir: string): Promise<LabelledSet> {
  const rawCases = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as ({ key: string } & Record<string, unknown>)[];
  const labels = JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as { relevant: Record<string, string[]> };
  const dates = new Map<string, Date>();
  const stories = new Map<string, { title: string; summary: string }>();
  const feeds: LabelledFeed[] = [];
  for (const file of readdirSync(path.join(dir, 'feeds')).sort()) {
    const bytes = readFileSync(path.join(dir, 'feeds', file));
    const contentType = TYPES[path.extname(file)] ?? 'application/xml';
    const decoded = decodeFeedBody(bytes, contentType);
    const parsed = await parseFeed(decoded.text, { feedUrl: `http://127.0.0.1/${file}`, contentType });
    if (parsed.kind !== 'ok') throw new Error(`${file}: ${parsed.kind}`);
    const items = parsed.feed.stories.filter((i) => i.url).map((i) => ({ url: i.url!, date: i.publishedAt ?? new Date(0) }));
    for (const i of items) dates.set(i.url, i.date);
    for (const st of parsed.feed.stories) if (st.url) stories.set(st.url, { title: st.title, summary: st.summary });
    items.sort((a, b) => a.date.getTime() - b.date.getTime());
    feeds.push({ file, contentType, bytes, linksByDate: items.map((i) => i.url) });
  }
  return {
    name: path.basename(dir),
    cases: rawCases.map(({ key, ...body }) => ({ key, body })),
    relevant: new Map(Object.entries(labels.relevant).map(([link, keys]) => [link, new Set(keys)])),
    feeds,
    dates,
    stories,
  };
}

const ITEM = /<(item|entry)\b[^>]*>[\s\S]*?<\/\1>/g;
const ENCODING = /<\?xml[^>]*encoding=["']([^"']+)["']/i;

/** The feed's bytes without the items whose link is in `drop` (same encoding and format). */
export function feedWithout(feed: LabelledFeed, drop: ReadonlySet<string>): Buffer {
  const encoding = ENCODING.exec(feed.bytes.subarray(0, 200).toString('latin1'))?.[1] ?? 'utf-8';
  const text = iconv.decode(feed.bytes, encoding);
  const kept = text.replace(ITEM, (item) => {
    const links = [...drop].filter((l) => item.includes(escapeXml(l)) || item.includes(l));
    return links.length > 0 ? '' : item;
  });
  return iconv.encode(kept, encoding);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;');
}

/** The newer half of each feed's items, by date: what the learning run serves only in its second poll. */
export function newerHalves(set: LabelledSet): Set<string> {
  const out = new Set<string>();
  for (const f of set.feeds) for (const link of f.linksByDate.slice(Math.ceil(f.linksByDate.length / 2))) out.add(link);
  return out;
}
