import "server-only";
import { and, eq, exists, inArray, or, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { countPersonRows, erasePersonRows, readPersonRows, type Person } from "@/db/personal-data";
import {
  accessLog,
  assignments,
  enrollments,
  erasureAcknowledgements,
  erasureRequests,
  invitations,
  sections,
  submissions,
  users,
} from "@/db/schema";
import { erasedDetail, OWN_DATA_EXPORT, RETENTION_PURGE } from "@/lib/access-log";
import { erasureNoticeDays } from "@/lib/env";
import { FieldError, NotFoundError } from "@/lib/errors";
import { criterionMaximum } from "@/lib/grading";
import type { PersonalData } from "@/lib/privacy/summary";
import type { Role } from "@/lib/roles";
import type { SessionUser } from "./accounts";
import { recordAccess, type AccessEntry } from "./access-log";
import { queueFileDeletions } from "./file-deletions";
import { enrolledIn, loadAdministeredStudent, ownAccount, ownInvitations, taughtBy, teachesStudent, type Db } from "./ownership";

/**
 * A person's data (the registry's tables) for their own export or an administrator's, and the
 * erasure of a student: scheduled first, so that the student's teachers are warned and can keep
 * their gradebook, then done once they all have acknowledged or the notice period has passed.
 * docs/decisions/012-privacy.md.
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
 * export lists itself). The files are streamed by the caller, one at a time. A student's own export
 * holds grading only of work returned to them, as the app shows it; an administrator's, for a
 * formal access request, holds all of it (docs/decisions/012-privacy.md).
 */
export async function exportPersonalData(actor: SessionUser, whose: "own" | { studentId: string }): Promise<PersonalData> {
  return await writeTransaction(async (tx) => {
    const person = await loadSubject(tx, actor, whose);
    await recordAccess(tx, actor, {
      action: "export_data",
      studentId: person.role === "student" ? person.id : null,
      detail: whose === "own" ? OWN_DATA_EXPORT : "data export",
    });
    const tables = await readPersonRows(tx, person, whose === "own" ? "own" : "complete");
    const classes = await classesNamed(tx, person, tables);
    const scope = whose === "own" ? "own" : "complete";
    return { exportedAt: new Date(), person, scope, tables, classes, assignments: await assignmentsNamed(tx, person, tables) };
  });
}

/**
 * The classes an export's rows name by `section_id`, with their teachers: only those the person can
 * see in the app now (taught, an active member, invited). A class they left, or a teacher's class
 * handed to someone else, has a name and teacher they no longer see: its rows keep its id alone.
 */
async function classesNamed(
  db: Db,
  person: { id: string },
  tables: Record<string, Record<string, unknown>[]>,
): Promise<PersonalData["classes"]> {
  const ids = [...new Set(Object.values(tables).flatMap((rows) => rows.map((row) => row.section_id)))].filter(
    (id): id is string => typeof id === "string",
  );
  if (ids.length === 0) return [];
  const invited = exists(
    sql`(select 1 from ${invitations} where ${invitations.sectionId} = ${sections.id} and ${ownInvitations(person)} and ${invitations.declinedAt} is null)`,
  );
  return await db
    .select({ id: sections.id, name: sections.name, term: sections.term, teacherName: users.name })
    .from(sections)
    .innerJoin(users, eq(users.id, sections.teacherId))
    .where(and(inArray(sections.id, ids), or(taughtBy(person), enrolledIn(person, sections.id), invited)))
    .orderBy(sections.name, sections.id);
}

/**
 * The assignments a student's work, excusals and extensions name, in the classes they are a member of: their titles
 * and rubric rows, so that summary.md can say what each piece of work was and how it was graded.
 */
async function assignmentsNamed(
  db: Db,
  person: { id: string },
  tables: Record<string, Record<string, unknown>[]>,
): Promise<PersonalData["assignments"]> {
  const work = [...(tables.submissions ?? []), ...(tables.excusals ?? []), ...(tables.extensions ?? [])];
  const ids = [...new Set(work.map((row) => row.assignment_id))].filter((id): id is string => typeof id === "string");
  if (ids.length === 0) return [];
  // Only where they are a member now, as the app shows them (not a class they left, even one that
  // invites them again): its titles and rubric may have changed since.
  const rows = await db
    .select({ id: assignments.id, title: assignments.title, sectionId: assignments.sectionId, rubric: assignments.rubric })
    .from(assignments)
    .where(and(inArray(assignments.id, ids), enrolledIn(person, assignments.sectionId)))
    .orderBy(assignments.dueAt, assignments.id);
  return rows.map(({ rubric, ...a }) => ({
    ...a,
    criteria: rubric.criteria.map((c) => ({ id: c.id, title: c.title, maxPoints: criterionMaximum(c) })),
  }));
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
    erasure: await erasureStatus(db, student.id, new Date()),
    counts: await countPersonRows(db, student),
    gradebooks: gradebooks.map((g): Gradebook => ({
      teacherName: g.teacherName,
      sectionName: g.sectionName,
      archived: g.archivedAt !== null,
      graded: Number(g.graded),
    })),
  };
}

const DAY_MS = 86_400_000;

export type ErasureTeacher = { id: string; name: string; acknowledgedAt: Date | null };
export type ErasureStatus = {
  /** The scheduled erasure, or null while the teachers have not been warned. */
  request: { id: string; requestedAt: Date; eraseAfter: Date } | null;
  /** Every teacher with the student on a roster (removed or archived too: their gradebook loses the student). */
  teachers: ErasureTeacher[];
  /** The erasure may go ahead: nobody to warn, or warned and every teacher acknowledged or the period passed. */
  ready: boolean;
};

/**
 * Where a student's erasure stands. The teachers are those of the student's sections now, not when
 * the erasure was scheduled, so a class joined since also waits for its teacher. Callers check
 * first that the actor is an administrator (loadAdministeredStudent).
 */
async function erasureStatus(db: Db, studentId: string, now: Date): Promise<ErasureStatus> {
  const request =
    (
      await db
        .select({ id: erasureRequests.id, requestedAt: erasureRequests.requestedAt, eraseAfter: erasureRequests.eraseAfter })
        .from(erasureRequests)
        .where(eq(erasureRequests.studentId, studentId))
    )[0] ?? null;
  const teachers = await db
    .selectDistinct({ id: users.id, name: users.name })
    .from(enrollments)
    .innerJoin(sections, eq(sections.id, enrollments.sectionId))
    .innerJoin(users, eq(users.id, sections.teacherId))
    .where(eq(enrollments.studentId, studentId))
    .orderBy(users.name, users.id);
  const acknowledged = new Map(
    request
      ? (
          await db
            .select({ teacherId: erasureAcknowledgements.teacherId, at: erasureAcknowledgements.acknowledgedAt })
            .from(erasureAcknowledgements)
            .where(eq(erasureAcknowledgements.requestId, request.id))
        ).map((row) => [row.teacherId, row.at])
      : [],
  );
  const withAcks = teachers.map((t): ErasureTeacher => ({ ...t, acknowledgedAt: acknowledged.get(t.id) ?? null }));
  const ready =
    withAcks.length === 0 ||
    (request !== null && (request.eraseAfter.getTime() <= now.getTime() || withAcks.every((t) => t.acknowledgedAt !== null)));
  return { request, teachers: withAcks, ready };
}

const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Why the erasure can't happen yet, in the administrator's words. */
function waitingFor(status: ErasureStatus): string {
  if (!status.request) return "Warn the student's teachers first: the erasure waits until each has kept what they need.";
  const waiting = status.teachers.filter((t) => t.acknowledgedAt === null).map((t) => t.name);
  return `Not yet: waiting for ${waiting.join(", ")} to acknowledge, or until ${utc(status.request.eraseAfter)}.`;
}

/**
 * Who takes a step of an erasure: an administrator, or (null) the operator's retention purge, which
 * has no account.
 */
type ErasureActor = SessionUser | null;

/**
 * Records a step of an erasure in the access log, in the caller's transaction. The purge's rows have
 * no actor_id and are named RETENTION_PURGE, so that the administrator's log says who did it;
 * recordAccess wants an account, which the purge has not got.
 */
async function recordErasureStep(tx: Db, by: ErasureActor, entry: AccessEntry, at: Date): Promise<void> {
  if (by) return await recordAccess(tx, by, entry, at);
  await tx.insert(accessLog).values({
    at,
    actorId: null,
    actorName: RETENTION_PURGE.name,
    actorRole: RETENTION_PURGE.role,
    action: entry.action,
    studentId: entry.studentId ?? null,
    detail: entry.detail ?? "",
  });
}

/**
 * Warns the student's teachers: adds the erasure request (one per student; an earlier one is kept)
 * and records it in the access log if it is new. The caller has checked who may.
 */
async function requestErasure(tx: Db, by: ErasureActor, studentId: string, now: Date): Promise<void> {
  const added = await tx
    .insert(erasureRequests)
    .values({
      studentId,
      requestedBy: by?.id ?? null,
      requestedAt: now,
      eraseAfter: new Date(now.getTime() + erasureNoticeDays() * DAY_MS),
    })
    .onConflictDoNothing()
    .returning({ id: erasureRequests.id });
  if (added.length > 0) await recordErasureStep(tx, by, { action: "schedule_erasure", studentId, detail: "teachers warned" }, now);
}

/**
 * Schedules a student's erasure (administrators only): each teacher of the student is warned on
 * their sections from now on, and the erasure may go ahead once all have acknowledged or after
 * ERASURE_NOTICE_DAYS. Scheduling again keeps the first request (one per student). Returns it.
 */
export async function scheduleErasure(actor: SessionUser, studentId: string) {
  return await writeTransaction(async (tx) => {
    const student = await loadAdministeredStudent(tx, actor, studentId);
    const now = new Date();
    await requestErasure(tx, actor, student.id, now);
    const request = (await erasureStatus(tx, student.id, now)).request;
    if (!request) throw new Error("The erasure request was neither added nor found");
    return request;
  });
}

/** Cancels a student's scheduled erasure, with the teachers' acknowledgements (administrators only). */
export async function cancelErasure(actor: SessionUser, studentId: string): Promise<{ cancelled: boolean }> {
  return await writeTransaction(async (tx) => {
    const student = await loadAdministeredStudent(tx, actor, studentId);
    const removed = await tx.delete(erasureRequests).where(eq(erasureRequests.studentId, student.id)).returning({ id: erasureRequests.id });
    if (removed.length > 0) await recordAccess(tx, actor, { action: "cancel_erasure", studentId: student.id, detail: "erasure cancelled" });
    return { cancelled: removed.length > 0 };
  });
}

export type ErasureNotice = {
  requestId: string;
  studentName: string;
  eraseAfter: Date;
  /** When this teacher said they kept what they need, or null. */
  acknowledgedAt: Date | null;
  /** The acting teacher's sections the student is on the roster of. */
  sections: { id: string; name: string }[];
};

/**
 * The scheduled erasures of the acting teacher's students, one notice per student, optionally of
 * one section only. Other teachers' sections never appear, nor students on no roster of theirs.
 */
export async function listErasureNotices(actor: SessionUser, sectionId?: string): Promise<ErasureNotice[]> {
  const db = await getDb();
  const rows = await db
    .select({
      requestId: erasureRequests.id,
      studentName: users.name,
      eraseAfter: erasureRequests.eraseAfter,
      acknowledgedAt: erasureAcknowledgements.acknowledgedAt,
      sectionId: sections.id,
      sectionName: sections.name,
    })
    .from(erasureRequests)
    .innerJoin(users, eq(users.id, erasureRequests.studentId))
    .innerJoin(enrollments, eq(enrollments.studentId, erasureRequests.studentId))
    .innerJoin(sections, eq(sections.id, enrollments.sectionId))
    .leftJoin(
      erasureAcknowledgements,
      and(eq(erasureAcknowledgements.requestId, erasureRequests.id), eq(erasureAcknowledgements.teacherId, actor.id)),
    )
    .where(and(taughtBy(actor), sectionId === undefined ? undefined : eq(sections.id, sectionId)))
    .orderBy(erasureRequests.eraseAfter, users.name, sections.name, sections.id);
  const notices = new Map<string, ErasureNotice>();
  for (const row of rows) {
    const notice = notices.get(row.requestId) ?? {
      requestId: row.requestId,
      studentName: row.studentName,
      eraseAfter: row.eraseAfter,
      acknowledgedAt: row.acknowledgedAt,
      sections: [],
    };
    notice.sections.push({ id: row.sectionId, name: row.sectionName });
    notices.set(row.requestId, notice);
  }
  return [...notices.values()];
}

/**
 * The acting teacher's "I've kept what I need" on a scheduled erasure of a student on one of their
 * rosters; any other request is NotFoundError. Acknowledging twice keeps the first time.
 */
export async function acknowledgeErasure(actor: SessionUser, requestId: string): Promise<{ requestId: string }> {
  return await writeTransaction(async (tx) => {
    const request = (
      await tx
        .select({ id: erasureRequests.id })
        .from(erasureRequests)
        .where(and(eq(erasureRequests.id, requestId), teachesStudent(actor, erasureRequests.studentId)))
    )[0];
    if (!request) throw new NotFoundError("erasure notice");
    await tx
      .insert(erasureAcknowledgements)
      .values({ requestId: request.id, teacherId: actor.id, acknowledgedAt: new Date() })
      .onConflictDoNothing();
    return { requestId: request.id };
  });
}

/** The student's email (any case) or name, exactly: what the administrator types to confirm. */
function confirms(typed: string, student: { email: string; name: string }): boolean {
  // Composed or not (an accent typed as a letter and a combining mark): the same text.
  const text = typed.trim().normalize("NFC");
  return text.toLowerCase() === student.email.toLowerCase() || text === student.name.trim().normalize("NFC");
}

/**
 * Erases a student in one write transaction, as the registry says: the account and everything of
 * theirs goes; grade history and the access log keep their rows without the student. An access-log
 * row records the erasure (without the student's id) and the student's stored files are queued in
 * pending_file_deletions, for the caller to delete after the commit. Administrators only, never
 * their own account, and only once the student's teachers have been warned and have all
 * acknowledged or the notice period has passed (a student on no roster: at once). Returns the
 * storage keys to delete.
 */
export async function eraseStudent(actor: SessionUser, studentId: string, confirmation: string): Promise<{ fileKeys: string[] }> {
  return await writeTransaction(async (tx) => {
    const student = await loadAdministeredStudent(tx, actor, studentId);
    if (student.id === actor.id) throw new FieldError("confirmation", "You can't erase your own account.");
    if (!confirms(confirmation, student)) {
      throw new FieldError("confirmation", "That doesn't match. Type the student's email or name exactly as shown.");
    }
    const status = await erasureStatus(tx, student.id, new Date());
    if (!status.ready) throw new FieldError("confirmation", waitingFor(status));
    const fileKeys = await eraseAccount(tx, actor, student);
    await queueFileDeletions(tx, fileKeys);
    return { fileKeys };
  });
}

/**
 * Erases one account, in the caller's write transaction, and records it in the access log (without
 * the person's id): the administrator's erasure of a student, and the retention purge's of any
 * account deactivated long enough. The caller has checked that it may go ahead (a student's
 * teachers: erasureStatus). Returns the storage keys of the person's files, for the caller to queue.
 */
export async function eraseAccount(tx: Db, by: ErasureActor, person: Person & { role: Role }, at = new Date()): Promise<string[]> {
  const fileKeys = await erasePersonRows(tx, person);
  await recordErasureStep(tx, by, { action: "erase", detail: erasedDetail(fileKeys.length, person.role) }, at);
  return fileKeys;
}

/**
 * For the retention purge: why a deactivated student's erasure must wait for their teachers (the
 * rule eraseStudent applies), or null when it may go ahead now. `schedule` (the purge with --apply)
 * warns the teachers if nobody has yet, as scheduleErasure does, so that a later purge erases the
 * student once each has acknowledged or ERASURE_NOTICE_DAYS have passed; the dry run says the same
 * and writes nothing. The reason follows "it" in the purge's report.
 */
export async function purgeErasureWait(db: Db, studentId: string, now: Date, schedule: boolean): Promise<string | null> {
  const status = await erasureStatus(db, studentId, now);
  if (status.ready) return null;
  if (!status.request && schedule) await requestErasure(db, null, studentId, now);
  const eraseAfter = status.request?.eraseAfter ?? new Date(now.getTime() + erasureNoticeDays() * DAY_MS);
  const waiting = status.teachers.filter((t) => t.acknowledgedAt === null).map((t) => t.name);
  // Scheduled by this very run: its report says it was done now, not that a run with --apply will do it.
  const warned = status.request
    ? `were warned ${utc(status.request.requestedAt)}`
    : schedule
      ? `are warned now (${utc(now)})`
      : "are warned by `npm run purge -- --apply`";
  return `is on a teacher's roster: its teachers ${warned}, and a purge after ${utc(eraseAfter)} erases it, or sooner once each has acknowledged (waiting for ${waiting.join(", ")})`;
}
