-- The user's latest confirm or reject of each match, with what it changed (the status before, and the same-article
-- copies a rejection also rejected), so that "Undo" puts everything back exactly. One row per match at most; it goes
-- with its match (a pruned story, a deleted case) through the foreign key on matches_case_story_uq's columns.
CREATE TABLE `match_decisions` (
	`case_id` integer NOT NULL,
	`story_id` integer NOT NULL,
	`decision` text NOT NULL,
	`previous_status` text NOT NULL,
	`twins` text DEFAULT '[]' NOT NULL,
	`decided_at` integer NOT NULL,
	PRIMARY KEY(`case_id`, `story_id`),
	FOREIGN KEY (`case_id`,`story_id`) REFERENCES `matches`(`case_id`,`story_id`) ON UPDATE no action ON DELETE cascade
);
