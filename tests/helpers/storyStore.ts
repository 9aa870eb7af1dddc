// A database file with many stored stories that name one company, for backfill jobs that take a while.
import { closeDb, inTransaction, openDb } from '../../db/openDb.ts';

/** Every 100th story reports the lawsuit (both parties and a suing verb); the rest only name the company. */
export const isLawsuitStory = (n: number) => n % 100 === 99;

/** Writes `count` stories naming "Acme Robotics" (one prepared insert in one transaction, as the poller would). */
export function writeAcmeStories(dbPath: string, count: number): void {
  const db = openDb(dbPath);
  const insert = db.$client.prepare(
    'insert into stories (guid, url, title, summary, content_hash, published_at, fetched_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const start = Date.UTC(2024, 0, 1);
  inTransaction(db, () => {
    for (let n = 0; n < count; n++) {
      const [title, summary] = isLawsuitStory(n)
        ? [`Acme Robotics sues former engineer Jane Roe over robot designs (${n})`, `Acme Robotics filed a trade secrets lawsuit against Jane Roe in federal court, case ${n}.`]
        : [`Acme Robotics ships robot batch ${n}`, `Acme Robotics delivered ${n % 97} units to warehouses in week ${n % 52}.`];
      insert.run(`g${n}`, `https://wire.example.com/${n}`, title, summary, `h${n}`, start + n * 60_000, start + n * 60_000, start + n * 60_000);
    }
  });
  closeDb(db);
}

export const ACME_CASE = {
  title: 'Acme Robotics v. Jane Roe',
  parties: [
    { name: 'Acme Robotics', role: 'plaintiff', aliases: [] },
    { name: 'Jane Roe', role: 'defendant', aliases: [] },
  ],
  keywords: ['trade secrets'],
};
