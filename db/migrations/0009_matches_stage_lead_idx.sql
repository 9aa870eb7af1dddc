CREATE INDEX `matches_case_stage_idx` ON `matches` (`case_id`,`stage`,`published_at`);--> statement-breakpoint
CREATE INDEX `matches_case_lead_idx` ON `matches` (`case_id`,`lead_story_id`);