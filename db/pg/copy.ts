// `casewatch db copy`: moves an install from its SQLite file into an empty PostgreSQL database, in one transaction.
// Every table is read in rowid order, a thousand rows at a time, inside one read transaction of the file (a
// consistent snapshot, also while casewatch runs), and written with its ids. The per-week counts are not copied:
// the target builds them from the matches, once at the end, and they must come out equal to the file's. Then the row
// counts of every table are compared, and the copy is committed only if all agree.
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { cjkBigrams } from '../../core/matching/cjkBigrams.ts';
import type { Db } from '../openDb.ts';
import * as lite from '../schema.ts';
import type { PgDb } from './openPg.ts';
import * as pgs from './schema.ts';

/** Tables in the order their references need; case_weeks is built by the target's triggers. */
const TABLES = ['cases', 'parties', 'aliases', 'feeds', 'stories', 'articleFetches', 'matches', 'matchDecisions', 'subscriptions', 'deliveries', 'apiTokens', 'settings', 'jobs'] as const;
type TableKey = (typeof TABLES)[number];

const BATCH = 1000;

export class CopyRefused extends Error {}

export interface CopyResult {
  /** Rows copied per table (by SQL name), case_weeks included (built by the target). */
  rows: Record<string, number>;
}

/** Row counts of every table of the target, case_weeks and the pair table included. */
async function targetCounts(q: { query: (s: string) => Promise<{ rows: { n: number }[] }> }): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of [...TABLES.map((k) => getTableName(pgs[k])), 'case_weeks', 'story_cjk_pairs']) {
    out[name] = Number((await q.query(`select count(*) as n from "${name}"`)).rows[0]!.n);
  }
  return out;
}

/**
 * Copies the SQLite database `from` (opened, so at the latest schema) into the PostgreSQL database `to` (opened,
 * so migrated), which must be empty. Throws CopyRefused, leaving the target as it was, when it is not empty,
 * when the file has broken references, or when a check after the copy fails.
 */
export async function copyToPostgres(from: Db, to: PgDb, progress?: (table: string, done: number, total: number) => void): Promise<CopyResult> {
  const broken = from.$client.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) throw new CopyRefused(`the SQLite database has ${broken.length} rows with broken references; nothing was copied`);
  const client = await to.$client.connect();
  const file = from.$client;
  try {
    await client.query('begin');
    // The per-week counts are built once at the end (case_weeks_rebuild), not recounted for every batch of matches.
    await client.query("set local casewatch.bulk = 'on'");
    const before = await targetCounts(client);
    const filled = Object.entries(before).filter(([, n]) => n > 0);
    if (filled.length > 0) {
      throw new CopyRefused(`the target database is not empty (${filled.map(([t, n]) => `${t}: ${n}`).join(', ')}); copy only into an empty database`);
    }
    // One snapshot of the file for every table: a running casewatch may go on writing it.
    file.exec('begin');
    const expected: Record<string, number> = {};
    try {
      for (const key of TABLES) {
        const source = lite[key] as SQLiteTable;
        const target = pgs[key] as PgTable;
        const name = getTableName(source);
        const total = Number((file.prepare(`select count(*) from "${name}"`).pluck().get() as number) ?? 0);
        expected[name] = total;
        const columns = getTableColumns(source);
        const generated = Object.entries(getTableColumns(target)).filter(([, c]) => c.generated).map(([k]) => k);
        let last = -Infinity;
        let done = 0;
        for (;;) {
          // Through drizzle on both sides, so each value is converted as its column says (dates, JSON, booleans).
          const rows = (await from
            .select({ rowid: sql<number>`rowid`, ...columns })
            .from(source)
            .where(sql`rowid > ${last === -Infinity ? Number.MIN_SAFE_INTEGER : last}`)
            .orderBy(sql`rowid`)
            .limit(BATCH)
            .all()) as ({ rowid: number } & Record<string, unknown>)[];
          if (rows.length === 0) break;
          last = rows.at(-1)!.rowid;
          const values = rows.map(({ rowid: _, ...r }) => {
            for (const g of generated) delete r[g];
            return r;
          });
          await insertRows(client, to, target, values);
          if (key === 'stories') await insertPairs(client, values as { id: number; title: string; summary: string; articleText: string | null }[]);
          done += rows.length;
          progress?.(name, done, total);
        }
      }
      await client.query("set local casewatch.bulk = 'off'");
      await client.query('select case_weeks_rebuild()');
      // The per-week counts the target built from its matches must be the file's.
      const mine = (file.prepare('select case_id, week, stories, entries, review from case_weeks order by case_id, week').raw().all() as number[][]).map((r) => r.join(' '));
      expected.case_weeks = mine.length;
      const theirs = (await client.query({ text: 'select case_id, week, stories, entries, review from case_weeks order by case_id, week', rowMode: 'array' })).rows.map((r: unknown[]) => r.map(Number).join(' '));
      const differ = mine.filter((r, i) => theirs[i] !== r).length + Math.abs(mine.length - theirs.length);
      if (differ > 0) throw new CopyRefused(`the timeline counts differ between the two databases in ${differ} rows; nothing was copied`);
    } finally {
      file.exec('commit');
    }
    // Identity columns continue after the copied ids.
    for (const key of TABLES) {
      const name = getTableName(pgs[key]);
      if (!('id' in getTableColumns(pgs[key] as PgTable))) continue;
      await client.query(`select setval(pg_get_serial_sequence('"${name}"', 'id'), (select coalesce(max(id), 0) + 1 from "${name}"), false)`);
    }
    const after = await targetCounts(client);
    const wrong = Object.entries(expected).filter(([t, n]) => after[t] !== n);
    if (wrong.length > 0) {
      throw new CopyRefused(`row counts differ after the copy (${wrong.map(([t, n]) => `${t}: ${n} in the file, ${after[t]} copied`).join('; ')}); nothing was copied`);
    }
    await client.query('commit');
    return { rows: after };
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Inserts rows through drizzle on the transaction's connection (a parameterised multi-row insert). */
async function insertRows(client: import('pg').PoolClient, to: PgDb, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  const query = to.insert(table).values(rows as never).toSQL();
  await client.query(query.sql, query.params as unknown[]);
}

/** The character pairs of stories' text (title, summary, article), once per story and pair. */
async function insertPairs(client: import('pg').PoolClient, stories: { id: number; title: string; summary: string; articleText: string | null }[]): Promise<void> {
  const pairs: [string, number][] = [];
  for (const s of stories) {
    const grams = cjkBigrams(`${s.title} ${s.summary} ${s.articleText ?? ''}`);
    if (grams) for (const p of new Set(grams.split(' '))) pairs.push([p, s.id]);
  }
  for (let i = 0; i < pairs.length; i += 10_000) {
    const chunk = pairs.slice(i, i + 10_000);
    await client.query('insert into story_cjk_pairs (pair, story_id) select * from unnest($1::text[], $2::int[])', [chunk.map((p) => p[0]), chunk.map((p) => p[1])]);
  }
}

