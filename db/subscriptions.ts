// Queries on subscriptions and deliveries: what is pending for a digest, and recording it as sent.
import { and, asc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './openDb.ts';
import { cases, deliveries, feeds, matches, stories, subscriptions } from './schema.ts';

export type SubscriptionRow = typeof subscriptions.$inferSelect;

export interface SubscriptionView {
  id: number;
  caseId: number | null;
  channel: 'email' | 'webhook';
  target: string;
  frequency: 'immediate' | 'daily' | 'weekly';
  hour: number;
  weekday: number;
  timezone: string;
  confirmed: boolean;
  lastSentAt: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export function toSubscriptionView(r: SubscriptionRow): SubscriptionView {
  return {
    id: r.id,
    caseId: r.caseId,
    channel: r.channel,
    target: r.target,
    frequency: r.frequency,
    hour: r.hour,
    weekday: r.weekday,
    timezone: r.timezone,
    confirmed: r.confirmedAt !== null,
    lastSentAt: r.lastSentAt?.toISOString() ?? null,
    consecutiveFailures: r.consecutiveFailures,
    lastError: r.lastError,
    nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
    disabledReason: r.disabledReason,
    createdAt: r.createdAt.toISOString(),
  };
}

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

export function confirmSubscription(db: Db, id: number, now: Date): void {
  db.update(subscriptions).set({ confirmedAt: now }).where(and(eq(subscriptions.id, id), isNull(subscriptions.confirmedAt))).run();
}

export interface PendingStory {
  caseId: number;
  caseTitle: string;
  storyId: number;
  title: string;
  url: string | null;
  source: string | null;
  feedTitle: string | null;
  publishedAt: Date;
  summary: string;
  stage: string | null;
  leadStoryId: number | null;
}

/**
 * Timeline stories (not review-queue ones) that joined a case after the subscription was made and
 * have not been delivered to it yet.
 */
export function pendingStories(db: Db, sub: SubscriptionRow): PendingStory[] {
  return db
    .select({
      caseId: matches.caseId,
      caseTitle: cases.title,
      storyId: stories.id,
      title: stories.title,
      url: stories.url,
      source: stories.source,
      feedTitle: feeds.title,
      publishedAt: stories.publishedAt,
      summary: stories.summary,
      stage: matches.stage,
      leadStoryId: matches.leadStoryId,
    })
    .from(matches)
    .innerJoin(stories, eq(stories.id, matches.storyId))
    .innerJoin(cases, eq(cases.id, matches.caseId))
    .leftJoin(feeds, eq(feeds.id, stories.feedId))
    .where(
      and(
        inArray(matches.status, ['auto', 'confirmed']),
        sub.caseId === null ? undefined : eq(matches.caseId, sub.caseId),
        or(gte(matches.createdAt, sub.createdAt), and(eq(matches.status, 'confirmed'), gte(matches.updatedAt, sub.createdAt))),
        // Spelled out: drizzle leaves columns unqualified in subqueries, where "id" would bind to deliveries.id.
        sql`not exists (select 1 from deliveries d where d.subscription_id = ${sub.id} and d.story_id = "stories"."id")`,
      ),
    )
    .orderBy(asc(cases.title), asc(stories.publishedAt))
    .all();
}

/** Records the stories as delivered and resets the failure count; one transaction with the caller's. */
export function recordDelivered(db: Db, sub: SubscriptionRow, storyIds: { storyId: number; caseId: number }[], messageId: string, now: Date): void {
  if (storyIds.length) {
    db.insert(deliveries)
      .values(storyIds.map((s) => ({ subscriptionId: sub.id, storyId: s.storyId, caseId: s.caseId, messageId, sentAt: now })))
      .onConflictDoNothing()
      .run();
  }
  db.update(subscriptions).set({ lastSentAt: now, consecutiveFailures: 0, lastError: null, nextAttemptAt: null }).where(eq(subscriptions.id, sub.id)).run();
}

export function recordDeliveryFailure(db: Db, sub: SubscriptionRow, message: string, nextAttemptAt: Date, disable: string | null): void {
  db.update(subscriptions)
    .set({ consecutiveFailures: sub.consecutiveFailures + 1, lastError: message, nextAttemptAt, ...(disable ? { disabledReason: disable } : {}) })
    .where(eq(subscriptions.id, sub.id))
    .run();
}

export function deliveredCount(db: Db, subId: number): number {
  return db.select({ n: sql<number>`count(*)` }).from(deliveries).where(eq(deliveries.subscriptionId, subId)).get()!.n;
}
