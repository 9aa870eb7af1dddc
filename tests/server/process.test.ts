// The real process: start-up validation, serving, and a clean exit on SIGTERM.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCasewatch, spawnCasewatch, waitForLine } from '../helpers/cliProcess.ts';
import { tempDir } from '../helpers/tempDir.ts';

// Each case starts real processes; on a loaded machine a start takes seconds.
describe('casewatch serve', { timeout: 120_000 }, () => {
  it('refuses a bad PORT with one line naming it', async () => {
    const dir = tempDir();
    const r = await runCasewatch(['serve'], { PORT: 'abc', DATABASE_PATH: path.join(dir, 'x.db') }, dir);
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PORT/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('serves pages and the API, then exits 0 on SIGTERM with the database intact', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'sub', 'casewatch.db');
    const child = spawnCasewatch(['serve'], { PORT: '0', DATABASE_PATH: db, OUTBOX_DIR: path.join(dir, 'outbox') }, dir);
    const line = await waitForLine(child, /listening on/);
    const url = JSON.parse(line).url as string;
    const home = await fetch(url + '/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/text\/html/);
    expect(await home.text()).toMatch(/npm run demo/);
    expect(await (await fetch(url + '/api/cases')).json()).toEqual({ cases: [] });
    const created = await fetch(url + '/api/cases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'A v. B', parties: [{ name: 'Acme Robotics', role: 'plaintiff' }] }),
    });
    expect(created.status).toBe(201);

    const started = Date.now();
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);

    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.prepare('select title from cases').all()).toEqual([{ title: 'A v. B' }]);
    sqlite.close();
  });
});

describe('casewatch CLI', { timeout: 180_000 }, () => {
  it('prints help for every command and exits 0', async () => {
    for (const args of [['--help'], ['serve', '--help'], ['poll', '--help'], ['feeds', 'add', '--help'], ['feeds', 'list', '--help'], ['feeds', 'remove', '--help'], ['cases', 'add', '--help'], ['cases', 'list', '--help'], ['cases', 'show', '--help'], ['cases', 'test', '--help'], ['digest', 'run', '--help'], ['demo', '--help']]) {
      const r = await runCasewatch(args, {});
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/Usage: casewatch/);
    }
  });

  it('answers bad arguments with usage and a non-zero exit, never a stack trace', async () => {
    const dir = tempDir();
    const env = { DATABASE_PATH: path.join(dir, 'cli.db') };
    const cases: [string[], RegExp][] = [
      [['frobnicate'], /unknown command/],
      [['cases', 'show', 'abc'], /positive whole number/],
      [['cases', 'show', '42'], /case 42 not found/],
      [['feeds', 'remove'], /missing required argument/],
      [['cases', 'add', '--title', 'X'], /at least one party/],
      [['cases', 'add', '--file', path.join(dir, 'missing.json')], /cannot read/],
      [['feeds', 'add', 'ftp://example.org/feed'], /http/],
      [['cases', 'test', '1'], /--text/],
    ];
    for (const [args, re] of cases) {
      const r = await runCasewatch(args, env);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });

  it('adds, lists, shows and tests a case', async () => {
    const dir = tempDir();
    const env = { DATABASE_PATH: path.join(dir, 'cli.db') };
    const add = await runCasewatch(['cases', 'add', '--title', 'ByteDance v. Tian Keyu', '--plaintiff', 'ByteDance|字节跳动', '--defendant', 'Tian Keyu|田柯宇', '--keyword', 'sabotage'], env);
    // Progress goes to stderr (plain lines: it is not a terminal), the result to stdout.
    expect(add.stderr.trim().split('\n').at(-1)).toBe('Matched 0 stored stories: 0 added, 0 removed');
    expect(add.stdout).toMatch(/added case 1: ByteDance v. Tian Keyu/);
    const list = await runCasewatch(['cases', 'list', '--json'], env);
    const cases = JSON.parse(list.stdout).cases;
    expect(cases[0].parties).toEqual([
      { name: 'ByteDance', role: 'plaintiff', aliases: ['字节跳动'] },
      { name: 'Tian Keyu', role: 'defendant', aliases: ['田柯宇'] },
    ]);
    const show = await runCasewatch(['cases', 'show', '1'], env);
    expect(show.stdout).toMatch(/plaintiff: ByteDance \(字节跳动\)/);
    const test = await runCasewatch(['cases', 'test', '1', '--text', '字节跳动起诉前实习生田柯宇\n索赔800万元'], env);
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/joins the timeline/);
    expect(test.stdout).toMatch(/田柯宇/);
    const miss = await runCasewatch(['cases', 'test', '1', '--text', 'Tianjin port handles record volume'], env);
    expect(miss.stdout).toMatch(/does not match/);
  });
});
