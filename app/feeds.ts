// Use cases for feeds: add (checked by fetching once, with discovery from a site URL), remove, poll.
import { deleteFeed, feedById, feedByUrl, insertFeed, makeFeedDue, retargetFeed, setFeedFullText, setFeedPaused, type FeedRow } from '../db/feeds.ts';
import { feedViewById, type FeedView } from './feedView.ts';
import { feedArticleCounts, type FeedArticleCounts } from '../db/articles.ts';
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/packagePath.ts';
import { parseOpml, toOpml, withoutFragment } from '../core/opml.ts';
import { planSearchFeedSync, searchFeedsForCase } from '../core/searchFeeds.ts';
import type { CaseDefinition } from '../core/caseDefinition.ts';
import { feedsOfCase, listFeedRows } from '../db/feeds.ts';
import type { FetchResult } from '../jobs/fetchFeed.ts';
import { httpUrlSchema } from './schemas.ts';
import { pollFeeds, pollOneFeed, type PollSummary } from '../jobs/pollFeeds.ts';
import { inTransaction } from '../db/openDb.ts';
import type { JobRow } from '../db/jobs.ts';
import type { AppContext } from './context.ts';
import { AppError, notFound } from './errors.ts';
import { describeFeedProblem, type ProblemKind } from '../core/feedHealth.ts';

type Found = { url: string; fetched: Extract<FetchResult, { kind: 'ok' }>; title: string | null };

/** The feed decoder and parser, loaded at the first feed read (with their charset tables, a sixth of the code). */
const feedReading = async () => ({ ...(await import('../core/feed/decode.ts')), ...(await import('../core/feed/parse.ts')) });

/** Fetches the URL; when it is an HTML page, follows its first advertised feed link. */
async function findFeed(ctx: AppContext, url: string, depth = 0): Promise<Found> {
  const fetched = await ctx.poll.fetch(url, { etag: null, lastModified: null }, ctx.poll.fetchOptions);
  if (fetched.kind !== 'ok') {
    const why = fetched.kind === 'notModified' ? 'unexpected 304 Not Modified' : fetched.message;
    throw new AppError('FEED_UNREACHABLE', addProblem(why, url), [{ path: 'url', message: why }]);
  }
  const { decodeFeedBody, parseFeed } = await feedReading();
  const { text } = decodeFeedBody(fetched.body, fetched.contentType);
  const parsed = await parseFeed(text, { feedUrl: fetched.finalUrl, contentType: fetched.contentType });
  if (parsed.kind === 'ok') return { url: fetched.permanentRedirectTo ?? url, fetched, title: parsed.feed.title };
  if (parsed.kind === 'notAFeed' && parsed.feedLinks.length > 0 && depth === 0) return findFeed(ctx, parsed.feedLinks[0]!, 1);
  const message = parsed.kind === 'notAFeed' && /HTML page/.test(parsed.reason)
    ? `${url}: this is a web page that links to no feed. Look on the site for an RSS or Atom link and add that address.`
    : addProblem(parsed.reason, url);
  throw new AppError('NOT_A_FEED', message, [{ path: 'url', message: parsed.reason }]);
}

/** Problems whose usual advice is to wait for the next poll; a feed that was never added has none. */
const RETRIED = new Set<ProblemKind>(['refused', 'reset', 'timeout', 'http', 'malformed', 'internal', 'other']);

/** Why a new feed could not be added, in the words the feeds page uses, with advice for someone adding it now. */
function addProblem(message: string, url: string): string {
  const p = describeFeedProblem(message, url);
  return `${url}: ${p.what} ${RETRIED.has(p.kind) ? 'Check the address, or try again later.' : p.advice}`;
}

/** Adds the feed and stores its current stories at once, so new cases can match them. */
export async function addFeed(ctx: AppContext, input: { url: string; title?: string | null; fullText?: FeedRow['fullText'] | undefined }): Promise<FeedView> {
  const url = withoutFragment(input.url);
  if (feedByUrl(ctx.db, url)) throw new AppError('CONFLICT', `feed ${url} is already there`, [{ path: 'url', message: 'already added' }]);
  const found = await findFeed(ctx, url);
  const feedUrl = withoutFragment(found.url);
  const row = insertFeed(ctx.db, { url: feedUrl, title: input.title || found.title, ...(input.fullText ? { fullText: input.fullText } : {}) }, ctx.now());
  if (!row) throw new AppError('CONFLICT', `feed ${feedUrl} is already there`, [{ path: 'url', message: 'already added' }]);
  await pollOneFeed(ctx.poll, row, found.fetched);
  ctx.log.info({ feedId: row.id, url: row.url }, 'feed added');
  return feedViewById(ctx.db, row.id)!;
}

export function removeFeed(ctx: AppContext, id: number): void {
  if (!deleteFeed(ctx.db, id)) throw notFound(`feed ${id}`);
}

export function pauseFeed(ctx: AppContext, id: number, paused: boolean): FeedView {
  if (!setFeedPaused(ctx.db, id, paused, ctx.now())) throw notFound(`feed ${id}`);
  return feedViewById(ctx.db, id)!;
}

/** Whether the articles behind the feed's new stories are read: `auto`, `always` or `never`. */
export function setFullText(ctx: AppContext, id: number, fullText: FeedRow['fullText']): FeedView {
  if (!setFeedFullText(ctx.db, id, fullText)) throw notFound(`feed ${id}`);
  return feedViewById(ctx.db, id)!;
}

/** The feed with how many of its articles were read, failed (with the reasons) or skipped. */
export function feedWithArticles(ctx: AppContext, id: number): FeedView & { articles: FeedArticleCounts } {
  const feed = feedViewById(ctx.db, id);
  if (!feed) throw notFound(`feed ${id}`);
  return { ...feed, articles: feedArticleCounts(ctx.db, id) };
}

/** "Retry now": polls this one feed immediately, whatever its backoff. */
export async function retryFeed(ctx: AppContext, id: number): Promise<FeedView> {
  const feed = feedById(ctx.db, id);
  if (!feed) throw notFound(`feed ${id}`);
  makeFeedDue(ctx.db, id, ctx.now());
  await pollOneFeed(ctx.poll, feedById(ctx.db, id)!);
  return feedViewById(ctx.db, id)!;
}

/** Polls every active feed now; joins a poll already running rather than starting a second one. */
export async function pollAllNow(ctx: AppContext): Promise<PollSummary> {
  const first = ctx.pollLock.run(() => pollFeeds(ctx.poll, { all: true }));
  const summary = await first.done;
  // A scheduled poll of only the due feeds was running: now poll them all, as asked.
  return first.joined ? ctx.pollLock.run(() => pollFeeds(ctx.poll, { all: true })).done : summary;
}

/** The scheduler's tick: only feeds that are due. */
export function pollDueFeeds(ctx: AppContext): Promise<PollSummary> {
  return ctx.pollLock.run(() => pollFeeds(ctx.poll)).done;
}

export interface ImportReport {
  added: number;
  existing: number;
  invalid: { url: string; reason: string }[];
  /** The first fetch of the added feeds, in the background (null when none was added). */
  job: JobRow | null;
}

/** Starts "poll now" of every active feed as a background job. */
export function startPoll(ctx: AppContext): JobRow {
  return ctx.jobs.start('poll', { phrase: 'Waiting to fetch feeds' });
}

/**
 * Adds every feed of an OPML file, then fetches the new ones in a background job (a reader's export can hold
 * hundreds): the job records each one's health and stores its stories.
 */
export function importOpml(ctx: AppContext, text: string): ImportReport {
  const parsed = parseOpml(text);
  if (!parsed.ok) throw new AppError('VALIDATION', `cannot import: ${parsed.reason}`, [{ path: 'opml', message: parsed.reason }]);
  const report: ImportReport = { added: 0, existing: 0, invalid: [], job: null };
  const addedIds: number[] = [];
  inTransaction(ctx.db, () => {
    for (const f of parsed.feeds) {
      const url = httpUrlSchema.safeParse(f.url);
      if (!url.success) {
        report.invalid.push({ url: f.url.slice(0, 300), reason: 'not an http(s) URL' });
        continue;
      }
      const row = insertFeed(ctx.db, { url: url.data, title: f.title?.slice(0, 300) ?? null, siteUrl: f.siteUrl }, ctx.now());
      if (row) {
        report.added += 1;
        addedIds.push(row.id);
      } else report.existing += 1;
    }
  });
  if (addedIds.length) report.job = ctx.jobs.start('import', { params: { feedIds: addedIds }, phrase: 'Waiting to fetch the new feeds' });
  ctx.log.info({ added: report.added, existing: report.existing, invalid: report.invalid.length }, 'OPML imported');
  return report;
}

export function exportOpml(ctx: AppContext): string {
  return toOpml('casewatch feeds', listFeedRows(ctx.db).filter((f) => f.caseId === null), ctx.now());
}

export const STARTER_OPML = packagePath('demo/starter-feeds.opml');

export function importStarterFeeds(ctx: AppContext): ImportReport {
  return importOpml(ctx, readFileSync(STARTER_OPML, 'utf8'));
}

/**
 * Keeps a case's news-search feeds in step with its names (SEARCH_FEEDS). An edition still called for is
 * updated in place when its query changes: replacing it would give its stories new ids on the next poll,
 * and the user's rejections (kept per story id) would no longer apply. Run inside the case's transaction.
 * Returns the feeds to fetch now: the ones added and the ones whose query changed (both are due at once).
 */
export function syncSearchFeeds(ctx: AppContext, def: CaseDefinition): number[] {
  if (!ctx.config.searchFeeds) return [];
  const now = ctx.now();
  const current = feedsOfCase(ctx.db, def.id);
  const plan = planSearchFeedSync(current, searchFeedsForCase(def));
  const due: number[] = [];
  for (const id of plan.remove) deleteFeed(ctx.db, id);
  for (const u of plan.update) {
    // Another feed (another case with the same names) already runs that query; every case matches its stories.
    if (!retargetFeed(ctx.db, u.id, u, now)) deleteFeed(ctx.db, u.id);
    else if (current.find((f) => f.id === u.id)?.url !== u.url) due.push(u.id);
  }
  for (const w of plan.insert) {
    const row = insertFeed(ctx.db, { url: w.url, title: w.title, caseId: def.id }, now);
    if (row) due.push(row.id);
  }
  return due;
}

/**
 * Fetches a case's new news-search feeds at once, in the background, rather than at the next scheduled poll:
 * a new case should not wait up to a poll interval for its first stories. Null when there is nothing to fetch.
 */
export function startSearchFeedFetch(ctx: AppContext, caseTitle: string, feedIds: number[]): JobRow | null {
  if (feedIds.length === 0) return null;
  const phrase = `Waiting to fetch the news-search feeds of “${caseTitle}”`;
  return ctx.jobs.start('import', { params: { feedIds }, phrase });
}
