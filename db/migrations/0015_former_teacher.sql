-- A teacher's account can be erased (the retention purge, once they have left and their sections went to a colleague)
-- while the grading they did stays: who scored, or changed a grade, becomes null ("a former teacher").
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_grade_events` (
	`id` text PRIMARY KEY NOT NULL,
	`assignment_id` text,
	`submission_id` text,
	`criterion_id` text,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`actor_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_grade_events`("id", "assignment_id", "submission_id", "criterion_id", "field", "old_value", "new_value", "actor_id", "at") SELECT "id", "assignment_id", "submission_id", "criterion_id", "field", "old_value", "new_value", "actor_id", "at" FROM `grade_events`;--> statement-breakpoint
DROP TABLE `grade_events`;--> statement-breakpoint
ALTER TABLE `__new_grade_events` RENAME TO `grade_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `grade_events_submission_idx` ON `grade_events` (`submission_id`,`at`);--> statement-breakpoint
CREATE INDEX `grade_events_assignment_idx` ON `grade_events` (`assignment_id`);--> statement-breakpoint
CREATE TABLE `__new_scores` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`points` integer,
	`comment` text DEFAULT '' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_scores`("id", "submission_id", "criterion_id", "points", "comment", "version", "updated_by", "updated_at") SELECT "id", "submission_id", "criterion_id", "points", "comment", "version", "updated_by", "updated_at" FROM `scores`;--> statement-breakpoint
DROP TABLE `scores`;--> statement-breakpoint
ALTER TABLE `__new_scores` RENAME TO `scores`;--> statement-breakpoint
CREATE UNIQUE INDEX `scores_submission_criterion_unique` ON `scores` (`submission_id`,`criterion_id`);
