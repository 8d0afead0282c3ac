import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { countPersonRows, erasePersonRows, readPersonRows } from "@/db/personal-data";
import { assignments, enrollments, pendingFileDeletions, sections, submissions, users } from "@/db/schema";
import { FieldError, NotFoundError } from "@/lib/errors";
import type { PersonalData } from "@/lib/privacy/summary";
import type { SessionUser } from "./accounts";
import { recordAccess } from "./access-log";
import { loadAdministeredStudent, ownAccount, type Db } from "./ownership";

/**
 * A person's data (the registry's tables) for their own export or an administrator's, and the
 * erasure of a student. docs/decisions/012-privacy.md.
 */

/** The acting user's own account, or (for an administrator) a student's; anyone else gets NotFoundError. */
async function loadSubject(db: Db, actor: SessionUser, whose: "own" | { studentId: string }) {
  if (whose !== "own") return await loadAdministeredStudent(db, actor, whose.studentId);
  const own = (
    await db.select({ id: users.id, name: users.name, email: users.email, role: users.role }).from(users).where(ownAccount(actor))
  )[0];
  if (!own) throw new NotFoundError("account");
  return own;
}

/**
 * Everything the app holds about one person, their own ("own") or, for an administrator, a
 * student's, read in one transaction with the access-log row that records the export (so the
 * export lists itself). The files are streamed by the caller, one at a time.
 */
export async function exportPersonalData(actor: SessionUser, whose: "own" | { studentId: string }): Promise<PersonalData> {
  return await writeTransaction(async (tx) => {
    const person = await loadSubject(tx, actor, whose);
    await recordAccess(tx, actor, {
      action: "export_data",
      studentId: person.role === "student" ? person.id : null,
      detail: whose === "own" ? "own data export" : "data export",
    });
    return { exportedAt: new Date(), person, tables: await readPersonRows(tx, person) };
  });
}

export type Gradebook = { teacherName: string; sectionName: string; archived: boolean; graded: number };

/** What erasing a student would remove (rows per table) and whose gradebooks would lose them. Administrators only. */
export async function getErasurePreview(actor: SessionUser, studentId: string) {
  const db = await getDb();
  const student = await loadAdministeredStudent(db, actor, studentId);
  const graded = sql<number>`(select count(*) from ${submissions} join ${assignments} on ${assignments.id} = ${submissions.assignmentId}
    where ${assignments.sectionId} = ${sections.id} and ${submissions.studentId} = ${student.id} and ${submissions.scoredCount} > 0)`;
  const gradebooks = await db
    .select({ teacherName: users.name, sectionName: sections.name, archivedAt: sections.archivedAt, graded })
    .from(enrollments)
    .innerJoin(sections, eq(sections.id, enrollments.sectionId))
    .innerJoin(users, eq(users.id, sections.teacherId))
    .where(eq(enrollments.studentId, student.id))
    .orderBy(users.name, sections.name);
  return {
    student,
    counts: await countPersonRows(db, student),
    gradebooks: gradebooks.map((g): Gradebook => ({
      teacherName: g.teacherName,
      sectionName: g.sectionName,
      archived: g.archivedAt !== null,
      graded: Number(g.graded),
    })),
  };
}

/** The student's email (any case) or name, exactly: what the administrator types to confirm. */
function confirms(typed: string, student: { email: string; name: string }): boolean {
  const text = typed.trim();
  return text.toLowerCase() === student.email.toLowerCase() || text === student.name.trim();
}

/**
 * Erases a student in one write transaction, as the registry says: the account and everything of
 * theirs goes; grade history and the access log keep their rows without the student. An access-log
 * row records the erasure (without the student's id) and the student's stored files are queued in
 * pending_file_deletions, for the caller to delete after the commit. Administrators only, and
 * never their own account. Returns the storage keys to delete.
 */
export async function eraseStudent(actor: SessionUser, studentId: string, confirmation: string): Promise<{ fileKeys: string[] }> {
  return await writeTransaction(async (tx) => {
    const student = await loadAdministeredStudent(tx, actor, studentId);
    if (student.id === actor.id) throw new FieldError("confirmation", "You can't erase your own account.");
    if (!confirms(confirmation, student)) {
      throw new FieldError("confirmation", "That doesn't match. Type the student's email or name exactly as shown.");
    }
    const fileKeys = await erasePersonRows(tx, student);
    await recordAccess(tx, actor, { action: "erase", detail: "student erased" });
    if (fileKeys.length > 0) {
      const queuedAt = new Date();
      await tx
        .insert(pendingFileDeletions)
        .values(fileKeys.map((storageKey) => ({ storageKey, queuedAt })))
        .onConflictDoNothing();
    }
    return { fileKeys };
  });
}
