// The per-week timeline counts that triggers keep (migration 0010): equal to a recount after any sequence of writes.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDb, openDb, type Db } from '../../db/openDb.ts';
import { timelinePlan } from '../../db/timeline.ts';
import { caseStats, type CaseSummaryStats } from '../../db/cases.ts';
import { latestStage } from '../../core/timeline/stage.ts';
import { rng, type Rng } from '../helpers/rng.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { recountCaseWeeks as recount, storedCaseWeeks as stored } from '../helpers/caseWeeks.ts';
import { weekStart } from '../../core/timeline/weeks.ts';

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Dates bunched into a few weeks (so rows share weeks), some before 1970, some on a Monday midnight. */
function randomDate(r: Rng): number {
  const bases = [Date.UTC(1969, 11, 29), Date.UTC(1969, 0, 1, 5), Date.UTC(2025, 2, 3), Date.UTC(2025, 2, 9, 23, 59, 59, 999), Date.UTC(2025, 5, 16)];
  return pick(r, bases) + Math.floor(r() * 3 - 1) * Math.floor(r() * 5 * 86_400_000);
}

function world(seed: number) {
  const r = rng(seed);
  const db = openDb(':memory:');
  const sql = db.$client;
  sql.exec("insert into feeds (id, url, next_fetch_at) values (1, 'http://127.0.0.1:9/f', 0)");
  const addCase = () => Number(sql.prepare("insert into cases (title, keywords, exclude, created_at, updated_at) values ('A v. B', '[]', '[]', 0, 0)").run().lastInsertRowid);
  let n = 0;
  const addStory = () => {
    n += 1;
    return Number(sql.prepare("insert into stories (feed_id, guid, title, content_hash, published_at, fetched_at, updated_at) values (1, ?, 'T', 'h', ?, 0, 0)").run(`g${n}`, randomDate(r)).lastInsertRowid);
  };
  const cases = [addCase(), addCase()];
  const stories = Array.from({ length: 24 }, addStory);
  const matchIds = () => sql.prepare('select case_id as c, story_id as s from matches').all() as { c: number; s: number }[];
  const status = () => pick(r, ['auto', 'auto', 'confirmed', 'review', 'rejected'] as const);
  /**
   * No lead, a story of the case (a copy folds), any story (a lead that is not on this timeline), or the match
   * itself (older versions could store a match as its own lead).
   */
  const lead = (c: number, self: number): number | null => {
    if (r() < 0.35) return null;
    if (r() < 0.1) return self;
    const ofCase = sql.prepare('select story_id from matches where case_id = ? and story_id != ?').pluck().all(c, self) as number[];
    return pick(r, r() < 0.8 && ofCase.length ? ofCase : stories.filter((s) => s !== self));
  };
  const insertMatch = () => {
    const s = pick(r, stories);
    const c = pick(r, cases);
    sql.prepare("insert or ignore into matches (case_id, story_id, score, reasons, status, lead_story_id, created_at, updated_at) values (?, ?, 1, '[]', ?, ?, 0, 0)").run(c, s, status(), lead(c, s));
  };
  const ops: [string, () => void][] = [
    // Inserts are several entries of the list so that timelines grow between the deletes.
    ...Array.from({ length: 6 }, (): [string, () => void] => ['insert a match (the trigger of 0005 fills its date)', insertMatch]),
    [
      'insert a match with its date',
      () => {
        const s = pick(r, stories);
        const c = pick(r, cases);
        sql.prepare("insert or ignore into matches (case_id, story_id, score, reasons, status, lead_story_id, published_at, created_at, updated_at) select ?, id, 1, '[]', ?, ?, published_at, 0, 0 from stories where id = ?").run(c, status(), lead(c, s), s);
      },
    ],
    ['change a status', () => { const m = matchIds(); if (m.length) { const x = pick(r, m); sql.prepare('update matches set status = ? where case_id = ? and story_id = ?').run(status(), x.c, x.s); } }],
    ['change a lead', () => { const m = matchIds(); if (m.length) { const x = pick(r, m); sql.prepare('update matches set lead_story_id = ? where case_id = ? and story_id = ?').run(lead(x.c, x.s), x.c, x.s); } }],
    ['change a status and a lead at once', () => { const m = matchIds(); if (m.length) { const x = pick(r, m); sql.prepare('update matches set status = ?, lead_story_id = ? where case_id = ? and story_id = ?').run(status(), lead(x.c, x.s), x.c, x.s); } }],
    [
      'insert several matches in one statement',
      () => sql.prepare("insert or ignore into matches (case_id, story_id, score, reasons, status, lead_story_id, created_at, updated_at) select ?, id, 1, '[]', 'auto', null, 0, 0 from stories where id % 4 = ?").run(pick(r, cases), Math.floor(r() * 4)),
    ],
    ['make a match its own lead', () => { const m = matchIds(); if (m.length) { const x = pick(r, m); sql.prepare('update matches set lead_story_id = story_id where case_id = ? and story_id = ?').run(x.c, x.s); } }],
    ['make the matches that lead themselves leads again', () => sql.prepare('update matches set lead_story_id = null where lead_story_id = story_id').run()],
    [
      'reject a story and its unconfirmed twins in one statement, as a decision does',
      () => sql.prepare("update matches set status = 'rejected', lead_story_id = null where case_id = ? and status != 'confirmed' and story_id % 5 = ?").run(pick(r, cases), Math.floor(r() * 5)),
    ],
    ['change many statuses in one statement', () => sql.prepare('update matches set status = ? where case_id = ? and story_id % 3 = ?').run(status(), pick(r, cases), Math.floor(r() * 3))],
    ['make every match a lead, as a recluster starts', () => sql.prepare('update matches set lead_story_id = null where case_id = ?').run(pick(r, cases))],
    [
      'move copies to another lead in one statement',
      () => {
        const from = pick(r, stories);
        const to = pick(r, stories);
        sql.prepare('update matches set lead_story_id = ? where case_id = ? and lead_story_id = ? and story_id != ?').run(to, pick(r, cases), from, to);
      },
    ],
    ['change a story date', () => sql.prepare('update stories set published_at = ? where id = ?').run(randomDate(r), pick(r, stories))],
    ['clear a match date', () => sql.prepare('update matches set published_at = null where story_id = ?').run(pick(r, stories))],
    ['delete a match', () => { const m = matchIds(); if (m.length) { const x = pick(r, m); sql.prepare('delete from matches where case_id = ? and story_id = ?').run(x.c, x.s); } }],
    ['delete the unconfirmed matches of a case', () => sql.prepare("delete from matches where case_id = ? and status in ('auto', 'review') and story_id % 2 = ?").run(pick(r, cases), Math.floor(r() * 2))],
    [
      'delete a story (its matches go with it)',
      () => {
        const s = pick(r, stories);
        sql.prepare('delete from stories where id = ?').run(s);
        stories.splice(stories.indexOf(s), 1, addStory());
      },
    ],
    [
      'delete a case (its matches go with it)',
      () => {
        const c = pick(r, cases);
        sql.prepare('delete from cases where id = ?').run(c);
        cases.splice(cases.indexOf(c), 1, addCase());
      },
    ],
  ];
  return { db, r, ops };
}

describe('case_weeks', () => {
  it('equals a recount after every write of random sequences (leads, statuses, dates, deletes; single and multi-row)', () => {
    let writes = 0;
    // That the sequences reach the states that matter: weeks of two cases, copies folded under a lead, review.
    let folded = 0;
    let review = 0;
    let rows = 0;
    for (let seed = 1; seed <= 25; seed++) {
      const { db, r, ops } = world(seed);
      const done: string[] = [];
      for (let i = 0; i < 200; i++) {
        const [name, op] = pick(r, ops);
        op();
        done.push(name);
        writes += 1;
        // On failure: the seed and the operations that led there.
        const now = stored(db);
        expect(now, `seed ${seed}, after: ${done.slice(-5).join(' / ')}`).toEqual(recount(db));
        const counts = now.map((k) => k.split(' ').map(Number));
        rows += counts.length;
        if (counts.some((k) => k[3]! < k[2]!)) folded += 1;
        if (counts.some((k) => k[4]! > 0)) review += 1;
      }
      closeDb(db);
    }
    expect(writes).toBe(5000);
    expect(rows / writes).toBeGreaterThan(3);
    expect(folded / writes).toBeGreaterThan(0.2);
    expect(review / writes).toBeGreaterThan(0.5);
  });

  it('keys weeks by their Monday 00:00 UTC, before 1970 too', () => {
    const db = openDb(':memory:');
    db.$client.exec(`insert into cases (id, title, keywords, exclude, created_at, updated_at) values (1, 'A v. B', '[]', '[]', 0, 0);
      insert into feeds (id, url, next_fetch_at) values (1, 'http://127.0.0.1:9/f', 0);`);
    const dates = [Date.UTC(1969, 11, 31, 12), Date.UTC(1970, 0, 5), Date.UTC(1970, 0, 4, 23, 59, 59, 999), Date.UTC(2026, 10, 23), Date.UTC(2026, 10, 29, 23)];
    dates.forEach((p, i) => {
      db.$client.prepare("insert into stories (id, feed_id, guid, title, content_hash, published_at, fetched_at, updated_at) values (?, 1, ?, 'T', 'h', ?, 0, 0)").run(i + 1, `g${i}`, p);
      db.$client.prepare("insert into matches (case_id, story_id, score, reasons, status, created_at, updated_at) values (1, ?, 1, '[]', 'auto', 0, 0)").run(i + 1);
    });
    expect(db.$client.prepare('select week, stories from case_weeks order by week').all()).toEqual([
      { week: Date.UTC(1969, 11, 29), stories: 2 },
      { week: Date.UTC(1970, 0, 5), stories: 1 },
      { week: Date.UTC(2026, 10, 23), stories: 2 },
    ]);
    expect(stored(db)).toEqual(recount(db));
    closeDb(db);
  });

  it('gives the timeline its totals and chart: deleting every match of a case leaves no rows', () => {
    const { db, r, ops } = world(99);
    for (let i = 0; i < 300; i++) pick(r, ops)[1]();
    const byCase = db.$client.prepare('select distinct case_id as c from matches').pluck().all() as number[];
    for (const c of byCase) {
      const plan = timelinePlan(db, c, { order: 'newest', page: 1, perPage: 5, reviewLimit: 0 });
      const mine = recount(db).filter((k) => k.startsWith(`${c} `)).map((k) => k.split(' ').map(Number));
      expect(plan.totalStories).toBe(mine.reduce((a, k) => a + k[2]!, 0));
      expect(plan.totalEntries).toBe(mine.reduce((a, k) => a + k[3]!, 0));
      expect(plan.totalReview).toBe(mine.reduce((a, k) => a + k[4]!, 0));
      expect([...plan.weeks].sort((a, b) => a[0] - b[0])).toEqual(mine.filter((k) => k[2]! > 0).map((k) => [k[1], k[2]]).sort((a, b) => a[0]! - b[0]!));
    }
    db.$client.exec('delete from matches');
    expect(stored(db)).toEqual([]);
    closeDb(db);
  });

  it('gives the case list the counts that reading every match gives', () => {
    /** The case list's figures worked out from every match row, the way the list once read them, for dated matches (all of them, in practice). */
    const fromEveryMatch = (db: Db, newSince: number) => {
      const rows = db.$client.prepare("select case_id as c, story_id as s, status, stage, lead_story_id as lead, published_at as p, created_at as made from matches where status in ('auto', 'confirmed', 'review')").all() as { c: number; s: number; status: string; stage: string | null; lead: number | null; p: number | null; made: number }[];
      const leading = new Set(rows.filter((r) => r.status !== 'review' && r.lead === null).map((r) => `${r.c}:${r.s}`));
      const out = new Map<number, Omit<CaseSummaryStats, 'stages'> & { stage: string | null }>();
      const staged = new Map<number, { stage: string; publishedAt: Date }[]>();
      for (const r of rows) {
        if (r.p === null) continue;
        const s = out.get(r.c) ?? { caseId: r.c, entries: 0, review: 0, latestStoryAt: null, stage: null, weeks: [], newStories: 0 };
        out.set(r.c, s);
        if (r.status === 'review') {
          s.review += 1;
          continue;
        }
        const entry = r.lead === null || !leading.has(`${r.c}:${r.lead}`);
        if (entry) s.entries += 1;
        if (s.latestStoryAt === null || new Date(r.p).toISOString() > s.latestStoryAt) s.latestStoryAt = new Date(r.p).toISOString();
        if (entry && r.stage) staged.set(r.c, [...(staged.get(r.c) ?? []), { stage: r.stage, publishedAt: new Date(r.p) }]);
        if (r.made > newSince) s.newStories += 1;
        const week = s.weeks.find((w) => w[0] === weekStart(r.p!));
        if (week) week[1] += 1;
        else s.weeks.push([weekStart(r.p), 1]);
      }
      for (const [c, s] of out) {
        s.stage = latestStage(staged.get(c) ?? []);
        s.weeks.sort((a, b) => a[0] - b[0]);
      }
      return [...out.values()].sort((a, b) => a.caseId - b.caseId);
    };
    let compared = 0;
    for (let seed = 200; seed < 210; seed++) {
      const { db, r, ops } = world(seed);
      const stage = db.$client.prepare('update matches set stage = ? where story_id = ?');
      const made = db.$client.prepare('update matches set created_at = ? where story_id = ?');
      for (let i = 0; i < 150; i++) {
        pick(r, ops)[1]();
        stage.run(pick(r, [null, 'filed', 'hearing', 'ruling', 'appeal', 'other']), Math.ceil(r() * 30));
        made.run(Math.floor(r() * 1000), Math.ceil(r() * 30));
      }
      // Matches made at 0 to 999 ms: those after 500 ms are "new".
      const stats = [...caseStats(db, new Date(500)).values()].map(({ stages, ...s }) => ({ ...s, stage: latestStage(stages) })).sort((a, b) => a.caseId - b.caseId);
      expect(stats).toEqual(fromEveryMatch(db, 500));
      compared += stats.filter((s) => s.newStories > 0 && s.stage !== null && s.weeks.length > 1).length;
      closeDb(db);
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('is filled from the matches stored before it existed (upgrade from migration 0009)', () => {
    const dir = tempDir();
    const repo = path.resolve(import.meta.dirname, '../../db/migrations');
    const old = path.join(dir, 'migrations');
    mkdirSync(path.join(old, 'meta'), { recursive: true });
    for (const f of readdirSync(repo).filter((f) => /^000\d_.*\.sql$/.test(f))) cpSync(path.join(repo, f), path.join(old, f));
    const journal = JSON.parse(readFileSync(path.join(repo, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number }[] };
    writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= 9) }));
    const file = path.join(dir, 'old.db');
    const raw = new Database(file);
    // 0008 calls cjk_bigrams(); an empty stand-in is enough for stories without Chinese text.
    raw.function('cjk_bigrams', (_text: unknown) => '');
    migrate(drizzle(raw), { migrationsFolder: old });
    raw.exec(`insert into cases (id, title, keywords, exclude, created_at, updated_at) values (1, 'A v. B', '[]', '[]', 0, 0), (2, 'C v. D', '[]', '[]', 0, 0);
      insert into feeds (id, url, next_fetch_at) values (1, 'http://127.0.0.1:9/f', 0);`);
    const insertStory = raw.prepare("insert into stories (id, feed_id, guid, title, content_hash, published_at, fetched_at, updated_at) values (?, 1, ?, 'T', 'h', ?, 0, 0)");
    for (let i = 1; i <= 12; i++) insertStory.run(i, `g${i}`, Date.UTC(2025, 0, i * 3));
    // Case 1: 2 and 3 copy 1; 5 copies 4, which is rejected; 7 is in review; 8 copies 7. Case 2: every story but one.
    raw.exec(`insert into matches (case_id, story_id, score, reasons, status, lead_story_id, created_at, updated_at) values
      (1, 1, 1, '[]', 'auto', null, 0, 0), (1, 2, 1, '[]', 'auto', 1, 0, 0), (1, 3, 1, '[]', 'confirmed', 1, 0, 0),
      (1, 4, 1, '[]', 'rejected', null, 0, 0), (1, 5, 1, '[]', 'auto', 4, 0, 0), (1, 7, 1, '[]', 'review', null, 0, 0),
      (1, 8, 1, '[]', 'auto', 7, 0, 0), (1, 9, 1, '[]', 'auto', null, 0, 0);
      insert into matches (case_id, story_id, score, reasons, status, created_at, updated_at) select 2, id, 1, '[]', 'auto', 0, 0 from stories where id != 6;`);
    raw.close();
    const db = openDb(file);
    expect(stored(db)).toEqual(recount(db));
    expect(timelinePlan(db, 1, { order: 'newest', page: 1, perPage: 10, reviewLimit: 10 })).toMatchObject({ totalStories: 6, totalEntries: 4, totalReview: 1 });
    expect(timelinePlan(db, 2, { order: 'newest', page: 1, perPage: 10, reviewLimit: 10 })).toMatchObject({ totalStories: 11, totalEntries: 11, totalReview: 0 });
    // The triggers of the upgraded file keep counting: rejecting the lead makes its two copies entries of their own.
    db.$client.exec("update matches set status = 'rejected' where case_id = 1 and story_id = 1; delete from matches where case_id = 2 and story_id = 3");
    expect(stored(db)).toEqual(recount(db));
    expect(timelinePlan(db, 1, { order: 'newest', page: 1, perPage: 10, reviewLimit: 10 })).toMatchObject({ totalStories: 5, totalEntries: 5, totalReview: 1 });
    closeDb(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('has its triggers after migrating (drizzle-kit does not know them; a rebuilt matches table would lose them)', () => {
    const db = openDb(':memory:');
    const names = db.$client.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'matches'").pluck().all();
    expect(names).toEqual(expect.arrayContaining(['case_weeks_matches_ai', 'case_weeks_matches_bd', 'case_weeks_matches_bu', 'case_weeks_matches_au']));
    expect(names).not.toContain('case_weeks_matches_ad');
    closeDb(db);
  });

  it('says what a week is in one place per language: the column matches.week agrees with core/timeline/weeks.ts', () => {
    const db = openDb(':memory:');
    const sql = db.$client;
    sql.exec("insert into feeds (id, url, next_fetch_at) values (1, 'http://127.0.0.1:9/f', 0)");
    sql.exec("insert into cases (id, title, keywords, exclude, created_at, updated_at) values (1, 'A v. B', '[]', '[]', 0, 0)");
    const r = rng(7);
    const addStory = sql.prepare("insert into stories (feed_id, guid, title, content_hash, published_at, fetched_at, updated_at) values (1, ?, 'T', 'h', ?, 0, 0)");
    const addMatch = sql.prepare("insert into matches (case_id, story_id, score, reasons, status, created_at, updated_at) values (1, ?, 1, '[]', 'auto', 0, 0)");
    for (let i = 0; i < 400; i++) addMatch.run(addStory.run(`g${i}`, randomDate(r)).lastInsertRowid);
    const rows = sql.prepare('select published_at as p, week from matches').all() as { p: number; week: number }[];
    expect(rows).toHaveLength(400);
    for (const row of rows) expect(row.week).toBe(weekStart(row.p));
    closeDb(db);
    // Nothing else writes the rule again: not the data layer (schema.ts declares the column itself), nor a later migration.
    const root = path.join(import.meta.dirname, '../..');
    const later = readdirSync(path.join(root, 'db/migrations')).filter((f) => f.endsWith('.sql') && f.slice(0, 4) > '0017');
    const code = readdirSync(path.join(root, 'db')).filter((f) => f.endsWith('.ts') && f !== 'schema.ts').map((f) => `db/${f}`);
    for (const f of [...later.map((f) => `db/migrations/${f}`), ...code]) expect(readFileSync(path.join(root, f), 'utf8'), f).not.toMatch(/604800000|259200000/);
  });
});
