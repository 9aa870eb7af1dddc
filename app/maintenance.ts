// Operator tasks: backup, restore (refused while a server runs on the file), pruning old unmatched stories.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { backupTo, checkDatabaseFile, pruneUnmatchedStories, restoreFrom, type DbCheck } from '../db/maintenance.ts';
import { pruneJobs } from '../db/jobs.ts';
import { pruneArticleFetches } from '../db/articles.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { redact as redactUrl } from '../db/pg/url.ts';

const pidPath = (databasePath: string) => `${databasePath}.pid`;

/** `serve` leaves its pid beside the database so `restore` can tell that the file is in use. */
export function writePidFile(databasePath: string): string | null {
  if (databasePath === ':memory:') return null;
  const file = pidPath(databasePath);
  writeFileSync(file, String(process.pid));
  return file;
}

export function removePidFile(file: string | null): void {
  if (!file) return;
  try {
    if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
  } catch {
    /* already gone */
  }
}

function runningServerPid(databasePath: string): number | null {
  const file = pidPath(databasePath);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // a stale file left by a killed process
  }
}

export async function backup(ctx: AppContext, file: string, onProgress?: (done: number, total: number) => void): Promise<DbCheck> {
  if (existsSync(file)) throw new AppError('CONFLICT', `${file} already exists; choose a new file name`);
  try {
    await backupTo(ctx.db, file, onProgress);
  } catch (err) {
    throw new AppError('VALIDATION', `cannot write the backup to ${file}: ${(err as Error).message}`);
  }
  const check = checkDatabaseFile(file);
  if (!check.ok) throw new AppError('VALIDATION', `the backup in ${file} failed its check: ${check.reason}`);
  return check;
}

/** Restores into the configured database path; the CLI calls this without opening the database first. */
export async function restore(databasePath: string, file: string): Promise<DbCheck> {
  const check = checkDatabaseFile(file);
  if (!check.ok) throw new AppError('VALIDATION', `cannot restore from ${file}: ${check.reason}`);
  const pid = runningServerPid(databasePath);
  if (pid) throw new AppError('CONFLICT', `casewatch is running on ${databasePath} (process ${pid}); stop it before restoring`);
  await restoreFrom(file, databasePath);
  return check;
}

/**
 * Copies an install from its SQLite file into an empty PostgreSQL database (`casewatch db copy`): the file is
 * opened as casewatch opens it (so at the latest schema), the target is migrated, then everything is copied in one
 * transaction and checked (row counts, the per-week timeline counts) before it is committed.
 */
export async function copyDatabase(
  from: string,
  to: string,
  onProgress?: (table: string, done: number, total: number) => void,
): Promise<{ rows: Record<string, number> }> {
  if (!/^postgres(?:ql)?:\/\//.test(to)) throw new AppError('VALIDATION', `--to must be a postgres:// URL (got ${JSON.stringify(redactUrl(to))})`);
  if (!existsSync(from)) throw new AppError('VALIDATION', `--from: no such file ${from}`);
  const check = checkDatabaseFile(from);
  if (!check.ok) throw new AppError('VALIDATION', `cannot copy from ${from}: ${check.reason}`);
  const [{ openDb, closeDb }, { openPg, closePg }, { copyToPostgres, CopyRefused }] = await Promise.all([
    import('../db/openDb.ts'),
    import('../db/pg/openPg.ts'),
    import('../db/pg/copy.ts'),
  ]);
  const source = openDb(from);
  try {
    const target = await openPg(to);
    try {
      return await copyToPostgres(source, target, onProgress);
    } catch (err) {
      if (err instanceof CopyRefused) throw new AppError('CONFLICT', err.message);
      throw err;
    } finally {
      await closePg(target);
    }
  } finally {
    closeDb(source);
  }
}

/** Finished jobs are listed for this long. */
const JOB_HISTORY_DAYS = 30;

/** Runs in short batches (the poller and requests get their turn between them) and stops at shutdown. */
export async function pruneNow(ctx: AppContext, days = ctx.config.retentionDays, onProgress?: (done: number, total: number) => void): Promise<number> {
  const cutOff = new Date(ctx.now().getTime() - days * 86_400_000);
  const removed = await pruneUnmatchedStories(ctx.db, cutOff, { signal: ctx.shutdownSignal, ...(onProgress ? { onProgress } : {}) });
  // The list of jobs keeps a month of history.
  const jobsRemoved = pruneJobs(ctx.db, new Date(ctx.now().getTime() - JOB_HISTORY_DAYS * 86_400_000));
  pruneArticleFetches(ctx.db, cutOff);
  ctx.log.info({ removed, days, jobsRemoved }, 'pruned stories that match no case');
  return removed;
}
