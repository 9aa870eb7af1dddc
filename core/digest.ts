// Digest composition: which stories go in, grouped per case with copies collapsed, and when a digest is due.
import { extractAmounts } from './timeline/amounts.ts';
import { latestStage } from './timeline/stage.ts';

export interface DigestStory {
  caseId: number;
  caseTitle: string;
  storyId: number;
  title: string;
  url: string | null;
  /** The outlet (the story's own source, else its feed's title). */
  source: string | null;
  publishedAt: Date;
  summary: string;
  stage: string | null;
  /** The story this one is a syndicated copy of on the case's timeline (null: it leads its own entry). */
  leadStoryId: number | null;
  /**
   * Another story of the same syndication cluster already reached this subscriber (or was on the
   * timeline before they subscribed): this one carries no news and is accounted for without being shown.
   */
  reportedBefore?: boolean;
}

export interface DigestEntry extends DigestStory {
  /** Sums of money named in the story, as written ("8 million yuan"). */
  amounts: string[];
  /** Outlets whose copies of this story are folded into the entry. */
  alsoReportedBy: string[];
}

export interface DigestCase {
  caseId: number;
  title: string;
  latestStage: string | null;
  entries: DigestEntry[];
}

export interface Digest {
  cases: DigestCase[];
  /** Entries shown (a story and its folded copies count once). */
  storyCount: number;
  /** Every story the digest accounts for, folded copies included, to be recorded as delivered. */
  storyIds: { storyId: number; caseId: number }[];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function amountsOf(s: DigestStory): string[] {
  return [...new Set(extractAmounts(`${s.title}\n${s.summary}`).map((a) => oneLine(a.text)))].slice(0, 3);
}

/** A case's new stories as entries: copies whose lead is among them fold into the lead, as on the timeline. */
function caseEntries(list: DigestStory[]): DigestEntry[] {
  const leadIds = new Set(list.filter((s) => s.leadStoryId === null).map((s) => s.storyId));
  const folds = (s: DigestStory) => s.leadStoryId !== null && leadIds.has(s.leadStoryId);
  return list
    .filter((s) => !folds(s))
    .map((lead) => {
      const copies = list.filter((c) => folds(c) && c.leadStoryId === lead.storyId);
      const others = [...new Set(copies.map((c) => c.source ?? 'another outlet'))].filter((src) => src !== lead.source);
      return { ...lead, stage: lead.stage ?? copies.find((c) => c.stage)?.stage ?? null, amounts: amountsOf(lead), alsoReportedBy: others };
    })
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime() || a.storyId - b.storyId);
}

/**
 * Groups pending timeline stories per case (review-queue stories must not be passed in). Stories marked
 * `reportedBefore` are left out; null when nothing is left to tell.
 */
export function composeDigest(stories: readonly DigestStory[]): Digest | null {
  const news = stories.filter((s) => !s.reportedBefore);
  if (news.length === 0) return null;
  const byCase = new Map<number, DigestStory[]>();
  for (const s of news) byCase.set(s.caseId, [...(byCase.get(s.caseId) ?? []), s]);
  const cases: DigestCase[] = [...byCase].map(([caseId, list]) => {
    const entries = caseEntries(list);
    return { caseId, title: oneLine(list[0]!.caseTitle), latestStage: latestStage(entries), entries };
  });
  cases.sort((a, b) => a.title.localeCompare(b.title) || a.caseId - b.caseId);
  return {
    cases,
    storyCount: cases.reduce((n, c) => n + c.entries.length, 0),
    storyIds: news.map((s) => ({ storyId: s.storyId, caseId: s.caseId })),
  };
}

const SUBJECT_MAX = 150;

/** Says what is inside: "ByteDance v. Tian Keyu: 3 new stories (ruling)". */
export function digestSubject(d: Digest): string {
  const n = d.storyCount;
  const stories = `${n} new ${n === 1 ? 'story' : 'stories'}`;
  const label = (c: DigestCase) => `${c.title}${c.latestStage ? ` (${c.latestStage})` : ''}`;
  if (d.cases.length === 1) {
    const c = d.cases[0]!;
    return `${c.title}: ${stories}${c.latestStage ? ` (${c.latestStage})` : ''}`;
  }
  const subject = `${stories} in ${d.cases.length} cases: ${d.cases.map(label).join('; ')}`;
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1).trimEnd()}…` : subject;
}

export interface Schedule {
  frequency: 'immediate' | 'daily' | 'weekly';
  /** Local hour (0-23) of a daily or weekly digest. */
  hour: number;
  /** 0 = Sunday … 6 = Saturday, as Date#getDay. */
  weekday: number;
  timezone: string;
  lastSentAt: Date | null;
}

/** Minutes between two immediate digests to one subscriber: stories arriving together go out together. */
export const IMMEDIATE_BATCH_MINUTES = 5;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timezone: string): Intl.DateTimeFormat {
  let f = formats.get(timezone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      // Zones are validated on input; one this runtime no longer knows falls back to UTC rather than stopping digests.
      f = formatFor('UTC');
    }
    formats.set(timezone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a time zone. */
function wallClock(d: Date, timezone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const p = Object.fromEntries(formatFor(timezone).formatToParts(d).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute!, second: p.second! };
}

function offsetMs(d: Date, timezone: string): number {
  const w = wallClock(d, timezone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(d.getTime() / 1000) * 1000;
}

/** The instant a local wall-clock hour falls on; in a DST gap it lands just after the gap. */
function instantOf(year: number, month: number, day: number, hour: number, timezone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetMs(new Date(guess), timezone);
  return new Date(guess - offsetMs(new Date(first), timezone));
}

/** The most recent daily or weekly send time at or before `now`, in the subscription's time zone. */
export function latestSlot(s: Omit<Schedule, 'lastSentAt'>, now: Date): Date {
  const today = wallClock(now, s.timezone);
  for (let back = 0; back <= 14; back++) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    if (s.frequency === 'weekly' && day.getUTCDay() !== s.weekday) continue;
    const slot = instantOf(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), s.hour, s.timezone);
    if (slot.getTime() <= now.getTime()) return slot;
  }
  throw new Error(`no send time found for hour ${s.hour}, weekday ${s.weekday} in ${s.timezone}`);
}

/**
 * Whether a digest may go out now. Immediate: the batching window since the last one has passed.
 * Daily/weekly: nothing has been sent since the latest send time (so a missed slot is caught up at once).
 */
export function isDue(s: Schedule, now: Date): boolean {
  if (s.frequency === 'immediate') return !s.lastSentAt || now.getTime() - s.lastSentAt.getTime() >= IMMEDIATE_BATCH_MINUTES * 60_000;
  return !s.lastSentAt || s.lastSentAt.getTime() < latestSlot(s, now).getTime();
}

/**
 * Only stories that joined the timeline before this instant go into a scheduled digest (null: no limit).
 * For daily and weekly digests it is the send time itself: a story arriving at 14:00 waits for
 * tomorrow's 08:00 digest instead of going out alone because today's digest had nothing to send.
 */
export function digestCutoff(s: Schedule, now: Date): Date | null {
  return s.frequency === 'immediate' ? null : latestSlot(s, now);
}

/** Capped exponential backoff for failed deliveries: 1, 2, 4 … minutes, at most 6 hours. */
export function deliveryBackoffMs(consecutiveFailures: number): number {
  return Math.min(6 * 3600_000, 60_000 * 2 ** Math.min(Math.max(0, consecutiveFailures - 1), 16));
}

/** A webhook that has failed this many times in a row is switched off (the reason is shown). */
export const WEBHOOK_MAX_FAILURES = 10;

/**
 * A digest claimed for sending longer ago than this, with no outcome recorded, is taken to be lost in a
 * crash and is sent again (same stories, same Message-ID). It must exceed the longest send (SMTP timeouts).
 */
export const SEND_LEASE_MS = 10 * 60_000;
