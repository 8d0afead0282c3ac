import "server-only";
import { and, desc, eq, gt, gte, isNotNull, isNull, lt, notExists, or, sql } from "drizzle-orm";
import { alias, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb, writeTransaction } from "@/db";
import { accessLog, assignments, enrollments, sections, submissions, users } from "@/db/schema";
import { containsIgnoringCase, newRowId, timeValue } from "@/db/sql";
import { NotFoundError } from "@/lib/errors";
import type { AccessAction } from "@/lib/roles";
import { ACCESS_LOG_PAGE_SIZE, type AccessLogFilters } from "@/lib/validations/access-log";
import type { SessionUser } from "./accounts";
import { isAdmin, inTaughtSection, loadAdmin, loadTeacherAssignment, loadTeacherSection, type Db } from "./ownership";

/**
 * The access log (issue 13): who opened, graded or exported which student's work, and when. Rows
 * are only ever added; nothing in db/queries updates or deletes them except the privacy code named
 * in access-log.append-only.test.ts (erasure and the retention purge).
 */

/** What one access-log row says happened; the actor is always the session's user. */
export type AccessEntry = {
  action: AccessAction;
  studentId?: string | null;
  sectionId?: string | null;
  assignmentId?: string | null;
  /** A fixed description chosen by the code ("grades.csv", "Ideation score"), never form text. */
  detail?: string;
};

/**
 * Appends one row to the access log, on the handle the caller's query runs on (inside its write
 * transaction, so the record and the act commit together). Callers call this only after their own
 * ownership check has passed: the log records what the actor was allowed to do, nothing else.
 * Nothing in the app updates or deletes these rows (docs/privacy.md).
 */
export async function recordAccess(db: Db, actor: SessionUser, entry: AccessEntry, at = new Date()): Promise<void> {
  await db.insert(accessLog).values(accessRow(actor, entry, at));
}

/** One access-log row as stored: the actor's id, name and role as they are at `at`. */
const accessRow = (actor: SessionUser, entry: AccessEntry, at: Date) => ({
  at,
  actorId: actor.id,
  actorName: actor.name,
  actorRole: actor.role,
  action: entry.action,
  studentId: entry.studentId ?? null,
  sectionId: entry.sectionId ?? null,
  assignmentId: entry.assignmentId ?? null,
  detail: entry.detail ?? "",
});

/**
 * The row of one act, for each student row of the SELECT it is put in (from `enrollments`): for an
 * INSERT … SELECT, which logs a whole class in one statement, each row with an id of its own made by
 * the database. A class download of 5,000 cost about half a second of CPU with one INSERT per
 * student, still about 200 ms with the rows built in JavaScript 500 to a statement (bench profile).
 */
const rowForEachStudent = (actor: SessionUser, entry: Omit<AccessEntry, "studentId" | "sectionId">, at: Date) => ({
  id: newRowId().as("id"),
  at: timeValue(at, accessLog.at).as("at"),
  actorId: sql<string>`${actor.id}`.as("actor_id"),
  actorName: sql<string>`${actor.name}`.as("actor_name"),
  actorRole: sql<SessionUser["role"]>`${actor.role}`.as("actor_role"),
  action: sql<AccessAction>`${entry.action}`.as("action"),
  studentId: enrollments.studentId,
  sectionId: enrollments.sectionId,
  assignmentId: sql<string | null>`${entry.assignmentId ?? null}`.as("assignment_id"),
  detail: sql<string>`${entry.detail ?? ""}`.as("detail"),
});

/**
 * A teacher who keeps one student's work open reloads it, and moves back and forth between
 * students: one "opened" row per teacher, student and assignment per 10 minutes says all there
 * is to say, and keeps the grading view's reloads from each queueing a synchronous (fsync'd) write.
 */
export const VIEW_DEDUPE_MINUTES = 10;

/** This actor's "opened" row for this student's work (an id, or a column of the outer query), written after `since`. */
const recentView = (actor: SessionUser, studentId: string | AnySQLiteColumn, assignmentId: string, since: Date) =>
  and(
    eq(accessLog.actorId, actor.id),
    gt(accessLog.at, since),
    eq(accessLog.action, "view_work"),
    eq(accessLog.studentId, studentId),
    eq(accessLog.assignmentId, assignmentId),
  );

/**
 * Records that the acting teacher opened one student's work on an assignment of their section
 * (the grading view), unless they already did within VIEW_DEDUPE_MINUTES. Returns whether a row
 * was written.
 *
 * A reload finds its recent row with one indexed read (access_log_actor_idx) and writes nothing.
 * Otherwise one write transaction inserts with INSERT … SELECT … WHERE NOT EXISTS, the recent-row
 * check in the same statement, so two requests racing past the read still leave one row (SQLite
 * runs one writer at a time; PostgreSQL's SERIALIZABLE retries the loser, which then finds the
 * row). The page calls this after its response is sent (next/server `after`), so the write never
 * holds up the render. A student reading their own work never comes here.
 */
export async function recordWorkView(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  studentId: string,
  now = new Date(),
): Promise<boolean> {
  const since = new Date(now.getTime() - VIEW_DEDUPE_MINUTES * 60_000);
  // One indexed read: this actor's recent row, in a section they still teach (anyone else finds
  // nothing here, and the write path below refuses them).
  const db = await getDb();
  const seen = await db
    .select({ id: accessLog.id })
    .from(accessLog)
    .where(
      and(
        recentView(actor, studentId, assignmentId, since),
        eq(accessLog.sectionId, sectionId),
        inTaughtSection(actor, accessLog.sectionId),
      ),
    )
    .limit(1);
  if (seen.length) return false;
  return await writeTransaction(async (tx) => {
    await loadTeacherAssignment(tx, actor, sectionId, assignmentId);
    const student = and(
      eq(enrollments.sectionId, sectionId),
      eq(enrollments.studentId, studentId),
      inTaughtSection(actor, enrollments.sectionId),
    );
    const written = await tx
      .insert(accessLog)
      .select(
        tx
          .select(rowForEachStudent(actor, { action: "view_work", assignmentId }, now))
          .from(enrollments)
          .where(
            and(
              student,
              notExists(
                tx
                  .select({ one: sql`1` })
                  .from(accessLog)
                  .where(recentView(actor, studentId, assignmentId, since)),
              ),
            ),
          ),
      )
      .returning({ id: accessLog.id });
    if (written.length) return true;
    // Nothing written: a recent row after all, or a student who is not in the section.
    const enrolled = await tx.select({ id: enrollments.id }).from(enrollments).where(student);
    if (!enrolled.length) throw new NotFoundError("student");
    return false;
  });
}

/**
 * Records that the acting teacher opened the class discussion board of an assignment of their
 * section: one "opened" row (detail "discussion board") for each student whose submitted answers
 * the board shows, except those this teacher already opened within VIEW_DEDUPE_MINUTES, as the
 * grading view does. A reload within that time reads and writes nothing more than the check.
 * Returns how many rows were written.
 */
export async function recordDiscussionView(actor: SessionUser, sectionId: string, assignmentId: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - VIEW_DEDUPE_MINUTES * 60_000);
  // The board's students (getDiscussion: submitted work of students still on the roster) not yet logged.
  const onBoard = and(
    eq(submissions.assignmentId, assignmentId),
    eq(submissions.studentId, enrollments.studentId),
    isNotNull(submissions.submittedAt),
  );
  const unlogged = (db: Db) =>
    and(
      eq(enrollments.sectionId, sectionId),
      isNull(enrollments.removedAt),
      inTaughtSection(actor, enrollments.sectionId),
      notExists(
        db
          .select({ one: sql`1` })
          .from(accessLog)
          .where(recentView(actor, enrollments.studentId, assignmentId, since)),
      ),
    );
  const db = await getDb();
  await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const anyone = await db
    .select({ one: sql`1` })
    .from(enrollments)
    .innerJoin(submissions, onBoard)
    .where(unlogged(db))
    .limit(1);
  if (anyone.length === 0) return 0;
  return await writeTransaction(async (tx) => {
    await loadTeacherAssignment(tx, actor, sectionId, assignmentId);
    // Chosen again inside the write transaction, in the same statement: a board opened twice at once
    // still logs each student once.
    const written = await tx
      .insert(accessLog)
      .select(
        tx
          .select(rowForEachStudent(actor, { action: "view_work", assignmentId, detail: "discussion board" }, now))
          .from(enrollments)
          .innerJoin(submissions, onBoard)
          .where(unlogged(tx)),
      )
      .returning({ id: accessLog.id });
    return written.length;
  });
}

/**
 * Records a CSV download of a section's students by its file name: grades, the whole section's
 * (`assignmentId` null) or one assignment's, or the roster (names and emails). Called by the
 * download routes once the export query has checked ownership. One row names no student (the
 * download, once, in the administrator's log), and one more per student in the file, so each
 * student's own record (their data export, the log filtered by student) shows it too: the grades
 * hold the students still on the roster (exportSection), the roster also those removed (listRoster);
 * with `studentId`, the file is that one student's record (exportStudentBeforeErasure).
 */
export async function recordSectionExport(
  actor: SessionUser,
  action: "export_grades" | "export_roster",
  sectionId: string,
  assignmentId: string | null,
  fileName: string,
  /** The file holds this one student's record (on the roster or removed from it), not the roster's. */
  studentId?: string,
): Promise<void> {
  await writeTransaction(async (tx) => {
    if (assignmentId) await loadTeacherAssignment(tx, actor, sectionId, assignmentId);
    else await loadTeacherSection(tx, actor, sectionId);
    const at = new Date();
    await recordAccess(tx, actor, { action, sectionId, assignmentId, detail: fileName }, at);
    const inFile = and(
      eq(enrollments.sectionId, sectionId),
      inTaughtSection(actor, enrollments.sectionId),
      studentId !== undefined
        ? eq(enrollments.studentId, studentId)
        : action === "export_grades"
          ? isNull(enrollments.removedAt)
          : undefined,
    );
    await tx.insert(accessLog).select(
      tx
        .select(rowForEachStudent(actor, { action, assignmentId, detail: fileName }, at))
        .from(enrollments)
        .where(inFile),
    );
  });
}

// ——— Reading the log ———

const student = alias(users, "access_student");
const actorAccount = alias(users, "access_actor");

/** One row as people read it: names as they are now, or as logged once the account is gone. */
const readableRow = {
  id: accessLog.id,
  at: accessLog.at,
  action: accessLog.action,
  detail: accessLog.detail,
  actorId: accessLog.actorId,
  actorName: accessLog.actorName,
  actorRole: accessLog.actorRole,
  actorEmail: actorAccount.email,
  studentId: accessLog.studentId,
  studentName: student.name,
  studentEmail: student.email,
  sectionId: accessLog.sectionId,
  sectionName: sections.name,
  assignmentId: accessLog.assignmentId,
  assignmentTitle: assignments.title,
};

function readable(db: Db) {
  return db
    .select(readableRow)
    .from(accessLog)
    .leftJoin(actorAccount, eq(actorAccount.id, accessLog.actorId))
    .leftJoin(student, eq(student.id, accessLog.studentId))
    .leftJoin(sections, eq(sections.id, accessLog.sectionId))
    .leftJoin(assignments, eq(assignments.id, accessLog.assignmentId));
}

export type AccessLogRow = Awaited<ReturnType<ReturnType<typeof readable>["where"]>>[number];

const DAY_MS = 86_400_000;

/**
 * The access log for an administrator, newest first, one page at a time (keyset: `before` is the
 * last row of the page before, so a page costs the same however deep). Filters: the actor by name
 * or e-mail, the student by name or e-mail, the action, and a range of UTC days (both ends
 * included). Anyone else: NotFoundError, as for every administrator's query (loadAdmin).
 */
export async function listAccessLog(actor: SessionUser, filters: AccessLogFilters, limit = ACCESS_LOG_PAGE_SIZE) {
  const db = await getDb();
  await loadAdmin(db, actor);
  const rows = await readable(db)
    .where(
      and(
        // Case only, not accents ("Ángela" as shown, or "ángela" on PostgreSQL): the log grows to
        // millions of rows, and folding each costs ten times as much on SQLite and thirty on
        // PostgreSQL (db/sql.ts); the accounts page finds a name however it is spelled. An actor by the
        // name the row was logged under, or their account's email.
        filters.actor ? containsIgnoringCase(filters.actor, accessLog.actorName, actorAccount.email) : undefined,
        filters.student ? containsIgnoringCase(filters.student, student.name, student.email) : undefined,
        filters.action ? eq(accessLog.action, filters.action) : undefined,
        filters.from ? gte(accessLog.at, new Date(`${filters.from}T00:00:00Z`)) : undefined,
        filters.to ? lt(accessLog.at, new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS)) : undefined,
        filters.before
          ? or(lt(accessLog.at, filters.before.at), and(eq(accessLog.at, filters.before.at), lt(accessLog.id, filters.before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(accessLog.at), desc(accessLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? `${last.at.getTime()}_${last.id}` : null };
}

/**
 * Every row about one student, newest first: for that student's own data export, or for an
 * administrator. Anyone else gets no rows.
 */
export async function listAccessAboutStudent(actor: SessionUser, studentId: string) {
  const db = await getDb();
  return await readable(db)
    .where(and(eq(accessLog.studentId, studentId), or(eq(accessLog.studentId, actor.id), isAdmin(actor))))
    .orderBy(desc(accessLog.at), desc(accessLog.id));
}
