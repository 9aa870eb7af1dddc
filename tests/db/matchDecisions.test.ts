// Undoing a decision in the database: the story and the same-article copies a rejection also rejected get their
// own status from before back, copies fold again, the log empties, and case_weeks still equals a recount.
import { describe, expect, it } from 'vitest';
import { insertCase } from '../../db/cases.ts';
import { insertFeed } from '../../db/feeds.ts';
import { applyStoryMatches, decideMatch, decidedStory, undoDecision } from '../../db/matches.ts';
import { inTransaction, openDb } from '../../db/openDb.ts';
import { storeFeedStories } from '../../db/stories.ts';
import { reclusterAfterDecision, reclusterAfterStatusChanges } from '../../app/clusterStories.ts';
import { recountCaseWeeks, storedCaseWeeks } from '../helpers/caseWeeks.ts';

/** One article carried by three feeds (same canonical URL), matched auto, review and auto; and one other story. */
function world() {
  const db = openDb(':memory:');
  const t0 = new Date('2025-01-06T09:00:00Z');
  const c = insertCase(db, { title: 'A v. B', parties: [{ name: 'A', role: 'plaintiff' }] }, t0);
  const store = (feed: string, guid: string, url: string, hours: number) => {
    const f = insertFeed(db, { url: `http://127.0.0.1:9/${feed}`, title: feed }, t0) ?? { id: 1 };
    const at = new Date(t0.getTime() + hours * 3_600_000);
    const item = {
      guid,
      url,
      canonicalUrl: url,
      title: `A sues B (${feed})`,
      summary: 'A filed a lawsuit.',
      summaryHtml: '',
      publishedAt: at,
      source: feed,
      contentHash: `${feed}${guid}`,
    };
    return inTransaction(db, () => storeFeedStories(db, f.id, [item], t0).inserted[0]!.id);
  };
  const [lead, copy, doubt, other] = [
    store('wire', 'g1', 'https://x.example/a', 0),
    store('daily', 'g2', 'https://x.example/a', 1),
    store('weekly', 'g3', 'https://x.example/a', 2),
    store('wire2', 'g4', 'https://x.example/b', 30),
  ];
  const m = (storyId: number, status: 'auto' | 'review', leadStoryId: number | null) => ({
    caseId: c.id,
    storyId,
    score: 80,
    status,
    reasons: ['r'],
    stage: 'filed',
    leadStoryId,
  });
  applyStoryMatches(
    db,
    [lead, copy, doubt, other],
    [m(lead, 'auto', null), m(copy, 'auto', lead), m(doubt, 'review', null), m(other, 'auto', null)],
    t0,
  );
  const rows = () =>
    db.$client.prepare('select story_id as s, status, lead_story_id as lead from matches order by story_id').all();
  return { db, caseId: c.id, lead, copy, doubt, other, rows, t0 };
}

describe('undoDecision', () => {
  it('restores a rejected lead and the copies it rejected, each to its own status, and clusters them again', () => {
    const w = world();
    const before = w.rows();
    const r = inTransaction(w.db, () => {
      const d = decideMatch(w.db, w.caseId, w.lead, 'reject', w.t0)!;
      reclusterAfterDecision(w.db, w.caseId, {
        storyId: w.lead,
        previous: d.before.status,
        now: d.after.status,
        publishedAt: d.after.publishedAt,
        twinsRejected: d.twinsRejected,
      });
      return d;
    });
    expect(r.twins.sort((a, b) => a.storyId - b.storyId)).toEqual([
      { storyId: w.copy, status: 'auto' },
      { storyId: w.doubt, status: 'review' },
    ]);
    expect(decidedStory(w.db, w.caseId, w.lead)).toEqual({
      title: 'A sues B (wire)',
      status: 'rejected',
      undoable: true,
      twins: 2,
    });
    const undone = inTransaction(w.db, () => {
      const u = undoDecision(w.db, w.caseId, w.lead, new Date(w.t0.getTime() + 1000))!;
      reclusterAfterStatusChanges(w.db, w.caseId, u.changes);
      return u;
    });
    expect(undone.changes.map((c) => [c.storyId, c.previous, c.now]).sort()).toEqual(
      [
        [w.lead, 'rejected', 'auto'],
        [w.copy, 'rejected', 'auto'],
        [w.doubt, 'rejected', 'review'],
      ].sort(),
    );
    expect(w.rows()).toEqual(before);
    expect(w.db.$client.prepare('select count(*) as n from match_decisions').get()).toEqual({ n: 0 });
    expect(decidedStory(w.db, w.caseId, w.lead)).toMatchObject({ status: 'auto', undoable: false });
    expect(undoDecision(w.db, w.caseId, w.lead, w.t0)).toBeNull();
    expect(storedCaseWeeks(w.db)).toEqual(recountCaseWeeks(w.db));
  });

  it('puts a confirmed story back where the matcher had it, also after deciding the same twice', () => {
    const w = world();
    inTransaction(w.db, () => decideMatch(w.db, w.caseId, w.doubt, 'confirm', w.t0));
    // Confirming again changes nothing and keeps the way back to review.
    inTransaction(w.db, () => decideMatch(w.db, w.caseId, w.doubt, 'confirm', w.t0));
    const u = undoDecision(w.db, w.caseId, w.doubt, w.t0)!;
    expect(u.changes).toEqual([
      { storyId: w.doubt, previous: 'confirmed', now: 'review', publishedAt: expect.any(Date) },
    ]);
    expect(storedCaseWeeks(w.db)).toEqual(recountCaseWeeks(w.db));
  });

  it('leaves a copy the user decided on since, and refuses once the story was decided otherwise', () => {
    const w = world();
    inTransaction(w.db, () => decideMatch(w.db, w.caseId, w.lead, 'reject', w.t0));
    // The user confirms one of the copies on its own: undoing the lead's rejection must not touch it.
    inTransaction(w.db, () => decideMatch(w.db, w.caseId, w.copy, 'confirm', w.t0));
    const u = undoDecision(w.db, w.caseId, w.lead, w.t0)!;
    expect(u.changes.map((c) => c.storyId).sort()).toEqual([w.lead, w.doubt].sort());
    expect(w.rows().find((r: any) => r.s === w.copy)).toMatchObject({ status: 'confirmed' });
    // Confirmed then rejected: Undo reverses the last decision only, back to confirmed.
    inTransaction(w.db, () => decideMatch(w.db, w.caseId, w.other, 'confirm', w.t0));
    inTransaction(w.db, () => decideMatch(w.db, w.caseId, w.other, 'reject', w.t0));
    expect(undoDecision(w.db, w.caseId, w.other, w.t0)!.changes[0]).toMatchObject({
      previous: 'rejected',
      now: 'confirmed',
    });
    expect(storedCaseWeeks(w.db)).toEqual(recountCaseWeeks(w.db));
  });

  it('goes with its match when the case is deleted', () => {
    const w = world();
    inTransaction(w.db, () => decideMatch(w.db, w.caseId, w.lead, 'reject', w.t0));
    w.db.$client.prepare('delete from cases where id = ?').run(w.caseId);
    expect(w.db.$client.prepare('select count(*) as n from match_decisions').get()).toEqual({ n: 0 });
  });
});
