// Reads the labelled sample feeds into plain title/summary items for the matching precision test.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import Parser from 'rss-parser';

export interface SampleItem {
  feed: string;
  link: string;
  title: string;
  summary: string;
}

export interface SampleCase {
  key: string;
  title: string;
  summary?: string;
  parties: { name: string; role: 'plaintiff' | 'defendant' | 'other'; aliases: string[] }[];
  keywords: string[];
  exclude: string[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SAMPLE_DIR = path.resolve(repoRoot, '../shared/fixtures/matching-sample');

export function sampleAvailable(): boolean {
  return existsSync(path.join(SAMPLE_DIR, 'cases.json')) && existsSync(path.join(SAMPLE_DIR, 'feeds'));
}

function declaredEncoding(bytes: Buffer): string {
  const prolog = bytes.subarray(0, 200).toString('latin1');
  return /encoding=["']([\w-]+)["']/i.exec(prolog)?.[1] ?? 'utf-8';
}

function plainText(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function loadSampleItems(): Promise<SampleItem[]> {
  const parser = new Parser();
  const feedsDir = path.join(SAMPLE_DIR, 'feeds');
  const items: SampleItem[] = [];
  for (const file of readdirSync(feedsDir).sort()) {
    const bytes = readFileSync(path.join(feedsDir, file));
    const feed = await parser.parseString(iconv.decode(bytes, declaredEncoding(bytes)));
    for (const item of feed.items) {
      items.push({
        feed: file,
        link: item.link ?? '',
        title: plainText(item.title ?? ''),
        summary: plainText(item.content ?? item.summary ?? item.contentSnippet ?? ''),
      });
    }
  }
  return items;
}

export function loadSampleCases(): SampleCase[] {
  return JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'cases.json'), 'utf8')) as SampleCase[];
}

export function loadSampleLabels(): Record<string, string[]> {
  const labels = JSON.parse(readFileSync(path.join(SAMPLE_DIR, 'labels.json'), 'utf8')) as {
    relevant: Record<string, string[]>;
  };
  return labels.relevant;
}
