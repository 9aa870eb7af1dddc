// feedparser's test corpus: manifest types and the comparison of one parsed entry with feedparser's expectations.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface CorpusCheck {
  field: 'title' | 'url' | 'guid' | 'publishedAt' | 'summary';
  from?: string;
  value?: string;
  text?: string;
  alt?: string;
  epochSeconds?: number;
}

export interface CorpusEntry {
  file: string;
  description?: string;
  headers: Record<string, string>;
  entries: number;
  wellFormed: boolean;
  checks: CorpusCheck[];
}

export type CorpusGroup = 'sanitize' | 'encoding' | 'rest';

export const groupOf = (file: string): CorpusGroup => (file.startsWith('wellformed/sanitize/') ? 'sanitize' : file.startsWith('encoding/') ? 'encoding' : 'rest');

export function readManifest(dir: string): CorpusEntry[] {
  return (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { tests: CorpusEntry[] }).tests;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What a stored or parsed story offers for comparison. */
export interface ComparableStory {
  title: string;
  summary: string;
  url: string | null;
  guid: string;
  publishedAt: Date | null;
}

/** Plain-text fields compare with feedparser's text (or its alternative), URLs as parsed URLs. */
export function passes(check: CorpusCheck, story: ComparableStory): boolean {
  switch (check.field) {
    case 'title':
      return [check.text, check.alt].some((want) => want !== undefined && story.title === collapse(want));
    case 'summary':
      return check.text !== undefined && story.summary === collapse(check.text);
    case 'url':
      return check.value !== undefined && story.url === new URL(check.value).href;
    case 'guid':
      return story.guid === check.value;
    case 'publishedAt':
      return story.publishedAt?.getTime() === (check.epochSeconds ?? NaN) * 1000;
  }
}
