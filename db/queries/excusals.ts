import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { writeTransaction } from "@/db";
import { enrollments, excusals, submissions } from "@/db/schema";
import { EXCUSAL_TAKEN_BACK, EXCUSED } from "@/lib/access-log";
import { FormError, NotFoundError } from "@/lib/errors";
import type { SessionUser } from "./accounts";
import { recordAccess } from "./access-log";
import { inTaughtSection, loadTeacherAssignment, type Db } from "./ownership";
import { handedInWork } from "./queue";

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
 * excused (FormError "closed"), though an excusal can always be taken back.
 */
export async function setExcused(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  studentId: string,
  excused: boolean,
): Promise<{ excused: boolean }> {
  const { handedIn } = await setExcusedMany(actor, sectionId, assignmentId, [studentId], excused);
  if (handedIn.length) throw new FormError(HANDED_IN_ALREADY, "closed");
  return { excused };
}

/**
 * Excuses several active students of one section the actor teaches from one of its assignments, or
 * takes their excusals back, in one transaction: the Students list's "Excuse selected". If any of
 * them isn't an active student of that section (or the section or assignment isn't the actor's),
 * nothing changes and it is not found; taking back also reaches students removed from the roster
 * since, so the Undo of an excusal takes back all it did. Work handed in since the list was shown is left as it is and
 * named in `handedIn`; `changed` is who changed, for an Undo to take back exactly those. Each change
 * is logged in the access log as an "excuse" (ADR 014); a repeat that changes nothing is not.
 */
export async function setExcusedMany(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  studentIds: readonly string[],
  excused: boolean,
): Promise<{ changed: string[]; handedIn: string[] }> {
  const ids = [...new Set(studentIds)];
  return await writeTransaction(async (tx) => {
    const assignment = await loadTeacherAssignment(tx, actor, sectionId, assignmentId);
    const enrolled = await tx
      .select({ studentId: enrollments.studentId })
      .from(enrollments)
      .where(
        and(
          eq(enrollments.sectionId, assignment.sectionId),
          inArray(enrollments.studentId, ids),
          // Taking an excusal back (an Undo) also reaches a student removed from the roster since.
          excused ? isNull(enrollments.removedAt) : undefined,
          inTaughtSection(actor, enrollments.sectionId),
        ),
      );
    if (ids.length === 0 || enrolled.length !== ids.length) throw new NotFoundError("student");
    const theirs = and(eq(excusals.assignmentId, assignment.id), inArray(excusals.studentId, ids));
    // Logged in the access log (ADR 014) when it changed something: not as grading, which a student
    // reads only once returned; they see an excusal at once.
    const logged = async (changed: string[], detail: string) => {
      for (const studentId of changed)
        await recordAccess(tx, actor, {
          action: "excuse",
          studentId,
          sectionId: assignment.sectionId,
          assignmentId: assignment.id,
          detail,
        });
      return changed;
    };
    if (!excused) {
      const removed = await tx.delete(excusals).where(theirs).returning({ studentId: excusals.studentId });
      return {
        changed: await logged(
          removed.map((row) => row.studentId),
          EXCUSAL_TAKEN_BACK,
        ),
        handedIn: [],
      };
    }
    const handedIn = (
      await tx
        .select({ studentId: submissions.studentId })
        .from(submissions)
        .where(and(eq(submissions.assignmentId, assignment.id), inArray(submissions.studentId, ids), handedInWork))
    ).map((row) => row.studentId);
    const done = new Set(handedIn);
    const open = ids.filter((id) => !done.has(id));
    const added = open.length
      ? await tx
          .insert(excusals)
          .values(open.map((studentId) => ({ assignmentId: assignment.id, studentId })))
          .onConflictDoNothing()
          .returning({ studentId: excusals.studentId })
      : [];
    return {
      changed: await logged(
        added.map((row) => row.studentId),
        EXCUSED,
      ),
      handedIn,
    };
  });
}
