// The case list's "new since your last visit": stories that joined each timeline after a time, from an index range.
import { describe, expect, it } from 'vitest';
import { caseStats, insertCase, NEW_STORIES_SQL, newStoriesSince } from '../../db/cases.ts';
import { insertFeed } from '../../db/feeds.ts';
import { applyStoryMatches, decideMatch, type StoryMatch } from '../../db/matches.ts';
import { closeDb, inTransaction, openDb, type Db } from '../../db/openDb.ts';
import { storeFeedStories } from '../../db/stories.ts';

const T0 = new Date('2026-03-01T00:00:00Z');
const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

let feeds = 0;
function stories(db: Db, n: number, published: (i: number) => Date): number[] {
  const feed = insertFeed(db, { url: `http://127.0.0.1:9/${(feeds += 1)}.xml`, title: 'Wire' }, T0)!;
  const items = Array.from({ length: n }, (_, i) => ({
    guid: `g${i}`, url: `https://wire.example.com/${feed.id}/${i}`, canonicalUrl: `https://wire.example.com/${feed.id}/${i}`,
    title: `Story ${i}`, summary: '', summaryHtml: '', publishedAt: published(i), source: 'Wire', contentHash: `h${feed.id}-${i}`,
  }));
  return inTransaction(db, () => storeFeedStories(db, feed.id, items, T0).inserted.map((s) => s.id));
}

const match = (caseId: number, storyId: number, status: StoryMatch['status'] = 'auto'): StoryMatch =>
  ({ caseId, storyId, score: 90, status, reasons: ['r'], stage: null, leadStoryId: null });

describe('newStoriesSince', () => {
  it('counts per case the timeline stories matched after the time: not review, not rejected, not older matches', () => {
    const db = openDb(':memory:');
    const a = insertCase(db, { title: 'A v. B', parties: [{ name: 'A', role: 'plaintiff' }] }, T0).id;
    const b = insertCase(db, { title: 'C v. D', parties: [{ name: 'C', role: 'plaintiff' }] }, T0).id;
    const idle = insertCase(db, { title: 'E v. F', parties: [{ name: 'E', role: 'plaintiff' }] }, T0).id;
    // News from 2018, matched long ago and again (as a re-match does) after the visit: not new, it joined before.
    const old = stories(db, 4, (i) => new Date(Date.UTC(2018, 0, 1 + i * 30)));
    inTransaction(db, () => applyStoryMatches(db, old, old.map((s) => match(idle, s)), hours(1)));
    const fresh = stories(db, 6, (i) => hours(-i));
    inTransaction(db, () => applyStoryMatches(db, fresh, [...fresh.slice(0, 3).map((s) => match(a, s)), match(a, fresh[3]!, 'review'), match(b, fresh[4]!)], hours(1)));
    const visit = hours(2);
    inTransaction(db, () => applyStoryMatches(db, old, old.map((s) => match(idle, s)), hours(3)));
    const later = stories(db, 5, (i) => hours(-i));
    inTransaction(db, () => applyStoryMatches(db, later, [...later.slice(0, 3).map((s) => match(a, s)), match(a, later[3]!, 'review'), match(b, later[4]!)], hours(3)));
    // Confirming a story from review puts it on the timeline, but it was there to see before; rejecting takes one off.
    decideMatch(db, a, fresh[3]!, 'confirm', hours(3));
    decideMatch(db, a, later[0]!, 'reject', hours(3));
    expect(newStoriesSince(db, visit)).toEqual(new Map([[a, 2], [b, 1]]));
    expect(newStoriesSince(db, hours(0))).toEqual(new Map([[a, 6], [b, 2], [idle, 4]]));
    expect(newStoriesSince(db, hours(4))).toEqual(new Map());
    const stats = caseStats(db, visit);
    expect([a, b, idle].map((c) => stats.get(c)!.newStories)).toEqual([2, 1, 0]);
    expect([...caseStats(db, null).values()].map((s) => s.newStories)).toEqual([0, 0, 0]);
    closeDb(db);
  });

  it('reads a range of matches_created_idx alone, so its work grows with what is new, not with the timelines', () => {
    const db = openDb(':memory:');
    const plan = (db.$client.prepare(`explain query plan ${NEW_STORIES_SQL}`).all(T0.getTime()) as { detail: string }[]).map((p) => p.detail);
    expect(plan).toContain('SEARCH matches USING COVERING INDEX matches_created_idx (created_at>?)');
    expect(plan.join(' | ')).not.toMatch(/SCAN matches/);
    closeDb(db);
  });
});

describe('caseStats', () => {
  it('gives each case its weeks over its whole life from case_weeks, however long ago its news is', () => {
    const db = openDb(':memory:');
    const c = insertCase(db, { title: 'A v. B', parties: [{ name: 'A', role: 'plaintiff' }] }, T0).id;
    // Mondays of 2018 and of 2020.
    const ids = stories(db, 3, (i) => new Date([Date.UTC(2018, 0, 1, 9), Date.UTC(2018, 0, 3), Date.UTC(2020, 5, 1)][i]!));
    inTransaction(db, () => applyStoryMatches(db, ids, ids.map((s) => match(c, s)), T0));
    expect(caseStats(db, null).get(c)).toMatchObject({ entries: 3, latestStoryAt: '2020-06-01T00:00:00.000Z', weeks: [[Date.UTC(2018, 0, 1), 2], [Date.UTC(2020, 5, 1), 1]] });
    closeDb(db);
  });
});
