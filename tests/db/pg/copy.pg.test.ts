// `casewatch db copy`: the demo install (real poll of the bundled feeds, cases added before and after, a digest sent)
// moved from its SQLite file into an empty PostgreSQL database through the command line, as a user would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli.ts';
import { setUpDemo, type DemoResult } from '../../../server/demo.ts';
import { closePg, openPg } from '../../../db/pg/openPg.ts';
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

  it('copies every table with its ids into an empty database, while casewatch runs, and says what it copied', async () => {
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
    expect((await cli('db', 'copy', '--to', url)).code).toBe(2);
  });
});
