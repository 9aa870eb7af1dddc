// Queries on subscriptions and deliveries: what is pending for a digest, claiming it, and recording the outcome.
import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DigestStory } from '../core/digest.ts';
import type { Db } from './openDb.ts';
import { cases, deliveries, feeds, matches, stories, subscriptions } from './schema.ts';

export type SubscriptionRow = typeof subscriptions.$inferSelect;

export type NewSubscription = Pick<SubscriptionRow, 'caseId' | 'channel' | 'target' | 'frequency' | 'hour' | 'weekday' | 'timezone' | 'secret' | 'token'> & {
  confirmedAt: Date | null;
};

export function insertSubscription(db: Db, s: NewSubscription, now: Date): SubscriptionRow {
  return db.insert(subscriptions).values({ ...s, createdAt: now }).returning().get();
}

export function listSubscriptions(db: Db): SubscriptionRow[] {
  return db.select().from(subscriptions).orderBy(asc(subscriptions.id)).all();
}

export function subscriptionById(db: Db, id: number): SubscriptionRow | null {
  return db.select().from(subscriptions).where(eq(subscriptions.id, id)).get() ?? null;
}

export function subscriptionByToken(db: Db, token: string): SubscriptionRow | null {
  return db.select().from(subscriptions).where(eq(subscriptions.token, token)).get() ?? null;
}

export function deleteSubscription(db: Db, id: number): boolean {
  return db.delete(subscriptions).where(eq(subscriptions.id, id)).run().changes > 0;
}

/** The link was followed, so the confirmation mail did arrive: a failure streak from sending it is over. */
export function confirmSubscription(db: Db, id: number, now: Date): void {
  db.update(subscriptions)
    .set({ confirmedAt: now, consecutiveFailures: 0, nextAttemptAt: null })
    .where(and(eq(subscriptions.id, id), isNull(subscriptions.confirmedAt)))
    .run();
}

/** Switches a subscription back on after it was turned off; its pending stories go out with the next run. */
export function resumeSubscription(db: Db, id: number): boolean {
  return db.update(subscriptions).set({ disabledReason: null, consecutiveFailures: 0, nextAttemptAt: null }).where(eq(subscriptions.id, id)).run().changes > 0;
}

/** A successful send: the failure streak ends (lastError stays as history). */
export function recordSendSuccess(db: Db, subId: number, now: Date, digestSent: boolean): void {
  db.update(subscriptions)
    .set({ consecutiveFailures: 0, nextAttemptAt: null, ...(digestSent ? { lastSentAt: now } : {}) })
    .where(eq(subscriptions.id, subId))
    .run();
}

export function recordSendFailure(db: Db, subId: number, message: string, nextAttemptAt: Date, disable: string | null): void {
  db.update(subscriptions)
    .set({ consecutiveFailures: sql`${subscriptions.consecutiveFailures} + 1`, lastError: message, nextAttemptAt, ...(disable ? { disabledReason: disable } : {}) })
    .where(eq(subscriptions.id, subId))
    .run();
}

/*
 * A deliveries row is written when a story is claimed for a digest, before the send, so a crash
 * cannot lose track of what was in it. Its state lives in message_id:
 *   'sending:<id>'  claimed, send in progress (sent_at = claim time)
 *   'retry:<id>'    the send failed; the same message is sent again after the backoff
 *   '<id>'          sent (sent_at = when)
 *   null            a syndicated copy of a story the subscriber already has: accounted for, never sent
 * Every state counts as "not pending", so a story is claimed at most once per subscription.
 */
const SENDING = 'sending:';
const RETRY = 'retry:';

/** A row of a digest that is claimed but not yet sent. */
const isOpen = () => sql`(substr(${deliveries.messageId}, 1, ${SENDING.length}) = ${SENDING} or substr(${deliveries.messageId}, 1, ${RETRY.length}) = ${RETRY})`;

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

const rowsFor = (sub: SubscriptionRow, refs: StoryRef[], messageId: string | null, now: Date) =>
  refs.map((s) => ({ subscriptionId: sub.id, storyId: s.storyId, caseId: s.caseId, messageId, sentAt: now }));

/** Claims stories for a digest about to be sent. Run in the same transaction as the pendingStories() it claims from. */
export function claimStories(db: Db, sub: SubscriptionRow, refs: StoryRef[], messageId: string, now: Date): void {
  if (refs.length) db.insert(deliveries).values(rowsFor(sub, refs, `${SENDING}${messageId}`, now)).onConflictDoNothing().run();
}

/** Copies of stories the subscriber already has: recorded so they are never pending again, never sent. */
export function recordFolded(db: Db, sub: SubscriptionRow, refs: StoryRef[], now: Date): void {
  if (refs.length) db.insert(deliveries).values(rowsFor(sub, refs, null, now)).onConflictDoNothing().run();
}

export interface OpenAttempt {
  messageId: string;
  state: 'sending' | 'retry';
  claimedAt: Date;
}

/** The oldest digest of this subscription that was claimed but not recorded as sent. */
export function openAttempt(db: Db, subId: number): OpenAttempt | null {
  const row = db
    .select({ messageId: deliveries.messageId, claimedAt: sql<number>`min(${deliveries.sentAt})` })
    .from(deliveries)
    .where(and(eq(deliveries.subscriptionId, subId), isOpen()))
    .groupBy(deliveries.messageId)
    .orderBy(sql`min(${deliveries.sentAt})`)
    .get();
  if (!row?.messageId) return null;
  const sending = row.messageId.startsWith(SENDING);
  return { messageId: row.messageId.slice((sending ? SENDING : RETRY).length), state: sending ? 'sending' : 'retry', claimedAt: new Date(row.claimedAt) };
}

/**
 * Takes over an open attempt for sending (compare-and-set, so two processes never send it at once):
 * a failed one always, one still marked as sending only when its claim is older than `staleBefore`.
 */
export function reclaimAttempt(db: Db, subId: number, messageId: string, staleBefore: Date, now: Date): boolean {
  return (
    db
      .update(deliveries)
      .set({ messageId: `${SENDING}${messageId}`, sentAt: now })
      .where(
        and(
          eq(deliveries.subscriptionId, subId),
          or(eq(deliveries.messageId, `${RETRY}${messageId}`), and(eq(deliveries.messageId, `${SENDING}${messageId}`), lt(deliveries.sentAt, staleBefore))),
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
        inArray(deliveries.messageId, [`${SENDING}${messageId}`, `${RETRY}${messageId}`]),
        inArray(matches.status, ['auto', 'confirmed']),
      ),
    )
    .orderBy(asc(cases.title), asc(stories.publishedAt), asc(stories.id))
    .all();
}

/** The send went through: its stories are delivered; claimed stories that left the timeline meanwhile are released. */
export function completeAttempt(db: Db, subId: number, messageId: string, sentStoryIds: number[], now: Date): void {
  const claimed = and(eq(deliveries.subscriptionId, subId), eq(deliveries.messageId, `${SENDING}${messageId}`));
  if (sentStoryIds.length) db.update(deliveries).set({ messageId, sentAt: now }).where(and(claimed, inArray(deliveries.storyId, sentStoryIds))).run();
  db.delete(deliveries).where(claimed).run();
}

/** The send failed: the same message (same stories, same Message-ID) is tried again after the backoff. */
export function markAttemptForRetry(db: Db, subId: number, messageId: string): void {
  db.update(deliveries)
    .set({ messageId: `${RETRY}${messageId}` })
    .where(and(eq(deliveries.subscriptionId, subId), eq(deliveries.messageId, `${SENDING}${messageId}`)))
    .run();
}

/** Drops a claim whose stories have all left the timeline: nothing is left to send. */
export function releaseAttempt(db: Db, subId: number, messageId: string): void {
  db.delete(deliveries)
    .where(and(eq(deliveries.subscriptionId, subId), or(eq(deliveries.messageId, `${SENDING}${messageId}`), eq(deliveries.messageId, `${RETRY}${messageId}`))))
    .run();
}

export interface DeliveryCounts {
  /** Stories sent in a digest. */
  sent: number;
  /** Stories in a digest not yet sent (in progress or waiting for a retry). */
  waiting: number;
}

export function deliveryCounts(db: Db): Map<number, DeliveryCounts> {
  const open = isOpen();
  const rows = db
    .select({
      subId: deliveries.subscriptionId,
      waiting: sql<number>`sum(case when ${open} then 1 else 0 end)`,
      sent: sql<number>`sum(case when ${deliveries.messageId} is not null and not (${open}) then 1 else 0 end)`,
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
    .map((r) => {
      const m = r.messageId;
      const state = m === null ? 'folded' : m.startsWith(SENDING) ? 'sending' : m.startsWith(RETRY) ? 'retry' : 'sent';
      const messageId = m === null ? null : m.slice(state === 'sending' ? SENDING.length : state === 'retry' ? RETRY.length : 0);
      return { storyId: r.storyId, caseId: r.caseId, state, messageId, at: r.sentAt };
    });
}
