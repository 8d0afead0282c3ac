CREATE TABLE `erasure_acknowledgements` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`teacher_id` text NOT NULL,
	`acknowledged_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `erasure_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`teacher_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `erasure_acknowledgements_request_teacher_unique` ON `erasure_acknowledgements` (`request_id`,`teacher_id`);--> statement-breakpoint
CREATE INDEX `erasure_acknowledgements_teacher_idx` ON `erasure_acknowledgements` (`teacher_id`);--> statement-breakpoint
CREATE TABLE `erasure_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`requested_by` text,
	`requested_at` integer NOT NULL,
	`erase_after` integer NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `erasure_requests_student_unique` ON `erasure_requests` (`student_id`);