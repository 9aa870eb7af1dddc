CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`case_id` integer,
	`params` text NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`total` integer,
	`phrase` text DEFAULT '' NOT NULL,
	`cursor` integer,
	`result` text,
	`error` text,
	`cancel_requested` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`started_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `jobs_state_idx` ON `jobs` (`state`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_case_idx` ON `jobs` (`case_id`,`id`);