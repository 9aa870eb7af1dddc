// Groups a case's matched stories into timeline entries: each syndication cluster becomes one entry.
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
  status: 'auto' | 'confirmed' | 'review';
  stage: string | null;
  /** Money amounts named in the story, as written ("8 million yuan", "800万元"). */
  amounts: string[];
  /** Court names found in the story. */
  courts: string[];
  duplicates: Duplicate[];
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
    reasons: r.reasons,
    status: r.status as Entry['status'],
    stage: r.stage,
    amounts: facts.amounts,
    courts: facts.courts,
    duplicates,
  };
}

/** One live match as the timeline's summary scan sees it (no text). */
export interface TimelineIndexEntry {
  storyId: number;
  publishedAt: number;
  status: 'auto' | 'confirmed' | 'review';
  leadStoryId: number | null;
  stage: string | null;
}

export interface TimelinePlan {
  /** Stories to load for the requested page: its entries' leads and all their copies. */
  pageStoryIds: number[];
  /** Review-queue stories to load, in the requested order, at most `reviewLimit`. */
  reviewStoryIds: number[];
  totalEntries: number;
  totalStories: number;
  totalReview: number;
  page: number;
  pageCount: number;
  /** Every timeline story's date (entries and copies), for the coverage chart and "last updated". */
  dates: Date[];
  /** Each entry's stage and date, for the case's latest stage. */
  entryStages: { stage: string | null; publishedAt: Date }[];
}

/**
 * Works out one page of a timeline from the index rows alone, with the same folding rule as
 * `groupEntries`, so that only that page's stories need their text loaded.
 */
export function planTimeline(
  rows: readonly TimelineIndexEntry[],
  opts: { order: 'newest' | 'oldest'; page: number; perPage: number; reviewLimit: number; clampPage?: boolean },
): TimelinePlan {
  const onTimeline = rows.filter((r) => r.status !== 'review');
  const leadIds = new Set(onTimeline.filter((r) => r.leadStoryId === null).map((r) => r.storyId));
  const copies = new Map<number, number[]>();
  const entries: TimelineIndexEntry[] = [];
  for (const r of onTimeline) {
    if (r.leadStoryId !== null && leadIds.has(r.leadStoryId)) copies.set(r.leadStoryId, [...(copies.get(r.leadStoryId) ?? []), r.storyId]);
    else entries.push(r);
  }
  const dir = opts.order === 'newest' ? -1 : 1;
  const cmp = (a: TimelineIndexEntry, b: TimelineIndexEntry) => dir * (a.publishedAt - b.publishedAt || a.storyId - b.storyId);
  entries.sort(cmp);
  const review = rows.filter((r) => r.status === 'review').sort(cmp);
  const pageCount = Math.max(1, Math.ceil(entries.length / opts.perPage));
  // Pages show the last page for a page number past the end; the API answers an empty page, so a client
  // walking pages knows it is done.
  const page = opts.clampPage ? Math.min(Math.max(1, opts.page), pageCount) : Math.max(1, opts.page);
  const onPage = entries.slice((page - 1) * opts.perPage, page * opts.perPage);
  return {
    pageStoryIds: onPage.flatMap((e) => [e.storyId, ...(copies.get(e.storyId) ?? [])]),
    reviewStoryIds: review.slice(0, opts.reviewLimit).map((r) => r.storyId),
    totalEntries: entries.length,
    totalStories: onTimeline.length,
    totalReview: review.length,
    page,
    pageCount,
    dates: onTimeline.map((r) => new Date(r.publishedAt)),
    entryStages: entries.map((e) => ({ stage: e.stage, publishedAt: new Date(e.publishedAt) })),
  };
}
