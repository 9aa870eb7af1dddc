// Queries of the article job (jobs/articles): which new stories to look at, the URLs already asked for, the
// outcome on each story, and the per-feed counts the feed page shows.
import { and, eq, sql } from 'drizzle-orm';
import { prepared, type Db } from './openDb.ts';
import { articleFetches, stories } from './schema.ts';
import type { StoryRow } from './stories.ts';

export type ArticleState = NonNullable<StoryRow['articleState']>;
export type FullTextSetting = 'auto' | 'always' | 'never';

/** URLs asked for whose story is gone, older than a time. */
const PRUNE_ORPHAN_FETCHES = 'delete from article_fetches where story_id is null and fetched_at < ?';

/** What the article job reads of a story to decide whether to read its article. */
export interface ArticleCandidate {
  id: number;
  feedId: number | null;
  url: string | null;
  title: string;
  summary: string;
  /** The feed's setting ('auto' once the feed is removed). */
  fullText: FullTextSetting;
}

const AWAITING = `select s.id, s.feed_id as feedId, s.url, s.title, s.summary, coalesce(f.full_text, 'auto') as fullText
  from stories s left join feeds f on f.id = s.feed_id
  where s.id in (select value from json_each(?)) and (s.article_state is null or s.article_state = 'none') order by s.id`;

/**
 * The given stories whose article was not read, asked or refused yet, in id order (a resumed job skips the rest):
 * never looked at, or looked at and not needed then ('none': a case added since may need it).
 */
export function storiesAwaitingArticles(db: Db, ids: readonly number[]): ArticleCandidate[] {
  if (ids.length === 0) return [];
  return prepared(db, AWAITING).all(JSON.stringify(ids)) as ArticleCandidate[];
}

export type ArticleFetchRow = typeof articleFetches.$inferSelect;

/** The earlier request for this URL (by `canonicalizeUrl`), with the text its story holds, or null. */
export function articleFetchByKey(db: Db, urlKey: string): (ArticleFetchRow & { text: string | null }) | null {
  const row = db.select().from(articleFetches).where(eq(articleFetches.urlKey, urlKey)).get();
  if (!row) return null;
  const text = row.storyId === null ? null : (db.select({ t: stories.articleText }).from(stories).where(eq(stories.id, row.storyId)).get()?.t ?? null);
  return { ...row, text };
}

const REVIEW_TEASERS = `select m.story_id from matches m join stories s on s.id = m.story_id
  where m.case_id = ? and m.status = 'review' and (s.article_state is null or s.article_state = 'none') and s.url is not null
  order by m.story_id desc limit ?`;

/**
 * Stories a case holds for review whose article was never read: after a backfill, the teasers the new or edited
 * case may need (the article job still decides which are teasers). The newest `limit` of them.
 */
export function reviewStoriesWithoutArticle(db: Db, caseId: number, limit = 500): number[] {
  return (prepared(db, REVIEW_TEASERS).pluck().all(caseId, limit) as number[]).reverse();
}

/** Remembers that the URL was asked for; the first record stands (a URL is never fetched twice). */
export function recordArticleFetch(db: Db, row: Omit<ArticleFetchRow, 'fetchedAt'>, now: Date): void {
  db.insert(articleFetches).values({ ...row, fetchedAt: now }).onConflictDoNothing().run();
}

export interface ArticleOutcome {
  state: ArticleState;
  reason: string | null;
  /** Plain text, already capped (core/article); only with state 'fetched'. */
  text?: string | null;
  publisherUrl?: string | null;
  publisherName?: string | null;
}

const DECIDED = `update stories set article_state = ?, article_reason = ? where id = ? and (article_state is null or article_state = 'none')`;

/**
 * Records the stories the article job decided not to read ('none' or 'skipped', with the reason), in one
 * prepared statement each: a poll's every new story passes here, so no row is read back.
 */
export function recordArticleChoices(db: Db, choices: readonly { id: number; state: 'none' | 'skipped'; reason: string }[]): void {
  const stmt = prepared(db, DECIDED);
  for (const c of choices) stmt.run(c.state, c.reason, c.id);
}

/**
 * Records what the article job did for a story. Only a story it has not looked at yet is written, so a job run
 * twice changes nothing; returns the updated row, or null.
 */
export function recordStoryArticle(db: Db, storyId: number, o: ArticleOutcome, now: Date): StoryRow | null {
  return (
    db
      .update(stories)
      .set({
        articleState: o.state,
        articleReason: o.reason,
        // Named only when there is text: an UPDATE naming the column fires its index triggers (migration 0015),
        // which would re-index the pair index of every story the job only looked at.
        ...(o.state === 'fetched' ? { articleText: o.text ?? null } : {}),
        articleFetchedAt: o.state === 'fetched' || o.state === 'failed' ? now : null,
        publisherUrl: o.publisherUrl ?? null,
        publisherName: o.publisherName ?? null,
      })
      .where(and(eq(stories.id, storyId), sql`(${stories.articleState} is null or ${stories.articleState} = 'none')`))
      .returning()
      .get() ?? null
  );
}

/**
 * Forgets URLs asked for before `before` whose story is gone (pruned with the stories that match no case): a feed
 * that carries such a link again after that long may have it read again. Returns how many were forgotten.
 */
export function pruneArticleFetches(db: Db, before: Date): number {
  return prepared(db, PRUNE_ORPHAN_FETCHES).run(before.getTime()).changes;
}

export interface FeedArticleCounts {
  fetched: number;
  failed: number;
  skipped: number;
  /** Why articles failed or were skipped, most frequent first. */
  reasons: { state: 'failed' | 'skipped'; reason: string; count: number }[];
}

const COUNTS = `select article_state as state, count(*) as n from stories indexed by stories_feed_article_idx
  where feed_id = ? and article_state is not null group by article_state`;
const REASONS = `select article_state as state, coalesce(article_reason, 'no reason recorded') as reason, count(*) as count
  from stories indexed by stories_feed_article_idx where feed_id = ? and article_state in ('failed', 'skipped')
  group by article_state, reason order by count desc, reason limit ?`;

/** How many of the feed's articles were read, failed or skipped, with the most frequent reasons. */
export function feedArticleCounts(db: Db, feedId: number, reasonLimit = 5): FeedArticleCounts {
  const out: FeedArticleCounts = { fetched: 0, failed: 0, skipped: 0, reasons: [] };
  for (const r of prepared(db, COUNTS).all(feedId) as { state: ArticleState; n: number }[]) {
    if (r.state !== 'none') out[r.state] = r.n;
  }
  if (out.failed + out.skipped > 0) out.reasons = prepared(db, REASONS).all(feedId, reasonLimit) as FeedArticleCounts['reasons'];
  return out;
}
