import "server-only";
import { and, eq, exists, isNull, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { DB, Tx } from "@/db";
import {
  assignments,
  bankedComments,
  enrollments,
  extensions,
  invitations,
  sections,
  submissionImages,
  submissions,
  users,
} from "@/db/schema";
import { studentTiming } from "@/lib/assignment-window";
import { NotFoundError } from "@/lib/errors";
import { studentLessonContent, withLessonDefaults } from "@/lib/lesson/default-lesson";
import type { StoredLessonContent } from "@/lib/lesson/types";
import type { SessionUser } from "./accounts";

/**
 * Ownership, in one place: what makes a row the acting user's. Every query in db/queries starts
 * from one of these predicates or loaders, never from a join of its own, so a gap in the rule can
 * only be in this file (docs/decisions/006-threat-model.md). The loaders throw NotFoundError for a
 * missing row and for someone else's alike, so ids can't be probed.
 *
 * They take the connection or transaction to run on: inside a write transaction, every read must
 * use that transaction's handle.
 */

export type Db = DB | Tx;
type Actor = Pick<SessionUser, "id">;

// ——— Predicates (SQL) ———

/** Sections the acting teacher teaches (a condition on `sections`). */
export const taughtBy = (actor: Actor) => eq(sections.teacherId, actor.id);

/** One section, if the acting teacher teaches it. */
export const teacherSection = (actor: Actor, sectionId: string) => and(eq(sections.id, sectionId), taughtBy(actor));

/** A condition on any row with a section id: that section is the acting teacher's. */
export const inTaughtSection = (actor: Actor, sectionIdColumn: AnySQLiteColumn | SQL) =>
  exists(sql`(select 1 from ${sections} where ${sections.id} = ${sectionIdColumn} and ${sections.teacherId} = ${actor.id})`);

/** One assignment of one of the acting teacher's sections (a condition on `assignments`). */
export const teacherAssignment = (actor: Actor, sectionId: string, assignmentId: string) =>
  and(eq(assignments.id, assignmentId), eq(assignments.sectionId, sectionId), inTaughtSection(actor, assignments.sectionId));

/** Work handed in to an assignment of a section the acting teacher teaches (a condition on `submissions`). */
export const taughtSubmission = (actor: Actor) =>
  exists(
    sql`(select 1 from ${assignments} join ${sections} on ${sections.id} = ${assignments.sectionId}
         where ${assignments.id} = ${submissions.assignmentId} and ${sections.teacherId} = ${actor.id})`,
  );

/** A condition on any row with a section id: the acting student is an active member of that section. */
export const enrolledIn = (actor: Actor, sectionIdColumn: AnySQLiteColumn | SQL) =>
  exists(
    sql`(select 1 from ${enrollments} where ${enrollments.sectionId} = ${sectionIdColumn}
         and ${enrollments.studentId} = ${actor.id} and ${enrollments.removedAt} is null)`,
  );

/** The join of `enrollments` to `submissions`: the work's student is an active member of the section. */
export const activeMemberOf = (sectionIdColumn: AnySQLiteColumn | SQL | string) =>
  and(eq(enrollments.sectionId, sectionIdColumn), eq(enrollments.studentId, submissions.studentId), isNull(enrollments.removedAt));

/**
 * A condition on any row with a student id: the student is (or was: removed students' work stays in
 * the gradebook) on the roster of a section the acting teacher teaches, archived or not.
 */
export const teachesStudent = (actor: Actor, studentIdColumn: AnySQLiteColumn | SQL) =>
  exists(
    sql`(select 1 from ${enrollments} join ${sections} on ${sections.id} = ${enrollments.sectionId}
         where ${enrollments.studentId} = ${studentIdColumn} and ${sections.teacherId} = ${actor.id})`,
  );

/** The acting student's own enrollments, active or removed (a condition on `enrollments`). */
export const ownEnrollments = (actor: Actor) => eq(enrollments.studentId, actor.id);

/** Invitations addressed to the acting student (a condition on `invitations`). */
export const ownInvitations = (actor: Actor) => eq(invitations.studentId, actor.id);

/** The acting student's own work (a condition on `submissions`). */
export const ownWork = (actor: Actor) => eq(submissions.studentId, actor.id);

/** The acting teacher's own comment bank (a condition on `banked_comments`). */
export const ownBankedComments = (actor: Actor) => eq(bankedComments.teacherId, actor.id);

/**
 * Accounts the acting teacher's roster import created (a condition on `users`): a creator-only
 * power such as replacing a one-time password starts here, never from enrollment, since any
 * teacher can get a student into their roster by invitation.
 */
export const createdBy = (actor: Actor) => eq(users.createdBy, actor.id);

/**
 * The acting user is an active administrator, checked in SQL against the account itself (a
 * condition usable on any query): an administrator's powers start here, never from the session's role.
 */
export const isAdmin = (actor: Actor) =>
  exists(sql`(select 1 from ${users} where ${users.id} = ${actor.id} and ${users.role} = 'admin' and ${users.active})`);

/** The acting user's own account (a condition on `users`). */
export const ownAccount = (actor: Actor) => eq(users.id, actor.id);

// ——— Loaders: the row, or NotFoundError ———

/** A student account, if the acting user is an administrator; anyone else (or a non-student) gets NotFoundError. */
export async function loadAdministeredStudent(db: Db, actor: Actor, studentId: string) {
  const row = (
    await db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role })
      .from(users)
      .where(and(eq(users.id, studentId), eq(users.role, "student"), isAdmin(actor)))
  )[0];
  if (!row) throw new NotFoundError("student");
  return row;
}

/** An assignment row with its lesson content completed by the default lesson's newer fields. */
const withLesson = <T extends { content: StoredLessonContent }>(assignment: T) => ({
  ...assignment,
  content: withLessonDefaults(assignment.content),
});

export async function loadTeacherSection(db: Db, actor: Actor, sectionId: string) {
  const section = (await db.select().from(sections).where(teacherSection(actor, sectionId)))[0];
  if (!section) throw new NotFoundError("section");
  return section;
}

export async function loadTeacherAssignment(db: Db, actor: Actor, sectionId: string, assignmentId: string) {
  const row = (
    await db
      .select()
      .from(assignments)
      .where(teacherAssignment(actor, sectionId, assignmentId))
  )[0];
  if (!row) throw new NotFoundError("assignment");
  return withLesson(row);
}

export async function loadTeacherSubmission(db: Db, actor: Actor, submissionId: string) {
  const row = (
    await db
      .select({ submission: submissions, assignment: assignments })
      .from(submissions)
      .innerJoin(assignments, eq(assignments.id, submissions.assignmentId))
      .where(and(eq(submissions.id, submissionId), taughtSubmission(actor)))
  )[0];
  if (!row) throw new NotFoundError("submission");
  return { ...row, assignment: withLesson(row.assignment) };
}

/**
 * The assignment, if the acting student is an active member of its section, with the student's own
 * timing: an extension their teacher gave them is their due date (studentTiming), so saving,
 * handing in, "late" and what their page says all follow it; `extendedTo` says they have one.
 */
export async function loadStudentAssignment(db: Db, actor: Actor, assignmentId: string) {
  const row = (
    await db
      .select({
        assignment: assignments,
        sectionName: sections.name,
        sectionArchivedAt: sections.archivedAt,
        teacherName: users.name,
        extendedTo: extensions.dueAt,
      })
      .from(assignments)
      .innerJoin(sections, eq(sections.id, assignments.sectionId))
      .innerJoin(users, eq(users.id, sections.teacherId))
      .leftJoin(extensions, and(eq(extensions.assignmentId, assignments.id), eq(extensions.studentId, actor.id)))
      .where(and(eq(assignments.id, assignmentId), enrolledIn(actor, assignments.sectionId)))
  )[0];
  if (!row) throw new NotFoundError("assignment");
  // Students never receive the teacher's lesson plan (their notes, prompts and grouping).
  const assignment = studentTiming(withLesson(row.assignment), row.extendedTo);
  const extendedTo = assignment.dueAt === row.assignment.dueAt ? null : assignment.dueAt;
  return { ...row, extendedTo, assignment: { ...assignment, content: studentLessonContent(assignment.content) } };
}

/** The acting student's own submission to an assignment, if they have started it. */
export async function findOwnSubmission(db: Db, actor: Actor, assignmentId: string) {
  return (
    await db
      .select()
      .from(submissions)
      .where(and(eq(submissions.assignmentId, assignmentId), ownWork(actor)))
  )[0];
}

/** The acting student's own live image, with its submission. */
export async function loadOwnImage(db: Db, actor: Actor, imageId: string) {
  const row = (
    await db
      .select({ image: submissionImages, submission: submissions })
      .from(submissionImages)
      .innerJoin(submissions, eq(submissions.id, submissionImages.submissionId))
      .where(and(eq(submissionImages.id, imageId), ownWork(actor), isNull(submissionImages.deletedAt)))
  )[0];
  if (!row) throw new NotFoundError("image");
  return row;
}

/**
 * The acting account, if it is an active administrator: every query of db/queries/admin.ts starts
 * here. Checked in the database, not from the session's role, so an administrator deactivated a
 * moment ago can do nothing more; anyone else is answered as if the thing asked for did not exist.
 */
export async function loadAdmin(db: Db, actor: Actor) {
  const row = (
    await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.id, actor.id), eq(users.role, "admin"), eq(users.active, true)))
  )[0];
  if (!row) throw new NotFoundError("page");
  return row;
}
