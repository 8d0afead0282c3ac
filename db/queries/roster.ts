import "server-only";
import { and, eq, exists, inArray, isNull, sql } from "drizzle-orm";
import { getDb, writeTransaction, inserted } from "@/db";
import { enrollments, invitations, sections, users } from "@/db/schema";
import { sortNameOf } from "@/lib/class-order";
import { ACCOUNT_CHANGES } from "@/lib/access-log";
import { FormError, NotFoundError } from "@/lib/errors";
import { ROSTER_ACCOUNTS_PAUSED, ROSTER_PAUSED, type RosterLine } from "@/lib/roster";
import { countUnlessReached, lockedUntil } from "@/db/throttle";
import { oneAtATime } from "@/lib/keyed-queue";
import { rosterAccountKeys, rosterKeys } from "@/lib/sign-in-throttle";
import { recordAccess } from "./access-log";
import type { SessionUser } from "./accounts";
import { createdBy, loadTeacherSection, taughtBy, teacherSection, type Db } from "./ownership";

/** Roster import for the acting teacher's own sections: a preview first, then one transaction. */

/**
 * create: no account has this address, so one is made and enrolled;
 * enroll: an account this teacher's import created earlier, enrolled at once;
 * invite: any other existing account: it gets an invitation its owner accepts or declines;
 * invited / declined: an invitation to this section is waiting, or was declined (nothing to do);
 * restore / enrolled: already on this section's roster (removed, or active).
 */
export type RosterOutcome = "create" | "enroll" | "invite" | "invited" | "declined" | "restore" | "enrolled" | "error";

export type RosterPlanRow = RosterLine & {
  outcome: RosterOutcome;
  /**
   * The name on an existing account, when it differs from the file's (the account's name is
   * kept). Only for students the teacher already has: a stranger's name never leaves the server.
   */
  accountName: string | null;
};

export const ROSTER_REFUSALS = {
  teacher: "This address belongs to a teacher account, which can't be enrolled as a student.",
  inactive: "This account has been turned off. Ask your school's administrator.",
  archived: "This section is archived. Restore it before adding students.",
  declined: "Declined your earlier invitation. They can still join with the class code.",
  own: "This is your own address: a teacher's account can't be enrolled as a student.",
} as const;

type Existing = {
  id: string;
  name: string;
  role: string;
  active: boolean;
  /** Created by this teacher's import, or ever on one of this teacher's rosters: not a stranger. */
  known: boolean;
  createdByActor: boolean;
  enrollmentId: string | null;
  removedAt: Date | null;
  invitationId: string | null;
  declinedAt: Date | null;
};

/** The accounts behind the file's addresses, each with its standing in this section and with this teacher. */
async function existingAccounts(db: Db, actor: SessionUser, sectionId: string, emails: string[]): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  const onTeachersRoster = exists(
    db
      .select({ one: sql`1` })
      .from(enrollments)
      .innerJoin(sections, eq(sections.id, enrollments.sectionId))
      .where(and(eq(enrollments.studentId, users.id), taughtBy(actor))),
  );
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        active: users.active,
        createdByActor: sql<number>`case when ${createdBy(actor)} then 1 else 0 end`.mapWith(Boolean),
        onRoster: sql<number>`${onTeachersRoster}`.mapWith(Boolean),
        enrollmentId: enrollments.id,
        removedAt: enrollments.removedAt,
        invitationId: invitations.id,
        declinedAt: invitations.declinedAt,
      })
      .from(users)
      .leftJoin(enrollments, and(eq(enrollments.studentId, users.id), eq(enrollments.sectionId, sectionId)))
      .leftJoin(invitations, and(eq(invitations.studentId, users.id), eq(invitations.sectionId, sectionId)))
      .where(inArray(users.email, emails.slice(i, i + 500)));
    for (const { email, onRoster, ...row } of rows) found.set(email, { ...row, known: row.createdByActor || onRoster });
  }
  return found;
}

async function plan(
  db: Db,
  actor: SessionUser,
  sectionId: string,
  lines: RosterLine[],
): Promise<(RosterPlanRow & { existing: Existing | null })[]> {
  const accounts = await existingAccounts(
    db,
    actor,
    sectionId,
    lines.filter((l) => !l.problem).map((l) => l.email),
  );
  return lines.map((line) => {
    const existing = line.problem ? null : (accounts.get(line.email) ?? null);
    const accountName = existing?.known && existing.name !== line.name ? existing.name : null;
    const row = (outcome: RosterOutcome, problem: string | null = line.problem) => ({ ...line, problem, outcome, accountName, existing });
    if (line.problem) return row("error");
    if (!existing) return row("create");
    // The teacher's own address (pasted with the class's, say): theirs to know, and never a student.
    if (existing.id === actor.id) return row("error", ROSTER_REFUSALS.own);
    if (existing.enrollmentId) return row(existing.removedAt ? "restore" : "enrolled");
    if (existing.invitationId) return existing.declinedAt ? row("declined", ROSTER_REFUSALS.declined) : row("invited");
    // A stranger's account: the teacher learns only that an invitation goes out, whatever the
    // account is (a teacher's, a deactivated one); see importRoster for what is really written.
    if (!existing.known) return row("invite");
    if (existing.role !== "student") return row("error", ROSTER_REFUSALS.teacher);
    if (!existing.active) return row("error", ROSTER_REFUSALS.inactive);
    return row(existing.createdByActor ? "enroll" : "invite");
  });
}

async function ownedOpenSection(db: Db, actor: SessionUser, sectionId: string) {
  const section = await loadTeacherSection(db, actor, sectionId);
  if (section.archivedAt) throw new FormError(ROSTER_REFUSALS.archived, "archived");
  return section;
}

/**
 * What importing these rows would do, row by row. Writes nothing of the import; the accounts it
 * finds outside the teacher's own classes are counted (rosterKeys in lib/sign-in-throttle.ts,
 * `address` the client's), and a preview that brings a count to its limit, or comes while one is
 * there, is refused without its answer. The import runs a preview too (`planRosterImport`), so it
 * is counted like one. The plan is read before the short transaction that counts, so no write
 * waits on it.
 */
export async function previewRosterImport(...args: PlanArgs): Promise<RosterPlanRow[]> {
  return await planAndCount(false, ...args);
}

/**
 * The import's own preview: counted as a preview is, and the accounts it is about to make are
 * counted as well (rosterAccountKeys), before their one-time passwords are hashed, so that imports
 * sent at once can't all pass the limit. An import that would bring a count to its limit, or
 * comes while one is there, makes nothing (ROSTER_ACCOUNTS_PAUSED); one that makes no account is
 * never held back by that count.
 */
export async function planRosterImport(...args: PlanArgs): Promise<RosterPlanRow[]> {
  return await planAndCount(true, ...args);
}

/** Whose import, of which section, its lines, the client's address, and when (now). */
type PlanArgs = [actor: SessionUser, sectionId: string, lines: RosterLine[], address: string, now?: Date];

async function planAndCount(
  importing: boolean,
  ...[actor, sectionId, lines, address, now = new Date()]: PlanArgs
): Promise<RosterPlanRow[]> {
  const lookups = { keys: rosterKeys(actor.id, address), refusal: ROSTER_PAUSED };
  const made = { keys: rosterAccountKeys(actor.id, address), refusal: ROSTER_ACCOUNTS_PAUSED };
  const db = await getDb();
  await ownedOpenSection(db, actor, sectionId);
  if (await lockedUntil(db, lookups.keys, now)) throw new FormError(lookups.refusal);
  const rows = await plan(db, actor, sectionId, lines);
  const counts = [
    { ...lookups, n: rows.filter((row) => row.outcome === "invite" && !row.existing!.known).length },
    { ...made, n: importing ? rows.filter((row) => row.outcome === "create").length : 0 },
  ].filter((count) => count.n > 0);
  if (counts.length > 0) {
    // One count at a time per network address (else per teacher) on this server: a staff importing
    // together would otherwise race for the same rows, and on PostgreSQL run out of retries.
    const refusal = await oneAtATime(`roster-count:${made.keys.at(-1)!.key}`, () =>
      writeTransaction(async (tx) => {
        // Checked again where it is counted: previews (and imports) sent at once can't all pass the limit.
        for (const count of counts) if (await lockedUntil(tx, count.keys, now)) return count.refusal;
        // The one that would reach a limit is refused and charges no other count.
        const reached = await countUnlessReached(
          tx,
          counts.flatMap((count) => count.keys.map((key) => ({ key, count: count.n }))),
          now,
        );
        return reached && counts.find((count) => count.keys.includes(reached))!.refusal;
      }),
    );
    if (refusal) throw new FormError(refusal);
  }
  return rows.map(({ existing: _existing, ...row }) => row);
}

export type RosterImportResult = {
  created: { studentId: string; name: string; email: string; password: string }[];
  enrolled: number;
  invited: number;
  restored: number;
  alreadyEnrolled: number;
  skipped: number;
};

/**
 * Writes the whole import in one transaction, re-checking every row against the database as it
 * is now (the preview may be minutes old). New accounts arrive with their one-time password
 * already hashed (hashing is slow, so it happens before the write lock is taken) and record this
 * teacher as their creator; an address that gained an account since the preview is invited.
 */
export async function importRoster(
  actor: SessionUser,
  sectionId: string,
  lines: RosterLine[],
  newAccounts: Map<string, { password: string; passwordHash: string }>,
): Promise<RosterImportResult> {
  return await writeTransaction(async (tx) => {
    await ownedOpenSection(tx, actor, sectionId);
    const result: RosterImportResult = { created: [], enrolled: 0, invited: 0, restored: 0, alreadyEnrolled: 0, skipped: 0 };
    for (const row of await plan(tx, actor, sectionId, lines)) {
      const existing = row.existing;
      if (row.outcome === "error" || row.outcome === "declined") result.skipped += 1;
      else if (row.outcome === "enrolled" || row.outcome === "invited") result.alreadyEnrolled += 1;
      else if (row.outcome === "restore") {
        await tx.update(enrollments).set({ removedAt: null }).where(eq(enrollments.id, existing!.enrollmentId!));
        result.restored += 1;
      } else if (row.outcome === "enroll") {
        await tx.insert(enrollments).values({ sectionId, studentId: existing!.id, sortName: sortNameOf(existing!.name) });
        result.enrolled += 1;
      } else if (row.outcome === "invite") {
        // Written alike for every account, so neither this result nor a later preview tells a
        // teacher's or deactivated account from a student's; only an active student can ever see
        // (and accept) one, on the student-only "My classes".
        await tx.insert(invitations).values({ sectionId, studentId: existing!.id, listedName: row.name, invitedBy: actor.id });
        result.invited += 1;
      } else {
        const credentials = newAccounts.get(row.email);
        if (!credentials)
          throw new FormError("The list changed while you were looking at it. Check the preview again, then import.", "stale");
        const student = await inserted(
          tx
            .insert(users)
            .values({
              name: row.name,
              email: row.email,
              passwordHash: credentials.passwordHash,
              role: "student",
              mustChangePassword: true,
              createdBy: actor.id,
            })
            .returning({ id: users.id }),
        );
        await tx.insert(enrollments).values({ sectionId, studentId: student.id, sortName: sortNameOf(row.name) });
        result.created.push({ studentId: student.id, name: row.name, email: row.email, password: credentials.password });
      }
    }
    return result;
  });
}

/**
 * A fresh one-time password for a lost slip. A creator-only power: only the teacher whose import
 * made the account, only while nobody has ever signed in to it, and only for a student on this
 * section's roster. Anyone else gets "not found": an invitation or a shared class must never be a
 * way to take over a student's account.
 */
export async function replaceOneTimePassword(actor: SessionUser, sectionId: string, studentId: string, passwordHash: string) {
  return await writeTransaction(async (tx) => {
    const student = (
      await tx
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .innerJoin(enrollments, eq(enrollments.studentId, users.id))
        .innerJoin(sections, eq(sections.id, enrollments.sectionId))
        .where(
          and(
            eq(users.id, studentId),
            createdBy(actor),
            teacherSection(actor, sectionId),
            eq(users.mustChangePassword, true),
            isNull(users.lastSignInAt),
          ),
        )
    )[0];
    if (!student) throw new NotFoundError("student");
    await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, student.id));
    await recordAccess(tx, actor, { action: "account", studentId: student.id, sectionId, detail: ACCOUNT_CHANGES.oneTimePassword });
    return student;
  });
}

/** The section's invitations that have not been accepted, with the name the teacher's list gave. */
export async function listSectionInvitations(actor: SessionUser, sectionId: string) {
  const db = await getDb();
  await loadTeacherSection(db, actor, sectionId);
  const rows = await db
    .select({
      invitationId: invitations.id,
      listedName: invitations.listedName,
      email: users.email,
      invitedAt: invitations.createdAt,
      declinedAt: invitations.declinedAt,
    })
    .from(invitations)
    .innerJoin(sections, eq(sections.id, invitations.sectionId))
    .innerJoin(users, eq(users.id, invitations.studentId))
    .where(and(eq(invitations.sectionId, sectionId), taughtBy(actor)));
  // In the class order (capitals and accents aside), as the roster beside them: one section's
  // invitations, sorted here rather than folded row by row in SQL.
  return rows
    .map((row) => ({ row, key: sortNameOf(row.listedName) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.row.email < b.row.email ? -1 : a.row.email > b.row.email ? 1 : 0))
    .map(({ row }) => row);
}

/** Withdraws an invitation (pending or declined), so it disappears from both sides. */
export async function cancelInvitation(actor: SessionUser, sectionId: string, invitationId: string): Promise<void> {
  await writeTransaction(async (tx) => {
    const row = (
      await tx
        .select({ id: invitations.id })
        .from(invitations)
        .innerJoin(sections, eq(sections.id, invitations.sectionId))
        .where(and(eq(invitations.id, invitationId), teacherSection(actor, sectionId)))
    )[0];
    if (!row) throw new NotFoundError("invitation");
    await tx.delete(invitations).where(eq(invitations.id, row.id));
  });
}
