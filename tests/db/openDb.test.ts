// Opening a database: references are checked after migrations run, not on every start.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDb, DatabaseError, openDb, prepared } from '../../db/openDb.ts';
import { cjkBigrams } from '../../core/matching/cjkBigrams.ts';
import { tempDir } from '../helpers/tempDir.ts';

const repo = path.resolve(import.meta.dirname, '../../db/migrations');

/** A database migrated up to (not including) the last migration, with a match that points at no story. */
function brokenBeforeLastMigration(): string {
  const dir = tempDir();
  const old = path.join(dir, 'migrations');
  mkdirSync(path.join(old, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(repo, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const before = journal.entries.slice(0, -1);
  for (const e of before) cpSync(path.join(repo, `${e.tag}.sql`), path.join(old, `${e.tag}.sql`));
  writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
  const file = path.join(dir, 'broken.db');
  const raw = new Database(file);
  raw.function('cjk_bigrams', (t: unknown) => (typeof t === 'string' ? cjkBigrams(t) : ''));
  migrate(drizzle(raw), { migrationsFolder: old });
  raw.pragma('foreign_keys = OFF');
  raw.exec(`insert into cases (id, title, keywords, exclude, created_at, updated_at) values (1, 'A v. B', '[]', '[]', 0, 0);
    insert into matches (case_id, story_id, score, reasons, status, created_at, updated_at) values (1, 999, 90, '[]', 'auto', 0, 0);`);
  raw.close();
  return file;
}

describe('openDb', () => {
  it('refuses a database with broken references after migrating it', () => {
    expect(() => openDb(brokenBeforeLastMigration())).toThrow(DatabaseError);
  });

  it('opens an up-to-date database without reading every table again', () => {
    const file = path.join(tempDir(), 'ok.db');
    closeDb(openDb(file));
    // A reference broken after migrating (by hand, with foreign keys off) is not looked for on a plain start.
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    raw.exec(`insert into cases (id, title, keywords, exclude, created_at, updated_at) values (1, 'A v. B', '[]', '[]', 0, 0);
      insert into matches (case_id, story_id, score, reasons, status, created_at, updated_at) values (1, 999, 90, '[]', 'auto', 0, 0);`);
    raw.close();
    const db = openDb(file);
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    closeDb(db);
  });

  it('hands every caller of a shared statement plain rows, whatever mode the last caller set', () => {
    const db = openDb(':memory:');
    const text = 'select 1 as one, 2 as two';
    expect(prepared(db, text).pluck().get()).toBe(1);
    expect(prepared(db, text).get()).toEqual({ one: 1, two: 2 });
    expect(prepared(db, text).raw().get()).toEqual([1, 2]);
    expect(prepared(db, text).get()).toEqual({ one: 1, two: 2 });
    // Statements that return no rows have no mode to reset.
    expect(() => prepared(db, 'create table t (x)').run()).not.toThrow();
    expect(() => prepared(db, 'insert into t values (1)').run()).not.toThrow();
    expect(() => prepared(db, 'insert into t values (1)').run()).not.toThrow();
    closeDb(db);
  });
});
