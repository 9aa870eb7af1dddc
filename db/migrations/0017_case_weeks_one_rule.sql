-- Each rule of the per-week timeline counts (migration 0010) in one place: the week a match falls in is the
-- generated column `matches.week`, and whether a match is on the timeline, a timeline entry or in review is the
-- view `match_timeline`. The triggers of 0010 wrote the week eleven times and the entry rule six times; they are
-- replaced by triggers that read both from here, with the same counts (tests/db/caseWeeks.test.ts compares them
-- with a recount after random writes). db/timeline.ts and db/caseGlance.ts read entries through the view too.
--
-- A write is counted as the old row leaving, read before the change (BEFORE UPDATE / BEFORE DELETE, while the row
-- still holds its old values), and the new row arriving, read after it (AFTER INSERT / AFTER UPDATE). A match that
-- leads its own entry (on the timeline, no lead) keeps its copies (matches of the case whose lead is its story) from
-- being entries: its arrival takes them out of the entry counts of their weeks, its leaving puts them back.
-- The triggers change only case_weeks. Never write `matches` with INSERT OR REPLACE / UPDATE OR REPLACE (the row
-- REPLACE removes fires no delete trigger) nor with UPDATE OR IGNORE (a row the update skips has been counted as
-- leaving by then). An upsert (ON CONFLICT DO UPDATE) is fine. The copies are found through matches_case_lead_idx
-- (INDEXED BY: SQLite otherwise walks the case's whole timeline index for every written row).
ALTER TABLE `matches` ADD `week` integer GENERATED ALWAYS AS (published_at - ((published_at + 259200000) % 604800000 + 604800000) % 604800000) VIRTUAL;--> statement-breakpoint
CREATE VIEW `match_timeline` AS
  SELECT m.id, m.case_id, m.story_id, m.lead_story_id, m.published_at, m.stage, m.week,
    m.status IN ('auto', 'confirmed') AS on_timeline,
    -- An entry: on the timeline, and leading itself or with a lead that is not a self-leading timeline match of
    -- the case (rejected, say); a match named as its own lead leads itself.
    m.status IN ('auto', 'confirmed') AND (m.lead_story_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM `matches` l WHERE l.case_id = m.case_id AND l.story_id = m.lead_story_id AND l.id != m.id
        AND l.status IN ('auto', 'confirmed') AND l.lead_story_id IS NULL)) AS is_entry,
    m.status = 'review' AS in_review
  FROM `matches` m;--> statement-breakpoint
DROP TRIGGER `case_weeks_matches_ai`;--> statement-breakpoint
DROP TRIGGER `case_weeks_matches_ad`;--> statement-breakpoint
DROP TRIGGER `case_weeks_matches_au`;--> statement-breakpoint
CREATE TRIGGER `case_weeks_matches_ai` AFTER INSERT ON `matches` BEGIN
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT case_id, week, on_timeline, is_entry, in_review FROM `match_timeline`
    WHERE id = new.id AND week IS NOT NULL AND (on_timeline OR in_review)
    ON CONFLICT (case_id, week) DO UPDATE SET stories = stories + excluded.stories, entries = entries + excluded.entries, review = review + excluded.review;
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT new.case_id, c.week, 0, -count(*), 0 FROM `matches` c INDEXED BY `matches_case_lead_idx`
    WHERE new.status IN ('auto', 'confirmed') AND new.lead_story_id IS NULL
      AND c.case_id = new.case_id AND c.lead_story_id = new.story_id AND c.id != new.id AND c.status IN ('auto', 'confirmed') AND c.week IS NOT NULL
    GROUP BY c.week
    ON CONFLICT (case_id, week) DO UPDATE SET entries = entries + excluded.entries;
END;--> statement-breakpoint
CREATE TRIGGER `case_weeks_matches_bd` BEFORE DELETE ON `matches` BEGIN
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT case_id, week, -on_timeline, -is_entry, -in_review FROM `match_timeline`
    WHERE id = old.id AND week IS NOT NULL AND (on_timeline OR in_review)
    ON CONFLICT (case_id, week) DO UPDATE SET stories = stories + excluded.stories, entries = entries + excluded.entries, review = review + excluded.review;
  DELETE FROM `case_weeks` WHERE case_id = old.case_id AND week = old.week AND stories = 0 AND entries = 0 AND review = 0;
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT old.case_id, c.week, 0, count(*), 0 FROM `matches` c INDEXED BY `matches_case_lead_idx`
    WHERE old.status IN ('auto', 'confirmed') AND old.lead_story_id IS NULL
      AND c.case_id = old.case_id AND c.lead_story_id = old.story_id AND c.id != old.id AND c.status IN ('auto', 'confirmed') AND c.week IS NOT NULL
    GROUP BY c.week
    ON CONFLICT (case_id, week) DO UPDATE SET entries = entries + excluded.entries;
END;--> statement-breakpoint
CREATE TRIGGER `case_weeks_matches_bu` BEFORE UPDATE OF case_id, story_id, status, lead_story_id, published_at ON `matches`
  WHEN old.case_id IS NOT new.case_id OR old.story_id IS NOT new.story_id OR old.status IS NOT new.status
    OR old.lead_story_id IS NOT new.lead_story_id OR old.published_at IS NOT new.published_at BEGIN
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT case_id, week, -on_timeline, -is_entry, -in_review FROM `match_timeline`
    WHERE id = old.id AND week IS NOT NULL AND (on_timeline OR in_review)
    ON CONFLICT (case_id, week) DO UPDATE SET stories = stories + excluded.stories, entries = entries + excluded.entries, review = review + excluded.review;
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT old.case_id, c.week, 0, count(*), 0 FROM `matches` c INDEXED BY `matches_case_lead_idx`
    WHERE old.status IN ('auto', 'confirmed') AND old.lead_story_id IS NULL
      AND c.case_id = old.case_id AND c.lead_story_id = old.story_id AND c.id != old.id AND c.status IN ('auto', 'confirmed') AND c.week IS NOT NULL
    GROUP BY c.week
    ON CONFLICT (case_id, week) DO UPDATE SET entries = entries + excluded.entries;
END;--> statement-breakpoint
CREATE TRIGGER `case_weeks_matches_au` AFTER UPDATE OF case_id, story_id, status, lead_story_id, published_at ON `matches`
  WHEN old.case_id IS NOT new.case_id OR old.story_id IS NOT new.story_id OR old.status IS NOT new.status
    OR old.lead_story_id IS NOT new.lead_story_id OR old.published_at IS NOT new.published_at BEGIN
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT case_id, week, on_timeline, is_entry, in_review FROM `match_timeline`
    WHERE id = new.id AND week IS NOT NULL AND (on_timeline OR in_review)
    ON CONFLICT (case_id, week) DO UPDATE SET stories = stories + excluded.stories, entries = entries + excluded.entries, review = review + excluded.review;
  INSERT INTO `case_weeks` (case_id, week, stories, entries, review)
    SELECT new.case_id, c.week, 0, -count(*), 0 FROM `matches` c INDEXED BY `matches_case_lead_idx`
    WHERE new.status IN ('auto', 'confirmed') AND new.lead_story_id IS NULL
      AND c.case_id = new.case_id AND c.lead_story_id = new.story_id AND c.id != new.id AND c.status IN ('auto', 'confirmed') AND c.week IS NOT NULL
    GROUP BY c.week
    ON CONFLICT (case_id, week) DO UPDATE SET entries = entries + excluded.entries;
  DELETE FROM `case_weeks` WHERE case_id = old.case_id AND week = old.week AND stories = 0 AND entries = 0 AND review = 0;
END;
