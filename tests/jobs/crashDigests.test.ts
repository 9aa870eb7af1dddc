// SIGKILL at random points during polls and digest runs, 20 times: the database stays intact, no story is
// lost or stored twice, and no subscriber gets the same story twice.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFeed } from '../../db/feeds.ts';
import { closeDb, openDb } from '../../db/openDb.ts';
import { runCasewatch, spawnCasewatch } from '../helpers/cliProcess.ts';
import { startFeedServer, type FeedServer, type Handler } from '../helpers/feedServer.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { SEND_LEASE_MS } from '../../core/digest.ts';
import { silentLogger } from '../../jobs/logger.ts';
import { smtpMailer } from '../../jobs/mailer.ts';
import { sendDigests } from '../../jobs/sendDigests.ts';
import { startSmtp, type TestSmtp } from './digestsHelpers.ts';

const FEEDS = 30;
const ITEMS = 8;
const READERS = ['a@example.org', 'b@example.org', 'c@example.org'];

function feedXml(n: number): string {
  // Wording differs item to item, so no two stories look like syndicated copies of each other.
  const words = (k: number) => {
    let x = (k + 1) * 2654435761;
    const next = () => ((x = Math.imul(x ^ (x >>> 15), 2246822519) ^ Math.imul(x ^ (x >>> 13), 3266489917)) >>> 0) % 100_000;
    return Array.from({ length: 24 }, () => `w${next()}`).join(' ');
  };
  const items = Array.from({ length: ITEMS }, (_, i) => `<item><title>ByteDance sues Tian Keyu: ${words(n * 100 + i + 7).slice(0, 60)}</title><link>https://k.example.com/${n}/${i}</link><guid>${n}-${i}</guid><pubDate>Tue, ${String(1 + (i % 28)).padStart(2, '0')} Oct 2024 10:00:00 GMT</pubDate><description>Sabotage suit report ${words(n * 100 + i)}.</description></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Kill feed ${n}</title>${items}</channel></rss>`;
}

describe('SIGKILL during polls and digest runs', () => {
  let feeds: FeedServer;
  let smtp: TestSmtp;
  const dir = tempDir();
  const dbPath = path.join(dir, 'kill.db');
  let env: Record<string, string>;

  beforeAll(async () => {
    const routes: Record<string, Handler> = {};
    for (let n = 0; n < FEEDS; n++) routes[`/k${n}.rss`] = (_q, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedXml(n)), 5 + Math.random() * 30);
    feeds = await startFeedServer(routes);
    smtp = await startSmtp();
    smtp.delayMs = 150;
    env = { DATABASE_PATH: dbPath, ALLOW_PRIVATE_FEEDS: '1', SEARCH_FEEDS: 'off', LOG_LEVEL: 'silent', SMTP_URL: smtp.url, BASE_URL: 'http://casewatch.test' };
    const db = openDb(dbPath);
    for (let n = 0; n < FEEDS; n++) insertFeed(db, { url: `${feeds.base}/k${n}.rss` }, new Date());
    const c = db.$client.prepare("insert into cases (title, keywords, exclude, updated_at) values ('ByteDance v. Tian Keyu', '[\"sabotage\"]', '[]', 0)").run();
    db.$client.prepare("insert into parties (case_id, name, role) values (?, 'ByteDance', 'plaintiff'), (?, 'Tian Keyu', 'defendant')").run(c.lastInsertRowid, c.lastInsertRowid);
    const past = Date.now() - 3600_000;
    READERS.forEach((to, i) =>
      db.$client
        .prepare("insert into subscriptions (case_id, channel, target, frequency, secret, token, confirmed_at, created_at) values (null, 'email', ?, 'immediate', ?, ?, ?, ?)")
        .run(to, `secret-${i}-abcdefghijklmnop`, `token-${i}-abcdefghijklmnopqrstuv`, past, past),
    );
    closeDb(db);
  });
  afterAll(async () => {
    await feeds.close();
    await smtp.close();
  });

  it('20 kills at random points, then a clean run: intact, complete, nothing twice', async () => {
    const landed: string[] = [];
    for (let round = 0; round < 20; round++) {
      const command = round % 2 === 0 ? 'poll' : 'digest';
      const child = spawnCasewatch(command === 'poll' ? ['poll'] : ['digest', 'run'], env);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      const killed = await Promise.race([new Promise((r) => setTimeout(() => r(true), 1800 + Math.random() * 2700)), exited.then(() => false)]);
      if (killed) child.kill('SIGKILL');
      await exited;
      const sqlite = new Database(dbPath);
      expect(sqlite.pragma('integrity_check', { simple: true }), `round ${round}`).toBe('ok');
      const stories = (sqlite.prepare('select count(*) n from stories').get() as { n: number }).n;
      sqlite.close();
      landed.push(`${command}:${killed ? 'killed' : 'done'}@${stories}/${smtp.received.length}`);
    }
    console.log(`kill rounds (command:outcome@stories/mails): ${landed.join(' ')}`);

    expect((await runCasewatch(['poll'], env)).code).toBe(0);
    // Restart after the send lease: a digest whose send was cut off is sent again (same Message-ID), then the rest.
    const db = openDb(dbPath);
    const mailer = smtpMailer(smtp.url);
    const later = () => new Date(Date.now() + SEND_LEASE_MS + 60_000);
    const deps = { db, mailer, log: silentLogger, baseUrl: 'http://casewatch.test', mailFrom: 'casewatch <cw@casewatch.test>', now: later };
    for (let i = 0; i < 5; i++) await sendDigests(deps, { force: true });
    mailer.close();
    closeDb(db);

    const sqlite = new Database(dbPath, { readonly: true });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.prepare('select count(*) n from stories').get()).toEqual({ n: FEEDS * ITEMS });
    expect(sqlite.prepare('select count(*) n from (select feed_id, guid from stories group by 1, 2 having count(*) > 1)').get()).toEqual({ n: 0 });
    const matched = (sqlite.prepare("select count(*) n from matches where status in ('auto', 'confirmed')").get() as { n: number }).n;
    expect(matched).toBe(FEEDS * ITEMS);
    // Every timeline story is accounted for once per reader, and none is left waiting.
    expect(sqlite.prepare('select count(*) n from deliveries').get()).toEqual({ n: matched * READERS.length });
    expect(sqlite.prepare("select count(*) n from deliveries where message_id like 'sending:%' or message_id like 'retry:%'").get()).toEqual({ n: 0 });
    sqlite.close();

    // Every reader got every story, each in exactly one message: a resend after a cut-off send repeats the
    // same Message-ID (the documented window a mail system deduplicates), never a new digest.
    for (const to of READERS) {
      const seen = new Map<string, string>();
      for (const mail of smtp.received.filter((m) => JSON.stringify(m.parsed.to ?? '').includes(to))) {
        const links = new Set((mail.parsed.text ?? '').match(/https:\/\/k\.example\.com\/\d+\/\d+/g) ?? []);
        for (const l of links) {
          const before = seen.get(l);
          expect(before === undefined || before === mail.parsed.messageId, `${to} got ${l} in two different digests`).toBe(true);
          seen.set(l, mail.parsed.messageId ?? '');
        }
      }
      expect(seen.size, to).toBe(FEEDS * ITEMS);
    }
    expect(smtp.received.length).toBeGreaterThan(0);
  }, 300_000);
});
