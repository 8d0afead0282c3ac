CREATE TABLE "excusals" (
	"id" text PRIMARY KEY NOT NULL,
	"assignment_id" text NOT NULL,
	"student_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "excusals" ADD CONSTRAINT "excusals_assignment_id_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "excusals" ADD CONSTRAINT "excusals_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "excusals_assignment_student_unique" ON "excusals" USING btree ("assignment_id","student_id");--> statement-breakpoint
CREATE INDEX "excusals_student_idx" ON "excusals" USING btree ("student_id");