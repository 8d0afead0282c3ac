-- A teacher's account can be erased (the retention purge, once they have left and their sections went to a colleague)
-- while the grading they did stays: who scored, or changed a grade, becomes null ("a former teacher").
ALTER TABLE "grade_events" DROP CONSTRAINT "grade_events_actor_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "scores" DROP CONSTRAINT "scores_updated_by_users_id_fk";
--> statement-breakpoint
ALTER TABLE "grade_events" ALTER COLUMN "actor_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "scores" ALTER COLUMN "updated_by" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "grade_events" ADD CONSTRAINT "grade_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scores" ADD CONSTRAINT "scores_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
