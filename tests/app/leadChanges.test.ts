// Re-clustering computed on another thread is written only while it still describes the case's matches.
import { describe, expect, it } from 'vitest';
import { insertCase, toDefinition } from '../../db/cases.ts';
import { inTransaction, openDb, type Db } from '../../db/openDb.ts';
import { applyLeadChanges, caseLeadChangesStamped, reclusterCase } from '../../app/clusterStories.ts';
import { backfillCase } from '../../app/matchStories.ts';

/** Three outlets carry each of four reports a day apart: twelve timeline stories in four entries. */
function setUp(): { db: Db; caseId: number } {
  const db = openDb(':memory:');
  const insert = db.$client.prepare('insert into stories (guid, url, canonical_url, title, summary, content_hash, published_at, fetched_at, updated_at, source) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const day = 86_400_000;
  const start = Date.UTC(2024, 5, 1);
  const reports = ['sues former engineer Jane Roe over robot designs', 'and Jane Roe meet in court for the first hearing', 'wins ruling against Jane Roe', 'and Jane Roe settle the robot designs lawsuit'];
  inTransaction(db, () => {
    let n = 0;
    reports.forEach((r, i) => {
      for (const outlet of ['wire', 'daily', 'tech']) {
        n += 1;
        const title = `Acme Robotics ${r}`;
        insert.run(`g${n}`, `https://${outlet}.example.com/${n}`, `https://${outlet}.example.com/${n}`, title, `${title}, the court heard.`, `h${n}`, start + i * 10 * day + n * 60_000, start, start, outlet);
      }
    });
  });
  const c = inTransaction(db, () => insertCase(db, { title: 'Acme v. Roe', parties: [{ name: 'Acme Robotics', role: 'plaintiff' }, { name: 'Jane Roe', role: 'defendant' }] }, new Date()));
  inTransaction(db, () => backfillCase(db, toDefinition(c), new Date()));
  return { db, caseId: c.id };
}

const leads = (db: Db, caseId: number) => db.$client.prepare('select story_id, lead_story_id from matches where case_id = ? order by story_id').all(caseId);

describe('lead changes computed apart', () => {
  it('writes the same leads as re-clustering in place when nothing changed meanwhile', () => {
    const { db, caseId } = setUp();
    const expected = leads(db, caseId);
    expect(expected.filter((r: any) => r.lead_story_id === null)).toHaveLength(4);
    db.$client.prepare('update matches set lead_story_id = null where case_id = ?').run(caseId);
    const computed = caseLeadChangesStamped(db, caseId);
    expect(computed.changes).toHaveLength(8);
    inTransaction(db, () => applyLeadChanges(db, caseId, computed));
    expect(leads(db, caseId)).toEqual(expected);
  });

  it('re-clusters in place instead when the case changed after they were computed', () => {
    const { db, caseId } = setUp();
    const expected = leads(db, caseId);
    db.$client.prepare('update matches set lead_story_id = null where case_id = ?').run(caseId);
    const computed = caseLeadChangesStamped(db, caseId);
    // A copy is rejected meanwhile: the computed leads may point at it.
    const lead = (expected.find((r: any) => r.lead_story_id !== null) as { lead_story_id: number }).lead_story_id;
    db.$client.prepare("update matches set status = 'rejected', updated_at = updated_at + 1 where case_id = ? and story_id = ?").run(caseId, lead);
    inTransaction(db, () => applyLeadChanges(db, caseId, computed));
    const after = leads(db, caseId) as { story_id: number; lead_story_id: number | null }[];
    expect(after.some((r) => r.lead_story_id === lead)).toBe(false);
    db.$client.prepare('update matches set lead_story_id = null where case_id = ?').run(caseId);
    inTransaction(db, () => reclusterCase(db, caseId));
    expect(after).toEqual(leads(db, caseId));
  });
});
