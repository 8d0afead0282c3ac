ALTER TABLE "submissions" ADD COLUMN "reopened_attempt" integer;--> statement-breakpoint
-- Work reopened before this column: reopened still if not handed in again since the grade it kept was returned.
UPDATE "submissions" SET "reopened_attempt" = "attempt_count"
  WHERE "earlier_grade" IS NOT NULL AND "returned_at" IS NULL AND "submitted_at" IS NOT NULL
    AND "submitted_at" <= ("earlier_grade"->>'returnedAt')::timestamptz;
