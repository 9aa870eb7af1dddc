// Reads the labelled matching sample (/work/shared/fixtures/matching-sample) into plain items for clustering tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import Parser from 'rss-parser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SAMPLE_DIR = path.resolve(ROOT, '../shared/fixtures/matching-sample');
export const sampleAvailable = existsSync(path.join(SAMPLE_DIR, 'feeds'));

export interface SampleItem {
  feed: string;
  link: string;
  title: string;
  summary: string;
  publishedAt: Date;
  source: string | null;
}

/** The declared encoding from the XML prolog (read as latin1, which any prolog survives), else UTF-8. */
function decode(bytes: Buffer): string {
  const prolog = /^<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'));
  const encoding = prolog?.[1] ?? 'utf-8';
  return iconv.decode(bytes, iconv.encodingExists(encoding) ? encoding : 'utf-8');
}

/** Plain text of feed HTML: script/style bodies dropped, tags removed, common entities decoded. */
export function stripTags(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function loadSampleItems(): Promise<SampleItem[]> {
  const parser = new Parser();
  const items: SampleItem[] = [];
  const feedsDir = path.join(SAMPLE_DIR, 'feeds');
  for (const file of readdirSync(feedsDir).sort()) {
    const feed = await parser.parseString(decode(readFileSync(path.join(feedsDir, file))));
    for (const it of feed.items) {
      if (!it.link || !it.isoDate) throw new Error(`${file}: item without link or date`);
      items.push({
        feed: file,
        link: it.link,
        title: stripTags(it.title ?? ''),
        summary: stripTags(it.content ?? it.summary ?? ''),
        publishedAt: new Date(it.isoDate),
        source: feed.title ?? null,
      });
    }
  }
  return items;
}

export function loadSampleLabels(): { clusters: string[][] } {
  return JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'labels.json'), 'utf8')) as { clusters: string[][] };
}
