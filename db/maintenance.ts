// Backup, restore checks and pruning: the database operations an operator runs.
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './openDb.ts';

/** SQLite's online backup: consistent even while the poller writes. */
export async function backupTo(db: Db, file: string): Promise<{ pages: number }> {
  const r = await db.$client.backup(file);
  return { pages: r.totalPages };
}

export interface DbCheck {
  ok: boolean;
  reason: string | null;
  cases: number;
  stories: number;
}

/** Whether a file is an intact casewatch database (integrity check plus our tables). */
export function checkDatabaseFile(file: string): DbCheck {
  if (!existsSync(file)) return { ok: false, reason: `${file} does not exist`, cases: 0, stories: 0 };
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return { ok: false, reason: `integrity check failed: ${String(integrity)}`, cases: 0, stories: 0 };
    const tables = new Set((sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
    for (const t of ['cases', 'stories', 'matches', 'feeds']) if (!tables.has(t)) return { ok: false, reason: `not a casewatch database: no ${t} table`, cases: 0, stories: 0 };
    const count = (t: string) => (sqlite!.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
    return { ok: true, reason: null, cases: count('cases'), stories: count('stories') };
  } catch (err) {
    return { ok: false, reason: `not a readable SQLite database: ${(err as Error).message}`, cases: 0, stories: 0 };
  } finally {
    sqlite?.close();
  }
}

/**
 * Puts a checked backup in place of the database: copied next to it first, then renamed over it, with
 * the old write-ahead log removed so SQLite cannot replay it onto the restored file.
 */
export async function restoreFrom(backup: string, target: string): Promise<void> {
  const tmp = `${target}.restore-${process.pid}`;
  const src = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    await src.backup(tmp);
  } finally {
    src.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(tmp, target);
}

/**
 * Deletes stories older than the cut-off that are on no case at all (not on a timeline, not in review,
 * not rejected: a rejection must outlive the story's next appearance in a feed).
 */
export function pruneUnmatchedStories(db: Db, before: Date): number {
  const t = before.getTime();
  return db.$client
    .prepare('delete from stories where fetched_at < ? and published_at < ? and not exists (select 1 from matches m where m.story_id = stories.id)')
    .run(t, t).changes;
}
