import "server-only";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { assignments, attempts, enrollments, scores, sections, submissionImages, submissions, users, type Assignment } from "@/db/schema";
import { FormError, NotFoundError } from "@/lib/errors";
import { DEFAULT_RUBRIC, defaultLessonContent } from "@/lib/lesson/default-lesson";
import type { Dataset, LessonContent, Rubric } from "@/lib/lesson/types";
import { workStatus } from "@/lib/workspace";
import type { SessionUser } from "./accounts";
import { getTeacherSection } from "./sections";

/** Teacher-side assignment reads and writes, scoped to sections the acting teacher owns. */

export type AssignmentSettings = { title: string; instructions: string; dueAt: Date; acceptLate: boolean; closeAt: Date | null };

const ownedAssignment = (actor: SessionUser, sectionId: string, assignmentId: string) =>
  and(
    eq(assignments.id, assignmentId),
    eq(assignments.sectionId, sectionId),
    sql`exists (select 1 from ${sections} where ${sections.id} = ${assignments.sectionId} and ${sections.teacherId} = ${actor.id})`,
  );

export function createAssignment(actor: SessionUser, sectionId: string, settings: AssignmentSettings): Assignment {
  const section = getTeacherSection(actor, sectionId);
  if (section.archivedAt) throw new FormError("This section is archived. Restore it before assigning the lesson.");
  return getDb()
    .insert(assignments)
    .values({ sectionId, ...settings, content: defaultLessonContent(), rubric: structuredClone(DEFAULT_RUBRIC) })
    .returning()
    .get();
}

export function getTeacherAssignment(actor: SessionUser, sectionId: string, assignmentId: string): Assignment {
  const row = getDb().select().from(assignments).where(ownedAssignment(actor, sectionId, assignmentId)).get();
  if (!row) throw new NotFoundError("assignment");
  return row;
}

function updateOwned(actor: SessionUser, sectionId: string, assignmentId: string, change: Partial<typeof assignments.$inferInsert>) {
  const row = getDb()
    .update(assignments)
    .set({ ...change, updatedAt: new Date() })
    .where(ownedAssignment(actor, sectionId, assignmentId))
    .returning()
    .get();
  if (!row) throw new NotFoundError("assignment");
  return row;
}

export function updateAssignmentSettings(actor: SessionUser, sectionId: string, assignmentId: string, settings: AssignmentSettings) {
  return updateOwned(actor, sectionId, assignmentId, settings);
}

/** Edits one part of the assignment's own copy of the lesson; other assignments are untouched. */
export function updateLessonContent(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  patch: Partial<Pick<LessonContent, "caseStudy" | "brief" | "questions">> & { dataset?: Dataset },
) {
  return writeTransaction(() => {
    const current = getTeacherAssignment(actor, sectionId, assignmentId);
    return updateOwned(actor, sectionId, assignmentId, { content: { ...current.content, ...patch } });
  });
}

export function rubricIsLocked(actor: SessionUser, sectionId: string, assignmentId: string): boolean {
  getTeacherAssignment(actor, sectionId, assignmentId);
  const scored = getDb()
    .select({ id: scores.id })
    .from(scores)
    .innerJoin(submissions, eq(submissions.id, scores.submissionId))
    .where(and(eq(submissions.assignmentId, assignmentId), sql`${scores.points} is not null`))
    .limit(1)
    .get();
  return Boolean(scored);
}

export const RUBRIC_LOCKED =
  "Some work has already been scored with this rubric, so it can't change any more: scores would stop matching their levels.";

export function updateRubric(actor: SessionUser, sectionId: string, assignmentId: string, rubric: Rubric) {
  return writeTransaction(() => {
    if (rubricIsLocked(actor, sectionId, assignmentId)) throw new FormError(RUBRIC_LOCKED);
    return updateOwned(actor, sectionId, assignmentId, { rubric });
  });
}

/** The section's assignments with how many active students are at each stage. */
export function listSectionAssignments(actor: SessionUser, sectionId: string) {
  getTeacherSection(actor, sectionId);
  const count = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`.mapWith(Number);
  return getDb()
    .select({
      id: assignments.id,
      title: assignments.title,
      dueAt: assignments.dueAt,
      closeAt: assignments.closeAt,
      acceptLate: assignments.acceptLate,
      enrolled: sql<number>`count(${enrollments.id})`.mapWith(Number),
      notStarted: count(sql`${enrollments.id} is not null and ${submissions.id} is null`),
      inProgress: count(sql`${submissions.id} is not null and ${submissions.submittedAt} is null`),
      submitted: count(sql`${submissions.submittedAt} is not null and ${submissions.late} = 0`),
      late: count(sql`${submissions.submittedAt} is not null and ${submissions.late} = 1`),
    })
    .from(assignments)
    .innerJoin(sections, and(eq(sections.id, assignments.sectionId), eq(sections.teacherId, actor.id)))
    .leftJoin(enrollments, and(eq(enrollments.sectionId, assignments.sectionId), isNull(enrollments.removedAt)))
    .leftJoin(submissions, and(eq(submissions.assignmentId, assignments.id), eq(submissions.studentId, enrollments.studentId)))
    .where(eq(assignments.sectionId, sectionId))
    .groupBy(assignments.id)
    .orderBy(asc(assignments.dueAt))
    .all();
}

/** Every active student of the section with where their work on this assignment stands. */
export function listAssignmentStudents(actor: SessionUser, sectionId: string, assignmentId: string) {
  getTeacherAssignment(actor, sectionId, assignmentId);
  return getDb()
    .select({
      studentId: users.id,
      name: users.name,
      email: users.email,
      submissionId: submissions.id,
      submittedAt: submissions.submittedAt,
      late: submissions.late,
      returnedAt: submissions.returnedAt,
      attemptCount: submissions.attemptCount,
      updatedAt: submissions.updatedAt,
    })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.studentId))
    .leftJoin(submissions, and(eq(submissions.studentId, users.id), eq(submissions.assignmentId, assignmentId)))
    .where(and(eq(enrollments.sectionId, sectionId), isNull(enrollments.removedAt)))
    .orderBy(asc(users.name))
    .all()
    .map((row) => ({
      ...row,
      status: workStatus(row.submissionId ? { submittedAt: row.submittedAt, late: Boolean(row.late), returnedAt: row.returnedAt } : null),
    }));
}

/** One student's work on an assignment, for its teacher: the live draft, images and every attempt. */
export function getSubmissionForTeacher(actor: SessionUser, sectionId: string, assignmentId: string, studentId: string) {
  const assignment = getTeacherAssignment(actor, sectionId, assignmentId);
  const student = getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.studentId))
    .where(and(eq(enrollments.sectionId, sectionId), eq(enrollments.studentId, studentId)))
    .get();
  if (!student) throw new NotFoundError("student");
  const submission = getDb()
    .select()
    .from(submissions)
    .where(and(eq(submissions.assignmentId, assignmentId), eq(submissions.studentId, studentId)))
    .get();
  const images = submission
    ? getDb()
        .select()
        .from(submissionImages)
        .where(and(eq(submissionImages.submissionId, submission.id), isNull(submissionImages.deletedAt)))
        .orderBy(asc(submissionImages.position))
        .all()
    : [];
  const history = submission
    ? getDb().select().from(attempts).where(eq(attempts.submissionId, submission.id)).orderBy(desc(attempts.number)).all()
    : [];
  return { assignment, student, submission: submission ?? null, images, attempts: history, status: workStatus(submission) };
}
