// A case whose name is in more stories than SQLite has variables (32,766): loading, backfill and preview still work.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCase, toDefinition, type CaseInput } from '../../db/cases.ts';
import { inTransaction, openDb, type Db } from '../../db/openDb.ts';
import { candidateStoryIds, storiesByIds } from '../../db/stories.ts';
import { backfillCase, previewMatches } from '../../app/matchStories.ts';
import type { CaseDefinition } from '../../core/caseDefinition.ts';
import { tempDir } from '../helpers/tempDir.ts';

const STORIES = 40_000;
/** Every 1,000th story reports the lawsuit; the rest only name the company. */
const isLawsuit = (n: number) => n % 1000 === 999;
const LAWSUITS = STORIES / 1000;

const ACME: CaseInput = {
  title: 'Acme Robotics v. Jane Roe',
  parties: [
    { name: 'Acme Robotics', role: 'plaintiff', aliases: ['Acme'] },
    { name: 'Jane Roe', role: 'defendant', aliases: [] },
  ],
};

/** One prepared insert in one transaction: the FTS trigger runs per row, so this is what keeps 40,000 quick. */
function storeStories(db: Db): void {
  const insert = db.$client.prepare(
    'insert into stories (guid, url, title, summary, content_hash, published_at, fetched_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const start = Date.UTC(2024, 0, 1);
  inTransaction(db, () => {
    for (let n = 0; n < STORIES; n++) {
      const [title, summary] = isLawsuit(n)
        ? [`Acme Robotics sues former engineer Jane Roe (${n})`, 'Acme Robotics filed a lawsuit against Jane Roe in federal court.']
        : [`Acme ships robot batch ${n}`, `Acme delivered ${n % 97} units to warehouses this week.`];
      insert.run(`g${n}`, `https://wire.example.com/${n}`, title, summary, `h${n}`, start + n * 60_000, start + n * 60_000, start + n * 60_000);
    }
  });
}

describe('a party name in more stories than SQLite allows variables', () => {
  let db: Db;
  let allIds: number[];

  beforeAll(() => {
    db = openDb(path.join(tempDir(), 'large.db'));
    storeStories(db);
    allIds = (db.$client.prepare('select id from stories order by id').all() as { id: number }[]).map((r) => r.id);
  });

  it('loads 40,000 stories by id, in id order', () => {
    const rows = storiesByIds(db, [...allIds].reverse());
    expect(rows).toHaveLength(STORIES);
    expect(rows.map((r) => r.id)).toEqual(allIds);
    expect(rows[0]).toMatchObject({ guid: 'g0', url: 'https://wire.example.com/0' });
  });

  it('finds every story naming the party as a candidate', () => {
    expect(candidateStoryIds(db, ['Acme'])).toEqual(allIds);
  });

  it('backfills the case from all of them, and a second run changes nothing', () => {
    const first = inTransaction(db, () => {
      const def = toDefinition(insertCase(db, ACME, new Date()));
      return { def, counts: backfillCase(db, def, new Date()) };
    });
    expect(first.counts).toEqual({ added: LAWSUITS, updated: 0, removed: 0 });
    const stored = db.$client.prepare('select status, stage from matches where case_id = ?').all(first.def.id);
    expect(stored).toHaveLength(LAWSUITS);
    expect(new Set(stored.map((m) => JSON.stringify(m)))).toEqual(new Set([JSON.stringify({ status: 'auto', stage: 'filed' })]));

    const again = inTransaction(db, () => backfillCase(db, first.def, new Date()));
    expect(again).toEqual({ added: 0, updated: LAWSUITS, removed: 0 });
  });

  it('previews only the most recently stored candidates and says so', () => {
    const def: CaseDefinition = { id: 0, title: ACME.title, parties: ACME.parties.map((p) => ({ ...p, aliases: p.aliases ?? [] })), keywords: [], exclude: [] };
    const capped = previewMatches(db, def, 10, 20_000);
    expect(capped.complete).toBe(false);
    // The newest 20,000 stories are numbers 20,000–39,999, which hold half of the lawsuits.
    expect(capped).toMatchObject({ timeline: LAWSUITS / 2, review: 0 });
    expect(capped.top[0]).toMatchObject({ title: `Acme Robotics sues former engineer Jane Roe (${STORIES - 1})`, url: `https://wire.example.com/${STORIES - 1}`, status: 'auto' });

    const whole = previewMatches(db, def, 10, STORIES);
    expect(whole).toMatchObject({ timeline: LAWSUITS, review: 0, complete: true });
    expect(whole.top).toHaveLength(10);
  });
});
