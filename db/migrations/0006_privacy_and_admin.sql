CREATE TABLE `access_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`actor_name` text NOT NULL,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`student_id` text,
	`section_id` text,
	`assignment_id` text,
	`detail` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `access_log_at_idx` ON `access_log` (`at`);--> statement-breakpoint
CREATE INDEX `access_log_student_idx` ON `access_log` (`student_id`,`at`);--> statement-breakpoint
CREATE INDEX `access_log_actor_idx` ON `access_log` (`actor_id`,`at`);--> statement-breakpoint
CREATE TABLE `pending_file_deletions` (
	`storage_key` text PRIMARY KEY NOT NULL,
	`queued_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `sign_in_events` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sign_in_events_user_idx` ON `sign_in_events` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `sign_in_events_at_idx` ON `sign_in_events` (`at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_grade_events` (
	`id` text PRIMARY KEY NOT NULL,
	`assignment_id` text,
	`submission_id` text,
	`criterion_id` text,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`actor_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_grade_events`("id", "assignment_id", "submission_id", "criterion_id", "field", "old_value", "new_value", "actor_id", "at") SELECT "id", (SELECT "assignment_id" FROM `submissions` WHERE `submissions`."id" = `grade_events`."submission_id"), "submission_id", "criterion_id", "field", "old_value", "new_value", "actor_id", "at" FROM `grade_events`;--> statement-breakpoint
DROP TABLE `grade_events`;--> statement-breakpoint
ALTER TABLE `__new_grade_events` RENAME TO `grade_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `grade_events_submission_idx` ON `grade_events` (`submission_id`,`at`);--> statement-breakpoint
CREATE INDEX `grade_events_assignment_idx` ON `grade_events` (`assignment_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `deactivated_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `approval` text DEFAULT 'approved' NOT NULL;