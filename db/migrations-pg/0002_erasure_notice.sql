CREATE TABLE "erasure_acknowledgements" (
	"id" text PRIMARY KEY NOT NULL,
	"request_id" text NOT NULL,
	"teacher_id" text NOT NULL,
	"acknowledged_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "erasure_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"student_id" text NOT NULL,
	"requested_by" text,
	"requested_at" timestamp (3) with time zone NOT NULL,
	"erase_after" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "erasure_acknowledgements" ADD CONSTRAINT "erasure_acknowledgements_request_id_erasure_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."erasure_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_acknowledgements" ADD CONSTRAINT "erasure_acknowledgements_teacher_id_users_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "erasure_requests" ADD CONSTRAINT "erasure_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_acknowledgements_request_teacher_unique" ON "erasure_acknowledgements" USING btree ("request_id","teacher_id");--> statement-breakpoint
CREATE INDEX "erasure_acknowledgements_teacher_idx" ON "erasure_acknowledgements" USING btree ("teacher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "erasure_requests_student_unique" ON "erasure_requests" USING btree ("student_id");