// Drizzle schema: the tables of casewatch. Times are epoch milliseconds (integer, mode 'timestamp_ms').
import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const cases = sqliteTable('cases', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  summary: text('summary'),
  court: text('court'),
  caseNumber: text('case_number'),
  keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  exclude: text('exclude', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  isPublic: integer('is_public', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const parties = sqliteTable(
  'parties',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    role: text('role', { enum: ['plaintiff', 'defendant', 'other'] }).notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('parties_case_idx').on(t.caseId)],
);

export const aliases = sqliteTable(
  'aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    partyId: integer('party_id')
      .notNull()
      .references(() => parties.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [uniqueIndex('aliases_party_alias_uq').on(t.partyId, t.alias)],
);

export const feeds = sqliteTable(
  'feeds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    url: text('url').notNull(),
    title: text('title'),
    siteUrl: text('site_url'),
    /** Set for a case's own news-search feeds; they are removed with the case. */
    caseId: integer('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchedAt: integer('last_fetched_at', { mode: 'timestamp_ms' }),
    lastSuccessAt: integer('last_success_at', { mode: 'timestamp_ms' }),
    /** 'ok' | 'not_modified' | 'error' | 'gone'; null before the first fetch. */
    lastStatus: text('last_status'),
    lastHttpStatus: integer('last_http_status'),
    lastError: text('last_error'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** Items of the last fetched document that were skipped as empty (no id, link, title, summary or date). */
    lastSkipped: integer('last_skipped').notNull().default(0),
    nextFetchAt: integer('next_fetch_at', { mode: 'timestamp_ms' }).notNull(),
    /** Current polling interval in seconds, adapted to how often the feed publishes. */
    intervalSec: integer('interval_sec').notNull().default(600),
    /** Whether the job of jobs/articles reads the article behind a story: for candidates with a teaser, always or never. */
    fullText: text('full_text', { enum: ['auto', 'always', 'never'] }).notNull().default('auto'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('feeds_url_uq').on(t.url), index('feeds_due_idx').on(t.paused, t.nextFetchAt)],
);

export const stories = sqliteTable(
  'stories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null once the feed is removed: stories on a timeline outlive their feed. */
    feedId: integer('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
    guid: text('guid').notNull(),
    url: text('url'),
    canonicalUrl: text('canonical_url'),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    summaryHtml: text('summary_html').notNull().default(''),
    source: text('source'),
    contentHash: text('content_hash').notNull(),
    /** Near-duplicate signature (core/timeline) used to merge syndicated copies. */
    signature: text('signature'),
    /** Amounts and courts found in the text, worked out once when the story is stored. */
    facts: text('facts', { mode: 'json' }).$type<{ amounts: string[]; courts: string[] }>(),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }).notNull(),
    fetchedAt: integer('fetched_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /**
     * The article behind the story's link as plain text (capped, core/article), read by jobs/articles when the
     * feed gave only a teaser. Indexed for search by triggers (migration 0015), like title and summary.
     */
    articleText: text('article_text'),
    /** Null until the article job looked at the story; 'none' when it had no reason to read the article. */
    articleState: text('article_state', { enum: ['fetched', 'failed', 'skipped', 'none'] }),
    /** Why the article was not read or failed, in words ("robots.txt disallows it", "HTTP 404 Not Found"). */
    articleReason: text('article_reason'),
    articleFetchedAt: integer('article_fetched_at', { mode: 'timestamp_ms' }),
    /** The publisher's URL of the article (its canonical link, else where the link led) and the site's name. */
    publisherUrl: text('publisher_url'),
    publisherName: text('publisher_name'),
  },
  (t) => [
    uniqueIndex('stories_feed_guid_uq').on(t.feedId, t.guid),
    // Per feed: the same article carried by two feeds is two rows that the timeline merges into one entry.
    uniqueIndex('stories_feed_canonical_url_uq').on(t.feedId, t.canonicalUrl),
    index('stories_canonical_url_idx').on(t.canonicalUrl),
    index('stories_published_idx').on(t.publishedAt),
    // The feed page's article counts: only stories the article job looked at are in it.
    index('stories_feed_article_idx').on(t.feedId, t.articleState).where(sql`article_state is not null`),
  ],
);

/**
 * Every article URL the article job has asked for (keyed by `canonicalizeUrl` of the URL fetched), so that no URL
 * is fetched twice: a second story with the same link takes the text from the story that holds it.
 */
export const articleFetches = sqliteTable(
  'article_fetches',
  {
    urlKey: text('url_key').primaryKey(),
    state: text('state', { enum: ['fetched', 'failed', 'skipped'] }).notNull(),
    reason: text('reason'),
    /** The story that holds the text (null once that story is removed). */
    storyId: integer('story_id').references(() => stories.id, { onDelete: 'set null' }),
    publisherUrl: text('publisher_url'),
    publisherName: text('publisher_name'),
    fetchedAt: integer('fetched_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // Removing a story looks up its fetches through the foreign key.
  (t) => [index('article_fetches_story_idx').on(t.storyId)],
);

export const matches = sqliteTable(
  'matches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull(),
    /** 'auto' | 'review' from the matcher; 'confirmed' | 'rejected' are the user's decisions and stick. */
    status: text('status', { enum: ['auto', 'review', 'confirmed', 'rejected'] }).notNull(),
    stage: text('stage'),
    /** The story this one is a copy of on this case's timeline (null: it leads its own entry). */
    leadStoryId: integer('lead_story_id'),
    /**
     * The story's date, copied here by triggers (migration 0005) so that a timeline is read from this
     * table's index alone, without touching the stories of other pages. drizzle-kit does not know the
     * triggers: a generated migration that rebuilds `matches` or `stories` must create them again
     * (tests/db/timeline.test.ts checks that they exist).
     */
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    /**
     * The week the story falls in: its Monday 00:00 UTC in epoch ms (null without a date). The one place SQL says
     * what a week is (migration 0017); `core/timeline/weeks.ts` says the same for TypeScript.
     */
    week: integer('week').generatedAlwaysAs(sql`published_at - ((published_at + 259200000) % 604800000 + 604800000) % 604800000`, { mode: 'virtual' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('matches_case_story_uq').on(t.caseId, t.storyId),
    index('matches_story_idx').on(t.storyId),
    // Covers the timeline's summary scan (order, grouping, counts, stages) without reading the stories.
    index('matches_case_timeline_idx').on(t.caseId, t.publishedAt, t.storyId, t.status, t.leadStoryId, t.stage),
    // A case's latest entry of each stage (the case's latest stage), and the copies of given leads.
    index('matches_case_stage_idx').on(t.caseId, t.stage, t.publishedAt),
    index('matches_case_lead_idx').on(t.caseId, t.leadStoryId),
    // A case's review queue in date order, without walking its timeline.
    index('matches_case_status_idx').on(t.caseId, t.status, t.publishedAt, t.storyId),
    // What joined each case's timeline since a time (the case list's "new since your last visit"): a range of
    // the newest matches only, however long the timelines are; covering, so no match row is read.
    index('matches_created_idx').on(t.createdAt, t.caseId, t.status, t.publishedAt),
  ],
);

/**
 * The user's latest confirm or reject of each match, with what it changed, so that it can be undone exactly: the
 * status the story had before, and the same-article copies (same canonical URL) a rejection also rejected, each
 * with its own status before. Removed with its match (the story pruned, the case deleted) and when undone.
 */
export const matchDecisions = sqliteTable(
  'match_decisions',
  {
    caseId: integer('case_id').notNull(),
    storyId: integer('story_id').notNull(),
    decision: text('decision', { enum: ['confirm', 'reject'] }).notNull(),
    previousStatus: text('previous_status', { enum: ['auto', 'review', 'confirmed', 'rejected'] }).notNull(),
    /** The copies this rejection also rejected: [{ storyId, status }] with their status before. */
    twins: text('twins', { mode: 'json' }).$type<{ storyId: number; status: 'auto' | 'review' }[]>().notNull().default(sql`'[]'`),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.storyId] }),
    foreignKey({ columns: [t.caseId, t.storyId], foreignColumns: [matches.caseId, matches.storyId] }).onDelete('cascade'),
  ],
);

/**
 * A case's timeline counted per week, kept by triggers on `matches` (migrations 0010 and 0017; they read the week
 * from `matches.week` and the entry rule from the view `match_timeline`, each written once) so that a page reads its
 * totals and its coverage chart from one row per week instead of stepping through every match of the case.
 * Counts only matches with a date. Never write `matches` with INSERT/UPDATE OR REPLACE: the row REPLACE removes fires
 * no delete trigger and would stay counted. drizzle-kit does not know the triggers: a generated migration that
 * rebuilds `matches` must create them again (tests/db/caseWeeks.test.ts checks that they exist and that the counts hold).
 */
export const caseWeeks = sqliteTable(
  'case_weeks',
  {
    caseId: integer('case_id').notNull(),
    /** The week's Monday 00:00 UTC, epoch ms. */
    week: integer('week').notNull(),
    /** Timeline stories (status auto or confirmed), copies included. */
    stories: integer('stories').notNull(),
    /** Timeline entries, counted as `groupEntries` folds copies under their lead. */
    entries: integer('entries').notNull(),
    /** Stories waiting in the review queue. */
    review: integer('review').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.week] })],
);

export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null means every case. */
    caseId: integer('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'webhook'] }).notNull(),
    target: text('target').notNull(),
    frequency: text('frequency', { enum: ['immediate', 'daily', 'weekly'] }).notNull().default('daily'),
    hour: integer('hour').notNull().default(8),
    weekday: integer('weekday').notNull().default(1),
    timezone: text('timezone').notNull().default('UTC'),
    secret: text('secret').notNull(),
    token: text('token').notNull(),
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    lastSentAt: integer('last_sent_at', { mode: 'timestamp_ms' }),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('subscriptions_token_uq').on(t.token)],
);

export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    storyId: integer('story_id')
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    caseId: integer('case_id'),
    /**
     * 'sending': claimed for a digest, send in progress (sent_at = claim time); 'retry': the send failed, the same
     * message goes again after the backoff; 'sent' (sent_at = when); 'folded': a copy of a story the subscriber
     * already has, accounted for and never sent (no message).
     */
    state: text('state', { enum: ['sending', 'retry', 'sent', 'folded'] }).notNull().default('sent'),
    /** The digest's Message-ID (email) or delivery id (webhook); null when folded. */
    messageId: text('message_id'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('deliveries_sub_story_uq').on(t.subscriptionId, t.storyId),
    // Deleting a story (prune, feed removal) looks up its deliveries through the foreign key.
    index('deliveries_story_idx').on(t.storyId),
  ],
);

/** API tokens for `Authorization: Bearer`; only a SHA-256 of each token is kept. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);

/** Small key/value store for the instance (e.g. the random secret that signs session cookies). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Work that runs in the background (a case's backfill, an OPML import, "poll now"): one row per job with its
 * progress, kept so that a restart can resume it (`cursor`) or mark it failed instead of leaving it running.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['backfill', 'import', 'poll', 'articles'] }).notNull(),
    state: text('state', { enum: ['queued', 'running', 'done', 'failed', 'cancelled'] }).notNull(),
    caseId: integer('case_id'),
    /** What the job was asked to do (JSON); resuming reads it again. */
    params: text('params', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    /** What it is doing, in words ("Matching stored stories"). */
    phrase: text('phrase').notNull().default(''),
    /** How far the work is applied (for a backfill: the highest story id done), written with the work itself. */
    cursor: integer('cursor'),
    /** What the job produced (JSON), once done. */
    result: text('result', { mode: 'json' }).$type<Record<string, unknown>>(),
    error: text('error'),
    cancelRequested: integer('cancel_requested', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('jobs_state_idx').on(t.state, t.id), index('jobs_case_idx').on(t.caseId, t.id)],
);
