import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { assignments, attempts, enrollments, recapPicks, scores, submissions, type Assignment } from "@/db/schema";
import type { AnalyticsInput, StudentWork } from "@/lib/analytics";
import { FormError, NotFoundError } from "@/lib/errors";
import { withLessonDefaults } from "@/lib/lesson/default-lesson";
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
 * The attempt of a submission the Class Recap shows. Of fully scored work, the attempt the teacher
 * graded (the last handed in by the last score; the latest, if it was scored as a draft and handed in
 * after), so that what is shown as the class's best-graded campaign is what was graded, not what its
 * author handed in since; of other work, the last attempt.
 */
function recapAttempt(assignment: Assignment) {
  return sql`case when ${submissions.scoredCount} >= ${assignment.rubric.criteria.length}
    then coalesce((select max(${attempts.number}) from ${attempts} where ${attempts.submissionId} = ${submissions.id}
      and ${attempts.submittedAt} <= ${submissions.scoredAt}), ${submissions.attemptCount})
    else ${submissions.attemptCount} end`;
}

/** How the recap's campaign was chosen: by the teacher, by its grade, or by its grade because the teacher's pick can't be shown. */
export type RecapPick = "chosen" | "best-graded" | "chosen-unavailable";

/**
 * One studio card from the class for the Class Recap, with no name: the submitted work the teacher
 * chose (setRecapPick) if its card draws, else the one with the highest total among those whose card
 * draws, of an active student of a section the actor teaches; null when none has one. Its attempt:
 * recapAttempt. `studentId` is for the access log, never for the page; `submissionId` lets the
 * teacher undo their pick.
 */
export async function getRecapCampaign(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
): Promise<{ studentId: string; submissionId: string; pick: RecapPick; campaign: RecapCampaign } | null> {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const chosen =
    (await db.select({ submissionId: recapPicks.submissionId }).from(recapPicks).where(eq(recapPicks.assignmentId, assignment.id)))[0]
      ?.submissionId ?? null;
  const rows = await db
    .select({ studentId: submissions.studentId, submissionId: submissions.id, snapshot: attempts.snapshot })
    .from(submissions)
    .innerJoin(
      enrollments,
      and(eq(enrollments.studentId, submissions.studentId), eq(enrollments.sectionId, sectionId), isNull(enrollments.removedAt)),
    )
    .innerJoin(attempts, and(eq(attempts.submissionId, submissions.id), eq(attempts.number, recapAttempt(assignment))))
    .where(and(eq(submissions.assignmentId, assignment.id), isNotNull(submissions.submittedAt), taughtSubmission(actor)))
    .orderBy(
      sql`case when ${submissions.id} = ${chosen ?? ""} then 0 else 1 end`,
      sql`${submissions.totalPoints} is null`,
      desc(submissions.totalPoints),
      asc(enrollments.anonKey),
    );
  const shown = rows.find((r) => hasRecapCard(r.snapshot.draft, assignment.content));
  if (!shown) return null;
  const { card, picks, copy } = shown.snapshot.draft;
  const pick = shown.submissionId === chosen ? "chosen" : chosen ? "chosen-unavailable" : "best-graded";
  return { studentId: shown.studentId, submissionId: shown.submissionId, pick, campaign: { draft: { card, picks, copy } } };
}

/**
 * The teacher's pick of the campaign their Class Recap shows: a handed-in submission of an active
 * student in a section the actor teaches, whose recap attempt draws a studio card (else a FormError,
 * and the pick stays as it was). A value, not a toggle: `chosen: false` takes this submission back
 * out (the recap goes back to the best-graded campaign) and leaves another's pick alone.
 */
export async function setRecapPick(actor: SessionUser, submissionId: string, chosen: boolean): Promise<{ chosen: boolean }> {
  return await writeTransaction(async (tx) => {
    const row = (
      await tx
        .select({ assignment: assignments })
        .from(submissions)
        .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
        .innerJoin(
          enrollments,
          and(
            eq(enrollments.sectionId, assignments.sectionId),
            eq(enrollments.studentId, submissions.studentId),
            isNull(enrollments.removedAt),
          ),
        )
        .where(and(eq(submissions.id, submissionId), isNotNull(submissions.submittedAt), taughtSubmission(actor)))
    )[0];
    if (!row) throw new NotFoundError("submission");
    const assignment = { ...row.assignment, content: withLessonDefaults(row.assignment.content) };
    if (chosen) {
      const shown = (
        await tx
          .select({ snapshot: attempts.snapshot })
          .from(submissions)
          .innerJoin(attempts, and(eq(attempts.submissionId, submissions.id), eq(attempts.number, recapAttempt(assignment))))
          .where(eq(submissions.id, submissionId))
      )[0];
      if (!shown || !hasRecapCard(shown.snapshot.draft, assignment.content))
        throw new FormError("This campaign has no studio card the recap can draw, so it can't be shown there.");
      await tx
        .insert(recapPicks)
        .values({ assignmentId: assignment.id, submissionId })
        .onConflictDoUpdate({ target: recapPicks.assignmentId, set: { submissionId, createdAt: new Date() } });
    } else {
      await tx.delete(recapPicks).where(and(eq(recapPicks.assignmentId, assignment.id), eq(recapPicks.submissionId, submissionId)));
    }
    return { chosen };
  });
}
