// Queries on deliveries: what is pending for a subscription's digest, claiming it, and recording the outcome, so
// each story reaches each subscriber once.
import { and, asc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { DigestStory } from '../core/digest.ts';
import type { Db } from './openDb.ts';
import { cases, deliveries, feeds, matches, stories } from './schema.ts';
import type { SubscriptionRow } from './subscriptions.ts';

/*
 * A deliveries row is written when a story is claimed for a digest, before the send, so a crash
 * cannot lose track of what was in it. Its state (migration 0016):
 *   'sending'  claimed, send in progress (sent_at = claim time)
 *   'retry'    the send failed; the same message (message_id) is sent again after the backoff
 *   'sent'     sent (sent_at = when)
 *   'folded'   a syndicated copy of a story the subscriber already has: accounted for, never sent
 * Every state counts as "not pending", so a story is claimed at most once per subscription.
 */

/** A row of a digest that is claimed but not yet sent. */
const isOpen = () => inArray(deliveries.state, ['sending', 'retry']);

/** What a digest shows of a story on a case's timeline; the outlet falls back to the feed's title. */
const digestColumns = {
  caseId: matches.caseId,
  caseTitle: cases.title,
  storyId: stories.id,
  title: stories.title,
  url: stories.url,
  source: sql<string | null>`coalesce(${stories.source}, ${feeds.title})`,
  publishedAt: stories.publishedAt,
  summary: stories.summary,
  stage: matches.stage,
  leadStoryId: matches.leadStoryId,
};

/** Matches on a timeline (not the review queue) that joined it after the subscription was made. */
function joinedAfter(sub: SubscriptionRow) {
  return and(
    inArray(matches.status, ['auto', 'confirmed']),
    or(gte(matches.createdAt, sub.createdAt), and(eq(matches.status, 'confirmed'), gte(matches.updatedAt, sub.createdAt))),
  );
}

/**
 * Timeline stories that joined a case after the subscription was made (before `joinedBefore`, when
 * given) and have no delivery row for it yet. Columns in the raw subqueries are spelled out: drizzle
 * leaves them unqualified there, where "id" would bind to the inner table.
 */
export function pendingStories(db: Db, sub: SubscriptionRow, opts: { joinedBefore?: Date } = {}): DigestStory[] {
  const reportedBefore = sql<number>`exists (
    select 1 from matches m2
    where m2.case_id = "matches"."case_id" and m2.story_id <> "matches"."story_id" and m2.status in ('auto', 'confirmed')
      and coalesce(m2.lead_story_id, m2.story_id) = coalesce("matches"."lead_story_id", "matches"."story_id")
      and ((m2.created_at < ${sub.createdAt.getTime()} and not (m2.status = 'confirmed' and m2.updated_at >= ${sub.createdAt.getTime()}))
        or exists (select 1 from deliveries d2 where d2.subscription_id = ${sub.id} and d2.story_id = m2.story_id)))`;
  const rows = db
    .select({ ...digestColumns, reportedBefore })
    .from(matches)
    .innerJoin(stories, eq(stories.id, matches.storyId))
    .innerJoin(cases, eq(cases.id, matches.caseId))
    .leftJoin(feeds, eq(feeds.id, stories.feedId))
    .where(
      and(
        joinedAfter(sub),
        sub.caseId === null ? undefined : eq(matches.caseId, sub.caseId),
        opts.joinedBefore ? lt(matches.createdAt, opts.joinedBefore) : undefined,
        sql`not exists (select 1 from deliveries d where d.subscription_id = ${sub.id} and d.story_id = "stories"."id")`,
      ),
    )
    .orderBy(asc(cases.title), asc(stories.publishedAt), asc(stories.id))
    .all();
  return rows.map((r) => ({ ...r, reportedBefore: Boolean(r.reportedBefore) }));
}

type StoryRef = { storyId: number; caseId: number };

const rowsFor = (sub: SubscriptionRow, refs: StoryRef[], state: 'sending' | 'folded', messageId: string | null, now: Date) =>
  refs.map((s) => ({ subscriptionId: sub.id, storyId: s.storyId, caseId: s.caseId, state, messageId, sentAt: now }));

/** Claims stories for a digest about to be sent. Run in the same transaction as the pendingStories() it claims from. */
export function claimStories(db: Db, sub: SubscriptionRow, refs: StoryRef[], messageId: string, now: Date): void {
  if (refs.length) db.insert(deliveries).values(rowsFor(sub, refs, 'sending', messageId, now)).onConflictDoNothing().run();
}

/** Copies of stories the subscriber already has: recorded so they are never pending again, never sent. */
export function recordFolded(db: Db, sub: SubscriptionRow, refs: StoryRef[], now: Date): void {
  if (refs.length) db.insert(deliveries).values(rowsFor(sub, refs, 'folded', null, now)).onConflictDoNothing().run();
}

export interface OpenAttempt {
  messageId: string;
  state: 'sending' | 'retry';
  claimedAt: Date;
}

/** The oldest digest of this subscription that was claimed but not recorded as sent. */
export function openAttempt(db: Db, subId: number): OpenAttempt | null {
  const row = db
    .select({ messageId: deliveries.messageId, state: sql<'sending' | 'retry'>`min(${deliveries.state})`, claimedAt: sql<number>`min(${deliveries.sentAt})` })
    .from(deliveries)
    .where(and(eq(deliveries.subscriptionId, subId), isOpen()))
    .groupBy(deliveries.messageId)
    .orderBy(sql`min(${deliveries.sentAt})`)
    .get();
  if (!row?.messageId) return null;
  // One attempt's rows share a state; 'retry' sorts before 'sending', as the old prefixes never mixed either.
  return { messageId: row.messageId, state: row.state, claimedAt: new Date(row.claimedAt) };
}

/**
 * Takes over an open attempt for sending (compare-and-set, so two processes never send it at once):
 * a failed one always, one still marked as sending only when its claim is older than `staleBefore`.
 */
export function reclaimAttempt(db: Db, subId: number, messageId: string, staleBefore: Date, now: Date): boolean {
  return (
    db
      .update(deliveries)
      .set({ state: 'sending', sentAt: now })
      .where(
        and(
          eq(deliveries.subscriptionId, subId),
          eq(deliveries.messageId, messageId),
          or(eq(deliveries.state, 'retry'), and(eq(deliveries.state, 'sending'), lt(deliveries.sentAt, staleBefore))),
        ),
      )
      .run().changes > 0
  );
}

/** The stories of a claimed digest that are still on their case's timeline, to compose it again. */
export function attemptStories(db: Db, sub: SubscriptionRow, messageId: string): DigestStory[] {
  return db
    .select(digestColumns)
    .from(deliveries)
    .innerJoin(matches, and(eq(matches.storyId, deliveries.storyId), eq(matches.caseId, deliveries.caseId)))
    .innerJoin(stories, eq(stories.id, deliveries.storyId))
    .innerJoin(cases, eq(cases.id, matches.caseId))
    .leftJoin(feeds, eq(feeds.id, stories.feedId))
    .where(
      and(
        eq(deliveries.subscriptionId, sub.id),
        eq(deliveries.messageId, messageId),
        isOpen(),
        inArray(matches.status, ['auto', 'confirmed']),
      ),
    )
    .orderBy(asc(cases.title), asc(stories.publishedAt), asc(stories.id))
    .all();
}

/** The send went through: its stories are delivered; claimed stories that left the timeline meanwhile are released. */
export function completeAttempt(db: Db, subId: number, messageId: string, sentStoryIds: number[], now: Date): void {
  const claimed = and(eq(deliveries.subscriptionId, subId), eq(deliveries.messageId, messageId), eq(deliveries.state, 'sending'));
  if (sentStoryIds.length) db.update(deliveries).set({ state: 'sent', sentAt: now }).where(and(claimed, inArray(deliveries.storyId, sentStoryIds))).run();
  db.delete(deliveries).where(claimed).run();
}

/** The send failed: the same message (same stories, same Message-ID) is tried again after the backoff. */
export function markAttemptForRetry(db: Db, subId: number, messageId: string): void {
  db.update(deliveries)
    .set({ state: 'retry' })
    .where(and(eq(deliveries.subscriptionId, subId), eq(deliveries.messageId, messageId), eq(deliveries.state, 'sending')))
    .run();
}

/** Drops a claim whose stories have all left the timeline: nothing is left to send. */
export function releaseAttempt(db: Db, subId: number, messageId: string): void {
  db.delete(deliveries)
    .where(and(eq(deliveries.subscriptionId, subId), eq(deliveries.messageId, messageId), isOpen()))
    .run();
}

export interface DeliveryCounts {
  /** Stories sent in a digest. */
  sent: number;
  /** Stories in a digest not yet sent (in progress or waiting for a retry). */
  waiting: number;
}

export function deliveryCounts(db: Db): Map<number, DeliveryCounts> {
  const rows = db
    .select({
      subId: deliveries.subscriptionId,
      waiting: sql<number>`sum(case when ${deliveries.state} in ('sending', 'retry') then 1 else 0 end)`,
      sent: sql<number>`sum(case when ${deliveries.state} = 'sent' then 1 else 0 end)`,
    })
    .from(deliveries)
    .groupBy(deliveries.subscriptionId)
    .all();
  return new Map(rows.map((r) => [r.subId, { sent: r.sent ?? 0, waiting: r.waiting ?? 0 }]));
}

export interface DeliveryRecord {
  storyId: number;
  caseId: number | null;
  state: 'sending' | 'retry' | 'sent' | 'folded';
  messageId: string | null;
  at: Date;
}

/** Every delivery row of a subscription with its state, oldest first ("exactly once" is checked against it). */
export function deliveriesOf(db: Db, subId: number): DeliveryRecord[] {
  return db
    .select()
    .from(deliveries)
    .where(eq(deliveries.subscriptionId, subId))
    .orderBy(asc(deliveries.id))
    .all()
    .map((r) => ({ storyId: r.storyId, caseId: r.caseId, state: r.state, messageId: r.messageId, at: r.sentAt }));
}
