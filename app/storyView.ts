// The view model of a stored story, as the stories pages and the API show it.
import type { StoryRow } from '../db/stories.ts';

export interface StoryView {
  id: number;
  feedId: number | null;
  title: string;
  url: string | null;
  guid: string;
  summary: string;
  publishedAt: string;
  fetchedAt: string;
  source: string | null;
}

export function toStoryView(r: StoryRow): StoryView {
  return {
    id: r.id,
    feedId: r.feedId,
    title: r.title,
    url: r.url,
    guid: r.guid,
    summary: r.summary,
    publishedAt: r.publishedAt.toISOString(),
    fetchedAt: r.fetchedAt.toISOString(),
    source: r.source,
  };
}
