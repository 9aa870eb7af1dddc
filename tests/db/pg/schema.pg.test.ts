// The PostgreSQL schema (db/pg): its migrations apply at open on a fresh cluster and again as a no-op; the per-week
// timeline counts its statement triggers keep equal a recount after random writes, as SQLite's triggers do
// (tests/db/caseWeeks.test.ts), also with two writers at once; search finds words, substrings and CJK text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { closePg, openPg, type PgDb } from '../../../db/pg/openPg.ts';
import { recountMatchRows, type MatchRow } from '../../helpers/caseWeeks.ts';
import { rng, type Rng } from '../../helpers/rng.ts';
import { pgUnavailable, startPgCluster, type PgCluster } from '../../helpers/pgCluster.ts';

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Dates bunched into a few weeks, some before 1970, some on a Monday midnight (as the SQLite test). */
function randomDate(r: Rng): number {
  const bases = [Date.UTC(1969, 11, 29), Date.UTC(1969, 0, 1, 5), Date.UTC(2025, 2, 3), Date.UTC(2025, 2, 9, 23, 59, 59, 999), Date.UTC(2025, 5, 16)];
  return pick(r, bases) + Math.floor(r() * 3 - 1) * Math.floor(r() * 5 * 86_400_000);
}

/** What case_weeks should hold, recounted in TypeScript with the timeline's folding rule and core's week. */
async function recount(q: pg.Pool | pg.PoolClient): Promise<string[]> {
  return recountMatchRows((await q.query('select case_id as c, story_id as s, status, lead_story_id as lead, published_at as p from matches')).rows as MatchRow[]);
}

async function stored(q: pg.Pool | pg.PoolClient): Promise<string[]> {
  const rows = (await q.query('select case_id as c, week, stories, entries, review from case_weeks')).rows as { c: number; week: number; stories: number; entries: number; review: number }[];
  return rows.map((r) => `${r.c} ${r.week} ${r.stories} ${r.entries} ${r.review}`).sort();
}

describe.skipIf(pgUnavailable)('the PostgreSQL schema', () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('applies its migrations at open, and again as a no-op; several processes opening at once apply them once', async () => {
    const url = await cluster.newDatabase();
    const dbs = await Promise.all([openPg(url), openPg(url), openPg(url)]);
    const q = dbs[0]!.$client;
    const applied = (await q.query('select count(*) as n from drizzle.__drizzle_migrations')).rows[0].n;
    expect(applied).toBe(2);
    const tables = (await q.query("select table_name from information_schema.tables where table_schema = 'public' order by 1")).rows.map((r) => r.table_name);
    expect(tables).toEqual(expect.arrayContaining(['cases', 'parties', 'aliases', 'feeds', 'stories', 'matches', 'match_decisions', 'case_weeks', 'subscriptions', 'deliveries', 'api_tokens', 'settings', 'jobs', 'article_fetches', 'story_cjk_pairs', 'match_timeline']));
    await Promise.all(dbs.map(closePg));
    const again = await openPg(url);
    expect((await again.$client.query('select count(*) as n from drizzle.__drizzle_migrations')).rows[0].n).toBe(2);
    await closePg(again);
  });

  it('says "cannot open database" with the URL, password hidden, when the server is not there', async () => {
    await expect(openPg('postgres://casewatch:secret@localhost/none?host=/nonexistent-dir&port=1')).rejects.toThrow(/cannot open database postgres:\/\/casewatch:\*\*\*@localhost/);
  });

  it('finds stories by word, by substring and by Chinese text of 3 or more characters', async () => {
    const db = await openPg(await cluster.newDatabase());
    const q = db.$client;
    await q.query("insert into feeds (url, next_fetch_at) values ('http://127.0.0.1:9/f', 0)");
    await q.query(`insert into stories (feed_id, guid, title, summary, content_hash, published_at, fetched_at, updated_at) values
      (1, 'a', 'ByteDance sues former intern', 'The Haidian court accepted the suit.', 'h', 0, 0, 0),
      (1, 'b', '字节跳动起诉前实习生田柯宇', '海淀区人民法院已受理', 'h', 0, 0, 0),
      (1, 'c', 'Quarterly results', 'Revenue rose.', 'h', 0, 0, 0)`);
    const word = await q.query("select guid from stories where search @@ plainto_tsquery('simple', 'intern') order by guid");
    expect(word.rows.map((r) => r.guid)).toEqual(['a']);
    const substring = await q.query("select guid from stories where (title || ' ' || summary) ilike '%aidia%' order by guid");
    expect(substring.rows.map((r) => r.guid)).toEqual(['a']);
    const cjk = await q.query("select guid from stories where (title || ' ' || summary) like '%田柯宇%'");
    expect(cjk.rows.map((r) => r.guid)).toEqual(['b']);
    // The trigram index serves them (with enough rows that the planner prefers it).
    await q.query('set enable_seqscan = off');
    const plan = (await q.query("explain select guid from stories where (title || ' ' || summary) like '%田柯宇%'")).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/stories_text_trgm_idx/);
    await closePg(db);
  });

  /** A database with two cases and 24 stories, and the writes of the SQLite test, as PostgreSQL statements. */
  async function world(seed: number, url: string) {
    const r = rng(seed);
    const db = await openPg(url);
    const q = db.$client;
    await q.query("insert into feeds (url, next_fetch_at) values ('http://127.0.0.1:9/f', 0)");
    const feed = (await q.query('select id from feeds')).rows[0].id as number;
    const addCase = async () => (await q.query("insert into cases (title, keywords, exclude, updated_at) values ('A v. B', '[]', '[]', 0) returning id")).rows[0].id as number;
    let n = 0;
    const addStory = async () => {
      n += 1;
      return (await q.query("insert into stories (feed_id, guid, title, content_hash, published_at, fetched_at, updated_at) values ($1, $2, 'T', 'h', $3, 0, 0) returning id", [feed, `g${n}`, randomDate(r)])).rows[0].id as number;
    };
    const cases = [await addCase(), await addCase()];
    const stories: number[] = [];
    for (let i = 0; i < 24; i++) stories.push(await addStory());
    const matchIds = async () => (await q.query('select case_id as c, story_id as s from matches')).rows as { c: number; s: number }[];
    const status = () => pick(r, ['auto', 'auto', 'confirmed', 'review', 'rejected'] as const);
    const lead = async (c: number, self: number): Promise<number | null> => {
      if (r() < 0.35) return null;
      if (r() < 0.1) return self;
      const ofCase = (await q.query('select story_id from matches where case_id = $1 and story_id != $2', [c, self])).rows.map((x) => x.story_id as number);
      return pick(r, r() < 0.8 && ofCase.length ? ofCase : stories.filter((s) => s !== self));
    };
    const one = async (f: (x: { c: number; s: number }) => Promise<unknown>) => {
      const m = await matchIds();
      if (m.length) await f(pick(r, m));
    };
    const insertMatch = async () => {
      const s = pick(r, stories);
      const c = pick(r, cases);
      await q.query("insert into matches (case_id, story_id, score, reasons, status, lead_story_id, updated_at) values ($1, $2, 1, '[]', $3, $4, 0) on conflict do nothing", [c, s, status(), await lead(c, s)]);
    };
    const ops: [string, () => Promise<unknown>][] = [
      ...Array.from({ length: 6 }, (): [string, () => Promise<unknown>] => ['insert a match (its date from the story)', insertMatch]),
      [
        'upsert a match, as the poller stores one (a new row, or a new status and lead on the old one)',
        async () => {
          const s = pick(r, stories);
          const c = pick(r, cases);
          await q.query(
            "insert into matches (case_id, story_id, score, reasons, status, lead_story_id, updated_at) values ($1, $2, 1, '[]', $3, $4, 0) on conflict (case_id, story_id) do update set status = excluded.status, lead_story_id = excluded.lead_story_id",
            [c, s, status(), await lead(c, s)],
          );
        },
      ],
      ['change a status', () => one((x) => q.query('update matches set status = $1 where case_id = $2 and story_id = $3', [status(), x.c, x.s]))],
      ['change a lead', () => one(async (x) => q.query('update matches set lead_story_id = $1 where case_id = $2 and story_id = $3', [await lead(x.c, x.s), x.c, x.s]))],
      ['change only a score', () => one((x) => q.query('update matches set score = score + 1 where case_id = $1 and story_id = $2', [x.c, x.s]))],
      ['insert several matches in one statement', () => q.query("insert into matches (case_id, story_id, score, reasons, status, updated_at) select $1, id, 1, '[]', 'auto', 0 from stories where id % 4 = $2 on conflict do nothing", [pick(r, cases), Math.floor(r() * 4)])],
      ['make a match its own lead', () => one((x) => q.query('update matches set lead_story_id = story_id where case_id = $1 and story_id = $2', [x.c, x.s]))],
      ['make the matches that lead themselves leads again', () => q.query('update matches set lead_story_id = null where lead_story_id = story_id')],
      ['reject a story and its unconfirmed twins in one statement', () => q.query("update matches set status = 'rejected', lead_story_id = null where case_id = $1 and status != 'confirmed' and story_id % 5 = $2", [pick(r, cases), Math.floor(r() * 5)])],
      ['change many statuses in one statement', () => q.query('update matches set status = $1 where case_id = $2 and story_id % 3 = $3', [status(), pick(r, cases), Math.floor(r() * 3)])],
      ['make every match a lead, as a recluster starts', () => q.query('update matches set lead_story_id = null where case_id = $1', [pick(r, cases)])],
      [
        'move copies to another lead in one statement',
        () => {
          const to = pick(r, stories);
          return q.query('update matches set lead_story_id = $1 where case_id = $2 and lead_story_id = $3 and story_id != $1', [to, pick(r, cases), pick(r, stories)]);
        },
      ],
      ['change a story date', () => q.query('update stories set published_at = $1 where id = $2', [randomDate(r), pick(r, stories)])],
      ['clear a match date', () => q.query('update matches set published_at = null where story_id = $1', [pick(r, stories)])],
      ['delete a match', () => one((x) => q.query('delete from matches where case_id = $1 and story_id = $2', [x.c, x.s]))],
      ['delete the unconfirmed matches of a case', () => q.query("delete from matches where case_id = $1 and status in ('auto', 'review') and story_id % 2 = $2", [pick(r, cases), Math.floor(r() * 2)])],
      [
        'delete a story (its matches go with it)',
        async () => {
          const s = pick(r, stories);
          await q.query('delete from stories where id = $1', [s]);
          stories.splice(stories.indexOf(s), 1, await addStory());
        },
      ],
      [
        'delete a case (its matches go with it)',
        async () => {
          const c = pick(r, cases);
          await q.query('delete from cases where id = $1', [c]);
          cases.splice(cases.indexOf(c), 1, await addCase());
        },
      ],
    ];
    return { db, r, ops, cases, stories };
  }

  it('keeps case_weeks equal to a recount after every write of random sequences', async () => {
    let writes = 0;
    let folded = 0;
    let rows = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const { db, r, ops } = await world(seed, await cluster.newDatabase());
      const done: string[] = [];
      for (let i = 0; i < 120; i++) {
        const [name, op] = pick(r, ops);
        await op();
        done.push(name);
        writes += 1;
        const now = await stored(db.$client);
        expect(now, `seed ${seed}, after: ${done.slice(-5).join(' / ')}`).toEqual(await recount(db.$client));
        const counts = now.map((k) => k.split(' ').map(Number));
        rows += counts.length;
        if (counts.some((k) => k[3]! < k[2]!)) folded += 1;
      }
      await closePg(db);
    }
    expect(writes).toBe(720);
    // The sequences reach the states that matter: several weeks, copies folded under a lead.
    expect(rows / writes).toBeGreaterThan(3);
    expect(folded / writes).toBeGreaterThan(0.2);
  }, 120_000);

  it('refuses to write matches under an isolation stricter than READ COMMITTED, where a recount would miss commits', async () => {
    const { db, cases, stories } = await world(7, await cluster.newDatabase());
    const client = await db.$client.connect();
    await client.query('begin isolation level repeatable read');
    await expect(client.query("insert into matches (case_id, story_id, score, reasons, status, updated_at) values ($1, $2, 1, '[]', 'auto', 0) on conflict do nothing", [cases[0], stories[0]])).rejects.toThrow(
      /casewatch writes matches under READ COMMITTED only \(this transaction is repeatable read\)/,
    );
    await client.query('rollback');
    client.release();
    await closePg(db);
  });

  it('keeps the counts right with two writers on one case at once', async () => {
    const { db, cases, stories } = await world(99, await cluster.newDatabase());
    const c = cases[0]!;
    const pool = db.$client;
    // Two transactions interleave: one makes story A a lead with B as its copy, the other makes B a lead of C.
    const [a, b, x] = stories as [number, number, number];
    const t1 = await pool.connect();
    const t2 = await pool.connect();
    await t1.query('begin');
    await t2.query('begin');
    await t1.query("insert into matches (case_id, story_id, score, reasons, status, updated_at) values ($1, $2, 1, '[]', 'auto', 0) on conflict do nothing", [c, a]);
    const second = t2.query("insert into matches (case_id, story_id, score, reasons, status, lead_story_id, updated_at) values ($1, $2, 1, '[]', 'auto', $3, 0), ($1, $4, 1, '[]', 'auto', $2, 0) on conflict do nothing", [c, b, a, x]);
    // t2 waits for t1's lock on the case until t1 commits.
    await new Promise((res) => setTimeout(res, 100));
    await t1.query('commit');
    await second;
    await t2.query('commit');
    t1.release();
    t2.release();
    expect(await stored(pool)).toEqual(await recount(pool));
    await closePg(db);
  });
});
