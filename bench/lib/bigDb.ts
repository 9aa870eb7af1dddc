// The 1,000,000-story database shared by the backfill and timeline sections, built once and cached in os.tmpdir().
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseInput } from '../../db/cases.ts';
import { closeDb, openDb } from '../../db/openDb.ts';
import { signatureFor } from '../../core/timeline/cluster.ts';
import { storyFacts } from '../../core/timelineEntries.ts';
import { caseStory, plainStory, rng, type Rng, type StoryText } from './corpus.ts';
import { nowMs, progress } from './report.ts';

export const BIG_DB_STORIES = 1_000_000;
const FEEDS = 400;
const BATCH = 25_000;
/** Bump when the generated data changes; the migrations' text is part of the key too. */
const GENERATOR_VERSION = 'v2';
const END = Date.UTC(2025, 10, 1);
const SPACING_MS = 63_000; // 1M stories over about two years

/** The case section 3 reads: 2,000 stories, one every 500 ids. */
export const TIMELINE_CASE: CaseInput = {
  title: 'Aurora Biolabs v. Kestrel Pharma (bench)',
  parties: [
    { name: 'Aurora Biolabs Inc.', role: 'plaintiff', aliases: ['Aurora Biolabs'] },
    { name: 'Kestrel Pharma AG', role: 'defendant', aliases: ['Kestrel Pharma'] },
  ],
  keywords: ['trade secrets'],
};
/** A new case for the backfill: names of 3+ characters, so every term uses the trigram index. */
export const BACKFILL_CASE: CaseInput = {
  title: 'Nordlys Shipping v. Haugland (bench)',
  parties: [
    { name: 'Nordlys Shipping ASA', role: 'plaintiff', aliases: ['Nordlys Shipping', 'Nordlys', '诺德利斯航运'] },
    { name: 'Erik Haugland', role: 'defendant', aliases: ['E. Haugland'] },
  ],
  keywords: [],
};
/** A new case with a two-character Chinese name, which the trigram index cannot look up. */
export const BACKFILL_CASE_SHORT: CaseInput = {
  title: '星河云图 v. 赵明 (bench)',
  parties: [
    { name: '星河云图科技有限公司', role: 'plaintiff', aliases: ['星河云图'] },
    { name: '赵明', role: 'defendant', aliases: ['Zhao Ming'] },
  ],
  keywords: [],
};

/** A new case whose alias is a common word ("market" is in 236,527 stories; the background section saves it). */
export const COMMON_WORD_CASE: CaseInput = {
  title: 'Nordvik Market Analytics v. Brennholt Data (bench)',
  parties: [
    { name: 'Nordvik Market Analytics AS', role: 'plaintiff', aliases: ['Market'] },
    { name: 'Brennholt Data GmbH', role: 'defendant', aliases: ['Brennholt'] },
  ],
  keywords: [],
};

export type Planted = 'timeline' | 'backfill' | 'backfillShort' | 'nordlysNoise' | 'zhaoNoise' | null;

/** Which planted story an id is (the rest are plain business news). */
export function plantedKind(id: number): Planted {
  if (id % 500 === 7) return 'timeline';
  if (id % 2000 === 13) return 'backfill';
  if (id % 3000 === 21) return 'backfillShort';
  if (id % 333 === 100) return 'nordlysNoise';
  if (id % 1000 === 400) return 'zhaoNoise';
  return null;
}

export const timelineStoryIds = (): number[] => Array.from({ length: BIG_DB_STORIES }, (_, i) => i + 1).filter((id) => plantedKind(id) === 'timeline');

const asDef = (c: CaseInput) => ({ id: 1, title: c.title, parties: c.parties.map((p) => ({ ...p, aliases: p.aliases ?? [] })), keywords: c.keywords ?? [], exclude: [] });

function storyFor(r: Rng, id: number): StoryText {
  const chars = 150 + Math.floor(r() * 150);
  switch (plantedKind(id)) {
    case 'timeline':
      return caseStory(r, asDef(TIMELINE_CASE), chars);
    case 'backfill':
      return caseStory(r, asDef(BACKFILL_CASE), chars);
    case 'backfillShort':
      return caseStory(r, asDef(BACKFILL_CASE_SHORT), chars);
    case 'nordlysNoise':
      return { title: 'Northern lights forecast: where to see the nordlys this week', summary: `Nordlys, the Norwegian word for the aurora, will be visible across the north on clear nights. ${plainStory(r, chars).summary}`.slice(0, chars + 80), source: 'Nordlys' };
    case 'zhaoNoise':
      return { title: '赵明亮获得年度优秀企业家称号', summary: `赵明亮在颁奖典礼上表示，将继续加大研发投入。${plainStory(r, chars, true).summary}`, source: '财新' };
    default:
      return plainStory(r, chars, r() < 0.12);
  }
}

export function bigDbKey(): string {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');
  const hash = createHash('sha256').update(GENERATOR_VERSION);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) hash.update(f).update(readFileSync(path.join(dir, f)));
  return `${GENERATOR_VERSION}-${hash.digest('hex').slice(0, 12)}`;
}

const cacheDir = () => path.join(os.tmpdir(), 'casewatch-bench-cache');
export const bigDbPath = (): string => path.join(cacheDir(), `stories-1m-${bigDbKey()}.db`);

export function removeBigDbCache(): string {
  rmSync(cacheDir(), { recursive: true, force: true });
  return `removed ${cacheDir()}`;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function fill(file: string): void {
  const db = openDb(file);
  const sqlite = db.$client;
  sqlite.pragma('synchronous = OFF');
  const insertFeed = sqlite.prepare('insert into feeds (id, url, title, next_fetch_at) values (?, ?, ?, ?)');
  sqlite.transaction(() => {
    for (let f = 1; f <= FEEDS; f++) insertFeed.run(f, `http://127.0.0.1:9/bench/${f}.rss`, `Bench feed ${f}`, END);
  })();
  const insert = sqlite.prepare(
    `insert into stories (id, feed_id, guid, url, canonical_url, title, summary, summary_html, source, content_hash, signature, facts, published_at, fetched_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const r = rng(1_000_000);
  const started = nowMs();
  for (let first = 1; first <= BIG_DB_STORIES; first += BATCH) {
    sqlite.transaction(() => {
      for (let id = first; id < first + BATCH && id <= BIG_DB_STORIES; id++) {
        const s = storyFor(r, id);
        const feedId = 1 + (id % FEEDS);
        const url = `https://news${feedId}.example.com/${id}`;
        const at = END - (BIG_DB_STORIES - id) * SPACING_MS;
        const hash = createHash('sha256').update(`${s.title}\n${s.summary}`).digest('hex');
        // The poller signs every story and keeps its facts; here only planted stories need them (clustering
        // and the timeline read them), which keeps the build to a few minutes.
        const planted = plantedKind(id) !== null;
        const signature = planted ? signatureFor(s) : null;
        const facts = planted ? JSON.stringify(storyFacts(s)) : null;
        insert.run(id, feedId, url, url, url, s.title, s.summary, `<p>${escapeHtml(s.summary)}</p>`, s.source, hash, signature, facts, at, at + 60_000, at + 60_000);
      }
    })();
    const done = Math.min(first + BATCH - 1, BIG_DB_STORIES);
    if (done % 100_000 === 0) progress(`building the 1,000,000-story database: ${done.toLocaleString('en-US')} stories, ${Math.round((nowMs() - started) / 1000)} s`);
  }
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  closeDb(db);
}

/** Path of the cached database, building it first (a few minutes) when this version is not cached yet. */
export function ensureBigDb(): { file: string; buildMs: number | null } {
  const file = bigDbPath();
  if (existsSync(file)) return { file, buildMs: null };
  mkdirSync(cacheDir(), { recursive: true });
  // Older versions are useless once the generator or the migrations changed.
  for (const f of readdirSync(cacheDir())) rmSync(path.join(cacheDir(), f), { force: true });
  const building = `${file}.building`;
  const started = nowMs();
  try {
    fill(building);
    renameSync(building, file);
  } finally {
    for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
  }
  return { file, buildMs: nowMs() - started };
}
