// A throwaway PostgreSQL cluster for tests: Debian's `postgresql` binaries, a fresh data directory, a server that
// listens on a Unix socket only (no TCP, no port to collide with), without fsync; removed when stopped.
// Without PostgreSQL installed the tests that need it skip with one line; with CASEWATCH_PG_REQUIRED=1 (set by
// .ci/run) a missing PostgreSQL fails them instead.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The newest installed PostgreSQL's binaries (Debian keeps them per major version), or null. */
function binDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0]!, 'bin') : null;
}

const BIN = binDir();
const REQUIRED = process.env.CASEWATCH_PG_REQUIRED === '1';

/** Why the PostgreSQL tests cannot run here, or null when they can. */
export const pgUnavailable: string | null = BIN ? null : 'PostgreSQL is not installed (Debian package `postgresql`; .ci/run installs it)';
if (pgUnavailable && REQUIRED) throw new Error(`CASEWATCH_PG_REQUIRED=1 but ${pgUnavailable}`);
if (pgUnavailable) console.warn(`skipping the PostgreSQL tests: ${pgUnavailable}`);

export interface PgCluster {
  /** A connection URL for a new, empty database of the cluster. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** PostgreSQL refuses to run as root: the cluster then belongs to the `postgres` user. */
const asRoot = process.getuid?.() === 0;
const run = (cmd: string, args: string[]) => (asRoot ? (['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const) : ([cmd, args] as const));

export async function startPgCluster(): Promise<PgCluster> {
  if (!BIN) throw new Error(pgUnavailable!);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'casewatch-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const [initCmd, initArgs] = run(path.join(BIN, 'initdb'), ['-D', data, '-U', 'casewatch', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  execFileSync(initCmd, [...initArgs], { stdio: 'pipe' });
  const port = 5400 + Math.floor(Math.random() * 500);
  const [cmd, args] = run(path.join(BIN, 'postgres'), [
    '-D', data, '-k', dir, '-p', String(port), '-c', 'listen_addresses=', '-c', 'fsync=off', '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off', '-c', 'max_connections=200',
  ]);
  const server: ChildProcess = spawn(cmd, [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const url = (db: string) => `postgres://casewatch@localhost/${db}?host=${encodeURIComponent(dir)}&port=${port}`;
  /** Signals the postmaster itself, not runuser in front of it (which passes no signal on). */
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), sig);
    } catch {
      server.kill(sig);
    }
  };
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      signal('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null && server.signalCode === null) signal('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Ready once a connection succeeds.
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (server.exitCode !== null || i > 200) {
        await stop();
        throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  let n = 0;
  return {
    async newDatabase() {
      const name = `t${++n}`;
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      return url(name);
    },
    stop,
  };
}
