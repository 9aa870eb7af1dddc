-- The article read behind a teaser (jobs/articles): its text and outcome on the story, the feed's full-text setting,
-- every URL asked for once (article_fetches). Columns are added, never rebuilt, so the triggers of 0001, 0005, 0008
-- and 0010 on stories and matches stay as they are (the pair index's two are replaced below to read the article).
CREATE TABLE `article_fetches` (
	`url_key` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`reason` text,
	`story_id` integer,
	`publisher_url` text,
	`publisher_name` text,
	`fetched_at` integer NOT NULL,
	FOREIGN KEY (`story_id`) REFERENCES `stories`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `article_fetches_story_idx` ON `article_fetches` (`story_id`);--> statement-breakpoint
ALTER TABLE `feeds` ADD `full_text` text DEFAULT 'auto' NOT NULL;--> statement-breakpoint
ALTER TABLE `stories` ADD `article_text` text;--> statement-breakpoint
ALTER TABLE `stories` ADD `article_state` text;--> statement-breakpoint
ALTER TABLE `stories` ADD `article_reason` text;--> statement-breakpoint
ALTER TABLE `stories` ADD `article_fetched_at` integer;--> statement-breakpoint
ALTER TABLE `stories` ADD `publisher_url` text;--> statement-breakpoint
ALTER TABLE `stories` ADD `publisher_name` text;--> statement-breakpoint
CREATE INDEX `stories_feed_article_idx` ON `stories` (`feed_id`,`article_state`) WHERE article_state is not null;--> statement-breakpoint
-- The article text is searched like title and summary: a trigram index of its own (0001's index keeps its two
-- columns), and the character-pair index of 0008 now reads the article too.
CREATE VIRTUAL TABLE `stories_article_fts` USING fts5(article_text, content='stories', content_rowid='id', tokenize='trigram remove_diacritics 1');
--> statement-breakpoint
CREATE TRIGGER `stories_article_fts_ai` AFTER INSERT ON `stories` WHEN new.article_text IS NOT NULL BEGIN
  INSERT INTO stories_article_fts(rowid, article_text) VALUES (new.id, new.article_text);
END;
--> statement-breakpoint
CREATE TRIGGER `stories_article_fts_ad` AFTER DELETE ON `stories` WHEN old.article_text IS NOT NULL BEGIN
  INSERT INTO stories_article_fts(stories_article_fts, rowid, article_text) VALUES ('delete', old.id, old.article_text);
END;
--> statement-breakpoint
CREATE TRIGGER `stories_article_fts_au` AFTER UPDATE OF article_text ON `stories` BEGIN
  INSERT INTO stories_article_fts(stories_article_fts, rowid, article_text) SELECT 'delete', old.id, old.article_text WHERE old.article_text IS NOT NULL;
  INSERT INTO stories_article_fts(rowid, article_text) SELECT new.id, new.article_text WHERE new.article_text IS NOT NULL;
END;
--> statement-breakpoint
DROP TRIGGER `stories_cjk_ai`;
--> statement-breakpoint
DROP TRIGGER `stories_cjk_au`;
--> statement-breakpoint
CREATE TRIGGER `stories_cjk_ai` AFTER INSERT ON `stories` BEGIN
  INSERT INTO `stories_cjk` (rowid, grams) SELECT new.id, g FROM (SELECT cjk_bigrams(new.title || ' ' || new.summary || ' ' || coalesce(new.article_text, '')) AS g) WHERE g != '';
END;
--> statement-breakpoint
CREATE TRIGGER `stories_cjk_au` AFTER UPDATE OF title, summary, article_text ON `stories` BEGIN
  DELETE FROM `stories_cjk` WHERE rowid = old.id;
  INSERT INTO `stories_cjk` (rowid, grams) SELECT new.id, g FROM (SELECT cjk_bigrams(new.title || ' ' || new.summary || ' ' || coalesce(new.article_text, '')) AS g) WHERE g != '';
END;
