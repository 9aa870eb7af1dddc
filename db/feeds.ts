// Queries on feeds: registration, the scheduler's due list, and per-feed health.
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from './openDb.ts';
import { feeds } from './schema.ts';

export type FeedRow = typeof feeds.$inferSelect;

/** A feed row with the number of stories stored from it; `app/feedView.ts` makes the view model of it. */
export interface FeedWithStoryCount {
  feed: FeedRow;
  storyCount: number;
}

export interface NewFeed {
  url: string;
  title?: string | null;
  siteUrl?: string | null;
  caseId?: number | null;
  fullText?: FeedRow['fullText'];
}

/** Returns the new row, or null when a feed with that URL is already registered. */
export function insertFeed(db: Db, feed: NewFeed, now: Date): FeedRow | null {
  const rows = db
    .insert(feeds)
    .values({ url: feed.url, title: feed.title ?? null, siteUrl: feed.siteUrl ?? null, caseId: feed.caseId ?? null, fullText: feed.fullText ?? 'auto', nextFetchAt: now })
    .onConflictDoNothing()
    .returning()
    .all();
  return rows[0] ?? null;
}

export function feedById(db: Db, id: number): FeedRow | null {
  return db.select().from(feeds).where(eq(feeds.id, id)).get() ?? null;
}

export function feedByUrl(db: Db, url: string): FeedRow | null {
  return db.select().from(feeds).where(eq(feeds.url, url)).get() ?? null;
}

export function deleteFeed(db: Db, id: number): boolean {
  return db.delete(feeds).where(eq(feeds.id, id)).run().changes > 0;
}

/**
 * Points a feed at a new URL and title in place, so its id and stories stay. A new URL drops the old
 * validators (they belong to the old query) and makes the feed due now. False when another feed has the URL.
 */
export function retargetFeed(db: Db, id: number, target: { url: string; title: string | null }, now: Date): boolean {
  const current = feedById(db, id);
  const holder = feedByUrl(db, target.url);
  if (!current || (holder && holder.id !== id)) return false;
  const moved = current.url !== target.url ? { etag: null, lastModified: null, nextFetchAt: now } : {};
  db.update(feeds).set({ url: target.url, title: target.title, ...moved }).where(eq(feeds.id, id)).run();
  return true;
}

export function setFeedPaused(db: Db, id: number, paused: boolean, now: Date): boolean {
  return db.update(feeds).set({ paused, nextFetchAt: now }).where(eq(feeds.id, id)).run().changes > 0;
}

export function setFeedFullText(db: Db, id: number, fullText: FeedRow['fullText']): boolean {
  return db.update(feeds).set({ fullText }).where(eq(feeds.id, id)).run().changes > 0;
}

/** Makes a feed due now (the "retry now" button). */
export function makeFeedDue(db: Db, id: number, now: Date): boolean {
  return db.update(feeds).set({ nextFetchAt: now }).where(eq(feeds.id, id)).run().changes > 0;
}

// Written out in full: drizzle renders columns unqualified inside a subquery, and "id" would bind to stories.id.
const storyCountSql = sql<number>`(select count(*) from stories s where s.feed_id = "feeds"."id")`;

export function listFeeds(db: Db): FeedWithStoryCount[] {
  return db.select({ feed: feeds, storyCount: storyCountSql }).from(feeds).orderBy(asc(feeds.id)).all();
}

export function feedWithStoryCountById(db: Db, id: number): FeedWithStoryCount | null {
  return db.select({ feed: feeds, storyCount: storyCountSql }).from(feeds).where(eq(feeds.id, id)).get() ?? null;
}

export function dueFeeds(db: Db, now: Date, limit = 1000): FeedRow[] {
  return db
    .select()
    .from(feeds)
    .where(and(eq(feeds.paused, false), lte(feeds.nextFetchAt, now)))
    .orderBy(asc(feeds.nextFetchAt))
    .limit(limit)
    .all();
}

export function activeFeeds(db: Db): FeedRow[] {
  return db.select().from(feeds).where(eq(feeds.paused, false)).orderBy(asc(feeds.id)).all();
}

export interface FeedHealthUpdate {
  url?: string;
  title?: string | null;
  siteUrl?: string | null;
  etag?: string | null;
  lastModified?: string | null;
  lastFetchedAt: Date;
  lastSuccessAt?: Date;
  lastStatus: 'ok' | 'not_modified' | 'error' | 'gone';
  lastHttpStatus: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextFetchAt: Date;
  intervalSec?: number;
  paused?: boolean;
}

export function updateFeedHealth(db: Db, id: number, update: FeedHealthUpdate): void {
  db.update(feeds).set(update).where(eq(feeds.id, id)).run();
}

export function listFeedRows(db: Db): FeedRow[] {
  return db.select().from(feeds).orderBy(asc(feeds.id)).all();
}

export function feedsOfCase(db: Db, caseId: number): FeedRow[] {
  return db.select().from(feeds).where(eq(feeds.caseId, caseId)).orderBy(asc(feeds.id)).all();
}

export function countFeeds(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(feeds).get()!.n;
}
