// The timeline bench case (TIMELINE_CASE) with its 2,000 matches, which the built database does not contain.
import { Matcher } from '../../core/matching/matcher.ts';
import { detectStage } from '../../core/timeline/stage.ts';
import { insertCase, toDefinition } from '../../db/cases.ts';
import { inTransaction, type Db } from '../../db/openDb.ts';
import { storiesByIds } from '../../db/stories.ts';
import { TIMELINE_CASE, timelineStoryIds } from './bigDb.ts';
import { progress } from './report.ts';

/**
 * The case's id, adding it first when `db` lacks it (found by title, so a database that bench/timeline.ts already
 * gave it is reused). Rows are written directly, each its own entry, as bench/timeline.ts writes them.
 */
export function ensureTimelineCase(db: Db): number {
  const byTitle = db.$client.prepare('select id from cases where title = ?');
  const found = byTitle.get(TIMELINE_CASE.title) as { id: number } | undefined;
  if (found) return found.id;
  progress('attaching 2,000 matches to the timeline bench case');
  return inTransaction(db, () => {
    const c = insertCase(db, TIMELINE_CASE, new Date(Date.UTC(2023, 0, 1)));
    const matcher = Matcher.compile([toDefinition(c)]);
    const insert = db.$client.prepare(
      `insert into matches (case_id, story_id, score, reasons, status, stage, lead_story_id, created_at, updated_at)
       values (?, ?, ?, ?, 'auto', ?, null, ?, ?)`,
    );
    for (const story of storiesByIds(db, timelineStoryIds())) {
      // Reasons and score as the matcher gives them; status forced to 'auto' so every story is an entry.
      const m = matcher.match(story)[0];
      const at = story.fetchedAt.getTime();
      const reasons = JSON.stringify(m?.reasons ?? ['plaintiff and defendant both named']);
      insert.run(c.id, story.id, m?.score ?? 0.9, reasons, detectStage(story), at, at);
    }
    return c.id;
  });
}
