// Long CLI commands show their progress: a redrawn bar on a terminal, a few plain lines otherwise.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFeedProblem } from '../../core/feedHealth.ts';
import { insertFeed } from '../../db/feeds.ts';
import { closeDb, openDb } from '../../db/openDb.ts';
import { cliProgress } from '../../server/cliProgress.ts';
import { BIN, childEnv, runCasewatch } from '../helpers/cliProcess.ts';
import { writeAcmeStories } from '../helpers/storyStore.ts';
import { tempDir } from '../helpers/tempDir.ts';

const collect = (isTTY: boolean, columns?: number) => {
  const out: string[] = [];
  return { out, stream: { write: (t: string) => void out.push(t), isTTY, ...(columns ? { columns } : {}) } };
};

describe('cliProgress', () => {
  it('prints one plain line per new phrase and per tenth of the way', () => {
    const { out, stream } = collect(false);
    const p = cliProgress(stream, 'x');
    p.update(0, null, 'Finding');
    for (let i = 0; i <= 1000; i += 7) p.update(i, 1000, 'Matching');
    p.update(1000, 1000, 'Matching');
    p.end();
    expect(out[0]).toBe('Finding\n');
    expect(out[1]).toBe('Matching: 0 of 1,000 (0%)\n');
    expect(out.at(-1)).toBe('Matching: 1,000 of 1,000 (100%)\n');
    expect(out).toHaveLength(12);
  });

  it('redraws one line on a terminal, fitted to its width, and clears it at the end', () => {
    const { out, stream } = collect(true, 40);
    const p = cliProgress(stream, 'backup');
    p.update(250, 1000);
    p.end();
    expect(out[0]).toBe('\r\x1b[2K[######------------------]  25% 250/1,0');
    expect(out.at(-1)).toBe('\r\x1b[2K');
  });

  it('shows nothing without a stream', () => {
    expect(() => cliProgress(null, 'x').update(1, 2)).not.toThrow();
  });
});

describe('the CLI on 30,000 stored stories', { timeout: 120_000 }, () => {
  const dir = tempDir();
  const db = path.join(dir, 'cli.db');
  writeAcmeStories(db, 30_000);
  const env = { DATABASE_PATH: db, SEARCH_FEEDS: 'off', LOG_LEVEL: 'silent' };
  const add = ['cases', 'add', '--title', 'Acme v. Roe', '--plaintiff', 'Acme Robotics', '--defendant', 'Jane Roe'];

  it('cases add prints plain progress lines on stderr when it is not a terminal, the result on stdout', async () => {
    const r = await runCasewatch(add, env, dir);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^added case 1: Acme v\. Roe \(\d+ timeline entries, 0 to review\)$/);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('Finding the stored stories that name the case');
    // The command follows the job as it goes: which states it sees depends on the machine's speed, so the lines
    // are checked for their form and their order, not for one exact state ("0 of 30,000" may pass unseen).
    const matching = lines.filter((l) => /^Matching stored stories: [\d,]+ of 30,000 \(\d+%\)$/.test(l));
    expect(matching.length).toBeGreaterThanOrEqual(2);
    const done = matching.map((l) => Number(/: ([\d,]+) of/.exec(l)![1]!.replace(/,/g, '')));
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(lines.slice(-2)).toEqual(['Done: 30,000 of 30,000 (100%)', 'Matched 30,000 stored stories: 300 added, 0 removed']);
    expect(r.stderr).not.toContain('\x1b');
  });

  it.skipIf(!existsSync('/usr/bin/script'))('cases add draws a bar on a terminal', () => {
    const cmd = [process.execPath, BIN, ...add.map((a) => `'${a}'`)].join(' ');
    const out = execFileSync('/usr/bin/script', ['-qec', cmd, '/dev/null'], { env: childEnv(env), cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/\r\x1b\[2K\[#*-*\] +\d+% [\d,]+\/30,000 Matching stored stories/);
    expect(out).toMatch(/\[#{24}\] 100% 30,000\/30,000 Done/);
    expect(out).toMatch(/Matched 30,000 stored stories: 300 added, 0 removed\r?\n/);
    expect(out).toMatch(/added case 2: Acme v\. Roe/);
  });

  it('backup and prune report their progress', async () => {
    const b = await runCasewatch(['backup', path.join(dir, 'copy.db')], env, dir);
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/^Copying the database \(pages\): 0 of [\d,]+ \(0%\)$/m);
    expect(b.stderr).toMatch(/^Copying the database \(pages\): [\d,]+ of [\d,]+ \(100%\)$/m);
    const p = await runCasewatch(['prune', '--days', '1'], env, dir);
    expect(p.code).toBe(0);
    expect(p.stdout.trim()).toBe('removed 29700 stories');
    expect(p.stderr).toMatch(/^Removing old stories that match no case: 29,700 of 29,700 \(100%\)$/m);
  });

  it('cases remove asks for --yes when input is not a terminal, then removes', async () => {
    const no = await runCasewatch(['cases', 'remove', '1'], env, dir);
    expect(no.code).toBe(1);
    expect(no.stderr.trim()).toBe('casewatch: removing case 1 ("Acme v. Roe") cannot be undone; add --yes to confirm');
    const yes = await runCasewatch(['cases', 'remove', '1', '--yes'], env, dir);
    expect(yes.stdout.trim()).toBe('removed case 1: Acme v. Roe');
    expect((await runCasewatch(['cases', 'remove', '1', '--yes'], env, dir)).stderr.trim()).toBe('casewatch: case 1 not found');
  });
});

describe('casewatch feeds list', () => {
  it('says why a feed fails in words, as the feeds page does', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'feeds.db');
    const db = openDb(dbPath);
    const feed = insertFeed(db, { url: 'https://nowhere.invalid/rss' }, new Date())!;
    db.$client.prepare("update feeds set last_status = 'error', last_error = ? where id = ?").run('DNS lookup failed for nowhere.invalid', feed.id);
    closeDb(db);
    const r = await runCasewatch(['feeds', 'list'], { DATABASE_PATH: dbPath, LOG_LEVEL: 'silent' }, dir);
    expect(r.code).toBe(0);
    const problem = describeFeedProblem('DNS lookup failed for nowhere.invalid', 'https://nowhere.invalid/rss');
    expect(r.stdout.trim()).toBe(`${feed.id}\terror\t0 stories\thttps://nowhere.invalid/rss\t${problem.what} ${problem.advice}`);
    expect(r.stdout).not.toContain('DNS lookup failed for nowhere.invalid)');
  });
});
