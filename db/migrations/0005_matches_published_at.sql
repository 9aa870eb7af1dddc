ALTER TABLE `matches` ADD `published_at` integer;--> statement-breakpoint
UPDATE `matches` SET `published_at` = (SELECT `published_at` FROM `stories` WHERE `stories`.`id` = `matches`.`story_id`);--> statement-breakpoint
CREATE INDEX `matches_case_timeline_idx` ON `matches` (`case_id`,`published_at`,`story_id`,`status`,`lead_story_id`,`stage`);--> statement-breakpoint
-- Every write path gets the date without having to know about it: a new match copies its story's date,
-- and a story whose date changes carries the change to its matches.
CREATE TRIGGER `matches_published_ai` AFTER INSERT ON `matches` WHEN new.`published_at` IS NULL BEGIN
  UPDATE `matches` SET `published_at` = (SELECT `published_at` FROM `stories` WHERE `stories`.`id` = new.`story_id`) WHERE `id` = new.`id`;
END;--> statement-breakpoint
CREATE TRIGGER `stories_published_au` AFTER UPDATE OF `published_at` ON `stories` WHEN new.`published_at` IS NOT old.`published_at` BEGIN
  UPDATE `matches` SET `published_at` = new.`published_at` WHERE `story_id` = new.`id`;
END;
