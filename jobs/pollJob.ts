// "Poll now" and the first fetch of imported feeds as background jobs, with a count of feeds read.
import type { JobHandler } from './jobRunner.ts';
import type { JobLock } from './mutex.ts';
import { pollFeeds, type PollDeps, type PollSummary } from './pollFeeds.ts';

/**
 * Polls every active feed, or the feeds in `params.feedIds` (an import's new feeds). Shares the poll lock
 * with the scheduler: when a scheduled poll is running, this one waits for it and then runs. Cancelling
 * stops it from starting more feeds. Not resumable: after a restart the scheduler's next tick polls anyway.
 */
export function pollJob(deps: { poll: PollDeps; lock: JobLock }): JobHandler {
  return {
    resumable: false,
    run: async (job) => {
      const feedIds = Array.isArray(job.params.feedIds) ? (job.params.feedIds as number[]) : undefined;
      const run = () =>
        pollFeeds(deps.poll, {
          all: true,
          ...(feedIds ? { feedIds } : {}),
          onProgress: (done, total) => job.progress({ done, total, phrase: feedIds ? 'Fetching the new feeds' : 'Fetching feeds' }),
          shouldStop: () => job.stopRequested() !== null,
        });
      job.progress({ done: 0, phrase: 'Waiting for the poll in progress to end' });
      const first = deps.lock.run(run);
      let summary: PollSummary = await first.done;
      if (first.joined) summary = await deps.lock.run(run).done;
      return { result: { ...summary }, phrase: pollPhrase(summary) };
    },
  };
}

export function pollPhrase(s: PollSummary): string {
  const read = s.fetched + s.notModified;
  return `Read ${read} of ${s.feeds} ${s.feeds === 1 ? 'feed' : 'feeds'}: ${s.newStories} new ${s.newStories === 1 ? 'story' : 'stories'}${s.failed ? `, ${s.failed} failed` : ''}`;
}
