// Backup, restore checks and pruning: the database operations an operator runs.
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { inTransaction, prepared, type Db } from './openDb.ts';

/** SQLite's online backup: consistent even while the poller writes. */
export async function backupTo(db: Db, file: string, onProgress?: (done: number, total: number) => void): Promise<{ pages: number }> {
  const r = await db.$client.backup(file, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages - remainingPages, totalPages);
      // better-sqlite3's default step: pages copied per turn of the event loop.
      return 100;
    },
  });
  onProgress?.(r.totalPages, r.totalPages);
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

export interface PruneOptions {
  /** Stories deleted per write transaction; small enough that the poller never waits long for the lock. */
  batchSize?: number;
  /** Checked between batches so a shutdown does not wait for a long prune. */
  signal?: AbortSignal;
  /** Stories removed so far of those to remove (counted once at the start). */
  onProgress?: (done: number, total: number) => void;
}

const UNMATCHED_AND_OLD = 'fetched_at < @t and published_at < @t and not exists (select 1 from matches m where m.story_id = stories.id)';

const COUNT_PRUNABLE = `select count(*) as n from stories where ${UNMATCHED_AND_OLD}`;
const PICK_PRUNABLE = `select id, published_at p from stories where (published_at, id) > (@p, @id) and ${UNMATCHED_AND_OLD} order by published_at, id limit @n`;
const REMOVE_PRUNABLE = `delete from stories where id in (select value from json_each(@ids)) and ${UNMATCHED_AND_OLD}`;

/**
 * Deletes stories older than the cut-off that are on no case at all (not on a timeline, not in review,
 * not rejected: a rejection must outlive the story's next appearance in a feed).
 *
 * One statement over a million stories would hold the write lock for seconds and block the poller.
 * Instead it walks the old stories in published order (an index), picking each batch without any
 * lock, then deletes it in its own short BEGIN IMMEDIATE transaction that re-checks the conditions,
 * so a story matched in between is kept. It yields to the event loop between batches.
 */
export async function pruneUnmatchedStories(db: Db, before: Date, options: PruneOptions = {}): Promise<number> {
  const { batchSize = 2000, signal, onProgress } = options;
  const t = before.getTime();
  const total = onProgress ? (prepared<{ t: number }, { n: number }>(db, COUNT_PRUNABLE).get({ t })?.n ?? 0) : 0;
  onProgress?.(0, total);
  const pick = prepared<{ t: number; p: number; id: number; n: number }, { id: number; p: number }>(db, PICK_PRUNABLE);
  const remove = prepared<{ t: number; ids: string }>(db, REMOVE_PRUNABLE);
  let removed = 0;
  let cursor = { p: Number.MIN_SAFE_INTEGER, id: 0 };
  while (!signal?.aborted) {
    const batch = pick.all({ t, ...cursor, n: batchSize });
    if (batch.length === 0) break;
    removed += inTransaction(db, () => remove.run({ t, ids: JSON.stringify(batch.map((r) => r.id)) }).changes);
    onProgress?.(Math.min(removed, total), total);
    if (batch.length < batchSize) break;
    cursor = batch.at(-1)!;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return removed;
}
