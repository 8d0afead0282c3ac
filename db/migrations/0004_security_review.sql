CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`section_id` text NOT NULL,
	`student_id` text NOT NULL,
	`listed_name` text NOT NULL,
	`invited_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`declined_at` integer,
	FOREIGN KEY (`section_id`) REFERENCES `sections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_section_student_unique` ON `invitations` (`section_id`,`student_id`);--> statement-breakpoint
CREATE INDEX `invitations_student_idx` ON `invitations` (`student_id`);--> statement-breakpoint
CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
DROP TABLE `sign_in_attempts`;--> statement-breakpoint
ALTER TABLE `users` ADD `created_by` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `users` ADD `last_sign_in_at` integer;