-- Character pairs of each story's Chinese, Japanese and Korean text (see core/matching/cjkBigrams.ts), so that a
-- 2-character name such as 赵明 is found through an index: the trigram index of 0001 needs 3 characters.
-- cjk_bigrams() is registered by db/openDb.ts on every connection before migrating.
CREATE VIRTUAL TABLE `stories_cjk` USING fts5(grams, content='', contentless_delete=1, tokenize='unicode61');
--> statement-breakpoint
INSERT INTO `stories_cjk` (rowid, grams)
  SELECT id, g FROM (SELECT id, cjk_bigrams(title || ' ' || summary) AS g FROM `stories`) WHERE g != '';
--> statement-breakpoint
CREATE TRIGGER `stories_cjk_ai` AFTER INSERT ON `stories` BEGIN
  INSERT INTO `stories_cjk` (rowid, grams) SELECT new.id, g FROM (SELECT cjk_bigrams(new.title || ' ' || new.summary) AS g) WHERE g != '';
END;
--> statement-breakpoint
CREATE TRIGGER `stories_cjk_ad` AFTER DELETE ON `stories` BEGIN
  DELETE FROM `stories_cjk` WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `stories_cjk_au` AFTER UPDATE OF title, summary ON `stories` BEGIN
  DELETE FROM `stories_cjk` WHERE rowid = old.id;
  INSERT INTO `stories_cjk` (rowid, grams) SELECT new.id, g FROM (SELECT cjk_bigrams(new.title || ' ' || new.summary) AS g) WHERE g != '';
END;
