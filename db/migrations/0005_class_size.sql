-- Hand-edited: SQLite adds a NOT NULL column only with a default, so the two enrollment columns
-- come with '' and are filled in from the existing rows straight after (new rows always set them).
ALTER TABLE `enrollments` ADD `sort_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `enrollments` ADD `anon_key` text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE `enrollments` SET `sort_name` = lower((SELECT `name` FROM `users` WHERE `users`.`id` = `enrollments`.`student_id`)), `anon_key` = lower(hex(randomblob(16)));--> statement-breakpoint
CREATE INDEX `enrollments_active_by_name_idx` ON `enrollments` (`section_id`,`sort_name`,`student_id`) WHERE "enrollments"."removed_at" is null;--> statement-breakpoint
CREATE INDEX `enrollments_active_by_anon_idx` ON `enrollments` (`section_id`,`anon_key`,`student_id`) WHERE "enrollments"."removed_at" is null;--> statement-breakpoint
ALTER TABLE `submissions` ADD `scored_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `submissions` ADD `total_points` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `scored_at` integer;--> statement-breakpoint
UPDATE `submissions` SET
  `scored_count` = (SELECT count(*) FROM `scores` WHERE `scores`.`submission_id` = `submissions`.`id` AND `scores`.`points` IS NOT NULL),
  `total_points` = (SELECT sum(`points`) FROM `scores` WHERE `scores`.`submission_id` = `submissions`.`id`),
  `scored_at` = (SELECT max(`updated_at`) FROM `scores` WHERE `scores`.`submission_id` = `submissions`.`id`);
