import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { jsonText } from "@/db/sql";
import { assignments, attempts, enrollments, recapPicks, scores, submissions, type Assignment } from "@/db/schema";
import type { AnalyticsInput, StudentWork } from "@/lib/analytics";
import { FormError, NotFoundError } from "@/lib/errors";
import { withLessonDefaults } from "@/lib/lesson/default-lesson";
import { hasRecapCard, type RecapCampaign } from "@/lib/studio/recap";
import type { AttemptSnapshot } from "@/lib/validations/workspace";
import type { SessionUser } from "./accounts";
import { activeMemberOf, loadTeacherAssignment, taughtSubmission } from "./ownership";
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
): Promise<AnalyticsInput & { assignment: Assignment; handedInBy: string[]; studentIds: string[] }> {
  const { assignment, entries, counts } = await listQueue(actor, sectionId, assignmentId);

  const submissionIds = entries.flatMap((e) => (e.submissionId ? [e.submissionId] : []));
  const gradedIds = entries.flatMap((e) => (e.graded && e.submissionId ? [e.submissionId] : []));
  const db = await getDb();
  const drafts = submissionIds.length
    ? await db
        .select({ id: submissions.id, draft: submissions.draft, handedIn: jsonText(attempts.snapshot, "draft", "picks") })
        .from(submissions)
        // The last attempt handed in: what the Class Recap counts (the draft may have moved on since).
        .leftJoin(attempts, and(eq(attempts.submissionId, submissions.id), eq(attempts.number, submissions.attemptCount)))
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
  const handedInPicksOf = new Map(
    drafts.map((d) => [d.id, d.handedIn ? (JSON.parse(d.handedIn) as { columnId: string }[]).map((p) => p.columnId) : []]),
  );
  const scoresOf = new Map<string, typeof gradedScores>();
  for (const score of gradedScores) scoresOf.set(score.submissionId, [...(scoresOf.get(score.submissionId) ?? []), score]);
  const students = entries.map((e): StudentWork => ({
    graded: e.graded,
    waiting: e.needsGrading,
    returnedPartly: e.status === "returned" && !e.graded,
    total: e.graded ? e.total : null,
    scores: (e.graded && e.submissionId && scoresOf.get(e.submissionId)) || [],
    submittedAt: e.submittedAt,
    picks: (e.submissionId && picksOf.get(e.submissionId)) || [],
    handedInPicks: (e.submissionId && handedInPicksOf.get(e.submissionId)) || [],
    extended: e.extendedTo !== null,
  }));
  const { all: enrolled, notStarted, inProgress, excused, submitted, late } = counts;
  // Not handed in but not missing (the queue's "missing" leaves them out): an extension still running.
  const extended = notStarted + inProgress - counts.missing;
  // Whose work the figures are, for the access log only (lib/server/recap.ts): a card drawn from one
  // hand-in shows that student's work.
  const handedInBy = entries.flatMap((e) => (e.submittedAt ? [e.studentId] : []));
  // And `students`' own ids, in order (lib/analytics.ts studentsShownAlone).
  const studentIds = entries.map((e) => e.studentId);
  return { assignment, counts: { enrolled, notStarted, inProgress, excused, submitted, late, extended }, students, handedInBy, studentIds };
}

/**
 * The attempt of a submission the Class Recap shows when it is the best-graded: of fully scored
 * work, the attempt the teacher graded (the last handed in by the last score), so that what is shown
 * as the class's best-graded campaign is what was graded, not what its author handed in since. Null
 * for work not graded (not every criterion scored, or scored only as a draft): the recap shows
 * work the teacher hasn't graded only if they choose it.
 */
function recapAttempt(assignment: Assignment) {
  return sql`case when ${submissions.scoredCount} >= ${assignment.rubric.criteria.length}
    then (select max(${attempts.number}) from ${attempts} where ${attempts.submissionId} = ${submissions.id}
      and ${attempts.submittedAt} <= ${submissions.scoredAt}) end`;
}

/** How the recap's campaign was chosen: in grading, by its grade, or by its grade because the pick made in grading can't be shown. */
export type RecapPick = "chosen" | "best-graded" | "chosen-unavailable";

/** Handed-in work of an active student of the assignment's section, in a section the actor teaches. */
function activeHandedIn(actor: SessionUser, sectionId: string) {
  return {
    enrolled: activeMemberOf(sectionId),
    where: and(isNotNull(submissions.submittedAt), taughtSubmission(actor)),
  };
}

/**
 * One studio card from the class for the Class Recap, with no name: the attempt chosen in grading
 * (setRecapPick) while its author is in the class and its card draws; else, of the graded work of
 * active students of a section the actor teaches, the one with the highest total whose card draws
 * (its recapAttempt); null when none has one (work not graded yet is shown only if chosen).
 * `studentId` is for the access log, never for the page; `chosenSubmissionId` (the pick, shown or
 * not) lets the teacher take it back.
 */
export async function getRecapCampaign(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
): Promise<{ studentId: string; pick: RecapPick; chosenSubmissionId: string | null; campaign: RecapCampaign } | null> {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const handedIn = activeHandedIn(actor, sectionId);
  const chosen = (await db.select().from(recapPicks).where(eq(recapPicks.assignmentId, assignment.id)))[0];
  const shownOf = (row: { studentId: string; snapshot: AttemptSnapshot }, pick: RecapPick) => {
    const { card, picks, copy } = row.snapshot.draft;
    return { studentId: row.studentId, pick, chosenSubmissionId: chosen?.submissionId ?? null, campaign: { draft: { card, picks, copy } } };
  };
  const columns = { studentId: submissions.studentId, snapshot: attempts.snapshot };
  if (chosen) {
    const row = (
      await db
        .select(columns)
        .from(submissions)
        .innerJoin(enrollments, handedIn.enrolled)
        .innerJoin(attempts, and(eq(attempts.submissionId, submissions.id), eq(attempts.number, chosen.attempt)))
        .where(and(eq(submissions.id, chosen.submissionId), eq(submissions.assignmentId, assignment.id), handedIn.where))
    )[0];
    if (row && hasRecapCard(row.snapshot.draft, assignment.content)) return shownOf(row, "chosen");
  }
  const rows = await db
    .select(columns)
    .from(submissions)
    .innerJoin(enrollments, handedIn.enrolled)
    .innerJoin(attempts, and(eq(attempts.submissionId, submissions.id), eq(attempts.number, recapAttempt(assignment))))
    .where(and(eq(submissions.assignmentId, assignment.id), handedIn.where))
    .orderBy(desc(submissions.totalPoints), asc(enrollments.anonKey));
  const best = rows.find((r) => hasRecapCard(r.snapshot.draft, assignment.content));
  return best ? shownOf(best, chosen ? "chosen-unavailable" : "best-graded") : null;
}

/** What the recap shows once a pick is made or taken back: this work (which attempt), another chosen in grading, or the best-graded. */
export type RecapPickState = { shown: "this"; attempt: number } | { shown: "other" | "best-graded" };

/**
 * The teacher's pick of the campaign their Class Recap shows. `attempt`: one handed-in attempt of
 * this submission, whose card draws, of an active student in a section the actor teaches (else a
 * FormError, and the pick stays as it was); it replaces any other pick. `null` takes this
 * submission's pick back, whatever has become of its author, and leaves another's pick alone. Either
 * way a value, not a toggle, so a retry can't flip it.
 */
export async function setRecapPick(actor: SessionUser, submissionId: string, attempt: number | null): Promise<RecapPickState> {
  return await writeTransaction(async (tx) => {
    const work = (
      await tx
        .select({ assignment: assignments, studentId: submissions.studentId })
        .from(submissions)
        .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
        .where(and(eq(submissions.id, submissionId), taughtSubmission(actor)))
    )[0];
    if (!work) throw new NotFoundError("submission");
    const assignmentId = work.assignment.id;
    if (attempt === null) {
      await tx.delete(recapPicks).where(and(eq(recapPicks.assignmentId, assignmentId), eq(recapPicks.submissionId, submissionId)));
      const other = (await tx.select().from(recapPicks).where(eq(recapPicks.assignmentId, assignmentId)))[0];
      return { shown: other ? "other" : "best-graded" };
    }
    const handedIn = activeHandedIn(actor, work.assignment.sectionId);
    const shown = (
      await tx
        .select({ snapshot: attempts.snapshot })
        .from(submissions)
        .innerJoin(enrollments, handedIn.enrolled)
        .innerJoin(attempts, and(eq(attempts.submissionId, submissions.id), eq(attempts.number, attempt)))
        .where(and(eq(submissions.id, submissionId), handedIn.where))
    )[0];
    if (!shown) throw new NotFoundError("attempt");
    if (!hasRecapCard(shown.snapshot.draft, withLessonDefaults(work.assignment.content)))
      throw new FormError("This attempt has no studio card the recap can draw, so it can't be shown there.");
    await tx
      .insert(recapPicks)
      .values({ assignmentId, submissionId, attempt })
      .onConflictDoUpdate({ target: recapPicks.assignmentId, set: { submissionId, attempt, createdAt: new Date() } });
    return { shown: "this", attempt };
  });
}
