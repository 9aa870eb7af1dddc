-- Full-text index over stories (external content). The trigram tokenizer finds CJK text and
-- substrings; remove_diacritics makes "Societe" find "Société".
CREATE VIRTUAL TABLE `stories_fts` USING fts5(title, summary, content='stories', content_rowid='id', tokenize='trigram remove_diacritics 1');
--> statement-breakpoint
CREATE TRIGGER `stories_fts_ai` AFTER INSERT ON `stories` BEGIN
  INSERT INTO stories_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
--> statement-breakpoint
CREATE TRIGGER `stories_fts_ad` AFTER DELETE ON `stories` BEGIN
  INSERT INTO stories_fts(stories_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
END;
--> statement-breakpoint
CREATE TRIGGER `stories_fts_au` AFTER UPDATE OF title, summary ON `stories` BEGIN
  INSERT INTO stories_fts(stories_fts, rowid, title, summary) VALUES ('delete', old.id, old.title, old.summary);
  INSERT INTO stories_fts(rowid, title, summary) VALUES (new.id, new.title, new.summary);
END;
