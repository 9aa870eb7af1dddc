// The timeline read a page at a time from the matches index: dates copied by triggers, an upgrade from 0004, paging that equals the whole.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestStage } from '../../core/timeline/stage.ts';
import { groupEntries, type Entry } from '../../core/timelineEntries.ts';
import { caseStats, insertCase } from '../../db/cases.ts';
import { insertFeed } from '../../db/feeds.ts';
import { applyStoryMatches, setLeads } from '../../db/matches.ts';
import { closeDb, inTransaction, openDb, type Db } from '../../db/openDb.ts';
import { storeFeedStories } from '../../db/stories.ts';
import { TIMELINE_SQL, timelinePlan, timelineStories } from '../../db/timeline.ts';
import { weeklyCounts, weeklyCountsFrom } from '../../views/coverageChart.ts';
import { tempDir } from '../helpers/tempDir.ts';

const repoMigrations = path.resolve(import.meta.dirname, '../../db/migrations');

function seed(db: Db, n: number) {
  const t0 = new Date('2025-03-01T00:00:00Z');
  const c = insertCase(db, { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff' }] }, t0);
  const feed = insertFeed(db, { url: 'http://127.0.0.1:9/f.xml', title: 'Wire' }, t0)!;
  const items = Array.from({ length: n }, (_, i) => ({
    guid: `g${i}`,
    url: `https://wire.example.com/${i}`,
    canonicalUrl: `https://wire.example.com/${i}`,
    title: `Story ${i}`,
    summary: `About story ${i}`,
    summaryHtml: '',
    // Some stories share a date so that the story id breaks ties.
    publishedAt: new Date(t0.getTime() + Math.floor(i / 3) * 3_600_000),
    source: 'Wire',
    contentHash: `h${i}`,
  }));
  const ids = inTransaction(db, () => storeFeedStories(db, feed.id, items, t0).inserted.map((s) => s.id));
  return { caseId: c.id, ids, feedId: feed.id, t0 };
}

describe('matches.published_at', () => {
  it('is copied from the story when a match is written, and follows a change of the story date', () => {
    const db = openDb(':memory:');
    const { caseId, ids, t0 } = seed(db, 3);
    applyStoryMatches(db, ids, ids.map((storyId) => ({ caseId, storyId, score: 90, status: 'auto' as const, reasons: ['r'], stage: null, leadStoryId: null })), t0);
    const dates = () => db.$client.prepare('select story_id as id, published_at as p from matches order by story_id').all() as { id: number; p: number }[];
    expect(dates().map((r) => r.p)).toEqual([t0.getTime(), t0.getTime(), t0.getTime()]);
    db.$client.prepare('update stories set published_at = ? where id = ?').run(42, ids[1]);
    expect(dates()[1]!.p).toBe(42);
    closeDb(db);
  });

  it('is filled for matches stored before the column existed (upgrade from migration 0004)', () => {
    const dir = tempDir();
    const old = path.join(dir, 'migrations');
    mkdirSync(path.join(old, 'meta'), { recursive: true });
    for (const f of ['0000_init.sql', '0001_stories_fts.sql', '0002_stories_canonical_per_feed.sql', '0003_auth.sql', '0004_story_facts.sql']) cpSync(path.join(repoMigrations, f), path.join(old, f));
    const journal = JSON.parse(readFileSync(path.join(repoMigrations, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number }[] };
    writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= 4) }));
    const file = path.join(dir, 'old.db');
    const raw = new Database(file);
    migrate(drizzle(raw), { migrationsFolder: old });
    raw.exec(`insert into cases (id, title, keywords, exclude, created_at, updated_at) values (1, 'A v. B', '[]', '[]', 0, 0);
      insert into feeds (id, url, next_fetch_at) values (1, 'http://127.0.0.1:9/f', 0);
      insert into stories (id, feed_id, guid, title, content_hash, published_at, fetched_at, updated_at) values (7, 1, 'g', 'T', 'h', 123456, 0, 0);
      insert into matches (case_id, story_id, score, reasons, status, created_at, updated_at) values (1, 7, 90, '[]', 'auto', 0, 0);`);
    raw.close();
    const db = openDb(file);
    expect(db.$client.prepare('select story_id as storyId, published_at as publishedAt from matches').all()).toEqual([{ storyId: 7, publishedAt: 123456 }]);
    expect(timelinePlan(db, 1, { order: 'newest', page: 1, perPage: 10, reviewLimit: 10 }).latestAt).toEqual(new Date(123456));
    closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('pages from the covering index, without reading stories or sorting', () => {
    const db = openDb(':memory:');
    const plan = (q: string) => (db.$client.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    const page = plan(`select story_id from matches m where case_id = 1 and status in ('auto', 'confirmed') and lead_story_id is null order by published_at desc, story_id desc limit 100`);
    expect(page).toMatch(/USING COVERING INDEX matches_case_timeline_idx/);
    expect(page).not.toMatch(/TEMP B-TREE/);
    closeDb(db);
  });
});

describe('the plans of the queries of a page', () => {
  it('seek what they need instead of walking every match of the case', () => {
    const db = openDb(':memory:');
    const plan = (q: string, ...args: unknown[]) => (db.$client.prepare(`explain query plan ${q}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' | ');
    // The case's rows in case_weeks, by primary key.
    expect(plan(TIMELINE_SQL.weeks, 1)).toMatch(/SEARCH case_weeks USING PRIMARY KEY \(case_id=\?\)/);
    // The newest story and a stage's latest entry: a walk down an index that stops at the first row.
    expect(plan(TIMELINE_SQL.latest, 1)).toMatch(/SEARCH matches USING COVERING INDEX matches_case_timeline_idx/);
    expect(plan(TIMELINE_SQL.latest, 1)).not.toMatch(/TEMP B-TREE/);
    expect(plan(TIMELINE_SQL.stageAt, 1, 'filed')).toMatch(/SEARCH m USING (?:COVERING )?INDEX matches_case_stage_idx \(case_id=\? AND stage=\?/);
    expect(plan(TIMELINE_SQL.stageAt, 1, 'filed')).not.toMatch(/TEMP B-TREE/);
    // The review queue in order from its own index; copies and stories one seek per id.
    for (const dir of ['asc', 'desc'] as const) {
      expect(plan(TIMELINE_SQL.review(dir), 1, 10)).toMatch(/SEARCH matches USING COVERING INDEX matches_case_status_idx \(case_id=\? AND status=\?/);
      expect(plan(TIMELINE_SQL.review(dir), 1, 10)).not.toMatch(/TEMP B-TREE/);
      expect(plan(TIMELINE_SQL.page(dir), 1, 10, 0)).toMatch(/SEARCH m USING COVERING INDEX matches_case_timeline_idx/);
      expect(plan(TIMELINE_SQL.page(dir), 1, 10, 0)).not.toMatch(/TEMP B-TREE/);
    }
    expect(plan(TIMELINE_SQL.copies, 1, '[1,2]')).toMatch(/SEARCH matches USING INDEX matches_case_lead_idx \(case_id=\? AND lead_story_id=\?\)/);
    expect(plan(TIMELINE_SQL.stories, 1, '[1,2]')).toMatch(/SEARCH m USING INDEX matches_case_story_uq \(case_id=\? AND story_id=\?\)/);
    expect(plan(TIMELINE_SQL.stories, 1, '[1,2]')).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
    closeDb(db);
  });
});

describe('a timeline page read from the index', () => {
  it('pages through exactly the entries that grouping everything gives, copies and review included', () => {
    const db = openDb(':memory:');
    const { caseId, ids, t0 } = seed(db, 60);
    // Every 5th story is in review; stories 1, 2 copy story 0; story 11 copies 10, which is later rejected
    // (an orphan copy stands on its own); story 21 copies 20, a review story (stands on its own too).
    const status = (i: number) => (i % 5 === 4 ? ('review' as const) : ('auto' as const));
    applyStoryMatches(db, ids, ids.map((storyId, i) => ({ caseId, storyId, score: 80, status: status(i), reasons: [`r${i}`], stage: i % 7 === 0 ? 'filed' : null, leadStoryId: null })), t0);
    setLeads(db, caseId, new Map([[ids[1]!, ids[0]!], [ids[2]!, ids[0]!], [ids[11]!, ids[10]!], [ids[21]!, ids[19]!]]));
    db.$client.prepare("update matches set status = 'rejected' where story_id = ?").run(ids[10]);
    const everything = groupEntries(timelineStories(db, caseId, ids), 'newest');
    for (const order of ['newest', 'oldest'] as const) {
      const whole = groupEntries(timelineStories(db, caseId, ids), order);
      const paged: Entry[] = [];
      let review: Entry[] = [];
      for (let page = 1; page <= 10; page++) {
        const plan = timelinePlan(db, caseId, { order, page, perPage: 7, reviewLimit: 100 });
        expect(plan.totalEntries).toBe(whole.entries.length);
        const part = groupEntries(timelineStories(db, caseId, [...plan.pageStoryIds, ...plan.reviewStoryIds]), order);
        paged.push(...part.entries);
        review = part.review;
      }
      expect(paged).toEqual(whole.entries);
      expect(review).toEqual(whole.review);
    }
    // Chart, stage and "last updated" as if worked out from every story.
    const plan = timelinePlan(db, caseId, { order: 'newest', page: 1, perPage: 7, reviewLimit: 3 });
    const dates = everything.entries.flatMap((e) => [e.publishedAt, ...e.duplicates.map((d) => d.publishedAt)]).map((d) => new Date(d));
    expect(weeklyCountsFrom(plan.weeks)).toEqual(weeklyCounts(dates));
    expect(latestStage(plan.stages)).toBe(latestStage(everything.entries));
    expect(latestStage(plan.stages)).toBe('filed');
    expect(plan.latestAt).toEqual(new Date(Math.max(...dates.map((d) => d.getTime()))));
    // The copies fold under story 0; the orphan of the rejected story and the copy of a review story stand alone.
    const byId = new Map(everything.entries.map((e) => [e.storyId, e]));
    expect(byId.get(ids[0]!)!.duplicates.map((d) => d.storyId)).toEqual([ids[1], ids[2]]);
    expect(byId.has(ids[11]!)).toBe(true);
    expect(byId.has(ids[21]!)).toBe(true);
    expect(byId.has(ids[10]!)).toBe(false);
    expect(plan).toMatchObject({ totalStories: 47, totalEntries: 45, totalReview: 12, pageCount: 7 });
    expect(plan.reviewStoryIds).toEqual([ids[59], ids[54], ids[49]]);
    expect(timelinePlan(db, caseId, { order: 'newest', page: 99, perPage: 7, reviewLimit: 0 }).pageStoryIds).toEqual([]);
    expect(timelinePlan(db, caseId, { order: 'newest', page: 99, perPage: 7, reviewLimit: 0, clampPage: true }).page).toBe(7);
    closeDb(db);
  });
});

describe('the triggers that keep matches.published_at', () => {
  it('exist after migrating (drizzle-kit does not know them; a rebuilt table would lose them)', () => {
    const db = openDb(':memory:');
    const names = (db.$client.prepare("select name from sqlite_master where type = 'trigger' order by name").all() as { name: string }[]).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['matches_published_ai', 'stories_published_au']));
    closeDb(db);
  });
});

describe('the case list', () => {
  it('counts entries as the timeline does, orphaned and chained copies included', () => {
    const db = openDb(':memory:');
    const { caseId, ids, t0 } = seed(db, 5);
    applyStoryMatches(db, ids, ids.map((storyId) => ({ caseId, storyId, score: 80, status: 'auto' as const, reasons: ['r'], stage: null, leadStoryId: null })), t0);
    // 1 copies 0 (rejected below: 1 stands alone); 3 copies 2; 4 copies 3, itself a copy (stands alone).
    setLeads(db, caseId, new Map([[ids[1]!, ids[0]!], [ids[3]!, ids[2]!], [ids[4]!, ids[3]!]]));
    db.$client.prepare("update matches set status = 'rejected' where story_id = ?").run(ids[0]);
    const plan = timelinePlan(db, caseId, { order: 'newest', page: 1, perPage: 10, reviewLimit: 10 });
    expect(plan.totalEntries).toBe(3);
    expect(caseStats(db, new Date('2025-03-02T00:00:00Z')).get(caseId)!.entries).toBe(plan.totalEntries);
    closeDb(db);
  });
});
