// The case-at-a-glance queries: each stage's first entry and its place in the paged timeline equal what grouping
// every story gives, the fact sample is the newest entries, and every query seeks instead of walking the case.
import { describe, expect, it } from 'vitest';
import { groupEntries, storyFacts } from '../../core/timelineEntries.ts';
import { caseFirstAt, CASE_GLANCE_SQL, factSample, firstStageEntries } from '../../db/caseGlance.ts';
import { insertCase } from '../../db/cases.ts';
import { insertFeed } from '../../db/feeds.ts';
import { applyStoryMatches, setLeads } from '../../db/matches.ts';
import { closeDb, inTransaction, openDb, type Db } from '../../db/openDb.ts';
import { storeFeedStories } from '../../db/stories.ts';
import { timelineStories } from '../../db/timeline.ts';

const DAY = 86_400_000;
const STAGES = ['filed', null, 'hearing', null, 'ruling', 'other', null, 'appeal', 'criminal', null, 'settlement'];

/** 90 stories about one every 4 days over a year (a few on the same day), with stages, copies, review and a rejection. */
function seed(db: Db) {
  const t0 = new Date('2019-01-07T00:00:00Z');
  const c = insertCase(db, { title: 'Tesla v. Tripp', parties: [{ name: 'Tesla', role: 'plaintiff' }] }, t0);
  const feed = insertFeed(db, { url: 'http://127.0.0.1:9/f.xml', title: 'Wire' }, t0)!;
  const items = Array.from({ length: 90 }, (_, i) => ({
    guid: `g${i}`,
    url: `https://wire.example.com/${i}`,
    canonicalUrl: `https://wire.example.com/${i}`,
    title: i % 3 ? `Tesla story ${i}` : `Tesla seeks $${i + 1} million at Washoe County District Court`,
    summary: `About story ${i}.`,
    summaryHtml: '',
    publishedAt: new Date(t0.getTime() + Math.floor(i / 2) * 4 * DAY + (i % 2) * 3_600_000),
    source: 'Wire',
    contentHash: `h${i}`,
  }));
  const ids = inTransaction(db, () =>
    storeFeedStories(db, feed.id, items, t0, (s) => ({ facts: storyFacts(s) })).inserted.map((s) => s.id),
  );
  const status = (i: number) => (i % 9 === 4 ? ('review' as const) : ('auto' as const));
  applyStoryMatches(
    db,
    ids,
    ids.map((storyId, i) => ({
      caseId: c.id,
      storyId,
      score: 80,
      status: status(i),
      reasons: ['r'],
      stage: STAGES[i % STAGES.length]!,
      leadStoryId: null,
    })),
    t0,
  );
  // Story 1 copies story 0 (the first filing); 12 copies 11; 30 is rejected (its copy 31 stands alone).
  setLeads(
    db,
    c.id,
    new Map([
      [ids[1]!, ids[0]!],
      [ids[12]!, ids[11]!],
      [ids[31]!, ids[30]!],
    ]),
  );
  db.$client.prepare("update matches set status = 'rejected' where story_id = ?").run(ids[30]);
  return { caseId: c.id, ids };
}

describe('firstStageEntries', () => {
  it('finds the first entry of each stage and counts the entries before it as the timeline pages them', () => {
    const db = openDb(':memory:');
    const { caseId, ids } = seed(db);
    const entries = groupEntries(timelineStories(db, caseId, ids), 'newest').entries;
    const want = [...new Set(entries.map((e) => e.stage).filter((s): s is string => s !== null))].map((stage) => {
      const first = entries.filter((e) => e.stage === stage).at(-1)!;
      return { stage, storyId: first.storyId, publishedAt: new Date(first.publishedAt), newer: entries.indexOf(first) };
    });
    const got = firstStageEntries(db, caseId);
    expect(got.length).toBeGreaterThan(5);
    expect([...got].sort((a, b) => a.stage.localeCompare(b.stage))).toEqual(
      want.sort((a, b) => a.stage.localeCompare(b.stage)),
    );
    // A copy is never a stage's first entry: story 1 (a copy of 0) is not, and 0 leads the filings.
    expect(got.find((f) => f.stage === 'filed')!.storyId).toBe(ids[0]);
    expect(got.find((f) => f.stage === 'filed')!.newer).toBe(entries.length - 1);
    expect(caseFirstAt(db, caseId)).toEqual(new Date(entries.at(-1)!.publishedAt));
    closeDb(db);
  });

  it('reads the newest entries, copies folded, as the fact sample', () => {
    const db = openDb(':memory:');
    const { caseId, ids } = seed(db);
    const entries = groupEntries(timelineStories(db, caseId, ids), 'newest').entries;
    const sample = factSample(db, caseId, 10);
    expect(sample.map((s) => s.title)).toEqual(entries.slice(0, 10).map((e) => e.title));
    expect(sample.find((s) => s.title.includes('million'))).toMatchObject({
      amounts: [expect.stringMatching(/million/)],
      courts: ['Washoe County District Court'],
    });
    closeDb(db);
  });

  it('has nothing for a case without entries', () => {
    const db = openDb(':memory:');
    const c = insertCase(db, { title: 'Empty', parties: [{ name: 'Nobody', role: 'plaintiff' }] }, new Date());
    expect(firstStageEntries(db, c.id)).toEqual([]);
    expect(caseFirstAt(db, c.id)).toBeNull();
    expect(factSample(db, c.id, 200)).toEqual([]);
    closeDb(db);
  });

  it('seeks or reads a short index range, never sorting or walking the whole case', () => {
    const db = openDb(':memory:');
    const plan = (q: string, ...args: unknown[]) =>
      (db.$client.prepare(`explain query plan ${q}`).all(...args) as { detail: string }[])
        .map((p) => p.detail)
        .join(' | ');
    const S = CASE_GLANCE_SQL;
    expect(plan(S.firstOfStage, 1, 'filed')).toMatch(
      /SEARCH m USING (?:COVERING )?INDEX matches_case_stage_idx \(case_id=\? AND stage=\?/,
    );
    expect(plan(S.entriesAfterWeek, 1, 0)).toMatch(/SEARCH case_weeks USING PRIMARY KEY \(case_id=\? AND week>\?\)/);
    expect(plan(S.newerInWeek, 1, 0, 1, 0, 0)).toMatch(
      /SEARCH m USING COVERING INDEX matches_case_timeline_idx \(case_id=\? AND published_at>\? AND published_at<\?\)/,
    );
    expect(plan(S.first, 1)).toMatch(/SEARCH matches USING COVERING INDEX matches_case_timeline_idx/);
    expect(plan(S.sample, 1, 200)).toMatch(/SEARCH m USING COVERING INDEX matches_case_timeline_idx/);
    expect(plan(S.sample, 1, 200)).toMatch(/SEARCH s USING INTEGER PRIMARY KEY/);
    for (const q of Object.values(S))
      expect(plan(q, ...Array(q.split('?').length - 1).fill(1))).not.toMatch(/TEMP B-TREE/);
    closeDb(db);
  });
});
