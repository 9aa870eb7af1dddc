// Queries on subscriptions: create, confirm, pause and resume them, and record how their sends went (db/deliveries.ts
// keeps what each one was sent).
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './openDb.ts';
import { subscriptions } from './schema.ts';

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
