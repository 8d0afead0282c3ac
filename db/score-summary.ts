import { and, eq, isNotNull, sql } from "drizzle-orm";
import { scores, submissions } from "./schema";

/**
 * The score summary a submission row carries (see `submissions.scoredCount` in the schema), worked
 * out from its scores in SQL: criteria with points, their sum, and when any score last changed. Set
 * it in the same transaction as every score write, so the summary can never disagree with the scores.
 */
export function scoreSummary(submissionId: string) {
  const own = eq(scores.submissionId, submissionId);
  return {
    scoredCount: sql<number>`(select count(*) from ${scores} where ${and(own, isNotNull(scores.points))})`,
    totalPoints: sql<number | null>`(select sum(${scores.points}) from ${scores} where ${own})`,
    scoredAt: sql<Date | null>`(select max(${scores.updatedAt}) from ${scores} where ${own})`,
  } satisfies Partial<Record<keyof typeof submissions.$inferInsert, unknown>>;
}
