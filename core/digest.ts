// Digest composition: which stories go in, grouped per case with copies collapsed, and when a digest is due.

export interface DigestStory {
  caseId: number;
  caseTitle: string;
  storyId: number;
  title: string;
  url: string | null;
  source: string | null;
  publishedAt: Date;
  summary: string;
  stage: string | null;
  leadStoryId: number | null;
  amounts?: string[];
}

export interface DigestCase {
  caseId: number;
  title: string;
  latestStage: string | null;
  entries: (DigestStory & { alsoReportedBy: string[] })[];
}

export interface Digest {
  cases: DigestCase[];
  storyCount: number;
  /** Every story the digest accounts for, copies included, to be recorded as delivered. */
  storyIds: { storyId: number; caseId: number }[];
}

/** Groups pending stories per case; a syndicated copy whose lead is in the same digest folds into it. */
export function composeDigest(stories: DigestStory[]): Digest | null {
  if (stories.length === 0) return null;
  const byCase = new Map<number, DigestStory[]>();
  for (const s of stories) byCase.set(s.caseId, [...(byCase.get(s.caseId) ?? []), s]);
  const cases: DigestCase[] = [];
  for (const [caseId, list] of byCase) {
    const ids = new Set(list.map((s) => s.storyId));
    const leads = list.filter((s) => s.leadStoryId === null || !ids.has(s.leadStoryId));
    const entries = leads
      .map((lead) => ({ ...lead, alsoReportedBy: list.filter((c) => c.leadStoryId === lead.storyId).map((c) => c.source ?? 'another outlet') }))
      .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    const staged = entries.filter((e) => e.stage);
    cases.push({ caseId, title: list[0]!.caseTitle, latestStage: staged.length ? staged[staged.length - 1]!.stage : null, entries });
  }
  cases.sort((a, b) => a.title.localeCompare(b.title));
  return {
    cases,
    storyCount: cases.reduce((n, c) => n + c.entries.length, 0),
    storyIds: stories.map((s) => ({ storyId: s.storyId, caseId: s.caseId })),
  };
}

export function digestSubject(d: Digest): string {
  const n = d.storyCount;
  const stories = `${n} new ${n === 1 ? 'story' : 'stories'}`;
  if (d.cases.length === 1) {
    const c = d.cases[0]!;
    return `${c.title}: ${stories}${c.latestStage ? ` (${c.latestStage})` : ''}`;
  }
  return `casewatch: ${stories} in ${d.cases.length} cases`;
}

export interface Schedule {
  frequency: 'immediate' | 'daily' | 'weekly';
  hour: number;
  /** 0 = Sunday … 6 = Saturday, as Date#getDay. */
  weekday: number;
  timezone: string;
  lastSentAt: Date | null;
}

/** Minutes between two immediate digests to one subscriber: stories arriving together go out together. */
export const IMMEDIATE_BATCH_MINUTES = 5;

function localParts(d: Date, timezone: string): { day: string; hour: number; weekday: number } {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hour12: false, weekday: 'short' });
  const parts = Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? 'Sun');
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24, weekday };
}

/** Whether a digest may go out now under the subscription's frequency (batching window, hour, weekday). */
export function isDue(s: Schedule, now: Date): boolean {
  if (s.frequency === 'immediate') return !s.lastSentAt || now.getTime() - s.lastSentAt.getTime() >= IMMEDIATE_BATCH_MINUTES * 60_000;
  const here = localParts(now, s.timezone);
  if (here.hour < s.hour) return false;
  if (s.frequency === 'weekly' && here.weekday !== s.weekday) return false;
  if (!s.lastSentAt) return true;
  const last = localParts(s.lastSentAt, s.timezone);
  if (s.frequency === 'daily') return last.day !== here.day || last.hour < s.hour;
  return now.getTime() - s.lastSentAt.getTime() > 24 * 3600_000 || last.hour < s.hour;
}

/** Capped exponential backoff for failed deliveries: 1, 2, 4 … minutes, at most 6 hours. */
export function deliveryBackoffMs(consecutiveFailures: number): number {
  return Math.min(6 * 3600_000, 60_000 * 2 ** Math.min(Math.max(0, consecutiveFailures - 1), 16));
}

/** A webhook that has failed this many times in a row is switched off (the reason is shown). */
export const WEBHOOK_MAX_FAILURES = 10;
