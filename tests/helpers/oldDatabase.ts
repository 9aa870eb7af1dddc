// A database file migrated only up to a given migration, for tests of an upgrade over data already stored.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cjkBigrams } from '../../core/matching/cjkBigrams.ts';
import { tempDir } from './tempDir.ts';

const repo = path.resolve(import.meta.dirname, '../../db/migrations');

/**
 * A new file with the migrations before `tag` applied (e.g. '0015': up to 0014), open for the test to store
 * rows in; close it, then `openDb` applies the rest as a start-up would.
 */
export function databaseBefore(tag: string): { file: string; raw: Database.Database } {
  const dir = tempDir();
  const old = path.join(dir, 'migrations');
  mkdirSync(path.join(old, 'meta'), { recursive: true });
  const journal = JSON.parse(readFileSync(path.join(repo, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const before = journal.entries.filter((e) => e.tag < tag);
  for (const e of before) cpSync(path.join(repo, `${e.tag}.sql`), path.join(old, `${e.tag}.sql`));
  writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: before }));
  const file = path.join(dir, 'old.db');
  const raw = new Database(file);
  // Migrations from 0008 on call it, as openDb registers it.
  raw.function('cjk_bigrams', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? cjkBigrams(text) : ''));
  migrate(drizzle(raw), { migrationsFolder: old });
  return { file, raw };
}
