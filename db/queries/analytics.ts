import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { attempts, enrollments, scores, submissions, type Assignment } from "@/db/schema";
import type { AnalyticsInput, StudentWork } from "@/lib/analytics";
import { hasRecapCard, type RecapCampaign } from "@/lib/studio/recap";
import type { SessionUser } from "./accounts";
import { loadTeacherAssignment, taughtSubmission } from "./ownership";
import { listQueue } from "./queue";

/** Class analytics, for the teacher who owns the section. Aggregates only: no names leave here. */

/** Restricts a query on `submissions` to these ids of one assignment in a section the actor teaches. */
function ownedSubmissions(actor: SessionUser, assignmentId: string, ids: string[]) {
  return and(inArray(submissions.id, ids), eq(submissions.assignmentId, assignmentId), taughtSubmission(actor));
}

/**
 * The raw inputs of lib/analytics for one assignment: its active students only (removed ones are
 * left out, as everywhere on the teacher's side). Status, graded and totals come from the grading
 * queue, with its counts, so analytics never disagree with the Students list.
 */
export async function getAssignmentAnalytics(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
): Promise<AnalyticsInput & { assignment: Assignment }> {
  const { assignment, entries, counts } = await listQueue(actor, sectionId, assignmentId);

  const submissionIds = entries.flatMap((e) => (e.submissionId ? [e.submissionId] : []));
  const gradedIds = entries.flatMap((e) => (e.graded && e.submissionId ? [e.submissionId] : []));
  const db = await getDb();
  const drafts = submissionIds.length
    ? await db
        .select({ id: submissions.id, draft: submissions.draft })
        .from(submissions)
        .where(ownedSubmissions(actor, assignmentId, submissionIds))
    : [];
  const gradedScores = gradedIds.length
    ? await db
        .select({ submissionId: scores.submissionId, criterionId: scores.criterionId, points: scores.points })
        .from(scores)
        .innerJoin(submissions, eq(submissions.id, scores.submissionId))
        .where(ownedSubmissions(actor, assignmentId, gradedIds))
    : [];

  const picksOf = new Map(drafts.map((d) => [d.id, d.draft.picks.map((p) => p.columnId)]));
  const scoresOf = new Map<string, typeof gradedScores>();
  for (const score of gradedScores) scoresOf.set(score.submissionId, [...(scoresOf.get(score.submissionId) ?? []), score]);
  const students = entries.map((e): StudentWork => ({
    graded: e.graded,
    total: e.graded ? e.total : null,
    scores: (e.graded && e.submissionId && scoresOf.get(e.submissionId)) || [],
    submittedAt: e.submittedAt,
    picks: (e.submissionId && picksOf.get(e.submissionId)) || [],
  }));
  const { all: enrolled, notStarted, inProgress, submitted, late } = counts;
  return { assignment, counts: { enrolled, notStarted, inProgress, submitted, late }, students };
}

/**
 * One studio card from the class for the Class Recap, with no name: the submitted work with the
 * highest total among those whose card draws, of an active student of a section the actor teaches;
 * null when none has one. Of fully scored work, the attempt the teacher graded (the last handed in
 * before the last score), so that what is shown as the class's best-graded campaign is what was
 * graded, not what its author handed in since; of other work, the last attempt. `studentId` is for the
 * access log, never for the page.
 */
export async function getRecapCampaign(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
): Promise<{ studentId: string; campaign: RecapCampaign } | null> {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  // Fully scored: the last attempt handed in by the last score (the latest, if it was scored as a
  // draft and handed in after). Otherwise the latest.
  const shownAttempt = sql`case when ${submissions.scoredCount} >= ${assignment.rubric.criteria.length}
    then coalesce((select max(${attempts.number}) from ${attempts} where ${attempts.submissionId} = ${submissions.id}
      and ${attempts.submittedAt} <= ${submissions.scoredAt}), ${submissions.attemptCount})
    else ${submissions.attemptCount} end`;
  const rows = await db
    .select({ studentId: submissions.studentId, snapshot: attempts.snapshot })
    .from(submissions)
    .innerJoin(
      enrollments,
      and(eq(enrollments.studentId, submissions.studentId), eq(enrollments.sectionId, sectionId), isNull(enrollments.removedAt)),
    )
    .innerJoin(attempts, and(eq(attempts.submissionId, submissions.id), eq(attempts.number, shownAttempt)))
    .where(and(eq(submissions.assignmentId, assignment.id), isNotNull(submissions.submittedAt), taughtSubmission(actor)))
    .orderBy(sql`${submissions.totalPoints} is null`, desc(submissions.totalPoints), asc(enrollments.anonKey));
  const shown = rows.find((r) => hasRecapCard(r.snapshot.draft, assignment.content));
  if (!shown) return null;
  const { card, picks, copy } = shown.snapshot.draft;
  return { studentId: shown.studentId, campaign: { draft: { card, picks, copy } } };
}
