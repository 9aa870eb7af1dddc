// Groups a case's matched stories into timeline entries: each syndication cluster becomes one entry.
import { HELD_FOR_REVIEW, NAMELESS_HELD } from './matching/score.ts';
import { extractAmounts, extractCourts } from './timeline/facts.ts';

export interface StoryFacts {
  amounts: string[];
  courts: string[];
}

/** Amounts and courts named in a story; stored with the story so timelines need not re-read the text. */
export function storyFacts(story: { title: string; summary: string }): StoryFacts {
  const text = `${story.title}\n${story.summary}`;
  return { amounts: extractAmounts(text).map((a) => a.text), courts: extractCourts(text) };
}

export interface TimelineStory {
  storyId: number;
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: Date;
  summary: string;
  summaryHtml: string;
  score: number;
  reasons: string[];
  status: 'auto' | 'review' | 'confirmed' | 'rejected';
  stage: string | null;
  leadStoryId: number | null;
  /** Null for stories stored before facts were kept; they are worked out on the fly. */
  facts?: StoryFacts | null;
  /** Plain-text sentences of the article read behind a teaser (jobs/articles), around the first party named. */
  articleExcerpt?: string | null;
}

export interface Duplicate {
  storyId: number;
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: string;
}

export interface Entry {
  storyId: number;
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: string;
  summary: string;
  summaryHtml: string;
  score: number;
  reasons: string[];
  status: 'auto' | 'confirmed' | 'review' | 'rejected';
  stage: string | null;
  /** Money amounts named in the story, as written ("8 million yuan", "800万元"). */
  amounts: string[];
  /** Court names found in the story. */
  courts: string[];
  duplicates: Duplicate[];
  /** Present when the feed gave only a teaser: plain-text sentences "from the article" read behind it. */
  articleExcerpt?: string;
}

const toDuplicate = (s: TimelineStory): Duplicate => ({ storyId: s.storyId, title: s.title, url: s.url, source: s.source, publishedAt: s.publishedAt.toISOString() });

/**
 * Stories whose lead is on the timeline fold into the lead's entry; a copy whose lead is gone
 * (rejected, say) stands on its own. Review-queue stories are never folded.
 */
export function groupEntries(rows: TimelineStory[], order: 'newest' | 'oldest'): { entries: Entry[]; review: Entry[] } {
  const onTimeline = rows.filter((r) => r.status === 'auto' || r.status === 'confirmed');
  const leadIds = new Set(onTimeline.filter((r) => r.leadStoryId === null).map((r) => r.storyId));
  const copies = new Map<number, TimelineStory[]>();
  const entries: Entry[] = [];
  for (const r of onTimeline) {
    if (r.leadStoryId !== null && leadIds.has(r.leadStoryId)) copies.set(r.leadStoryId, [...(copies.get(r.leadStoryId) ?? []), r]);
  }
  for (const r of onTimeline) {
    if (r.leadStoryId !== null && leadIds.has(r.leadStoryId)) continue;
    const dups = (copies.get(r.storyId) ?? []).sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.storyId - b.storyId);
    entries.push(toEntry(r, dups.map(toDuplicate)));
  }
  const review = rows.filter((r) => r.status === 'review').map((r) => toEntry(r, []));
  const dir = order === 'newest' ? -1 : 1;
  const cmp = (a: Entry, b: Entry) => dir * (Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || a.storyId - b.storyId);
  return { entries: entries.sort(cmp), review: review.sort(cmp) };
}

/** Stories the user rejected, newest first, each on its own: what the matcher learned from, for exports. */
export function rejectedEntries(rows: TimelineStory[]): Entry[] {
  return rows
    .filter((r) => r.status === 'rejected')
    .map((r) => toEntry(r, []))
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt) || b.storyId - a.storyId);
}

/** The reason a user's decision adds, in place of the matcher's "held for review". */
export const DECIDED_REASONS = { confirmed: 'confirmed by you', rejected: 'rejected by you' } as const;

/**
 * The reasons as they read now: the matcher's words are stored with the match (and refreshed when it re-matches),
 * so a story the user decided on would still say it is held for review. The decision replaces that line.
 */
export function reasonsForStatus(reasons: readonly string[], status: TimelineStory['status']): string[] {
  if (status !== 'confirmed' && status !== 'rejected') return [...reasons];
  return [...reasons.filter((r) => r !== HELD_FOR_REVIEW && r !== NAMELESS_HELD), DECIDED_REASONS[status]];
}

function toEntry(r: TimelineStory, duplicates: Duplicate[]): Entry {
  const facts = r.facts ?? storyFacts(r);
  return {
    storyId: r.storyId,
    title: r.title,
    url: r.url,
    source: r.source,
    publishedAt: r.publishedAt.toISOString(),
    summary: r.summary,
    summaryHtml: r.summaryHtml,
    score: r.score,
    reasons: reasonsForStatus(r.reasons, r.status),
    status: r.status as Entry['status'],
    stage: r.stage,
    amounts: facts.amounts,
    courts: facts.courts,
    duplicates,
    ...(r.articleExcerpt ? { articleExcerpt: r.articleExcerpt } : {}),
  };
}
