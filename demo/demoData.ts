// Loads the bundled demo data: the sample feeds to serve, the example cases to add, and each case's expected stories.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { packagePath } from '../core/packagePath.ts';

/** Absolute path of this folder (demo/), so callers work from any working directory. */
export const demoDir = packagePath('demo');

export interface DemoFeedFile {
  /** File name under demo/feeds/; also the path the demo server serves it at (`/feeds/<file>`). */
  file: string;
  title: string;
  /**
   * Content-Type to serve it with. No charset on purpose: the GBK and windows-1252 feeds must be decoded from
   * their XML declaration, as a real feed without a charset header would be.
   */
  contentType: string;
}

export const demoFeedFiles: readonly DemoFeedFile[] = [
  { file: 'courtwire.rss', title: 'CourtWire', contentType: 'application/rss+xml' },
  { file: 'legalnews.atom', title: 'LegalNews Daily', contentType: 'application/atom+xml' },
  { file: 'cn-tech.rss', title: '科技法治观察', contentType: 'application/rss+xml' },
  { file: 'techdaily.json', title: 'TechDaily', contentType: 'application/feed+json' },
  { file: 'europe.rdf', title: 'Europa Kurier', contentType: 'application/rdf+xml' },
  { file: 'syndicated.rss', title: 'Wire Digest', contentType: 'application/rss+xml' },
];

const demoCaseSchema = z.object({
  title: z.string().min(1),
  summary: z.string(),
  parties: z
    .array(
      z.object({
        name: z.string().min(1),
        role: z.enum(['plaintiff', 'defendant', 'other']),
        aliases: z.array(z.string().min(1)),
      }),
    )
    .min(1),
  keywords: z.array(z.string().min(1)),
  exclude: z.array(z.string().min(1)),
  court: z.string().optional(),
});

/** A body for `POST /api/cases`. */
export type DemoCase = z.infer<typeof demoCaseSchema>;

export interface DemoFeed extends DemoFeedFile {
  /** Raw bytes, undecoded: the GBK and windows-1252 files must reach the fetcher as they are on disk. */
  body: Buffer;
}

export interface DemoData {
  feeds: DemoFeed[];
  cases: DemoCase[];
  /** Case title -> links of the items that belong on that case's timeline (the ground truth for a smoke test). */
  expected: Record<string, string[]>;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Reads every demo file; throws when one is missing or malformed, since the bundle ships with the code. */
export function loadDemoData(dir: string = demoDir): DemoData {
  const feeds = demoFeedFiles.map((f) => ({ ...f, body: readFileSync(path.join(dir, 'feeds', f.file)) }));
  const cases = z.array(demoCaseSchema).parse(readJson(path.join(dir, 'cases.json')));
  const expected = z.record(z.string(), z.array(z.string())).parse(readJson(path.join(dir, 'expected.json')));
  return { feeds, cases, expected };
}
