// The poller: fetch every due feed politely, parse, store and match its stories, record its health.
import { backoffSec, nextFetchAt, nextIntervalSec } from '../core/feedSchedule.ts';
import { dueFeeds, activeFeeds, updateFeedHealth, feedByUrl, type FeedRow } from '../db/feeds.ts';
import { inTransaction, type Db } from '../db/openDb.ts';
import { storeFeedStories } from '../db/stories.ts';
import { signatureFor } from '../core/timeline/cluster.ts';
import { storyFacts } from '../core/timelineEntries.ts';
import type { FetchOptions, FetchResult, Validators } from './fetchFeed.ts';
import type { Logger } from './logger.ts';
import { MatcherCache, matchNewStories } from '../app/matchStories.ts';
import { runPool } from './pool.ts';

export interface PollDeps {
  db: Db;
  fetch: (url: string, validators: Validators, opts: FetchOptions) => Promise<FetchResult>;
  fetchOptions: FetchOptions;
  matchers: MatcherCache;
  log: Logger;
  now?: () => Date;
  random?: () => number;
  concurrency?: number;
  perHost?: number;
  /** Told the ids of the stories a poll (or one feed's fetch) added, once it has stored them: the article job. */
  onStored?: (storyIds: number[]) => void;
}

export interface PollSummary {
  feeds: number;
  fetched: number;
  notModified: number;
  failed: number;
  newStories: number;
  newMatches: number;
}

type FeedOutcome = { kind: 'fetched'; newStories: number; newMatches: number; storyIds: number[] } | { kind: 'notModified' } | { kind: 'failed' };

/** Polls the feeds that are due (or, with `all`, every active feed) and reports what happened. */
export async function pollFeeds(deps: PollDeps, opts: { all?: boolean; feedIds?: number[]; onProgress?: (done: number, total: number) => void; shouldStop?: () => boolean } = {}): Promise<PollSummary> {
  const now = deps.now ?? (() => new Date());
  let targets = opts.all ? activeFeeds(deps.db) : dueFeeds(deps.db, now());
  if (opts.feedIds) targets = targets.filter((f) => opts.feedIds!.includes(f.id));
  const summary: PollSummary = { feeds: targets.length, fetched: 0, notModified: 0, failed: 0, newStories: 0, newMatches: 0 };
  let done = 0;
  const stored: number[] = [];
  opts.onProgress?.(0, targets.length);
  await runPool(targets, { concurrency: deps.concurrency ?? 8, perKey: deps.perHost ?? 2, key: hostOf }, async (feed) => {
    // A cancelled poll stops starting feeds; each feed already read is stored whole (one transaction each).
    if (opts.shouldStop?.()) return;
    const outcome = await pollFeed(deps, feed);
    if (outcome.kind === 'fetched') {
      stored.push(...outcome.storyIds);
      summary.fetched += 1;
      summary.newStories += outcome.newStories;
      summary.newMatches += outcome.newMatches;
    } else if (outcome.kind === 'notModified') summary.notModified += 1;
    else summary.failed += 1;
    opts.onProgress?.((done += 1), targets.length);
  });
  deps.log.info({ ...summary }, 'poll finished');
  if (stored.length) deps.onStored?.(stored);
  return summary;
}

function hostOf(feed: FeedRow): string {
  try {
    return new URL(feed.url).host;
  } catch {
    return feed.url;
  }
}

/** One feed, start to end (add a feed, "retry now"). Never throws: every failure ends up on the feed's row. */
export async function pollOneFeed(deps: PollDeps, feed: FeedRow, prefetched?: FetchResult): Promise<FeedOutcome> {
  const outcome = await pollFeed(deps, feed, prefetched);
  if (outcome.kind === 'fetched' && outcome.storyIds.length) deps.onStored?.(outcome.storyIds);
  return outcome;
}

async function pollFeed(deps: PollDeps, feed: FeedRow, prefetched?: FetchResult): Promise<FeedOutcome> {
  const now = deps.now ?? (() => new Date());
  try {
    const result = prefetched ?? (await deps.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, deps.fetchOptions));
    if (result.kind === 'notModified') {
      recordSuccess(deps, feed, { status: 304, newStories: 0, hint: result.cacheMaxAgeSec, movedTo: result.permanentRedirectTo, validators: result.validators, notModified: true });
      return { kind: 'notModified' };
    }
    if (result.kind !== 'ok') {
      const status = result.kind === 'httpError' ? result.status : null;
      const hint = result.kind === 'httpError' ? result.retryAfterSec : null;
      recordFailure(deps, feed, result.message, status, hint, result.kind === 'httpError' && result.gone);
      return { kind: 'failed' };
    }
    // Loaded at the first feed read: a server that has not polled yet (and a command that never does) skips them.
    const [{ decodeFeedBody }, { parseFeed }] = await Promise.all([import('../core/feed/decode.ts'), import('../core/feed/parse.ts')]);
    const { text } = decodeFeedBody(result.body, result.contentType);
    const parsed = await parseFeed(text, { feedUrl: result.finalUrl, contentType: result.contentType });
    if (parsed.kind !== 'ok') {
      recordFailure(deps, feed, parsed.reason, result.status, null, false);
      return { kind: 'failed' };
    }
    const t = now();
    const db = deps.db;
    const counts = inTransaction(db, () => {
      const stored = storeFeedStories(db, feed.id, parsed.feed.stories, t, (s) => ({ signature: signatureFor(s), facts: storyFacts(s) }));
      const changed = [...stored.inserted, ...stored.updated];
      const matched = changed.length ? matchNewStories(db, deps.matchers.get(db), changed, t) : { added: 0 };
      recordSuccess(deps, feed, {
        status: result.status,
        newStories: stored.inserted.length,
        hint: result.cacheMaxAgeSec,
        movedTo: result.permanentRedirectTo,
        validators: result.validators,
        notModified: false,
        skipped: parsed.feed.skipped,
        title: parsed.feed.title,
        siteUrl: parsed.feed.siteUrl,
      });
      return { newStories: stored.inserted.length, newMatches: matched.added, storyIds: stored.inserted.map((s) => s.id) };
    });
    deps.log.debug({ feedId: feed.id, newStories: counts.newStories, newMatches: counts.newMatches, skipped: parsed.feed.skipped }, 'feed stored');
    return { kind: 'fetched', ...counts };
  } catch (err) {
    // Shutting down is not the feed's fault: leave its row as it was.
    if (deps.fetchOptions.signal?.aborted) return { kind: 'failed' };
    // A bug in parsing or storage must cost this feed, never the batch.
    deps.log.error({ feedId: feed.id, err }, 'feed poll failed unexpectedly');
    recordFailure(deps, feed, `internal error: ${(err as Error).message}`, null, null, false);
    return { kind: 'failed' };
  }
}

interface SuccessInfo {
  status: number;
  newStories: number;
  hint: number | null;
  movedTo: string | null;
  validators: Validators;
  notModified: boolean;
  /** Empty items left out of the document just stored; absent for a 304 (the count stands). */
  skipped?: number;
  title?: string | null;
  siteUrl?: string | null;
}

function recordSuccess(deps: PollDeps, feed: FeedRow, info: SuccessInfo): void {
  const now = (deps.now ?? (() => new Date()))();
  const intervalSec = nextIntervalSec(feed.intervalSec, info.newStories);
  // A permanent redirect updates the stored URL, unless another feed already has that URL.
  const url = info.movedTo && info.movedTo !== feed.url && !feedByUrl(deps.db, info.movedTo) ? info.movedTo : undefined;
  updateFeedHealth(deps.db, feed.id, {
    ...(url ? { url } : {}),
    ...(info.title && !feed.title ? { title: info.title } : {}),
    ...(info.siteUrl && !feed.siteUrl ? { siteUrl: info.siteUrl } : {}),
    etag: info.validators.etag,
    lastModified: info.validators.lastModified,
    lastFetchedAt: now,
    lastSuccessAt: now,
    lastStatus: info.notModified ? 'not_modified' : 'ok',
    lastHttpStatus: info.status,
    lastError: null,
    consecutiveFailures: 0,
    ...(info.skipped !== undefined ? { lastSkipped: info.skipped } : {}),
    intervalSec,
    nextFetchAt: nextFetchAt(now, intervalSec, info.hint, (deps.random ?? Math.random)()),
  });
}

function recordFailure(deps: PollDeps, feed: FeedRow, message: string, httpStatus: number | null, hint: number | null, gone: boolean): void {
  const now = (deps.now ?? (() => new Date()))();
  const failures = feed.consecutiveFailures + 1;
  deps.log.warn({ feedId: feed.id, url: feed.url, failures }, message);
  updateFeedHealth(deps.db, feed.id, {
    lastFetchedAt: now,
    lastStatus: gone ? 'gone' : 'error',
    lastHttpStatus: httpStatus,
    lastError: gone ? `${message}: the feed is gone, so it was paused` : message,
    consecutiveFailures: failures,
    nextFetchAt: nextFetchAt(now, backoffSec(failures), hint, (deps.random ?? Math.random)()),
    ...(gone ? { paused: true } : {}),
  });
}
