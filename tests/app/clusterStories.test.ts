// Clustering as stories arrive through storage and matching: leads far away, leads that left, edited leads, decisions.
import { describe, expect, it } from 'vitest';
import { Matcher } from '../../core/matching/matcher.ts';
import type { NormalizedStory } from '../../core/story.ts';
import { signatureFor } from '../../core/timeline/cluster.ts';
import { caseById, insertCase, toDefinition } from '../../db/cases.ts';
import { insertFeed } from '../../db/feeds.ts';
import { decideMatch } from '../../db/matches.ts';
import { inTransaction, openDb } from '../../db/openDb.ts';
import { storeFeedStories } from '../../db/stories.ts';
import { reclusterAfterDecision } from '../../app/clusterStories.ts';
import { matchNewStories } from '../../app/matchStories.ts';

const DAY = 86_400_000;
const WIRE = {
  title: 'ByteDance sues former intern Tian Keyu for 8 million yuan over sabotaged AI training',
  summary: 'ByteDance has filed a lawsuit in the Haidian District People’s Court against Tian Keyu, accusing the former intern of sabotaging the training of its large language models and seeking 8 million yuan in damages.',
};

/** A database with one case and one feed per outlet; `publish` stores and matches a story as a poll does. */
function world() {
  const db = openDb(':memory:');
  const t0 = new Date('2025-01-01T00:00:00Z');
  const c = insertCase(db, { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff' }, { name: 'Tian Keyu', role: 'defendant' }], keywords: ['sabotage'] }, t0);
  const matcher = Matcher.compile([toDefinition(c)]);
  const feeds = new Map<string, number>();
  const publish = (outlet: string, guid: string, day: number, text = WIRE): number => {
    if (!feeds.has(outlet)) feeds.set(outlet, insertFeed(db, { url: `http://127.0.0.1:9/${outlet}.xml`, title: outlet }, t0)!.id);
    const at = new Date(t0.getTime() + day * DAY);
    const item: NormalizedStory = { guid, url: `https://${outlet}.example.com/${guid}`, canonicalUrl: `https://${outlet}.example.com/${guid}`, ...text, summaryHtml: '', publishedAt: at, source: outlet, contentHash: `${guid}:${text.title}` };
    return inTransaction(db, () => {
      const stored = storeFeedStories(db, feeds.get(outlet)!, [item], at, (s) => ({ signature: signatureFor(s) }));
      const changed = [...stored.inserted, ...stored.updated];
      if (changed.length) matchNewStories(db, matcher, changed, at);
      return (changed[0] ?? { id: -1 }).id;
    });
  };
  const leadOf = (storyId: number) => (db.$client.prepare('select lead_story_id as l from matches where case_id = ? and story_id = ?').get(c.id, storyId) as { l: number | null }).l;
  return { db, caseId: c.id, publish, leadOf };
}

describe('clustering new stories', () => {
  it('joins a copy to a cluster whose lead is older than the comparison window', () => {
    const w = world();
    const a = w.publish('wire', 'a', 0);
    const b = w.publish('daily', 'b', 6);
    expect(w.leadOf(b)).toBe(a);
    // Day 12: the window (±7 days) holds b but not its lead a.
    const c = w.publish('weekly', 'c', 12);
    expect(w.leadOf(c)).toBe(a);
  });

  it('regroups copies whose lead was rejected instead of failing the poll', () => {
    const w = world();
    const a = w.publish('wire', 'a', 0);
    const b = w.publish('daily', 'b', 1);
    // A rejection written without re-clustering (as older versions did) leaves b pointing at a.
    w.db.$client.prepare("update matches set status = 'rejected' where story_id = ?").run(a);
    const c = w.publish('weekly', 'c', 2);
    expect(c).toBeGreaterThan(0);
    expect(w.leadOf(b)).toBeNull();
    expect(w.leadOf(c)).toBe(b);
  });

  it('keeps an edited lead at the head of its cluster', () => {
    const w = world();
    const a = w.publish('wire', 'a', 0);
    const b = w.publish('daily', 'b', 1);
    const edited = w.publish('wire', 'a', 0, { ...WIRE, title: `UPDATE 1-${WIRE.title}` });
    expect(edited).toBe(a);
    expect(w.leadOf(a)).toBeNull();
    expect(w.leadOf(b)).toBe(a);
  });
});

describe('a lead that gives way', () => {
  it('takes its far copies along when an earlier report becomes the lead', () => {
    const w = world();
    const l = w.publish('wire', 'l', 10);
    const c = w.publish('daily', 'c', 16);
    expect(w.leadOf(c)).toBe(l);
    // Day 4: within the window of l but not of c.
    const n = w.publish('weekly', 'n', 4);
    expect([w.leadOf(n), w.leadOf(l), w.leadOf(c)]).toEqual([null, n, n]);
  });
});

describe('clusters after a decision', () => {
  it('regroups the copies of a rejected lead under the earliest remaining copy', () => {
    const w = world();
    const a = w.publish('wire', 'a', 0);
    const b = w.publish('daily', 'b', 1);
    const c = w.publish('weekly', 'c', 2);
    expect([w.leadOf(b), w.leadOf(c)]).toEqual([a, a]);
    const r = decideMatch(w.db, w.caseId, a, 'reject', new Date())!;
    decide(w, a, r);
    expect([w.leadOf(a), w.leadOf(b), w.leadOf(c)]).toEqual([null, null, b]);
  });

  it('folds a story confirmed after a rejection back into its cluster', () => {
    const w = world();
    const a = w.publish('wire', 'a', 0);
    const b = w.publish('daily', 'b', 1);
    decide(w, b, decideMatch(w.db, w.caseId, b, 'reject', new Date())!);
    decide(w, b, decideMatch(w.db, w.caseId, b, 'confirm', new Date())!);
    expect(w.leadOf(b)).toBe(a);
  });

  it('folds a confirmed review story into the cluster it copies', () => {
    const w = world();
    const a = w.publish('wire', 'a', 0);
    const b = w.publish('daily', 'b', 1);
    w.db.$client.prepare("update matches set status = 'review', lead_story_id = null where story_id = ?").run(b);
    const r = decideMatch(w.db, w.caseId, b, 'confirm', new Date())!;
    decide(w, b, r);
    expect(w.leadOf(b)).toBe(a);
  });
});

describe('a rejected article', () => {
  it('stays rejected when the same article arrives again from another feed', () => {
    const w = world();
    const a = w.publish('wire', 'a', 0);
    decideMatch(w.db, w.caseId, a, 'reject', new Date());
    // Same canonical URL as story a, carried by a second feed (or by a search feed re-created after an edit).
    const url = (w.db.$client.prepare('select canonical_url as u from stories where id = ?').get(a) as { u: string }).u;
    const feed = w.db.$client.prepare("insert into feeds (url, next_fetch_at) values ('http://127.0.0.1:9/again.xml', 0)").run().lastInsertRowid as number;
    const item: NormalizedStory = { guid: 'again', url, canonicalUrl: url, ...WIRE, summaryHtml: '', publishedAt: new Date('2025-01-01T01:00:00Z'), source: 'again', contentHash: 'again' };
    const matcher = Matcher.compile([toDefinition(insertCaseLike(w))]);
    const b = inTransaction(w.db, () => {
      const stored = storeFeedStories(w.db, feed, [item], new Date(), (s) => ({ signature: signatureFor(s) }));
      matchNewStories(w.db, matcher, stored.inserted, new Date());
      return stored.inserted[0]!.id;
    });
    const status = (id: number) => (w.db.$client.prepare('select status from matches where case_id = ? and story_id = ?').get(w.caseId, id) as { status: string }).status;
    expect(b).not.toBe(a);
    expect(status(b)).toBe('rejected');
    // Another article of the case still joins the timeline.
    const c = w.publish('daily', 'c', 3, { title: 'Court hears ByteDance case against Tian Keyu', summary: 'A hearing on the sabotage claim was held in Beijing.' });
    expect(status(c)).toBe('auto');
  });

  it('takes the same article from other feeds off the timeline with it', () => {
    const w = world();
    const a = w.publish('wire', 'a', 0);
    const url = (w.db.$client.prepare('select canonical_url as u from stories where id = ?').get(a) as { u: string }).u;
    // The same article from a second feed, matched before the rejection.
    const feed = w.db.$client.prepare("insert into feeds (url, next_fetch_at) values ('http://127.0.0.1:9/twin.xml', 0)").run().lastInsertRowid as number;
    const twinItem: NormalizedStory = { guid: 'twin', url, canonicalUrl: url, ...WIRE, summaryHtml: '', publishedAt: new Date('2025-01-01T02:00:00Z'), source: 'twin', contentHash: 'twin' };
    const twin = inTransaction(w.db, () => {
      const stored = storeFeedStories(w.db, feed, [twinItem], new Date(), (s) => ({ signature: signatureFor(s) }));
      matchNewStories(w.db, Matcher.compile([toDefinition(insertCaseLike(w))]), stored.inserted, new Date());
      return stored.inserted[0]!.id;
    });
    const other = w.publish('daily', 'other', 1);
    const status = (id: number) => (w.db.$client.prepare('select status from matches where case_id = ? and story_id = ?').get(w.caseId, id) as { status: string }).status;
    expect([status(twin), w.leadOf(twin), w.leadOf(other)]).toEqual(['auto', a, a]);
    const r = decideMatch(w.db, w.caseId, a, 'reject', new Date())!;
    expect(r.twinsRejected).toBe(1);
    decide(w, a, r);
    expect([status(a), status(twin), status(other)]).toEqual(['rejected', 'rejected', 'auto']);
    expect(w.leadOf(other)).toBeNull();
  });
});

/** What the service does after a decision. */
function decide(w: ReturnType<typeof world>, storyId: number, r: NonNullable<ReturnType<typeof decideMatch>>) {
  reclusterAfterDecision(w.db, w.caseId, { storyId, previous: r.before.status, now: r.after.status, publishedAt: r.after.publishedAt, twinsRejected: r.twinsRejected });
}

/** The world's case as stored (for a matcher built outside `world`). */
function insertCaseLike(w: ReturnType<typeof world>) {
  return caseById(w.db, w.caseId)!;
}
