// case_weeks (migration 0010) as stored, and as a recount from every match gives it: tests compare the two.
import type { Db } from '../../db/openDb.ts';
// The coverage chart's own week (Date arithmetic, not the migration's): the counts must fall in the weeks it draws.
import { weekStart } from '../../core/timeline/weeks.ts';

const ACTIVE = new Set(['auto', 'confirmed']);

export interface MatchRow {
  c: number;
  s: number;
  status: string;
  lead: number | null;
  p: number | null;
}

/** What case_weeks should hold ("case week stories entries review", sorted), recounted with the timeline's folding rule. */
export function recountCaseWeeks(db: Db): string[] {
  return recountMatchRows(db.$client.prepare('select case_id as c, story_id as s, status, lead_story_id as lead, published_at as p from matches').all() as MatchRow[]);
}

/** The same from the matches' rows, read from either engine. */
export function recountMatchRows(rows: readonly MatchRow[]): string[] {
  const leading = new Set(rows.filter((r) => ACTIVE.has(r.status) && r.lead === null).map((r) => `${r.c}:${r.s}`));
  const counts = new Map<string, { stories: number; entries: number; review: number }>();
  for (const r of rows) {
    if (r.p === null || !(ACTIVE.has(r.status) || r.status === 'review')) continue;
    const key = `${r.c} ${weekStart(Number(r.p))}`;
    const n = counts.get(key) ?? { stories: 0, entries: 0, review: 0 };
    counts.set(key, n);
    if (r.status === 'review') n.review += 1;
    else {
      n.stories += 1;
      if (r.lead === null || !leading.has(`${r.c}:${r.lead}`)) n.entries += 1;
    }
  }
  return [...counts].map(([k, n]) => `${k} ${n.stories} ${n.entries} ${n.review}`).sort();
}

/** What case_weeks holds, in the form of `recountCaseWeeks`. */
export function storedCaseWeeks(db: Db): string[] {
  const rows = db.$client.prepare('select case_id as c, week, stories, entries, review from case_weeks').all() as { c: number; week: number; stories: number; entries: number; review: number }[];
  return rows.map((r) => `${r.c} ${r.week} ${r.stories} ${r.entries} ${r.review}`).sort();
}
