CREATE TABLE `banked_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`teacher_id` text NOT NULL,
	`criterion_key` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`teacher_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `banked_comments_teacher_idx` ON `banked_comments` (`teacher_id`,`criterion_key`);--> statement-breakpoint
CREATE TABLE `grade_events` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`criterion_id` text,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`actor_id` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `grade_events_submission_idx` ON `grade_events` (`submission_id`,`at`);--> statement-breakpoint
ALTER TABLE `assignments` ADD `anonymous` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `submissions` ADD `grade_updated_at` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `feedback` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `submissions` ADD `feedback_version` integer DEFAULT 0 NOT NULL;