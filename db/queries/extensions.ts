import "server-only";
import { and, eq, inArray, isNotNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { writeTransaction } from "@/db";
import { attempts, enrollments, extensions, submissions, type Assignment } from "@/db/schema";
import { EXTENSION_TAKEN_BACK, extendedDetail } from "@/lib/access-log";
import { FieldError, NotFoundError } from "@/lib/errors";
import type { SessionUser } from "./accounts";
import { recordAccess } from "./access-log";
import { inTaughtSection, loadTeacherAssignment, type Db } from "./ownership";

/**
 * Extensions: one student's own due date for an assignment, later than the class's (an
 * accommodation, an absence). The student hands in on time until it and their page counts down to
 * it (loadStudentAssignment, lib/assignment-window.ts studentTiming); their work is marked late
 * only after it, and missing only once it has passed, wherever the teacher looks.
 */

export const EXTENSION_NOT_LATER = "Choose a date after the class's due date: an extension gives more time.";

/**
 * The due date that marks one student's work late, in SQL on a student id: their extension when it
 * is later than the class's date, else the class's (studentTiming's rule).
 */
export function dueDateOf(assignment: Pick<Assignment, "id" | "dueAt">, studentId: SQL | AnyColumn): SQL<Date> {
  const classDue = sql.param(assignment.dueAt, extensions.dueAt);
  return sql<Date>`coalesce((select case when ${extensions.dueAt} > ${classDue} then ${extensions.dueAt} end from ${extensions}
    where ${extensions.assignmentId} = ${assignment.id} and ${extensions.studentId} = ${studentId}), ${classDue})`;
}

/**
 * The student of an `enrollments` row has an extension of the assignment still running at `now`
 * (a condition): their work is not missing yet, though the class's due date has passed.
 */
export function extensionRunning(assignment: Pick<Assignment, "id" | "dueAt">, now: Date): SQL<boolean> {
  return extensionCounting(assignment, now);
}

/**
 * The student of an `enrollments` row has an extension of the assignment that counts (later than
 * the class's date), running or passed (a condition): the Students list's "With an extension".
 */
export function extensionGiven(assignment: Pick<Assignment, "id" | "dueAt">): SQL<boolean> {
  return extensionCounting(assignment);
}

/** An extension later than the class's date, and (`runningAt`) not yet over then. */
function extensionCounting(assignment: Pick<Assignment, "id" | "dueAt">, runningAt?: Date): SQL<boolean> {
  const at = (value: Date) => sql.param(value, extensions.dueAt);
  return sql<boolean>`exists (select 1 from ${extensions} where ${extensions.assignmentId} = ${assignment.id}
    and ${extensions.studentId} = ${enrollments.studentId} and ${extensions.dueAt} > ${at(assignment.dueAt)}${runningAt ? sql` and ${extensions.dueAt} >= ${at(runningAt)}` : sql``})`;
}

/** The student of an `enrollments` row's extension of the assignment, if any (a column for a select). */
export function extensionOf(assignmentId: string): SQL<Date | null> {
  return sql<Date | null>`(select ${extensions.dueAt} from ${extensions}
    where ${extensions.assignmentId} = ${assignmentId} and ${extensions.studentId} = ${enrollments.studentId})`.mapWith(extensions.dueAt);
}

/**
 * Marks the work handed in to an assignment again, every attempt of it, or (`studentIds`) those
 * students': late only if it came in after that student's due date (dueDateOf). Runs in the write
 * transaction that changed a date, so a hand-in racing it is marked against one date or the other.
 */
export async function markLateAgain(tx: Db, assignment: Pick<Assignment, "id" | "dueAt">, studentIds?: readonly string[]): Promise<void> {
  const theirs = and(eq(submissions.assignmentId, assignment.id), studentIds ? inArray(submissions.studentId, studentIds) : undefined);
  const handedIn = tx.select({ id: submissions.id }).from(submissions).where(theirs);
  await tx
    .update(attempts)
    .set({
      late: sql`${attempts.submittedAt} > (select ${dueDateOf(assignment, submissions.studentId)} from ${submissions} where ${submissions.id} = ${attempts.submissionId})`,
    })
    .where(inArray(attempts.submissionId, handedIn));
  await tx
    .update(submissions)
    .set({ late: sql`${submissions.submittedAt} > ${dueDateOf(assignment, submissions.studentId)}` })
    .where(and(theirs, isNotNull(submissions.submittedAt)));
}

/**
 * One student's own due date in a change of several (`dueAt` null: take it back). With `from`, it
 * puts back a date (an Undo): only if the student's date is still `from` (null: none), else it is
 * left as it is; the date put back may be one the class's date has overtaken since, and a student
 * removed from the roster since is reached too.
 */
export type ExtensionChange = { studentId: string; dueAt: Date | null; from?: Date | null };

/**
 * Gives an active student of a section the actor teaches their own due date for one of its
 * assignments, or (`dueAt` null) takes it back: a value, not a toggle, so a retry changes nothing.
 * One student's case of setExtensions, which says the rules.
 */
export async function setExtension(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  studentId: string,
  dueAt: Date | null,
): Promise<{ extendedTo: Date | null }> {
  await setExtensions(actor, sectionId, assignmentId, [{ studentId, dueAt }]);
  return { extendedTo: dueAt };
}

/**
 * Sets several students' own due dates for one assignment at once, each its own value or (null)
 * taken back, in one transaction: the Students list's extension for those selected, and its Undo,
 * which puts back each student's date as it was (`from`, ExtensionChange). Every date given must be
 * later than the class's (FieldError on `dueAt`). If any student isn't an active student of the
 * section, or the section or assignment isn't the actor's, nothing changes and it is not found;
 * taking back and putting back also reach a student removed from the roster since. Work already
 * handed in is marked late again against the dates they now have, so an extension given afterwards
 * forgives a late hand-in it covers. `changed` names who changed and the date each had before (null:
 * none), for an Undo; `changedSince`, whose date an Undo left because it had changed since. Each
 * change is logged in the access log as an "extend" (ADR 014): the student sees it at once. A repeat
 * changes nothing.
 */
export async function setExtensions(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  changes: readonly ExtensionChange[],
): Promise<{ changed: { studentId: string; before: Date | null }[]; changedSince: string[] }> {
  // One change per student: the last given wins.
  const wanted = new Map(changes.map((change) => [change.studentId, change]));
  const ids = [...wanted.keys()];
  const same = (a: Date | null | undefined, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
  return await writeTransaction(async (tx) => {
    const assignment = await loadTeacherAssignment(tx, actor, sectionId, assignmentId);
    const enrolled = await tx
      .select({ studentId: enrollments.studentId, removedAt: enrollments.removedAt })
      .from(enrollments)
      .where(
        and(
          eq(enrollments.sectionId, assignment.sectionId),
          inArray(enrollments.studentId, ids),
          inTaughtSection(actor, enrollments.sectionId),
        ),
      );
    const givenToRemoved = (studentId: string) => {
      const change = wanted.get(studentId)!;
      return change.dueAt !== null && change.from === undefined;
    };
    if (ids.length === 0 || enrolled.length !== ids.length || enrolled.some((row) => row.removedAt && givenToRemoved(row.studentId)))
      throw new NotFoundError("student");
    for (const { dueAt, from } of wanted.values())
      if (dueAt && from === undefined && dueAt <= assignment.dueAt) throw new FieldError("dueAt", EXTENSION_NOT_LATER);

    const theirs = and(eq(extensions.assignmentId, assignment.id), inArray(extensions.studentId, ids));
    const had = new Map(
      (await tx.select({ studentId: extensions.studentId, dueAt: extensions.dueAt }).from(extensions).where(theirs)).map((row) => [
        row.studentId,
        row.dueAt,
      ]),
    );
    const all = ids.map((studentId) => ({ ...wanted.get(studentId)!, before: had.get(studentId) ?? null }));
    // An Undo leaves a date someone changed since (in the grading view, say): theirs is the latest word.
    // (A date that is already the one put back is no change either way.)
    const changedSince = all
      .filter(({ before, from, dueAt }) => from !== undefined && !same(before, from) && !same(before, dueAt))
      .map(({ studentId }) => studentId);
    const changed = all.filter(({ studentId, before, dueAt }) => !same(before, dueAt) && !changedSince.includes(studentId));
    if (changed.length === 0) return { changed: [], changedSince };

    const given = changed.flatMap(({ studentId, dueAt }) => (dueAt ? [{ assignmentId: assignment.id, studentId, dueAt }] : []));
    if (given.length)
      await tx
        .insert(extensions)
        .values(given)
        .onConflictDoUpdate({
          target: [extensions.assignmentId, extensions.studentId],
          set: { dueAt: sql`excluded.${sql.identifier(extensions.dueAt.name)}` },
        });
    const takenBack = changed.filter(({ dueAt }) => !dueAt).map(({ studentId }) => studentId);
    if (takenBack.length)
      await tx.delete(extensions).where(and(eq(extensions.assignmentId, assignment.id), inArray(extensions.studentId, takenBack)));

    await markLateAgain(
      tx,
      assignment,
      changed.map(({ studentId }) => studentId),
    );
    for (const { studentId, dueAt } of changed)
      await recordAccess(tx, actor, {
        action: "extend",
        studentId,
        sectionId: assignment.sectionId,
        assignmentId: assignment.id,
        detail: dueAt ? extendedDetail(dueAt) : EXTENSION_TAKEN_BACK,
      });
    return { changed: changed.map(({ studentId, before }) => ({ studentId, before })), changedSince };
  });
}
