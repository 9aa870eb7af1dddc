-- A case's timeline counted per week (the week's Monday 00:00 UTC in epoch ms), so that a timeline page reads its
-- totals and its coverage chart from one row per week rather than stepping through every match of the case.
--
-- What is counted, for the matches of a case that have a date:
--   stories  matches on the timeline (status auto or confirmed), copies included;
--   entries  timeline matches that are entries as db/timeline.ts and core/timelineEntries.ts fold them: a match
--            that leads itself, or whose lead is not a self-leading timeline match of the case;
--   review   matches waiting in the review queue.
-- A row's entry status depends on its lead's row, so a change to a match also moves the count of its copies.
-- The triggers treat an update as the old row leaving and the new row arriving, each counted against the table
-- as it stands at that moment; a multi-row statement thus keeps the counts right row by row.
-- A match that names itself as its lead counts as an entry that folds nothing (as the timeline reads it); the
-- `id !=` conditions keep a row from being counted as its own lead or copy while it changes.
-- Never write `matches` with INSERT OR REPLACE / UPDATE OR REPLACE: with recursive_triggers off, the row that
-- REPLACE removes fires no delete trigger and would stay counted. An upsert (ON CONFLICT DO UPDATE) is fine.
-- The copies are found through matches_case_lead_idx (INDEXED BY: SQLite otherwise walks the case's whole
-- timeline index for every written row); that index must stay, or every write to matches fails.
-- tests/db/caseWeeks.test.ts compares the counts with a recount after random sequences of writes.
CREATE TABLE `case_weeks` (
	`case_id` integer NOT NULL,
	`week` integer NOT NULL,
	`stories` integer NOT NULL,
	`entries` integer NOT NULL,
	`review` integer NOT NULL,
	PRIMARY KEY(`case_id`, `week`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
  SELECT m.case_id, m.published_at - ((m.published_at + 259200000) % 604800000 + 604800000) % 604800000 AS w,
    count(*) FILTER (WHERE m.status IN ('auto', 'confirmed')),
    count(*) FILTER (WHERE m.status IN ('auto', 'confirmed') AND (m.lead_story_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM `matches` l WHERE l.case_id = m.case_id AND l.story_id = m.lead_story_id
        AND l.status IN ('auto', 'confirmed') AND l.lead_story_id IS NULL))),
    count(*) FILTER (WHERE m.status = 'review')
  FROM `matches` m WHERE m.published_at IS NOT NULL AND m.status IN ('auto', 'confirmed', 'review')
  GROUP BY m.case_id, w;
--> statement-breakpoint
CREATE TRIGGER `case_weeks_matches_ai` AFTER INSERT ON `matches` BEGIN
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT new.case_id, new.published_at - ((new.published_at + 259200000) % 604800000 + 604800000) % 604800000,
      (new.status IN ('auto', 'confirmed')),
      (new.status IN ('auto', 'confirmed') AND (new.lead_story_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM `matches` l WHERE l.case_id = new.case_id AND l.story_id = new.lead_story_id AND l.id != new.id
        AND l.status IN ('auto', 'confirmed') AND l.lead_story_id IS NULL))),
      (new.status = 'review')
    WHERE new.published_at IS NOT NULL AND new.status IN ('auto', 'confirmed', 'review')
    ON CONFLICT (case_id, week) DO UPDATE SET stories = stories + excluded.stories, entries = entries + excluded.entries, review = review + excluded.review;
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT new.case_id, c.published_at - ((c.published_at + 259200000) % 604800000 + 604800000) % 604800000 AS w, 0, -count(*), 0
    FROM `matches` c INDEXED BY `matches_case_lead_idx`
    WHERE new.status IN ('auto', 'confirmed') AND new.lead_story_id IS NULL
      AND c.case_id = new.case_id AND c.lead_story_id = new.story_id AND c.id != new.id AND c.status IN ('auto', 'confirmed') AND c.published_at IS NOT NULL
    GROUP BY w
    ON CONFLICT (case_id, week) DO UPDATE SET entries = entries + excluded.entries;
END;
--> statement-breakpoint
CREATE TRIGGER `case_weeks_matches_ad` AFTER DELETE ON `matches` BEGIN
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT old.case_id, old.published_at - ((old.published_at + 259200000) % 604800000 + 604800000) % 604800000,
      -(old.status IN ('auto', 'confirmed')),
      -(old.status IN ('auto', 'confirmed') AND (old.lead_story_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM `matches` l WHERE l.case_id = old.case_id AND l.story_id = old.lead_story_id AND l.id != old.id
        AND l.status IN ('auto', 'confirmed') AND l.lead_story_id IS NULL))),
      -(old.status = 'review')
    WHERE old.published_at IS NOT NULL AND old.status IN ('auto', 'confirmed', 'review')
    ON CONFLICT (case_id, week) DO UPDATE SET stories = stories + excluded.stories, entries = entries + excluded.entries, review = review + excluded.review;
  DELETE FROM `case_weeks` WHERE case_id = old.case_id AND week = old.published_at - ((old.published_at + 259200000) % 604800000 + 604800000) % 604800000
    AND stories = 0 AND entries = 0 AND review = 0;
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT old.case_id, c.published_at - ((c.published_at + 259200000) % 604800000 + 604800000) % 604800000 AS w, 0, count(*), 0
    FROM `matches` c INDEXED BY `matches_case_lead_idx`
    WHERE old.status IN ('auto', 'confirmed') AND old.lead_story_id IS NULL
      AND c.case_id = old.case_id AND c.lead_story_id = old.story_id AND c.id != old.id AND c.status IN ('auto', 'confirmed') AND c.published_at IS NOT NULL
    GROUP BY w
    ON CONFLICT (case_id, week) DO UPDATE SET entries = entries + excluded.entries;
END;
--> statement-breakpoint
CREATE TRIGGER `case_weeks_matches_au` AFTER UPDATE OF case_id, story_id, status, lead_story_id, published_at ON `matches`
  WHEN old.case_id IS NOT new.case_id OR old.story_id IS NOT new.story_id OR old.status IS NOT new.status
    OR old.lead_story_id IS NOT new.lead_story_id OR old.published_at IS NOT new.published_at BEGIN
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT old.case_id, old.published_at - ((old.published_at + 259200000) % 604800000 + 604800000) % 604800000,
      -(old.status IN ('auto', 'confirmed')),
      -(old.status IN ('auto', 'confirmed') AND (old.lead_story_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM `matches` l WHERE l.case_id = old.case_id AND l.story_id = old.lead_story_id AND l.id != old.id
        AND l.status IN ('auto', 'confirmed') AND l.lead_story_id IS NULL))),
      -(old.status = 'review')
    WHERE old.published_at IS NOT NULL AND old.status IN ('auto', 'confirmed', 'review')
    ON CONFLICT (case_id, week) DO UPDATE SET stories = stories + excluded.stories, entries = entries + excluded.entries, review = review + excluded.review;
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT old.case_id, c.published_at - ((c.published_at + 259200000) % 604800000 + 604800000) % 604800000 AS w, 0, count(*), 0
    FROM `matches` c INDEXED BY `matches_case_lead_idx`
    WHERE old.status IN ('auto', 'confirmed') AND old.lead_story_id IS NULL
      AND c.case_id = old.case_id AND c.lead_story_id = old.story_id AND c.id != old.id AND c.status IN ('auto', 'confirmed') AND c.published_at IS NOT NULL
    GROUP BY w
    ON CONFLICT (case_id, week) DO UPDATE SET entries = entries + excluded.entries;
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT new.case_id, new.published_at - ((new.published_at + 259200000) % 604800000 + 604800000) % 604800000,
      (new.status IN ('auto', 'confirmed')),
      (new.status IN ('auto', 'confirmed') AND (new.lead_story_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM `matches` l WHERE l.case_id = new.case_id AND l.story_id = new.lead_story_id AND l.id != new.id
        AND l.status IN ('auto', 'confirmed') AND l.lead_story_id IS NULL))),
      (new.status = 'review')
    WHERE new.published_at IS NOT NULL AND new.status IN ('auto', 'confirmed', 'review')
    ON CONFLICT (case_id, week) DO UPDATE SET stories = stories + excluded.stories, entries = entries + excluded.entries, review = review + excluded.review;
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT new.case_id, c.published_at - ((c.published_at + 259200000) % 604800000 + 604800000) % 604800000 AS w, 0, -count(*), 0
    FROM `matches` c INDEXED BY `matches_case_lead_idx`
    WHERE new.status IN ('auto', 'confirmed') AND new.lead_story_id IS NULL
      AND c.case_id = new.case_id AND c.lead_story_id = new.story_id AND c.id != new.id AND c.status IN ('auto', 'confirmed') AND c.published_at IS NOT NULL
    GROUP BY w
    ON CONFLICT (case_id, week) DO UPDATE SET entries = entries + excluded.entries;
  DELETE FROM `case_weeks` WHERE case_id = old.case_id AND week = old.published_at - ((old.published_at + 259200000) % 604800000 + 604800000) % 604800000
    AND stories = 0 AND entries = 0 AND review = 0;
END;
