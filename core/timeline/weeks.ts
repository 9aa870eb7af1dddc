// The week a story falls in, for TypeScript: Monday 00:00 UTC to the next Monday, always seven days (UTC has no
// daylight saving). SQL has the same rule once too, in the generated column `matches.week` (migration 0017), which
// the per-week counts in `case_weeks` are keyed by; tests/db/caseWeeks.test.ts checks that the two agree.

export const DAY_MS = 24 * 3600 * 1000;
export const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC (epoch ms) of the week holding t; weeks before 1970 too. */
export function weekStart(t: number): number {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}

/** The Monday after the week holding w. */
export const nextWeek = (w: number): number => weekStart(w + WEEK_MS);
