// The article job: after a poll stores new stories, reads the article behind each teaser a case may need, stores
// its text and matches the story again. Runs on its own, so a slow site never holds up a poll.
import {
  articleFetchByKey,
  recordArticleChoices,
  recordArticleFetch,
  recordStoryArticle,
  storiesAwaitingArticles,
  type ArticleCandidate,
  type ArticleFetchRow,
  type ArticleOutcome,
} from '../../db/articles.ts';
import { queuedJobOfKind, setJobParams, type JobRow } from '../../db/jobs.ts';
import { inTransaction, type Db } from '../../db/openDb.ts';
import type { JobHandle, JobHandler, JobOutcome, JobRunner } from '../jobRunner.ts';
import type { Logger } from '../logger.ts';
import { matchNewStories, type MatcherCache } from '../../app/matchStories.ts';
import { runPool } from '../pool.ts';
import { chooseArticle } from './chooseArticle.ts';
import type { PageFetcher } from './pageFetcher.ts';
import { articleTarget, readArticle, type ArticleResult } from './readArticle.ts';

export interface ArticleDeps {
  db: Db;
  pages: PageFetcher;
  matchers: MatcherCache;
  log: Logger;
  now: () => Date;
  /** Articles read at once across hosts (each host has its own limit in `pages`). */
  concurrency?: number;
}

/** Reads in flight by URL key, shared by every article job of the process: two stories, one request. */
const inFlight = new WeakMap<PageFetcher, Map<string, Promise<ArticleResult>>>();

/**
 * Queues the article job for stories a poll just stored; an article job still waiting to start takes them on
 * instead, so polls in a row make one job, not one each. Null when there are none.
 */
export function queueArticles(db: Db, jobs: JobRunner, storyIds: readonly number[]): JobRow | null {
  if (storyIds.length === 0) return null;
  const waiting = queuedJobOfKind(db, 'articles');
  if (waiting) {
    const before = Array.isArray(waiting.params.storyIds) ? (waiting.params.storyIds as number[]) : [];
    setJobParams(db, waiting.id, { ...waiting.params, storyIds: [...before, ...storyIds] });
    return waiting;
  }
  return jobs.start('articles', { params: { storyIds: [...storyIds] }, phrase: 'Waiting to read the articles behind new stories' });
}

/** Resumable: a story's article state is written with its outcome, so a resumed job skips the stories done. */
export function articlesJob(deps: ArticleDeps): JobHandler {
  return { resumable: true, run: (job) => runArticles(deps, job) };
}

async function runArticles(deps: ArticleDeps, job: JobHandle): Promise<JobOutcome> {
  const ids = Array.isArray(job.params.storyIds) ? job.params.storyIds.filter((id): id is number => Number.isInteger(id)) : [];
  const toRead = chooseStories(deps, storiesAwaitingArticles(deps.db, ids));
  const counts = { fetched: 0, failed: 0, skipped: 0, matched: 0 };
  let done = 0;
  job.progress({ done, total: toRead.length, phrase: 'Reading the articles behind teasers' });
  // The pool asks each waiting story's host on every start: worked out once per story.
  const hosts = new Map(
    toRead.map((s) => {
      const url = articleTarget(s.url!)?.url ?? '';
      return [s.id, URL.canParse(url) ? new URL(url).host : ''] as const;
    }),
  );
  const pool = { concurrency: deps.concurrency ?? 6, perKey: deps.pages.gate.perHost, key: (s: ArticleCandidate) => hosts.get(s.id)! };
  await runPool(toRead, pool, async (story) => {
    // A cancel or shutdown starts no more pages; a page already read is still stored (its URL is not asked twice).
    if (job.stopRequested()) return;
    const outcome = await articleFor(deps, story);
    counts.matched += storeOutcome(deps, story, outcome);
    counts[outcome.result.state] += 1;
    job.progress({ done: (done += 1) });
  });
  deps.log.info({ jobId: job.id, ...counts }, 'articles read');
  return { phrase: articlesPhrase(counts, toRead.length), result: { ...counts, stories: ids.length } };
}

function articlesPhrase(c: { fetched: number; failed: number; skipped: number }, total: number): string {
  const failed = c.failed ? `, ${c.failed} failed` : '';
  const skipped = c.skipped ? `, ${c.skipped} skipped` : '';
  return `Read ${c.fetched} of ${total} ${total === 1 ? 'article' : 'articles'}${failed}${skipped}`;
}

/** Decides for each story and records the ones that need no request at once; returns those to read. */
function chooseStories(deps: ArticleDeps, stories: ArticleCandidate[]): ArticleCandidate[] {
  const matcher = deps.matchers.get(deps.db);
  const choices = stories.map((s) => ({ s, choice: chooseArticle(s, matcher) }));
  const decided = choices.flatMap(({ s, choice }) => (choice.kind === 'fetch' ? [] : [{ id: s.id, state: choice.kind, reason: choice.reason }]));
  inTransaction(deps.db, () => recordArticleChoices(deps.db, decided));
  return choices.filter((c) => c.choice.kind === 'fetch').map((c) => c.s);
}

interface Outcome {
  result: ArticleResult;
  /** The URL key the result belongs to, and whether this story's request produced it (it is then recorded). */
  key: string | null;
  fresh: boolean;
}

/** The article for a story: from an earlier request for the same URL, one in flight, or a new request. */
async function articleFor(deps: ArticleDeps, story: ArticleCandidate): Promise<Outcome> {
  const target = articleTarget(story.url!);
  if (!target) return { result: { state: 'failed', reason: 'the link is not a valid URL' }, key: null, fresh: false };
  const earlier = articleFetchByKey(deps.db, target.key);
  if (earlier) return { result: earlierResult(earlier, target.url), key: target.key, fresh: false };
  let reads = inFlight.get(deps.pages);
  if (!reads) inFlight.set(deps.pages, (reads = new Map()));
  const running = reads.get(target.key);
  if (running) return { result: await running, key: target.key, fresh: false };
  const seen = (key: string) => reads.has(key) || articleFetchByKey(deps.db, key) !== null;
  const read = readArticle(deps.pages, target, seen).catch((err: unknown): ArticleResult => {
    if (deps.pages.aborted) throw err;
    deps.log.error({ err, storyId: story.id }, 'reading an article failed unexpectedly');
    return { state: 'failed', reason: `internal error: ${(err as Error).message}` };
  });
  reads.set(target.key, read);
  // Kept a little after it ends, until the stories waiting on it have stored it (the table answers after that).
  void read.finally(() => setTimeout(() => reads.delete(target.key), 60_000).unref()).catch(() => undefined);
  return { result: await read, key: target.key, fresh: true };
}

/** What an earlier request for the same URL gave, for another story with that link. */
function earlierResult(earlier: ArticleFetchRow & { text: string | null }, url: string): ArticleResult {
  if (earlier.state === 'fetched' && earlier.text) {
    return { state: 'fetched', text: earlier.text, publisherUrl: earlier.publisherUrl ?? url, publisherName: earlier.publisherName };
  }
  if (earlier.state === 'fetched') return { state: 'failed', reason: 'read before for another story, whose text is gone' };
  return { state: earlier.state, reason: earlier.reason ?? `${earlier.state} before` };
}

/**
 * One short transaction: the story's outcome, the URL's record, and a new match of the story against every case
 * when text arrived (the usual rules: decisions stay). Returns the matches added. A feed's health is not touched.
 */
function storeOutcome(deps: ArticleDeps, story: ArticleCandidate, o: Outcome): number {
  const { db } = deps;
  const now = deps.now();
  const r = o.result;
  const outcome: ArticleOutcome =
    r.state === 'fetched'
      ? { state: 'fetched', reason: null, text: r.text, publisherUrl: r.publisherUrl, publisherName: r.publisherName }
      : { state: r.state, reason: r.reason.slice(0, 500), publisherUrl: r.publisherUrl ?? null };
  return inTransaction(db, () => {
    const row = recordStoryArticle(db, story.id, outcome, now);
    if (o.key && o.fresh && outcome.state !== 'none') {
      const { state, reason } = outcome;
      const publisher = { publisherUrl: outcome.publisherUrl ?? null, publisherName: outcome.publisherName ?? null };
      recordArticleFetch(db, { urlKey: o.key, state, reason, storyId: row ? story.id : null, ...publisher }, now);
    }
    if (!row?.articleText) return 0;
    return matchNewStories(db, deps.matchers.get(db), [row], now).added;
  });
}
