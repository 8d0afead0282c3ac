import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, writeTransaction, type DB, type Tx } from "@/db";
import { enrollments, sections, users } from "@/db/schema";
import { FormError, NotFoundError } from "@/lib/errors";
import type { RosterLine } from "@/lib/roster";
import type { SessionUser } from "./accounts";
import { getTeacherSection } from "./sections";

/** Roster import for the acting teacher's own sections: a preview first, then one transaction. */

export type RosterOutcome = "create" | "enroll" | "restore" | "enrolled" | "error";

export type RosterPlanRow = RosterLine & {
  outcome: RosterOutcome;
  /** The name on an existing account, when it differs from the file's (the account's name is kept). */
  accountName: string | null;
};

export const ROSTER_REFUSALS = {
  teacher: "This address belongs to a teacher account, which can't be enrolled as a student.",
  inactive: "This account has been turned off. Ask your school's administrator.",
  archived: "This section is archived. Restore it before adding students.",
} as const;

type Existing = { id: string; name: string; role: string; active: boolean; enrollmentId: string | null; removedAt: Date | null };

/** The accounts behind the file's addresses, each with its enrollment in this section if any. */
function existingAccounts(db: DB | Tx, sectionId: string, emails: string[]): Map<string, Existing> {
  const found = new Map<string, Existing>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        active: users.active,
        enrollmentId: enrollments.id,
        removedAt: enrollments.removedAt,
      })
      .from(users)
      .leftJoin(enrollments, and(eq(enrollments.studentId, users.id), eq(enrollments.sectionId, sectionId)))
      .where(inArray(users.email, emails.slice(i, i + 500)))
      .all();
    for (const { email, ...row } of rows) found.set(email, row);
  }
  return found;
}

function plan(db: DB | Tx, sectionId: string, lines: RosterLine[]): (RosterPlanRow & { existing: Existing | null })[] {
  const accounts = existingAccounts(db, sectionId, lines.filter((l) => !l.problem).map((l) => l.email));
  return lines.map((line) => {
    const existing = line.problem ? null : (accounts.get(line.email) ?? null);
    const accountName = existing && existing.name !== line.name ? existing.name : null;
    const row = (outcome: RosterOutcome, problem: string | null = line.problem) => ({ ...line, problem, outcome, accountName, existing });
    if (line.problem) return row("error");
    if (!existing) return row("create");
    if (existing.role !== "student") return row("error", ROSTER_REFUSALS.teacher);
    if (!existing.active) return row("error", ROSTER_REFUSALS.inactive);
    if (!existing.enrollmentId) return row("enroll");
    return row(existing.removedAt ? "restore" : "enrolled");
  });
}

function ownedOpenSection(actor: SessionUser, sectionId: string) {
  const section = getTeacherSection(actor, sectionId);
  if (section.archivedAt) throw new FormError(ROSTER_REFUSALS.archived);
  return section;
}

/** What importing these rows would do, row by row. Writes nothing. */
export function previewRosterImport(actor: SessionUser, sectionId: string, lines: RosterLine[]): RosterPlanRow[] {
  ownedOpenSection(actor, sectionId);
  return plan(getDb(), sectionId, lines).map(({ existing: _existing, ...row }) => row);
}

export type RosterImportResult = {
  created: { studentId: string; name: string; email: string; password: string }[];
  enrolled: number;
  restored: number;
  alreadyEnrolled: number;
  skipped: number;
};

/**
 * Writes the whole import in one transaction, re-checking every row against the database as it
 * is now (the preview may be minutes old). New accounts arrive with their one-time password
 * already hashed (hashing is slow, so it happens before the write lock is taken); an address that
 * gained an account since the preview is simply enrolled.
 */
export function importRoster(
  actor: SessionUser,
  sectionId: string,
  lines: RosterLine[],
  newAccounts: Map<string, { password: string; passwordHash: string }>,
): RosterImportResult {
  return writeTransaction((tx) => {
    ownedOpenSection(actor, sectionId);
    const result: RosterImportResult = { created: [], enrolled: 0, restored: 0, alreadyEnrolled: 0, skipped: 0 };
    for (const row of plan(tx, sectionId, lines)) {
      if (row.outcome === "error") result.skipped += 1;
      else if (row.outcome === "enrolled") result.alreadyEnrolled += 1;
      else if (row.outcome === "restore") {
        tx.update(enrollments).set({ removedAt: null }).where(eq(enrollments.id, row.existing!.enrollmentId!)).run();
        result.restored += 1;
      } else if (row.outcome === "enroll") {
        tx.insert(enrollments).values({ sectionId, studentId: row.existing!.id }).run();
        result.enrolled += 1;
      } else {
        const credentials = newAccounts.get(row.email);
        if (!credentials) throw new FormError("The list changed while you were looking at it. Check the preview again, then import.");
        const student = tx
          .insert(users)
          .values({ name: row.name, email: row.email, passwordHash: credentials.passwordHash, role: "student", mustChangePassword: true })
          .returning({ id: users.id })
          .get();
        tx.insert(enrollments).values({ sectionId, studentId: student.id }).run();
        result.created.push({ studentId: student.id, name: row.name, email: row.email, password: credentials.password });
      }
    }
    return result;
  });
}

/**
 * A fresh one-time password for a student of this teacher's section who has never signed in (a
 * lost slip). Accounts whose owner has chosen a password are refused: a teacher must not be able
 * to take over a student's account.
 */
export function replaceOneTimePassword(actor: SessionUser, sectionId: string, studentId: string, passwordHash: string) {
  return writeTransaction((tx) => {
    const student = tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .innerJoin(enrollments, and(eq(enrollments.studentId, users.id), eq(enrollments.sectionId, sectionId)))
      .innerJoin(sections, and(eq(sections.id, enrollments.sectionId), eq(sections.teacherId, actor.id)))
      .where(and(eq(users.id, studentId), eq(users.mustChangePassword, true)))
      .get();
    if (!student) throw new NotFoundError("student");
    tx.update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, student.id))
      .run();
    return student;
  });
}
