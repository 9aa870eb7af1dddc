// Backup while polling, restore (refused while a server runs), and pruning that never touches timelines.
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedStory } from '../../core/story.ts';
import { checkDatabaseFile } from '../../db/maintenance.ts';
import { insertFeed } from '../../db/feeds.ts';
import { inTransaction } from '../../db/openDb.ts';
import { storeFeedStories } from '../../db/stories.ts';
import { pollFeeds } from '../../jobs/pollFeeds.ts';
import { backup, pruneNow, restore } from '../../app/maintenance.ts';
import { caseTimeline } from '../../app/cases.ts';
import { startTestApp } from '../helpers/app.ts';
import { runCasewatch } from '../helpers/cliProcess.ts';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feedServer.ts';
import { tempDir } from '../helpers/tempDir.ts';

function feedXml(n: number, items = 30): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>B${n}</title>${Array.from({ length: items }, (_, i) => `<item><title>ByteDance sues Tian Keyu, report ${n}.${i}</title><link>https://b.example.com/${n}/${i}</link><pubDate>Tue, 26 Nov 2024 10:00:00 GMT</pubDate><description>Court filing ${n} ${i} about sabotage.</description></item>`).join('')}</channel></rss>`;
}

describe('backup and restore', () => {
  let server: FeedServer;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const dir = tempDir();
  beforeAll(async () => {
    const routes: Record<string, Handler> = {};
    for (let n = 0; n < 40; n++) routes[`/b${n}.rss`] = (_q, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(n)), 10);
    server = await startFeedServer(routes);
    app = await startTestApp();
    await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }] } });
    for (let n = 0; n < 40; n++) insertFeed(app.ctx.db, { url: `${server.base}/b${n}.rss` }, new Date());
  });
  afterAll(() => server.close());

  it('takes a consistent backup during a poll that restores intact', async () => {
    const poll = pollFeeds({ ...app.ctx.poll, perHost: 4 }, { all: true });
    await new Promise((r) => setTimeout(r, 60));
    const file = path.join(dir, 'during.db');
    const check = await backup(app.ctx, file);
    await poll;
    expect(check).toMatchObject({ ok: true, cases: 1 });
    const copy = new Database(file, { readonly: true });
    const stories = (copy.prepare('select count(*) n from stories').get() as { n: number }).n;
    // Every story in the copy came with its matches: the backup never splits a feed's transaction.
    expect(copy.prepare('select count(*) n from stories s where not exists (select 1 from matches m where m.story_id = s.id)').get()).toEqual({ n: 0 });
    expect(stories % 30).toBe(0);
    copy.close();

    const target = path.join(dir, 'restored.db');
    const restored = await restore(target, file);
    expect(restored.ok).toBe(true);
    expect(checkDatabaseFile(target)).toMatchObject({ ok: true, cases: 1, stories });
    const t = new Database(target, { readonly: true });
    expect(t.prepare('select count(*) n from matches where case_id = 1').get()).toEqual({ n: stories });
    t.close();
  });

  it('refuses to overwrite a file, to restore garbage, or to restore under a running server', async () => {
    const file = path.join(dir, 'again.db');
    await backup(app.ctx, file);
    await expect(backup(app.ctx, file)).rejects.toThrow(/already exists/);
    await expect(restore(path.join(dir, 'x.db'), path.join(dir, 'missing.db'))).rejects.toThrow(/does not exist/);
    await expect(restore(app.ctx.config.databasePath, file)).rejects.toThrow(/casewatch is running on .* \(process \d+\); stop it/);
  });

  it('works from the command line', async () => {
    const env = { DATABASE_PATH: path.join(dir, 'cli.db') };
    await runCasewatch(['cases', 'add', '--title', 'A v. B', '--plaintiff', 'Acme Widgets'], env);
    const out = path.join(dir, 'cli-backup.db');
    const b = await runCasewatch(['backup', out], env);
    expect(b.stdout).toMatch(/backed up 1 cases and 0 stories/);
    const target = { DATABASE_PATH: path.join(dir, 'cli-restored.db') };
    const r = await runCasewatch(['restore', out], target);
    expect(r.stdout, r.stderr).toMatch(/restored 1 cases/);
    expect((await runCasewatch(['cases', 'list'], target)).stdout).toMatch(/A v. B/);
    const bad = await runCasewatch(['restore', path.join(dir, 'nope.db')], target);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/does not exist/);
  }, 30_000);
});

describe('pruning', () => {
  it('deletes old stories that match no case and keeps timeline, review and rejected ones', async () => {
    const app = await startTestApp({ RETENTION_DAYS: '30' });
    const old = (i: number, title: string) => `<item><title>${title}</title><link>https://p.example.com/${i}</link><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate><description>${title}.</description></item>`;
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>${old(1, 'ByteDance sues Tian Keyu over sabotage')}${old(2, 'Weather in Oslo')}${old(3, 'ByteDance lawsuit draws attention in court')}${old(4, 'Tian Keyu sabotage lawsuit against ByteDance')}</channel></rss>`;
    const server = await startFeedServer({ '/p.rss': (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(xml) });
    await app.api('/api/feeds', { method: 'POST', json: { url: `${server.base}/p.rss` } });
    const c = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'BT', parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }], keywords: ['sabotage'] } })).body;
    const rejectId = caseTimeline(app.ctx, c.id).entries.find((e) => e.title.startsWith('Tian Keyu'))!.storyId;
    await app.api(`/api/cases/${c.id}/stories/${rejectId}`, { method: 'POST', json: { decision: 'reject' } });
    // Stories were fetched just now; pretend 60 days pass.
    const later = { ...app.ctx, now: () => new Date(Date.now() + 60 * 86_400_000) };
    expect(await pruneNow(later)).toBe(1);
    const titles = (await app.api('/api/stories')).body.stories.map((s: { title: string }) => s.title).sort();
    expect(titles).toEqual(['ByteDance lawsuit draws attention in court', 'ByteDance sues Tian Keyu over sabotage', 'Tian Keyu sabotage lawsuit against ByteDance']);
    expect(await pruneNow(app.ctx)).toBe(0);
    await server.close();
    expect(existsSync(app.ctx.config.databasePath)).toBe(true);
  });

  it('prunes more stories than one batch holds, removing exactly the unmatched old ones and keeping search consistent', async () => {
    const app = await startTestApp({ RETENTION_DAYS: '30' });
    const db = app.ctx.db;
    const feed = insertFeed(db, { url: 'https://many.example.com/rss.xml' }, new Date())!;
    const story = (i: number, title: string, publishedAt: Date): NormalizedStory => ({ guid: `g${i}`, url: `https://many.example.com/${i}`, canonicalUrl: `https://many.example.com/${i}`, title, summary: `${title}.`, summaryHtml: `${title}.`, publishedAt, source: 'Many', contentHash: `h${i}` });
    // 4,600 old stories on seven publication days, so batches of 2,000 end among equal dates; a few are about the case.
    const about = (i: number) => (i % 400 === 0 ? `ByteDance sues Tian Keyu over sabotage, filing ${i}` : i % 400 === 200 ? `ByteDance lawsuit draws attention in court ${i}` : null);
    const old = Array.from({ length: 4600 }, (_, i) => story(i, about(i) ?? `Weather in Oslo, day ${i}`, new Date(Date.UTC(2024, 0, 1 + (i % 7)))));
    inTransaction(db, () => storeFeedStories(db, feed.id, old, new Date()));
    // Stories fetched 45 days from now are younger than the cut-off when the prune runs 60 days from now.
    const soon = new Date(Date.now() + 45 * 86_400_000);
    inTransaction(db, () => storeFeedStories(db, feed.id, [story(9001, 'Weather in Bergen', soon), story(9002, 'Weather in Tromsø', soon)], soon));
    const c = (await app.api('/api/cases?wait=true', { method: 'POST', json: { title: 'BT', parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }], keywords: ['sabotage'] } })).body;
    const rejectId = caseTimeline(app.ctx, c.id).entries[0]!.storyId;
    await app.api(`/api/cases/${c.id}/stories/${rejectId}`, { method: 'POST', json: { decision: 'reject' } });
    const ids = (sql: string) => new Set((db.$client.prepare(sql).all() as { id: number }[]).map((r) => r.id));
    const onCase = ids('select distinct story_id id from matches');
    const statuses = (db.$client.prepare('select distinct status from matches').all() as { status: string }[]).map((r) => r.status).sort();
    expect(statuses).toContain('rejected');
    expect(statuses).toContain('review');
    expect(onCase.size).toBeGreaterThanOrEqual(12);

    const later = { ...app.ctx, now: () => new Date(Date.now() + 60 * 86_400_000) };
    expect(await pruneNow(later)).toBe(4600 - onCase.size);
    const left = ids('select id from stories');
    expect(left.size).toBe(onCase.size + 2);
    for (const id of onCase) expect(left.has(id)).toBe(true);
    // The full-text index lost exactly the deleted rows.
    expect(() => db.$client.prepare("insert into stories_fts(stories_fts, rank) values ('integrity-check', 1)").run()).not.toThrow();
    const weather = (await app.api('/api/stories?q=Weather')).body.stories.map((s: { title: string }) => s.title).sort();
    expect(weather).toEqual(['Weather in Bergen', 'Weather in Tromsø']);
    expect(await pruneNow(later)).toBe(0);
  });
});
