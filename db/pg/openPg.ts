// Opens a PostgreSQL database (DATABASE_URL=postgres://…), applies its migrations (db/pg/migrations) and returns a
// drizzle handle on a connection pool. Several processes may start at once: drizzle's migrator runs the pending
// files in one transaction, and an advisory lock makes the others wait for it instead of applying them twice.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { packagePath } from '../../core/packagePath.ts';
import { DatabaseError } from '../openDb.ts';
import { redact } from './url.ts';
import * as schema from './schema.ts';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

const migrationsFolder = packagePath('db/pg/migrations');
/** The advisory lock key held while migrating ("cwmg"). */
const MIGRATION_LOCK = 0x63776d67;
const INT8 = 20;

/** bigint columns (epoch ms, counts) as numbers: every value casewatch keeps in one is a safe integer. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * `onIdleError`: a pooled connection that is idle when the server drops it (a restart, an administrator, a proxy's
 * timeout) reports it here; the pool has already discarded it and opens another when needed.
 */
export async function openPg(url: string, opts: { max?: number; onIdleError?: (err: Error) => void } = {}): Promise<PgDb> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types });
  pool.on('error', (err) => opts.onIdleError?.(err));
  try {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migrate(drizzle(client, { schema }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`cannot open database ${redact(url)}: ${(err as Error).message}`, { cause: err });
  }
  return drizzle(pool, { schema }) as PgDb;
}

export async function closePg(db: PgDb): Promise<void> {
  await db.$client.end();
}
