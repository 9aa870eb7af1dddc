// SIGKILL in the middle of polls: after restarts, nothing is lost, nothing duplicated, the database is intact.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFeed } from '../../db/feeds.ts';
import { closeDb, openDb } from '../../db/openDb.ts';
import { runCasewatch, spawnCasewatch } from '../helpers/cliProcess.ts';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feedServer.ts';
import { tempDir } from '../helpers/tempDir.ts';

const FEEDS = 60;
const ITEMS = 20;

function feedXml(n: number): string {
  const items = Array.from({ length: ITEMS }, (_, i) => `<item><title>Feed ${n} story ${i}: ByteDance sues Tian Keyu in court</title><link>https://crash.example.com/${n}/${i}</link><guid>${n}-${i}</guid><pubDate>Tue, 26 Nov 2024 ${String(i % 24).padStart(2, '0')}:00:00 GMT</pubDate><description>Story ${i} of feed ${n}.</description></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Crash feed ${n}</title>${items}</channel></rss>`;
}

describe('killing the poller', () => {
  let server: FeedServer;
  const dir = tempDir();
  const dbPath = path.join(dir, 'crash.db');
  const env = { DATABASE_PATH: dbPath, ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off', LOG_LEVEL: 'silent' };

  beforeAll(async () => {
    const routes: Record<string, Handler> = {};
    for (let n = 0; n < FEEDS; n++) {
      // A little latency so a kill lands while some feeds are stored and others are in flight.
      routes[`/f${n}.rss`] = (_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(n)), 5 + Math.random() * 40);
    }
    server = await startFeedServer(routes);
    const db = openDb(dbPath);
    for (let n = 0; n < FEEDS; n++) insertFeed(db, { url: `${server.base}/f${n}.rss` }, new Date());
    const add = db.$client.prepare("insert into cases (title, keywords, exclude, updated_at) values ('ByteDance v. Tian Keyu', '[]', '[]', 0)").run();
    db.$client.prepare("insert into parties (case_id, name, role) values (?, 'ByteDance', 'plaintiff'), (?, 'Tian Keyu', 'defendant')").run(add.lastInsertRowid, add.lastInsertRowid);
    closeDb(db);
  });
  afterAll(() => server.close());

  it('survives repeated SIGKILLs at random points and completes on restart', async () => {
    const counts: number[] = [];
    for (let round = 0; round < 6; round++) {
      const child = spawnCasewatch(['poll'], env);
      const exited = new Promise((r) => child.on('exit', r));
      await new Promise((r) => setTimeout(r, 1300 + Math.random() * 2200));
      child.kill('SIGKILL');
      await exited;
      const sqlite = new Database(dbPath);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      counts.push((sqlite.prepare('select count(*) n from stories').get() as { n: number }).n);
      sqlite.close();
    }
    console.log(`stories stored when each kill landed: ${counts.join(', ')} of ${FEEDS * ITEMS}`);
    const final = await runCasewatch(['poll'], env);
    expect(final.code, final.stderr).toBe(0);
    const sqlite = new Database(dbPath, { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.prepare('select count(*) n from stories').get()).toEqual({ n: FEEDS * ITEMS });
    expect(sqlite.prepare('select count(*) n from (select feed_id, guid from stories group by 1, 2 having count(*) > 1)').get()).toEqual({ n: 0 });
    expect(sqlite.prepare('select count(*) n from matches').get()).toEqual({ n: FEEDS * ITEMS });
    expect(sqlite.prepare("select count(*) n from feeds where last_status = 'ok'").get()).toEqual({ n: FEEDS });
    sqlite.close();
  }, 120_000);
});
