// `casewatch db copy`: the demo install (real poll of the bundled feeds, cases added before and after, a digest sent)
// moved from its SQLite file into an empty PostgreSQL database through the command line, as a user would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli.ts';
import { setUpDemo, type DemoResult } from '../../../server/demo.ts';
import path from 'node:path';
import { closeDb, openDb } from '../../../db/openDb.ts';
import { copyToPostgres, CopyRefused } from '../../../db/pg/copy.ts';
import { closePg, openPg } from '../../../db/pg/openPg.ts';
import { tempDir } from '../../helpers/tempDir.ts';
import { pgUnavailable, startPgCluster, type PgCluster } from '../../helpers/pgCluster.ts';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.skipIf(pgUnavailable)('casewatch db copy', () => {
  let cluster: PgCluster;
  let demo: DemoResult;
  let file: string;
  beforeAll(async () => {
    [cluster, demo] = await Promise.all([startPgCluster(), setUpDemo(0)]);
    file = demo.running.ctx.config.databasePath;
  }, 120_000);
  afterAll(async () => {
    await demo?.cleanup();
    await cluster?.stop();
  });

  it('copies every table with its ids into an empty database and says what it copied', async () => {
    const url = await cluster.newDatabase();
    const r = await cli('db', 'copy', '--from', file, '--to', url);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const sqlite = demo.running.ctx.db.$client;
    const count = (t: string) => sqlite.prepare(`select count(*) from ${t}`).pluck().get() as number;
    expect(r.out).toBe(`copied ${count('cases')} cases, ${count('feeds')} feeds, ${count('stories')} stories and ${count('matches')} matches; row counts and timeline counts agree`);
    expect(count('stories')).toBeGreaterThan(20);
    expect(count('deliveries')).toBeGreaterThan(0);

    const pg = await openPg(url);
    const q = pg.$client;
    for (const t of ['cases', 'parties', 'aliases', 'feeds', 'stories', 'matches', 'match_decisions', 'case_weeks', 'subscriptions', 'deliveries', 'jobs', 'settings']) {
      expect(Number((await q.query(`select count(*) as n from ${t}`)).rows[0].n), t).toBe(count(t));
    }
    // Values keep their meaning: dates, JSON, flags, ids.
    const story = sqlite.prepare('select id, title, published_at, facts from stories order by id desc limit 1').get() as { id: number; title: string; published_at: number; facts: string | null };
    const copied = (await q.query('select title, published_at, facts from stories where id = $1', [story.id])).rows[0];
    expect(copied.title).toBe(story.title);
    expect(Number(copied.published_at)).toBe(story.published_at);
    expect(copied.facts).toEqual(story.facts === null ? null : JSON.parse(story.facts));
    const c = sqlite.prepare('select id, keywords, is_public from cases order by id limit 1').get() as { id: number; keywords: string; is_public: number };
    const cc = (await q.query('select keywords, is_public from cases where id = $1', [c.id])).rows[0];
    expect(cc.keywords).toEqual(JSON.parse(c.keywords));
    expect(cc.is_public).toBe(Boolean(c.is_public));
    // Chinese text is searchable by its character pairs.
    const han = sqlite.prepare("select count(*) from stories where title || summary glob '*[一-龥][一-龥]*'").pluck().get() as number;
    expect(han).toBeGreaterThan(0);
    expect(Number((await q.query('select count(distinct story_id) as n from story_cjk_pairs')).rows[0].n)).toBe(han);
    // New rows continue after the copied ids.
    const maxId = sqlite.prepare('select max(id) from cases').pluck().get() as number;
    const next = (await q.query("insert into cases (title, keywords, exclude, updated_at) values ('New v. Case', '[]', '[]', 0) returning id")).rows[0].id;
    expect(next).toBe(maxId + 1);
    await closePg(pg);
  });

  it('copies one snapshot of the file while casewatch goes on writing it', async () => {
    const url = await cluster.newDatabase();
    const ctx = demo.running.ctx;
    const stories = () => ctx.db.$client.prepare('select count(*) from stories').pluck().get() as number;
    const before = stories();
    const source = openDb(file);
    const target = await openPg(url);
    let written = 0;
    // Between two batches, the running app stores a story through its own connection.
    await copyToPostgres(source, target, (table) => {
      if (table !== 'cases' || written > 0) return;
      ctx.db.$client.prepare("insert into stories (guid, title, content_hash, published_at, fetched_at, updated_at) values ('during-copy', 'Written during the copy', 'h', 0, 0, 0)").run();
      written += 1;
    });
    expect(written).toBe(1);
    expect(stories()).toBe(before + 1);
    expect(Number((await target.$client.query('select count(*) as n from stories')).rows[0].n)).toBe(before);
    closeDb(source);
    await closePg(target);
  });

  it('commits nothing when a check after the copy fails', async () => {
    // A file whose stored per-week counts disagree with its matches: the copy must not be committed.
    const dir = tempDir();
    const bad = path.join(dir, 'bad.db');
    const snapshot = openDb(file);
    snapshot.$client.prepare('vacuum into ?').run(bad);
    closeDb(snapshot);
    const source = openDb(bad);
    source.$client.exec('update case_weeks set entries = entries + 1 where (case_id, week) = (select case_id, week from case_weeks limit 1)');
    const url = await cluster.newDatabase();
    const target = await openPg(url);
    await expect(copyToPostgres(source, target)).rejects.toThrow(CopyRefused);
    await expect(copyToPostgres(source, target)).rejects.toThrow(/the timeline counts differ between the two databases in 1 rows; nothing was copied/);
    for (const t of ['cases', 'stories', 'matches', 'case_weeks', 'story_cjk_pairs']) {
      expect(Number((await target.$client.query(`select count(*) as n from ${t}`)).rows[0].n), t).toBe(0);
    }
    closeDb(source);
    await closePg(target);
  });

  it('refuses a database that is not empty, and leaves it as it was', async () => {
    const url = await cluster.newDatabase();
    expect((await cli('db', 'copy', '--from', file, '--to', url)).code).toBe(0);
    const pg = await openPg(url);
    const before = Number((await pg.$client.query('select count(*) as n from stories')).rows[0].n);
    const again = await cli('db', 'copy', '--from', file, '--to', url);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^casewatch: the target database is not empty \(cases: \d+, .*stories: \d+.*\); copy only into an empty database$/);
    expect(Number((await pg.$client.query('select count(*) as n from stories')).rows[0].n)).toBe(before);
    await closePg(pg);
  });

  it('says what is wrong with its arguments, and that it cannot reach the database', async () => {
    const url = await cluster.newDatabase();
    expect(await cli('db', 'copy', '--from', file, '--to', 'mysql://localhost/x')).toMatchObject({ code: 1, err: 'casewatch: --to must be a postgres:// URL (got "mysql://localhost/x")' });
    expect(await cli('db', 'copy', '--from', '/nonexistent/casewatch.db', '--to', url)).toMatchObject({ code: 1, err: 'casewatch: --from: no such file /nonexistent/casewatch.db' });
    const unreachable = await cli('db', 'copy', '--from', file, '--to', 'postgres://casewatch:secret@localhost/x?host=/nonexistent-dir&port=1');
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toMatch(/^casewatch: cannot open database postgres:\/\/casewatch:\*\*\*@localhost\/x/);
    expect(unreachable.err).not.toMatch(/secret/);
    const typo = await cli('db', 'copy', '--from', file, '--to', 'postgress://casewatch:secret@localhost/x');
    expect(typo).toMatchObject({ code: 1, err: 'casewatch: --to must be a postgres:// URL (got "postgress://casewatch:***@localhost/x")' });
    expect((await cli('db', 'copy', '--to', url)).code).toBe(2);
  });
});
