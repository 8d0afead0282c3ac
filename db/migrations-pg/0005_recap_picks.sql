CREATE TABLE "recap_picks" (
	"assignment_id" text PRIMARY KEY NOT NULL,
	"submission_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recap_picks" ADD CONSTRAINT "recap_picks_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recap_picks" ADD CONSTRAINT "recap_picks_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recap_picks_submission_idx" ON "recap_picks" USING btree ("submission_id");