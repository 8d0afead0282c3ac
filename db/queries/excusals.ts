import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { writeTransaction } from "@/db";
import { enrollments, excusals, submissions } from "@/db/schema";
import { FormError, NotFoundError } from "@/lib/errors";
import type { SessionUser } from "./accounts";
import { recordAccess } from "./access-log";
import { inTaughtSection, loadTeacherAssignment, type Db } from "./ownership";

/**
 * Excusing a student from an assignment (docs/decisions/017-excused.md): while nothing is handed
 * in, their work is "Excused" everywhere the teacher looks (never missing), the gradebook files
 * leave its points empty, and the student sees that they need not hand it in. Work handed in wins
 * over an excusal: it is graded as anyone's.
 */

export const HANDED_IN_ALREADY = "This work is handed in already: grade it rather than excuse it.";

/** Whether the student is excused from the assignment; the caller has checked who may know. */
export async function isExcused(db: Db, assignmentId: string, studentId: string): Promise<boolean> {
  const row = (
    await db
      .select({ studentId: excusals.studentId })
      .from(excusals)
      .where(and(eq(excusals.assignmentId, assignmentId), eq(excusals.studentId, studentId)))
  )[0];
  return Boolean(row);
}

/**
 * Excuses an active student of a section the actor teaches from one of its assignments, or
 * (`excused: false`) takes the excusal back: a value, not a toggle, so a retry can't flip it.
 * Anyone else's section, assignment or student is not found; work already handed in can't be
 * excused (FormError "closed"), though an excusal can always be taken back. A change is logged as
 * grading in the access log; a repeat that changes nothing is not.
 */
export async function setExcused(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  studentId: string,
  excused: boolean,
): Promise<{ excused: boolean }> {
  return await writeTransaction(async (tx) => {
    const assignment = await loadTeacherAssignment(tx, actor, sectionId, assignmentId);
    const enrolled = (
      await tx
        .select({ studentId: enrollments.studentId })
        .from(enrollments)
        .where(
          and(
            eq(enrollments.sectionId, assignment.sectionId),
            eq(enrollments.studentId, studentId),
            isNull(enrollments.removedAt),
            inTaughtSection(actor, enrollments.sectionId),
          ),
        )
    )[0];
    if (!enrolled) throw new NotFoundError("student");
    const mine = and(eq(excusals.assignmentId, assignment.id), eq(excusals.studentId, studentId));
    // Like every grading change, logged in the access log (ADR 014): when it changed something.
    const logged = (detail: string) =>
      recordAccess(tx, actor, { action: "grade", studentId, sectionId: assignment.sectionId, assignmentId: assignment.id, detail });
    if (!excused) {
      if ((await tx.delete(excusals).where(mine).returning({ id: excusals.id })).length) await logged("Excusal taken back");
      return { excused: false };
    }
    const work = (
      await tx
        .select({ submittedAt: submissions.submittedAt, returnedAt: submissions.returnedAt })
        .from(submissions)
        .where(and(eq(submissions.assignmentId, assignment.id), eq(submissions.studentId, studentId)))
    )[0];
    if (work?.submittedAt || work?.returnedAt) throw new FormError(HANDED_IN_ALREADY, "closed");
    const added = await tx
      .insert(excusals)
      .values({ assignmentId: assignment.id, studentId })
      .onConflictDoNothing()
      .returning({ id: excusals.id });
    if (added.length) await logged("Excused from the assignment");
    return { excused: true };
  });
}
