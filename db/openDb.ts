// Opens (creating if needed) the SQLite database, applies migrations safely, and returns a drizzle handle.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cjkBigrams } from '../core/matching/cjkBigrams.ts';
import { packagePath } from '../core/packagePath.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = packagePath('db/migrations');

export class DatabaseError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Start-up order matters: drizzle-kit's table rebuilds cascade-delete child rows when foreign keys
 * are on, and `PRAGMA foreign_keys` is a no-op inside migrate()'s transaction, so switch them off
 * first, migrate, verify, then switch them on.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (err) {
    throw new DatabaseError(`cannot open database ${file}: ${(err as Error).message}`, { cause: err });
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = OFF');
  // The stories_cjk triggers (migration 0008) call it: every connection that writes stories needs it.
  sqlite.function('cjk_bigrams', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? cjkBigrams(text) : ''));
  const db = drizzle(sqlite, { schema });
  const before = appliedMigrations(sqlite);
  migrate(db, { migrationsFolder });
  // The check reads every table (seconds at a million stories): only after migrations actually ran.
  const broken = appliedMigrations(sqlite) === before ? [] : (sqlite.pragma('foreign_key_check') as unknown[]);
  if (broken.length > 0) {
    sqlite.close();
    throw new DatabaseError(`database ${file} has ${broken.length} rows with broken references after migration`);
  }
  sqlite.pragma('foreign_keys = ON');
  return db as Db;
}

/** How many migrations the database has recorded (0 for a new file). */
function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  return table ? (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n : 0;
}

/**
 * The one way db/ runs raw SQL: a statement prepared once per connection and SQL text (its type parameters say what
 * it binds and returns). Raw SQL is only for what drizzle cannot say; its text lives in a named constant.
 */
const preparedStatements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
export function prepared<P extends unknown[] | {} = unknown[], R = unknown>(db: Db, sqlText: string): Database.Statement<P, R> {
  let byText = preparedStatements.get(db.$client);
  if (!byText) preparedStatements.set(db.$client, (byText = new Map()));
  let stmt = byText.get(sqlText);
  if (!stmt) byText.set(sqlText, (stmt = db.$client.prepare(sqlText)));
  // .pluck() and .raw() stick to a statement: start every caller from plain rows, whatever the last one asked for.
  else if (stmt.reader) stmt.pluck(false).raw(false);
  return stmt as unknown as Database.Statement<P, R>;
}

const TOTAL_CHANGES = 'select total_changes() as n';
const DATA_VERSION = 'pragma data_version';

/**
 * A value that changes whenever the database does: `total_changes()` counts this connection's writes (the
 * poller, the routes), `data_version` moves when another connection commits (the CLI, a second process).
 */
export function changeStamp(db: Db): string {
  const changes = prepared(db, TOTAL_CHANGES).get() as { n: number };
  const version = prepared(db, DATA_VERSION).get() as { data_version: number };
  return `${changes.n}:${version.data_version}`;
}

/**
 * A read-only connection to a database another connection migrated and writes (a worker thread's): no
 * migrations, no writes, and WAL lets it read while the writer commits.
 */
export function openReadOnlyDb(file: string): Db {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return drizzle(sqlite, { schema }) as Db;
}

export function closeDb(db: Db): void {
  if (db.$client.open) db.$client.close();
}

/**
 * Runs fn in one synchronous write transaction (BEGIN IMMEDIATE, so concurrent writers wait on the
 * busy timeout instead of failing mid-way). Nesting is safe: inner calls become savepoints.
 */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}
