// The digest job on a migrated SQLite with an injected clock: what goes in, when it goes, and backoff after failure.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { NormalizedStory } from '../../core/story.ts';
import { insertCase } from '../../db/cases.ts';
import { insertFeed } from '../../db/feeds.ts';
import { applyStoryMatches, decideMatch } from '../../db/matches.ts';
import { inTransaction, openDb } from '../../db/openDb.ts';
import { storeFeedStories } from '../../db/stories.ts';
import { deliveriesOf } from '../../db/deliveries.ts';
import { insertSubscription, subscriptionById, type NewSubscription } from '../../db/subscriptions.ts';
import { silentLogger } from '../../jobs/logger.ts';
import { outboxMailer } from '../../jobs/mailer.ts';
import { sendDigests } from '../../jobs/sendDigests.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** A database with one case and one feed, a clock the test moves, and an outbox the test reads. */
function world(start: string, outbox?: string) {
  const db = openDb(':memory:');
  const dir = outbox ?? tempDir();
  let clock = new Date(start);
  const c = insertCase(db, { title: 'ByteDance v. Tian Keyu', parties: [{ name: 'ByteDance', role: 'plaintiff' }] }, clock);
  const feed = insertFeed(db, { url: 'http://127.0.0.1:9/feed.xml', title: 'Test Wire' }, clock)!;
  const seen = new Set<string>();
  let n = 0;
  return {
    db,
    dir,
    at: (iso: string) => (clock = new Date(iso)),
    deps: (mailDir = dir) => ({ db, mailer: outboxMailer(mailDir), log: silentLogger, baseUrl: 'http://casewatch.test', mailFrom: 'casewatch <d@casewatch.test>', now: () => clock }),
    /** A story joins the case's timeline (or review queue) now. */
    story(title: string, o: { status?: 'auto' | 'review'; lead?: number; source?: string; stage?: string } = {}): number {
      n += 1;
      const item: NormalizedStory = { guid: `g${n}`, url: `https://wire.example.com/${n}`, canonicalUrl: `https://wire.example.com/${n}`, title, summary: `${title}, in more words.`, summaryHtml: '', publishedAt: clock, source: o.source ?? 'Test Wire', contentHash: `h${n}` };
      const id = inTransaction(db, () => storeFeedStories(db, feed.id, [item], clock).inserted[0]!.id);
      applyStoryMatches(db, [id], [{ caseId: c.id, storyId: id, score: 1, status: o.status ?? 'auto', reasons: ['test'], stage: o.stage ?? null, leadStoryId: o.lead ?? null }], clock);
      return id;
    },
    subscribe: (over: Partial<NewSubscription>) =>
      insertSubscription(db, { caseId: c.id, channel: 'email', target: 'reader@example.com', frequency: 'daily', hour: 8, weekday: 1, timezone: 'UTC', secret: 'secret', token: `token-${++n}`, confirmedAt: clock, ...over }, clock),
    caseId: c.id,
    /** Mails written to the outbox since the last call. */
    async newMail(): Promise<ParsedMail[]> {
      let names: string[] = [];
      try {
        names = readdirSync(dir).filter((f) => f.endsWith('.eml') && !seen.has(f));
      } catch {
        /* no outbox yet */
      }
      names.forEach((f) => seen.add(f));
      return Promise.all(names.sort().map((f) => simpleParser(readFileSync(path.join(dir, f)))));
    },
  };
}

describe('what a digest holds', () => {
  it('leaves out the backlog and the review queue, folds copies, and never sends a copy of a story already sent', async () => {
    const w = world('2025-01-15T12:00:00Z');
    w.story('Backlog: ByteDance sues its former intern');
    w.at('2025-01-15T12:01:00Z');
    const sub = w.subscribe({ frequency: 'immediate' });
    w.at('2025-01-15T12:02:00Z');
    const b = w.story('ByteDance wins an injunction');
    const c = w.story('ByteDance hearing rumoured', { status: 'review' });
    const d = w.story('ByteDance wins an injunction', { lead: b, source: 'Mirror Daily' });
    const e = w.story('Backlog copy from another outlet', { lead: 1, source: 'Echo Post' });

    expect(await sendDigests(w.deps())).toEqual({ sent: 1, failed: 0 });
    expect(await sendDigests(w.deps())).toEqual({ sent: 0, failed: 0 });
    const [mail] = await w.newMail();
    expect(mail!.subject).toBe('ByteDance v. Tian Keyu: 1 new story');
    expect(mail!.text).toContain('ByteDance wins an injunction');
    expect(mail!.text).toContain('Also reported by Mirror Daily');
    for (const absent of ['Backlog', 'hearing rumoured', 'Echo Post']) expect(mail!.text).not.toContain(absent);
    expect(deliveriesOf(w.db, sub.id).map((x) => [x.storyId, x.state])).toEqual(
      expect.arrayContaining([
        [b, 'sent'],
        [d, 'sent'],
        [e, 'folded'],
      ]),
    );

    // Confirming a review-queue story puts it on the timeline: it is news now.
    w.at('2025-01-15T12:10:00Z');
    decideMatch(w.db, w.caseId, c, 'confirm', new Date('2025-01-15T12:10:00Z'));
    w.story('ByteDance wins an injunction', { lead: b, source: 'Late Herald' });
    expect(await sendDigests(w.deps())).toEqual({ sent: 1, failed: 0 });
    const [second] = await w.newMail();
    expect(second!.text).toContain('hearing rumoured');
    expect(second!.text).not.toContain('injunction');
    expect(second!.text).not.toContain('Late Herald');
    expect(deliveriesOf(w.db, sub.id)).toHaveLength(5);
  });

  it('sends nothing when nothing is new, and nothing before an email address is confirmed', async () => {
    const w = world('2025-01-15T12:00:00Z');
    w.subscribe({ frequency: 'immediate' });
    w.subscribe({ frequency: 'immediate', confirmedAt: null, target: 'unconfirmed@example.com' });
    expect(await sendDigests(w.deps(), { force: true })).toEqual({ sent: 0, failed: 0 });
    w.story('ByteDance wins an injunction');
    expect(await sendDigests(w.deps(), { force: true })).toEqual({ sent: 1, failed: 0 });
    const mails = await w.newMail();
    expect(mails.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''))).toEqual(['reader@example.com']);
  });
});

describe('when a digest goes out', () => {
  it('daily at 08:00 New York time, across the UTC and the local day boundary', async () => {
    const w = world('2025-01-15T12:00:00Z');
    w.subscribe({ frequency: 'daily', hour: 8, timezone: 'America/New_York' }); // 08:00 EST is 13:00Z
    w.at('2025-01-15T12:30:00Z');
    w.story('Story A');
    const tick = async (iso: string) => (w.at(iso), (await sendDigests(w.deps())).sent);
    expect(await tick('2025-01-15T12:59:00Z')).toBe(0);
    expect(await tick('2025-01-15T13:00:00Z')).toBe(1);
    expect((await w.newMail()).map((m) => m.subject)).toEqual(['ByteDance v. Tian Keyu: 1 new story']);

    w.at('2025-01-15T13:30:00Z');
    w.story('Story B');
    // After today's digest, B waits for tomorrow's, through the UTC midnight and the New York midnight.
    for (const iso of ['2025-01-15T13:35:00Z', '2025-01-16T00:00:00Z', '2025-01-16T04:59:00Z', '2025-01-16T05:00:00Z', '2025-01-16T12:59:00Z']) expect(await tick(iso), iso).toBe(0);
    expect(await tick('2025-01-16T13:00:00Z')).toBe(1);
    const [b] = await w.newMail();
    expect(b!.text).toContain('Story B');
    expect(b!.text).not.toContain('Story A');
    expect(await tick('2025-01-16T13:01:00Z')).toBe(0);
  });

  it('a story that arrives after a daily digest had nothing to send waits for the next one', async () => {
    const w = world('2025-01-15T07:00:00Z');
    w.subscribe({ frequency: 'daily', hour: 8 });
    const tick = async (iso: string) => (w.at(iso), (await sendDigests(w.deps())).sent);
    expect(await tick('2025-01-15T08:00:00Z')).toBe(0);
    w.at('2025-01-15T14:00:00Z');
    w.story('Afternoon story');
    expect(await tick('2025-01-15T14:01:00Z')).toBe(0);
    expect(await tick('2025-01-16T07:59:00Z')).toBe(0);
    expect(await tick('2025-01-16T08:00:00Z')).toBe(1);
  });

  it('weekly on Monday 09:00 Tokyo time (Monday 00:00Z)', async () => {
    const w = world('2025-01-15T12:00:00Z'); // a Wednesday
    w.subscribe({ frequency: 'weekly', weekday: 1, hour: 9, timezone: 'Asia/Tokyo' });
    w.at('2025-01-16T03:00:00Z');
    w.story('Thursday story');
    const tick = async (iso: string) => (w.at(iso), (await sendDigests(w.deps())).sent);
    expect(await tick('2025-01-19T23:59:00Z')).toBe(0);
    expect(await tick('2025-01-20T00:00:00Z')).toBe(1);
    expect(await tick('2025-01-21T00:00:00Z')).toBe(0);
  });

  it('immediately, but at most one digest per batching window; "send now" ignores the window', async () => {
    const w = world('2025-01-15T12:00:00Z');
    w.subscribe({ frequency: 'immediate' });
    const tick = async (iso: string, force = false) => (w.at(iso), (await sendDigests(w.deps(), { force })).sent);
    w.story('First');
    expect(await tick('2025-01-15T12:00:30Z')).toBe(1);
    w.at('2025-01-15T12:01:00Z');
    w.story('Second');
    expect(await tick('2025-01-15T12:02:00Z')).toBe(0);
    expect(await tick('2025-01-15T12:05:30Z')).toBe(1);
    w.at('2025-01-15T12:06:00Z');
    w.story('Third');
    expect(await tick('2025-01-15T12:06:10Z', true)).toBe(1);
    expect((await w.newMail()).map((m) => m.text!.match(/^\* (\w+)$/m)?.[1])).toEqual(['First', 'Second', 'Third']);
  });
});

describe('after a failed send', () => {
  it('waits out the backoff on scheduled runs, retries the same message, and "send now" skips the wait', async () => {
    const dir = tempDir();
    const blocked = path.join(dir, 'blocked');
    writeFileSync(blocked, 'a file where the outbox folder should be');
    const w = world('2025-01-15T12:00:00Z', path.join(blocked, 'outbox'));
    const sub = w.subscribe({ frequency: 'immediate' });
    w.story('Held story');
    const tick = async (iso: string, force = false) => (w.at(iso), await sendDigests(w.deps(), { force }));

    expect(await tick('2025-01-15T12:00:10Z')).toEqual({ sent: 0, failed: 1 });
    const failed = subscriptionById(w.db, sub.id)!;
    expect(failed.lastError).toMatch(/^could not write to the outbox/);
    expect(failed.nextAttemptAt?.toISOString()).toBe('2025-01-15T12:01:10.000Z');
    expect(await tick('2025-01-15T12:00:40Z')).toEqual({ sent: 0, failed: 0 });
    expect(await tick('2025-01-15T12:01:10Z')).toEqual({ sent: 0, failed: 1 });
    expect(subscriptionById(w.db, sub.id)!.nextAttemptAt?.toISOString()).toBe('2025-01-15T12:03:10.000Z');
    const claimed = deliveriesOf(w.db, sub.id);
    expect(claimed.map((d) => d.state)).toEqual(['retry']);

    w.at('2025-01-15T12:01:30Z');
    w.story('Later story');
    rmSync(blocked);
    expect(await tick('2025-01-15T12:01:40Z', true)).toEqual({ sent: 2, failed: 0 });
    const [held, later] = await w.newMail();
    expect(held!.messageId).toBe(claimed[0]!.messageId);
    expect(held!.text).toContain('Held story');
    expect(held!.text).not.toContain('Later story');
    expect(later!.text).toContain('Later story');
    expect(subscriptionById(w.db, sub.id)).toMatchObject({ consecutiveFailures: 0, nextAttemptAt: null, lastError: expect.stringMatching(/^could not write/) });
  });
});
