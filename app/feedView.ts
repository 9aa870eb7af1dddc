// The view model of a feed with its health, as pages, the API and the CLI show it.
import { feedWithStoryCountById, listFeeds, type FeedRow, type FeedWithStoryCount } from '../db/feeds.ts';
import type { Db } from '../db/openDb.ts';

export interface FeedView {
  id: number;
  url: string;
  title: string | null;
  siteUrl: string | null;
  caseId: number | null;
  paused: boolean;
  lastFetchedAt: string | null;
  lastStatus: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Items of the last fetched document skipped as empty. */
  lastSkipped: number;
  nextFetchAt: string | null;
  storyCount: number;
  /** Whether articles behind the feed's stories are read: `auto` (teasers a case may need), `always`, `never`. */
  fullText: FeedRow['fullText'];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toFeedView({ feed: row, storyCount }: FeedWithStoryCount): FeedView {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    siteUrl: row.siteUrl,
    caseId: row.caseId,
    paused: row.paused,
    lastFetchedAt: iso(row.lastFetchedAt),
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    consecutiveFailures: row.consecutiveFailures,
    lastSkipped: row.lastSkipped,
    nextFetchAt: row.paused ? null : iso(row.nextFetchAt),
    storyCount,
    fullText: row.fullText,
  };
}

export function listFeedViews(db: Db): FeedView[] {
  return listFeeds(db).map(toFeedView);
}

export function feedViewById(db: Db, id: number): FeedView | null {
  const found = feedWithStoryCountById(db, id);
  return found ? toFeedView(found) : null;
}
