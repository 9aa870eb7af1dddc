// The view models at the top of a case page: the case at a glance (stage track, agreed facts) and where its
// stories come from (feeds' health, the next poll), built from named queries that stay cheap for large cases.
import { describeFeedProblem, feedState, hostOfUrl, summarizeFeedHealth } from '../core/feedHealth.ts';
import { agreedFacts, stageTrack, TRACK_LABELS } from '../core/timeline/glance.ts';
import { isLegalStage, STAGE_LABELS } from '../core/timeline/stage.ts';
import { factSample, firstStageEntries, type StageFirstEntry } from '../db/caseGlance.ts';
import type { CaseView } from './caseView.ts';
import { feedsOfCase, listFeedRows, type FeedRow } from '../db/feeds.ts';
import { matchCountsByStatus } from '../db/matches.ts';
import { listSubscriptions } from '../db/subscriptions.ts';
import { countStories } from '../db/stories.ts';
import type { CaseDeleteView, CaseGlanceView, CaseSourcesView } from './pageViews.ts';
import type { AppContext } from './context.ts';
import { getCase } from './cases.ts';

/**
 * The agreed facts are read from the newest entries only: a case with 20,000 stories must not read them all on
 * each page view, and the newest stories state the case's facts as they stand (the appeal court, the settlement).
 */
export const FACT_SAMPLE = 200;

/** Tags that TRACK_OF puts on a step of another name: "criminal charge" under Filed, "dismissed" under Settled. */
const NAMED_TAGS = new Set<string>(['criminal', 'dismissal']);

export interface GlancePlace {
  order: 'newest' | 'oldest';
  page: number;
  perPage: number;
  totalEntries: number;
  latestStage: string | null;
}

/** Where an entry is: an anchor on this page, or its page of the timeline in the same order. */
function entryHref(caseId: number, e: StageFirstEntry, at: GlancePlace): string {
  const index = at.order === 'newest' ? e.newer : at.totalEntries - 1 - e.newer;
  const page = Math.floor(Math.max(0, index) / at.perPage) + 1;
  if (page === at.page) return `#story-${e.storyId}`;
  return `/cases/${caseId}?${at.order === 'oldest' ? 'order=oldest&' : ''}page=${page}#story-${e.storyId}`;
}

export function caseGlanceView(ctx: AppContext, c: CaseView, at: GlancePlace): CaseGlanceView {
  // One read transaction, so that the track and the facts come from the same state of the timeline.
  const read = () => ({ firsts: firstStageEntries(ctx.db, c.id), sample: factSample(ctx.db, c.id, FACT_SAMPLE) });
  const { firsts, sample } = ctx.db.$client.transaction(read)();
  const facts = agreedFacts(sample, { court: c.court, caseNumber: c.caseNumber });
  const steps = stageTrack(firsts, at.latestStage).map((s) => {
    // The matcher's tag is named where the step's name would mislead (TRACK_OF: a charge counts as the filing).
    const f = s.first;
    const tag = f && NAMED_TAGS.has(f.stage) && isLegalStage(f.stage) ? STAGE_LABELS[f.stage].toLowerCase() : null;
    const first = f && { publishedAt: f.publishedAt.toISOString(), href: entryHref(c.id, f, at), tag };
    return { label: TRACK_LABELS[s.step], current: s.current, first };
  });
  const sampled = facts.read === FACT_SAMPLE && at.totalEntries > FACT_SAMPLE;
  const { court, amount, caseNumber } = facts;
  return { steps, parties: c.parties, court, amount, caseNumber, read: facts.read, sampled };
}

const feedName = (f: FeedRow) => f.title || hostOfUrl(f.url);

/**
 * The feeds that bring this case's stories (every general feed and the case's own news-search feeds), in words.
 * `countStored` reads the number of stored stories, which only an empty timeline shows (it walks an index).
 */
export function caseSourcesView(ctx: AppContext, caseId: number, countStored: boolean): CaseSourcesView {
  const feeds = listFeedRows(ctx.db).filter((f) => f.caseId === null || f.caseId === caseId);
  const health = summarizeFeedHealth(feeds);
  const own = (f: FeedRow) => Number(f.caseId === caseId);
  const failing = feeds.filter((f) => feedState(f) === 'failing').sort((a, b) => own(b) - own(a));
  const active = feeds.filter((f) => !f.paused);
  const soonest = active.length ? Math.min(...active.map((f) => f.nextFetchAt.getTime())) : null;
  return {
    caseId,
    feeds: health.total - health.paused,
    healthy: health.healthy,
    failing: health.failing,
    waiting: health.waiting,
    headline: health.headline,
    problems: failing.map((f) => {
      const p = describeFeedProblem(f.lastError ?? '', f.url);
      return { name: feedName(f), what: p.what, advice: p.advice };
    }),
    storiesStored: countStored ? countStories(ctx.db) : 0,
    nextPollAt: soonest === null ? null : new Date(soonest).toISOString(),
    now: ctx.now().toISOString(),
    searchFeeds: feeds
      .filter((f) => f.caseId === caseId)
      .map((f) => {
        const what = f.lastError ? describeFeedProblem(f.lastError, f.url).what : null;
        return { id: f.id, name: feedName(f), state: feedState(f), what };
      }),
  };
}

/** What deleting a case loses, for its confirmation page. */
export function caseRemovalSummary(ctx: AppContext, caseId: number): CaseDeleteView {
  const c = getCase(ctx, caseId);
  const counts = matchCountsByStatus(ctx.db, caseId);
  return {
    caseId,
    title: c.title,
    stories: (counts.auto ?? 0) + (counts.confirmed ?? 0),
    review: counts.review ?? 0,
    confirmed: counts.confirmed ?? 0,
    rejected: counts.rejected ?? 0,
    searchFeeds: feedsOfCase(ctx.db, caseId).map((f) => feedName(f)),
    subscriptions: listSubscriptions(ctx.db).filter((s) => s.caseId === caseId).length,
  };
}
