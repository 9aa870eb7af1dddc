// Section "everyday" (issue 17): whole processes as a user starts them. A poll against newsboat, the CLI's start,
// and `npm start` until it answers; each against a baseline measured in the same run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { build } from '../bin/build.js';
import { insertCase } from '../db/cases.ts';
import { insertFeed } from '../db/feeds.ts';
import { closeDb, inTransaction, openDb } from '../db/openDb.ts';
import { startChild } from './lib/child.ts';
import { FEED_CASES } from './lib/feedXml.ts';
import { median, ms, num, progress, ratio, scratchDir, verdict, type Row, type SectionReport } from './lib/report.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'casewatch.js');
const FEEDS = 200;
const ITEMS = 20;
const ADDRESSES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 1}`);
const PEER_ROUNDS = 5;
const START_ROUNDS = 10;
const READY_ROUNDS = 5;
const TIME = '/usr/bin/time';

/** One whole process: wall time, and CPU and peak RSS when GNU time is there to read them. */
interface Run {
  wallMs: number;
  cpuMs: number | null;
  peakMb: number | null;
  stdout: string;
  code: number | null;
}

function runProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, dir: string): Run {
  const timeFile = path.join(dir, 'time.txt');
  const timed = existsSync(TIME);
  const [file, argv] = timed ? [TIME, ['-f', '%U %S %M', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const start = performance.now();
  const r = spawnSync(file, argv, { env, cwd: dir, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const wallMs = performance.now() - start;
  if (!timed) return { wallMs, cpuMs: null, peakMb: null, stdout: r.stdout, code: r.status };
  const [user = 0, sys = 0, kb = 0] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wallMs, cpuMs: (user + sys) * 1000, peakMb: kb / 1024, stdout: r.stdout, code: r.status };
}

/** casewatch's store before a poll: the feeds and the bench's cases, no story (newsboat's is its URL file). */
function casewatchStore(dbPath: string, hosts: string[]): void {
  const db = openDb(dbPath);
  try {
    const now = new Date();
    inTransaction(db, () => {
      for (const def of FEED_CASES) insertCase(db, { title: def.title, parties: def.parties, keywords: def.keywords, exclude: def.exclude }, now);
      for (let n = 0; n < FEEDS; n++) insertFeed(db, { url: feedUrl(hosts, n) }, now);
    });
  } finally {
    closeDb(db);
  }
}

const feedUrl = (hosts: string[], n: number) => `http://${hosts[n % hosts.length]}/feed/${n}.rss`;

function casewatchPoll(dir: string, hosts: string[], round: number): Run {
  const dbPath = path.join(dir, `cw-${round}.db`);
  casewatchStore(dbPath, hosts);
  const env = { ...process.env, DATABASE_PATH: dbPath, ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off', OUTBOX_DIR: path.join(dir, 'outbox'), LOG_LEVEL: 'warn' };
  const run = runProcess(process.execPath, [BIN, 'poll'], env, dir);
  const summary = JSON.parse(run.stdout) as { fetched: number; newStories: number };
  if (run.code !== 0 || summary.fetched !== FEEDS || summary.newStories !== FEEDS * ITEMS) throw new Error(`casewatch poll did not store every story: ${run.stdout}`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  return run;
}

function newsboatReload(dir: string, hosts: string[], round: number): Run {
  const urls = path.join(dir, 'urls');
  writeFileSync(urls, `${Array.from({ length: FEEDS }, (_, n) => feedUrl(hosts, n)).join('\n')}\n`);
  writeFileSync(path.join(dir, 'config'), '');
  const cache = path.join(dir, `newsboat-${round}.db`);
  const run = runProcess('newsboat', ['-x', 'reload', '-u', urls, '-c', cache, '-C', path.join(dir, 'config')], { ...process.env, HOME: dir }, dir);
  const db = new Database(cache, { readonly: true });
  const items = (db.prepare('select count(*) as n from rss_item').get() as { n: number }).n;
  db.close();
  if (run.code !== 0 || items !== FEEDS * ITEMS) throw new Error(`newsboat stored ${items} items (exit ${run.code})`);
  rmSync(cache, { force: true });
  return run;
}

/** Why newsboat cannot be run here, or null when it can. */
function newsboatMissing(): string | null {
  const r = spawnSync('newsboat', ['--version'], { encoding: 'utf8' });
  return r.error ? 'newsboat is not installed (Debian: apt-get install newsboat), so the peer comparison is skipped' : null;
}

/** From spawning `command` to the first 200 of /api/health on the port it logs. */
async function readyMs(command: string, args: string[], dir: string, round: number): Promise<number> {
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: path.join(dir, `ready-${round}.db`), OUTBOX_DIR: path.join(dir, 'outbox'), LOG_LEVEL: 'info' };
  const start = performance.now();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'ignore'], detached: true });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = /"url":"(http:[^"]+)"/.exec(buf);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`${command} exited (${code}) before listening`)));
    });
    for (;;) {
      const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
      if (ok) return performance.now() - start;
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    // npm runs the server in a child of its own: stop the whole process group.
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

export async function runEveryday(): Promise<SectionReport> {
  const scratch = scratchDir('everyday');
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    progress('everyday: bringing dist/ up to date (what `npm install` builds)');
    await build();

    progress(`everyday: feed server on ${ADDRESSES.length} loopback addresses (${FEEDS} feeds × ${ITEMS} items)`);
    const server = await startChild<{ hosts: string[] }>('./feedServer.ts', [String(FEEDS), String(ITEMS), ADDRESSES.join(',')]);
    const cw: Run[] = [];
    const nb: Run[] = [];
    const missing = newsboatMissing();
    try {
      for (let round = 0; round < PEER_ROUNDS; round++) {
        progress(`everyday: poll round ${round + 1} of ${PEER_ROUNDS}${missing ? '' : ', casewatch then newsboat'}`);
        cw.push(casewatchPoll(scratch.dir, server.info.hosts, round));
        if (!missing) nb.push(newsboatReload(scratch.dir, server.info.hosts, round));
      }
    } finally {
      await server.stop();
    }
    const med = (runs: Run[], key: 'wallMs' | 'cpuMs' | 'peakMb') => (runs.every((r) => r[key] !== null) ? median(runs.map((r) => r[key]!)) : null);
    const cwPeak = med(cw, 'peakMb');
    const cwCpu = med(cw, 'cpuMs');
    const describe = (runs: Run[]) => {
      const cpu = med(runs, 'cpuMs');
      const peak = med(runs, 'peakMb');
      return `${ms(med(runs, 'wallMs')!)}${cpu === null ? '' : `, ${ms(cpu)} CPU`}${peak === null ? '' : `, ${num(peak)} MB peak`}`;
    };
    if (missing) {
      rows.push({ figure: `poll ${FEEDS} loopback feeds × ${ITEMS} items: casewatch poll (median of ${PEER_ROUNDS})`, value: describe(cw), baseline: 'newsboat: skipped', goal: '≤ 1.5× newsboat' });
      notes.push(missing);
    } else {
      // Rounds alternate, so a slow moment of the machine lands on both sides of a pair.
      const pairRatios = cw.map((r, i) => r.wallMs / nb[i]!.wallMs);
      const r = median(pairRatios);
      rows.push({
        figure: `poll ${FEEDS} loopback feeds × ${ITEMS} items from an empty store, whole process (median of ${PEER_ROUNDS} alternated pairs)`,
        value: describe(cw),
        baseline: `newsboat -x reload: ${describe(nb)}`,
        ratio: `${ratio(r)} (pairs ${pairRatios.map((x) => num(x)).join(', ')})`,
        goal: '≤ 1.5×',
        verdict: verdict(r <= 1.5),
      });
      const nbCpu = med(nb, 'cpuMs');
      if (cwCpu !== null && nbCpu !== null) rows.push({ figure: '  the same polls: CPU time', value: ms(cwCpu), baseline: `newsboat ${ms(nbCpu)}`, ratio: ratio(cwCpu / nbCpu) });
    }
    if (cwPeak !== null) rows.push({ figure: `  the same polls: casewatch's peak memory (RSS)`, value: `${num(cwPeak)} MB`, baseline: `max ${num(Math.max(...cw.map((r) => r.peakMb!)))} MB`, goal: '< 150 MB', verdict: verdict(cwPeak < 150) });

    progress(`everyday: CLI start, ${START_ROUNDS} alternated runs`);
    const dbPath = path.join(scratch.dir, 'cli.db');
    casewatchStore(dbPath, ADDRESSES);
    const cliEnv = { ...process.env, DATABASE_PATH: dbPath };
    const cli: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < START_ROUNDS + 1; i++) {
      const c = runProcess(process.execPath, [BIN, 'feeds', 'list'], cliEnv, scratch.dir);
      const b = runProcess(process.execPath, ['-e', ''], cliEnv, scratch.dir);
      if (c.code !== 0 || c.stdout.split('\n').length < FEEDS) throw new Error('casewatch feeds list failed');
      if (i === 0) continue; // the first pair warms the file cache
      cli.push(c.wallMs);
      bare.push(b.wallMs);
    }
    const cliMs = median(cli);
    rows.push({
      figure: `\`casewatch feeds list\` (${FEEDS} feeds), process start to exit (median of ${START_ROUNDS})`,
      value: ms(cliMs),
      baseline: `node -e '' ${ms(median(bare))}`,
      ratio: ratio(cliMs / median(bare)),
      goal: '≤ 400 ms',
      verdict: verdict(cliMs <= 400),
    });

    progress(`everyday: \`npm start\` until /api/health answers, ${READY_ROUNDS} runs`);
    const npmReady: number[] = [];
    const nodeReady: number[] = [];
    for (let round = 0; round < READY_ROUNDS; round++) {
      npmReady.push(await readyMs('npm', ['start', '--silent'], scratch.dir, round));
      nodeReady.push(await readyMs(process.execPath, [BIN, 'serve'], scratch.dir, round + READY_ROUNDS));
    }
    rows.push({
      figure: `\`npm start\` until GET /api/health answers, new database (median of ${READY_ROUNDS})`,
      value: ms(median(npmReady)),
      baseline: `node bin/casewatch.js serve ${ms(median(nodeReady))}`,
      goal: '≤ 1 s',
      verdict: verdict(median(npmReady) <= 1000),
    });
    notes.push(
      `Poll: \`node bin/casewatch.js poll\` (the compiled build in dist/) on a database holding the ${FEEDS} feeds and the bench's ${FEED_CASES.length} cases, no story; newsboat ${missing ? '' : '(Debian 2.21, default configuration) '}with the same URLs in its URL file and a new cache. Feeds served by bench/lib/feedServer.ts from ${ADDRESSES.length} loopback addresses, as in section "poll". CPU and peak RSS from GNU time (${existsSync(TIME) ? TIME : 'absent here: not shown'}).`,
      'The CLI start: the first pair is a warm-up; `feeds list` prints one line per feed. `npm start`: from spawning npm to the first 200 of /api/health on a new database (migrations run), PORT=0 read from its log line.',
    );
    return { name: 'everyday', title: 'whole processes: a poll against newsboat, the CLI start, `npm start` ready', rows, notes };
  } finally {
    scratch.remove();
  }
}
