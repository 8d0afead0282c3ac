import "server-only";
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { jsonArrayLength, sumWhen } from "@/db/sql";
import { getDb, writeTransaction, inserted } from "@/db";
import {
  assignments,
  attempts,
  enrollments,
  recapPicks,
  scores,
  sections,
  submissionImages,
  submissions,
  users,
  type Assignment,
} from "@/db/schema";
import { closedAt } from "@/lib/assignment-window";
import { FormError, NotFoundError } from "@/lib/errors";
import { parseEarlierGrade, RUBRIC_LOCKED } from "@/lib/grading";
import { DEFAULT_RUBRIC, defaultLessonContent, withLessonDefaults } from "@/lib/lesson/default-lesson";
import type { Dataset, LessonContent, Rubric } from "@/lib/lesson/types";
import { LESSON_CHANGED_ELSEWHERE, partVersion, rubricVersion, settingsVersion, type LessonPart } from "@/lib/lesson/part-version";
import { workStatus } from "@/lib/workspace";
import type { SessionUser } from "./accounts";
import { inTaughtSection, loadTeacherAssignment, loadTeacherSection, taughtBy, teacherAssignment, type Db } from "./ownership";
import { isExcused } from "./excusals";
import { markLateAgain } from "./extensions";
import { gradedWork, needsGradingWork, stageCounts } from "./queue";

/** Teacher-side assignment reads and writes, scoped to sections the acting teacher owns. */

export type AssignmentSettings = { title: string; instructions: string; dueAt: Date; acceptLate: boolean; closeAt: Date | null };

export async function createAssignment(actor: SessionUser, sectionId: string, settings: AssignmentSettings): Promise<Assignment> {
  return await writeTransaction(async (tx) => {
    const section = await loadTeacherSection(tx, actor, sectionId);
    if (section.archivedAt) throw new FormError("This section is archived. Restore it before assigning the lesson.", "archived");
    const row = await inserted(
      tx
        .insert(assignments)
        .values({ sectionId, ...settings, content: defaultLessonContent(), rubric: structuredClone(DEFAULT_RUBRIC) })
        .returning(),
    );
    return { ...row, content: withLessonDefaults(row.content) };
  });
}

export async function getTeacherAssignment(actor: SessionUser, sectionId: string, assignmentId: string): Promise<Assignment> {
  return await loadTeacherAssignment(await getDb(), actor, sectionId, assignmentId);
}

async function updateOwned(
  db: Db,
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  change: Partial<typeof assignments.$inferInsert>,
) {
  const row = (
    await db
      .update(assignments)
      .set({ ...change, updatedAt: new Date() })
      .where(teacherAssignment(actor, sectionId, assignmentId))
      .returning()
  )[0];
  if (!row) throw new NotFoundError("assignment");
  return row;
}

/**
 * Saves the settings whole, over the version the teacher's form was opened with (`seen`,
 * lib/lesson/part-version.ts): if they have been saved since (another tab), nothing is written.
 * A new due date marks the work already handed in again, every attempt of it, as the date says:
 * late only if handed in after it (as Canvas and Google Classroom do), so a due date moved later for
 * the class forgives what it now covers, and no page shows work before the due date marked late. A
 * student with a later date of their own (an extension) is marked against theirs.
 * `closeNow` closes the assignment as it is saved, by the server's clock (closedAt): not at the time
 * the teacher's browser says, nor when they pressed the button, which would mark late the work
 * handed in before the save.
 * Returns the new version and the dates saved.
 */
export async function updateAssignmentSettings(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  settings: AssignmentSettings,
  seen: string,
  { closeNow = false, now }: { closeNow?: boolean; now?: Date } = {},
): Promise<{ version: string; dueAt: Date; closeAt: Date | null }> {
  return await writeTransaction(async (tx) => {
    const current = await loadTeacherAssignment(tx, actor, sectionId, assignmentId);
    if (settingsVersion(current) !== seen) throw new FormError(LESSON_CHANGED_ELSEWHERE, "stale");
    // Read once the write lock is held: a hand-in that went first, while the assignment was open,
    // came in before this instant, so it stays on time.
    const change = closeNow ? closedAt(settings, now ?? new Date()) : settings;
    const saved = await updateOwned(tx, actor, sectionId, assignmentId, change);
    if (saved.dueAt.getTime() !== current.dueAt.getTime()) await markLateAgain(tx, saved);
    return { version: settingsVersion(saved), dueAt: saved.dueAt, closeAt: saved.closeAt };
  });
}

/**
 * Edits one part of the assignment's own copy of the lesson; other assignments are untouched.
 * `seen` is the part's version the teacher's form was opened with (lib/lesson/part-version.ts): if
 * it has been saved since (another tab), nothing is written. Returns the part's new version.
 */
export async function updateLessonContent(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  patch: Partial<Pick<LessonContent, "caseStudy" | "brief" | "copyExample" | "questions" | "lessonPlan">> & { dataset?: Dataset },
  seen?: { part: LessonPart; version: string },
): Promise<{ version: string | null }> {
  return await writeTransaction(async (tx) => {
    const current = await loadTeacherAssignment(tx, actor, sectionId, assignmentId);
    if (seen && partVersion(current.content, seen.part) !== seen.version) throw new FormError(LESSON_CHANGED_ELSEWHERE, "stale");
    const row = await updateOwned(tx, actor, sectionId, assignmentId, { content: { ...current.content, ...patch } });
    return { version: seen ? partVersion(withLessonDefaults(row.content), seen.part) : null };
  });
}

export async function rubricIsLocked(actor: SessionUser, sectionId: string, assignmentId: string): Promise<boolean> {
  return await scoredWorkExists(await getDb(), actor, sectionId, assignmentId);
}

/**
 * Whether any work of the assignment holds points scored with its rubric: a score, or the grade
 * returned before the work was reopened (kept on the submission, read by its student and the
 * "only grades returned" export against the rubric), even once every point since is cleared. Feedback
 * returned alone, with no points, holds none: it does not lock the rubric, as a comment doesn't.
 */
async function scoredWorkExists(db: Db, actor: SessionUser, sectionId: string, assignmentId: string): Promise<boolean> {
  await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const scored = await db
    .select({ id: scores.id })
    .from(submissions)
    .innerJoin(scores, and(eq(scores.submissionId, submissions.id), isNotNull(scores.points)))
    .where(eq(submissions.assignmentId, assignmentId))
    .limit(1);
  if (scored.length > 0) return true;
  // Reopened work only, a few rows at most: read as the student's page reads it (parseEarlierGrade).
  const earlier = await db
    .select({ grade: submissions.earlierGrade })
    .from(submissions)
    .where(and(eq(submissions.assignmentId, assignmentId), isNotNull(submissions.earlierGrade)));
  return earlier.some(({ grade }) => parseEarlierGrade(grade)?.scores.some((s) => s.points !== null) ?? false);
}

/** Saves the rubric whole, over the version the form was opened with (`seen`), as the settings are. */
export async function updateRubric(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  rubric: Rubric,
  seen: string,
): Promise<{ version: string }> {
  return await writeTransaction(async (tx) => {
    if (await scoredWorkExists(tx, actor, sectionId, assignmentId)) throw new FormError(RUBRIC_LOCKED, "locked");
    const current = await loadTeacherAssignment(tx, actor, sectionId, assignmentId);
    if (rubricVersion(current.rubric) !== seen) throw new FormError(LESSON_CHANGED_ELSEWHERE, "stale");
    return { version: rubricVersion((await updateOwned(tx, actor, sectionId, assignmentId, { rubric })).rubric) };
  });
}

/** The section's assignments with how many active students are at each stage. */
export async function listSectionAssignments(actor: SessionUser, sectionId: string) {
  const db = await getDb();
  await loadTeacherSection(db, actor, sectionId);
  return await db
    .select({
      id: assignments.id,
      title: assignments.title,
      dueAt: assignments.dueAt,
      closeAt: assignments.closeAt,
      acceptLate: assignments.acceptLate,
      enrolled: sql<number>`count(${enrollments.id})`.mapWith(Number),
      ...stageCounts(assignments.id),
      // Work waiting for a grade, each row judged against its own assignment's rubric.
      needsGrading: sumWhen(needsGradingWork(gradedWork(jsonArrayLength(assignments.rubric, "criteria")))),
    })
    .from(assignments)
    .innerJoin(sections, and(eq(sections.id, assignments.sectionId), taughtBy(actor)))
    .leftJoin(enrollments, and(eq(enrollments.sectionId, assignments.sectionId), isNull(enrollments.removedAt)))
    .leftJoin(submissions, and(eq(submissions.assignmentId, assignments.id), eq(submissions.studentId, enrollments.studentId)))
    .where(eq(assignments.sectionId, sectionId))
    .groupBy(assignments.id)
    .orderBy(asc(assignments.dueAt));
}

/** One student's work on an assignment, for its teacher: the live draft, images and every attempt. */
export async function getSubmissionForTeacher(actor: SessionUser, sectionId: string, assignmentId: string, studentId: string) {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const student = (
    await db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.studentId))
      .where(and(eq(enrollments.sectionId, sectionId), eq(enrollments.studentId, studentId), inTaughtSection(actor, enrollments.sectionId)))
  )[0];
  if (!student) throw new NotFoundError("student");
  const submission = (
    await db
      .select()
      .from(submissions)
      .where(and(eq(submissions.assignmentId, assignmentId), eq(submissions.studentId, studentId)))
  )[0];
  const images = submission
    ? await db
        .select()
        .from(submissionImages)
        .where(and(eq(submissionImages.submissionId, submission.id), isNull(submissionImages.deletedAt)))
        .orderBy(asc(submissionImages.position))
    : [];
  const history = submission
    ? await db.select().from(attempts).where(eq(attempts.submissionId, submission.id)).orderBy(desc(attempts.number))
    : [];
  return {
    assignment,
    student,
    submission: submission ?? null,
    images,
    attempts: history,
    status: workStatus(submission, await isExcused(db, assignment.id, studentId)),
    // The work chosen for the Class Recap in grading, this or another (analytics.ts setRecapPick).
    recapPick: submission
      ? ((
          await db
            .select({ submissionId: recapPicks.submissionId, attempt: recapPicks.attempt })
            .from(recapPicks)
            .where(eq(recapPicks.assignmentId, assignment.id))
        )[0] ?? null)
      : null,
  };
}
