// Use cases for feeds: add (checked by fetching once, with discovery from a site URL), remove, poll.
import { decodeFeedBody } from '../../core/feed/decode.ts';
import { parseFeed } from '../../core/feed/parse.ts';
import { deleteFeed, feedById, feedByUrl, feedViewById, insertFeed, makeFeedDue, setFeedPaused, type FeedView } from '../../db/feeds.ts';
import type { FetchResult } from '../../jobs/fetchFeed.ts';
import { pollFeeds, pollOneFeed, type PollSummary } from '../../jobs/pollFeeds.ts';
import type { AppContext } from '../context.ts';
import { AppError, notFound } from '../errors.ts';

type Found = { url: string; fetched: Extract<FetchResult, { kind: 'ok' }>; title: string | null };

/** Fetches the URL; when it is an HTML page, follows its first advertised feed link. */
async function findFeed(ctx: AppContext, url: string, depth = 0): Promise<Found> {
  const fetched = await ctx.poll.fetch(url, { etag: null, lastModified: null }, ctx.poll.fetchOptions);
  if (fetched.kind !== 'ok') {
    const why = fetched.kind === 'notModified' ? 'unexpected 304 Not Modified' : fetched.message;
    throw new AppError('FEED_UNREACHABLE', `could not fetch ${url}: ${why}`, [{ path: 'url', message: why }]);
  }
  const { text } = decodeFeedBody(fetched.body, fetched.contentType);
  const parsed = await parseFeed(text, { feedUrl: fetched.finalUrl, contentType: fetched.contentType });
  if (parsed.kind === 'ok') return { url: fetched.permanentRedirectTo ?? url, fetched, title: parsed.feed.title };
  if (parsed.kind === 'notAFeed' && parsed.feedLinks.length > 0 && depth === 0) return findFeed(ctx, parsed.feedLinks[0]!, 1);
  throw new AppError('NOT_A_FEED', `${url} is not a feed: ${parsed.reason}`, [{ path: 'url', message: parsed.reason }]);
}

/** Adds the feed and stores its current stories at once, so new cases can match them. */
export async function addFeed(ctx: AppContext, input: { url: string; title?: string | null }): Promise<FeedView> {
  if (feedByUrl(ctx.db, input.url)) throw new AppError('CONFLICT', `feed ${input.url} is already there`, [{ path: 'url', message: 'already added' }]);
  const found = await findFeed(ctx, input.url);
  const row = insertFeed(ctx.db, { url: found.url, title: input.title || found.title }, ctx.now());
  if (!row) throw new AppError('CONFLICT', `feed ${found.url} is already there`, [{ path: 'url', message: 'already added' }]);
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
