// What the top of a case page reads: each stage's first entry and the timeline page it is on, a bounded sample
// of the newest entries for the facts the stories agree on, and the date of the case's first story.
import { LEGAL_STAGES } from '../core/timeline/stage.ts';
import { nextWeek } from '../core/timeline/weeks.ts';
import { IS_ENTRY } from './timeline.ts';
import { prepared, type Db } from './openDb.ts';

/**
 * Each is a seek or a short range of an index, whatever the size of the case (tests/db/caseGlance.test.ts checks
 * the plans): a case with 20,000 stories reads a handful of rows per stage, one row per week, and its sample.
 */
const SQL = {
  // The earliest entry of one stage: a walk up matches_case_stage_idx that stops at the first entry.
  firstOfStage: `select m.story_id as storyId, m.published_at as publishedAt, m.week
    from matches m indexed by matches_case_stage_idx
    where m.case_id = ? and m.stage = ? and m.published_at is not null and ${IS_ENTRY}
    order by m.published_at asc limit 1`,
  entriesAfterWeek: 'select coalesce(sum(entries), 0) from case_weeks where case_id = ? and week > ?',
  // Entries of one week that come before the given one in the newest-first order (date, then story id).
  newerInWeek: `select count(*) from match_timeline m
    where m.case_id = ? and m.published_at >= ? and m.published_at < ? and (m.published_at > ? or m.story_id > ?) and m.is_entry`,
  // The oldest timeline story: the mirror of db/timeline.ts `latest`.
  first: `select published_at from matches indexed by matches_case_timeline_idx
    where case_id = ? and status in ('auto', 'confirmed') and published_at is not null order by published_at asc limit 1`,
  // The newest entries with their text: the timeline's own page query, joined to the stories.
  sample: `select s.title, s.summary, s.facts
    from match_timeline m join stories s on s.id = m.story_id
    where m.case_id = ? and m.published_at is not null and m.is_entry
    order by m.published_at desc, m.story_id desc limit ?`,
};

/** The queries, for tests that check their plans. */
export const CASE_GLANCE_SQL = SQL;

export interface StageFirstEntry {
  stage: string;
  storyId: number;
  publishedAt: Date;
  /** Timeline entries that come before this one, newest first (its index in the newest-first timeline). */
  newer: number;
}

/** Where an entry falls in the newest-first timeline: the weeks after its own from case_weeks, its own week counted. */
function entriesNewerThan(db: Db, caseId: number, storyId: number, publishedAt: number, week: number): number {
  const after = prepared(db, SQL.entriesAfterWeek).pluck().get(caseId, week) as number;
  const inWeek = prepared(db, SQL.newerInWeek).pluck().get(caseId, publishedAt, nextWeek(week), publishedAt, storyId) as number;
  return after + inWeek;
}

/** The first entry of each stage the case's entries reached, with its place in the timeline: a few seeks per stage. */
export function firstStageEntries(db: Db, caseId: number): StageFirstEntry[] {
  const first = prepared(db, SQL.firstOfStage);
  return LEGAL_STAGES.flatMap((stage) => {
    const row = first.get(caseId, stage) as { storyId: number; publishedAt: number; week: number } | undefined;
    if (!row) return [];
    const newer = entriesNewerThan(db, caseId, row.storyId, row.publishedAt, row.week);
    return [{ stage, storyId: row.storyId, publishedAt: new Date(row.publishedAt), newer }];
  });
}

/** The oldest timeline story's date (copies included), or null: one seek. */
export function caseFirstAt(db: Db, caseId: number): Date | null {
  const at = prepared(db, SQL.first).pluck().get(caseId) as number | undefined;
  return at === undefined ? null : new Date(at);
}

export interface FactSampleStory {
  title: string;
  summary: string;
  amounts: string[] | null;
  courts: string[] | null;
}

/**
 * The newest `limit` entries' text and stored facts: what the case page reads the agreed facts from. A bounded
 * sample, so that the page costs the same for a case with 20,000 stories; the newest stories are the ones that
 * state the case's current facts (a settlement amount, the appeal court).
 */
export function factSample(db: Db, caseId: number, limit: number): FactSampleStory[] {
  const rows = prepared(db, SQL.sample).all(caseId, limit) as {
    title: string;
    summary: string;
    facts: string | null;
  }[];
  return rows.map((r) => {
    const facts = r.facts ? (JSON.parse(r.facts) as { amounts: string[]; courts: string[] }) : null;
    return { title: r.title, summary: r.summary, amounts: facts?.amounts ?? null, courts: facts?.courts ?? null };
  });
}
