-- A delivery's state gets a column of its own; until now it was a prefix of message_id ('sending:<id>',
-- 'retry:<id>', '<id>' when sent, null when folded). The message id keeps only the id.
ALTER TABLE `deliveries` ADD `state` text DEFAULT 'sent' NOT NULL;--> statement-breakpoint
UPDATE `deliveries` SET `state` = 'sending', `message_id` = substr(`message_id`, 9) WHERE `message_id` LIKE 'sending:%';--> statement-breakpoint
UPDATE `deliveries` SET `state` = 'retry', `message_id` = substr(`message_id`, 7) WHERE `message_id` LIKE 'retry:%';--> statement-breakpoint
UPDATE `deliveries` SET `state` = 'folded' WHERE `message_id` IS NULL;
