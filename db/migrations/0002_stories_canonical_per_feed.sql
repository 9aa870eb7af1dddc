DROP INDEX `stories_canonical_url_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `stories_feed_canonical_url_uq` ON `stories` (`feed_id`,`canonical_url`);--> statement-breakpoint
CREATE INDEX `stories_canonical_url_idx` ON `stories` (`canonical_url`);