import "server-only";
import { and, asc, eq, gt, inArray, isNotNull, isNull, not, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { acquireReadConnection, getDatabase, type DB, type OpenDatabase } from "@/db";
import { assignments, enrollments, erasureRequests, excusals, extensions, scores, sections, submissions, users } from "@/db/schema";
import { bytewise, jsonArrayText } from "@/db/sql";
import { NotFoundError } from "@/lib/errors";
import type { GradebookRow } from "@/lib/gradebook";
import { gradeTotal, isGradedSince, parseEarlierGrade, pointsDiffer, totalPoints, type EarlierGrade } from "@/lib/grading";
import type { Rubric } from "@/lib/lesson/types";
import { workStatus } from "@/lib/workspace";
import type { SessionUser } from "./accounts";
import { activeMemberOf, inTaughtSection, loadTeacherAssignment, loadTeacherSection, taughtBy, teacherAssignment } from "./ownership";
import { excusedStudent, handedInWork } from "./queue";

/**
 * Gradebook exports, scoped to the acting teacher's sections.
 *
 * Both exports read through one query (gradebookQuery): every active student of the section, in
 * name order, with their work on one assignment. The section-wide export runs it once per
 * assignment and steps the results side by side, so neither export ever holds more than one row
 * per assignment (SQLite) or one batch of rows per assignment (PostgreSQL).
 */

type Target = { id: string; rubric: Rubric; dueAt: Date };
type Student = { name: string; email: string };
/** Where a batch starts: right after this row of the previous one, in the class order. */
type Cursor = { sortName: string; email: string };

/**
 * One student's row as the query returns it, once the driver's own encoding is undone: SQLite
 * streams raw arrays (times in ms, booleans 0/1; arrays are cheaper than objects at 10,000 rows),
 * PostgreSQL answers Drizzle's mapped objects.
 */
type WorkRow = {
  name: string;
  email: string;
  /** The class order's key (enrollments.sort_name): where the next batch starts. */
  sortName: string;
  hasSubmission: boolean;
  submittedAt: Date | null;
  late: boolean | null;
  attemptCount: number | null;
  reopenedAttempt: number | null;
  returnedAt: Date | null;
  feedback: string | null;
  /** [last scored at, how many scores have points, then points and comment per rubric criterion] */
  scores: string | null;
  /** Excused from the assignment (docs/decisions/017-excused.md). */
  excused: boolean;
  /**
   * The grade returned before the work was reopened, while the work is not returned again (else
   * null), as stored: JSON text on SQLite, the jsonb's object on PostgreSQL (parseEarlierGrade).
   */
  earlierGrade: unknown;
  /** The student's own due date for the assignment (an extension), if they have one. */
  extendedTo: Date | null;
};

/**
 * One row per active student of the section, in name order, with their work on one assignment.
 *
 * The scores come pivoted by one correlated subquery: a single seek into the submission's few
 * scores (the (submission_id, criterion_id) index), one column pair per rubric criterion (ids
 * bound as parameters, never interpolated), packed as a flat JSON array since a subquery yields
 * one value. Measured on SQLite: one join or one subquery per criterion costs a seek each and a
 * GROUP BY two temp B-trees (both slower); the former nested JSON list costs about the same in all
 * (less SQL, three times the decoding). The last-scored time and the count of points cover every
 * score, even on a criterion since removed from the rubric, exactly as the grading view's rules see them.
 *
 * The assignment must belong to the section (checked once, by the uncorrelated subquery), so a
 * foreign id, or none for a section without assignments, yields the roster with no work, never
 * another section's. Students sort in the class order: each enrollment's stored sort name (the name
 * folded in JavaScript, lib/class-order.ts), compared byte by byte on both databases; folding in
 * SQL instead cost PostgreSQL about 45 µs a row, in every batch (a 5,000-student export took 40 s). The (unique)
 * email breaks ties, so the order is total: every statement over one snapshot lists the same
 * students in the same order.
 *
 * `studentId` reads that one student's row instead, on the roster or removed from it.
 *
 * `page` reads one batch: the students right after `page.after` (a previous row), cut to `limit`
 * before their work is joined, so a batch joins and packs the work of its own students only
 * (PostgreSQL does not carry a LIMIT through the join: uncut, every batch joined the whole class,
 * 2.5 times the cost). Without `page`, SQLite flattens the roster into the plain join: the same
 * plan as a single SELECT.
 */
function gradebookQuery(actor: SessionUser, sectionId: string, target: Target | null, studentId?: string) {
  const criteria = target?.rubric.criteria ?? [];
  const packed = jsonArrayText([
    sql`max(${scores.updatedAt})`,
    sql`count(${scores.points})`,
    ...criteria.flatMap((c) => [
      sql`max(${scores.points}) filter (where ${scores.criterionId} = ${c.id})`,
      sql`max(${scores.comment}) filter (where ${scores.criterionId} = ${c.id})`,
    ]),
  ]);
  const targetAssignment = target
    ? eq(
        submissions.assignmentId,
        sql`(select ${assignments.id} from ${assignments} where ${assignments.id} = ${target.id} and ${assignments.sectionId} = ${sectionId})`,
      )
    : sql`1 = 0`;
  // The class order (each enrollment's folded name, lib/class-order.ts), then the email, byte by byte
  // on both databases: the key every statement sorts by, and batches resume after.
  const order = (sortName: SQL | AnySQLiteColumn, email: SQL | AnySQLiteColumn) => [bytewise(sortName), bytewise(email)] as const;
  return (db: DB, page?: { after?: Cursor; limit: number }) => {
    const [nameKey, emailKey] = order(enrollments.sortName, users.email);
    const after = page?.after;
    const roster = db
      .select({ studentId: enrollments.studentId, name: users.name, email: users.email, sortName: enrollments.sortName })
      .from(enrollments)
      .innerJoin(sections, and(eq(sections.id, enrollments.sectionId), taughtBy(actor)))
      .innerJoin(users, eq(users.id, enrollments.studentId))
      .where(
        and(
          eq(enrollments.sectionId, sectionId),
          // One student (removed from the roster or not), or the active roster.
          studentId === undefined ? isNull(enrollments.removedAt) : eq(enrollments.studentId, studentId),
          after ? sql`(${nameKey}, ${emailKey}) > (${after.sortName}, ${after.email})` : undefined,
        ),
      )
      .orderBy(nameKey, emailKey)
      .$dynamic();
    const students = (page ? roster.limit(page.limit) : roster).as("roster");
    return db
      .select({
        name: students.name,
        email: students.email,
        hasSubmission: sql<boolean>`${submissions.id} is not null`,
        submittedAt: submissions.submittedAt,
        late: submissions.late,
        attemptCount: submissions.attemptCount,
        reopenedAttempt: submissions.reopenedAttempt,
        returnedAt: submissions.returnedAt,
        feedback: submissions.feedback,
        scores: sql<string | null>`(select ${packed} from ${scores} where ${scores.submissionId} = ${submissions.id})`,
        excused: target
          ? sql<boolean>`exists (select 1 from ${excusals} where ${excusals.assignmentId} = ${target.id} and ${excusals.studentId} = ${students.studentId})`.mapWith(
              Boolean,
            )
          : sql<boolean>`1 = 0`.mapWith(Boolean),
        // Only where the student still reads it (getReturnedGrade): returned work keeps its earlier
        // grade after the next return, which no row should carry to the reader, let alone parse.
        earlierGrade: sql<EarlierGrade | null>`case when ${submissions.returnedAt} is null then ${submissions.earlierGrade} end`.mapWith(
          submissions.earlierGrade,
        ),
        extendedTo: target
          ? sql<Date | null>`(select ${extensions.dueAt} from ${extensions} where ${extensions.assignmentId} = ${target.id} and ${extensions.studentId} = ${students.studentId})`.mapWith(
              extensions.dueAt,
            )
          : sql<Date | null>`null`,
        // Last, after the columns SQLite's raw rows are read by position (sqliteRows).
        sortName: students.sortName,
      })
      .from(students)
      .leftJoin(submissions, and(eq(submissions.studentId, students.studentId), targetAssignment))
      .orderBy(...order(students.sortName, students.email));
  };
}

type Query = ReturnType<typeof gradebookQuery>;

/** Turns query rows into gradebook rows for one assignment (its rubric), as they stand at `now`. */
function rowReader({ rubric, dueAt }: Target, now: Date) {
  const ids = rubric.criteria.map((c) => c.id);
  // The grade a reopened work's student still reads, listed and totalled like the current grading
  // (the rubric's criteria, in its order). Only reopened work has one: the other rows never get here.
  const earlierOf = (stored: unknown): GradebookRow["earlier"] => {
    // Read only for reopened work (null everywhere else); one that isn't a grade gives a blank.
    const earlier = stored === null ? null : parseEarlierGrade(stored);
    if (!earlier) return null;
    const scores: GradebookRow["scores"] = [];
    for (const id of ids) {
      const score = earlier.scores.find((s) => s.criterionId === id);
      if (score) scores.push({ criterionId: id, points: score.points, comment: score.comment });
    }
    return {
      returnedAt: new Date(earlier.returnedAt),
      feedback: earlier.feedback,
      scores,
      // No total without points, as below (a score with points on any criterion, removed ones too).
      total: gradeTotal(rubric, earlier.scores),
    };
  };
  return (row: WorkRow): GradebookRow => {
    const { name, email } = row;
    // A date of their own later than the class's and not passed yet (lib/assignment-window.ts studentTiming).
    const extensionRunning = row.extendedTo !== null && row.extendedTo > dueAt && row.extendedTo >= now;
    const submission = row.hasSubmission
      ? {
          submittedAt: row.submittedAt,
          late: row.late === true,
          returnedAt: row.returnedAt,
          attemptCount: row.attemptCount,
          reopenedAttempt: row.reopenedAttempt,
        }
      : null;
    const base = workStatus(submission, row.excused);
    // Nothing started, or excused: no points in the files, even where the teacher scored the draft before.
    if (!submission || base === "excused")
      return {
        name,
        email,
        status: base,
        submittedAt: null,
        late: false,
        attempts: row.attemptCount ?? 0,
        returnedAt: null,
        feedback: "",
        scores: [],
        total: null,
        earlier: null,
        extensionRunning,
      };
    // [last scored at, scores with points, points₀, comment₀, points₁, comment₁, …]
    const packed = JSON.parse(row.scores!) as (number | string | null)[];
    const scores: GradebookRow["scores"] = [];
    for (let i = 0; i < ids.length; i++) {
      const comment = packed[3 + 2 * i] as string | null; // NOT NULL in the table: null means no score row
      if (comment !== null) scores.push({ criterionId: ids[i]!, points: packed[2 + 2 * i] as number | null, comment });
    }
    // The grading overview's rule (resubmitted work needs grading again); of the score times it
    // only compares the latest, so each score may carry that one. (Milliseconds on SQLite, an ISO
    // string on PostgreSQL.)
    const lastScored = new Date(packed[0] ?? 0);
    const graded =
      submission.submittedAt !== null &&
      base !== "returned" &&
      base !== "reopened" &&
      // (Plain literals, not { ...s, updatedAt }: V8's spread-then-add was 5x slower here.)
      isGradedSince(
        rubric,
        scores.map((s) => ({ criterionId: s.criterionId, points: s.points, comment: s.comment, updatedAt: lastScored })),
        submission.submittedAt,
      );
    return {
      name,
      email,
      status: graded ? "graded" : base,
      submittedAt: submission.submittedAt,
      late: submission.late,
      attempts: row.attemptCount ?? 0,
      returnedAt: submission.returnedAt,
      feedback: row.feedback ?? "",
      scores,
      total: (packed[1] as number) > 0 ? totalPoints(rubric, scores) : null,
      earlier: earlierOf(row.earlierGrade),
      extensionRunning,
    };
  };
}

/** Rows read lazily: `return()` (a cancelled download) gives back whatever the reading holds. */
type RowStream<T> = AsyncIterableIterator<T> & { return(value?: undefined): Promise<IteratorResult<T>> };

/**
 * The section's active students in name order, each with their row on every target assignment
 * (`work[i]` for `targets[i]`; none when `targets` is empty), as `each(student, work)` makes them.
 * One query per assignment, stepped side by side: row n of every query is the same student, or
 * the export stops with an error rather than mix two students' work. Lazy: nothing is read before
 * the first row is asked for, memory stays flat whatever the class size, and whatever the reading
 * holds is given back when the iteration ends or is abandoned.
 */
function streamGradebook<T>(
  database: OpenDatabase,
  actor: SessionUser,
  sectionId: string,
  targets: Target[],
  each: (student: Student, work: GradebookRow[]) => T,
  studentId?: string,
): RowStream<T> {
  // A section without assignments still lists its students: the query with no assignment.
  const queries = (targets.length ? targets : [null]).map((target) => gradebookQuery(actor, sectionId, target, studentId));
  const now = new Date();
  const readers = targets.map((target) => rowReader(target, now));
  const step = (rows: WorkRow[]): T => {
    const student = { name: rows[0]!.name, email: rows[0]!.email };
    if (rows.some((row) => row.email !== student.email)) throw new Error("gradebook statements out of step");
    return each(
      student,
      readers.map((read, i) => read(rows[i]!)),
    );
  };
  return database.dialect === "sqlite" ? asAsync(sqliteRows(database.db, queries, step)) : postgresRows(database.db, queries, step);
}

/**
 * A generator's rows behind the async iteration protocol, without an async generator: stepping
 * one costs several promise turns per row (measured: about 5 ms of a 10,000-row export).
 */
function asAsync<T>(rows: Generator<T, void, undefined>): RowStream<T> {
  const settle = (step: () => IteratorResult<T, void>) => {
    try {
      return Promise.resolve(step() as IteratorResult<T>);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => settle(() => rows.next()),
    return: () => settle(() => rows.return()),
  };
}

/**
 * SQLite: every query streamed whole through better-sqlite3's raw iterators, on a read-only
 * connection of its own (an iterator keeps its connection busy) inside one read transaction, so
 * all of them read the same snapshot while the app keeps writing (WAL).
 */
function* sqliteRows<T>(db: DB, queries: Query[], step: (rows: WorkRow[]) => T): Generator<T, void, undefined> {
  const { sqlite, release } = acquireReadConnection();
  const cursors: IterableIterator<unknown[]>[] = [];
  try {
    sqlite.exec("BEGIN");
    for (const query of queries) {
      const { sql: text, params } = query(db).toSQL();
      cursors.push(
        sqlite
          .prepare<unknown[], unknown[]>(text)
          .raw(true)
          .iterate(...params),
      );
    }
    const time = (ms: unknown) => (ms === null ? null : new Date(ms as number));
    for (;;) {
      const raws = cursors.map((cursor) => cursor.next());
      if (raws[0]!.done) {
        if (raws.some((r) => !r.done)) throw new Error("gradebook statements out of step");
        return;
      }
      yield step(
        raws.map((raw): WorkRow => {
          if (raw.done) throw new Error("gradebook statements out of step");
          const r = raw.value;
          return {
            name: r[0] as string,
            email: r[1] as string,
            hasSubmission: r[2] === 1,
            submittedAt: time(r[3]),
            late: r[4] === 1,
            attemptCount: r[5] as number | null,
            reopenedAttempt: r[6] as number | null,
            returnedAt: time(r[7]),
            feedback: r[8] as string | null,
            scores: r[9] as string | null,
            excused: r[10] === 1,
            // JSON text, read only where there is one (reopened work: a few rows of a class).
            earlierGrade: r[11],
            extendedTo: time(r[12]),
            sortName: r[13] as string,
          };
        }),
      );
    }
  } finally {
    for (const cursor of cursors) cursor.return?.();
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK"); // read-only: just ends the snapshot
    release();
  }
}

/**
 * How much work one PostgreSQL batch reads, all its queries together: each batch sorts what is
 * left of the roster again, so fewer, larger batches cost less (10,000 students, one assignment:
 * 405 ms in batches of 1,000, 325 ms in batches of 5,000), while memory stays bounded by this.
 */
const BATCH_WORK_ROWS = 5000;

type ReadOnlySnapshot = {
  transaction<R>(fn: (tx: DB) => Promise<R>, config: { isolationLevel: "repeatable read"; accessMode: "read only" }): Promise<R>;
};

/**
 * PostgreSQL: the same queries, read in batches that each start right after the previous batch's
 * last student (keyset order; PGlite has no cursors, and a cursor would hold a pooled connection
 * for as long as the slowest download). One batch of every query is read in one short read-only
 * REPEATABLE READ transaction, so the batches agree with each other. Between batches the app may
 * write: a student renamed or enrolled meanwhile may be missed or listed twice, as a row of a
 * paged list may; each row is still what the database held.
 */
async function* postgresRows<T>(db: DB, queries: Query[], step: (rows: WorkRow[]) => T): AsyncGenerator<T, undefined, undefined> {
  const limit = Math.max(100, Math.floor(BATCH_WORK_ROWS / queries.length));
  for (let after: Cursor | undefined; ;) {
    const batches = await (db as unknown as ReadOnlySnapshot).transaction(
      async (tx) => {
        const read: WorkRow[][] = [];
        for (const query of queries) read.push(await query(tx, { after, limit }));
        return read;
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    const first = batches[0]!;
    if (batches.some((batch) => batch.length !== first.length)) throw new Error("gradebook statements out of step");
    for (let i = 0; i < first.length; i++) yield step(batches.map((batch) => batch[i]!));
    if (first.length < limit) return;
    after = first.at(-1)!;
  }
}

/** One assignment's gradebook rows, streamed (see streamGradebook). */
export async function exportAssignment(actor: SessionUser, sectionId: string, assignmentId: string) {
  const database = await getDatabase();
  const assignment = await loadTeacherAssignment(database.db, actor, sectionId, assignmentId);
  const section = await loadTeacherSection(database.db, actor, sectionId);
  return { assignment, section, rows: streamGradebook(database, actor, sectionId, [assignment], (_, work) => work[0]!) };
}

/** The section's assignments, by due date: the column groups of its files. */
async function sectionTargets(db: DB, actor: SessionUser, sectionId: string) {
  return await db
    .select({
      id: assignments.id,
      title: assignments.title,
      rubric: assignments.rubric,
      dueAt: assignments.dueAt,
      acceptLate: assignments.acceptLate,
      closeAt: assignments.closeAt,
    })
    .from(assignments)
    .innerJoin(sections, and(eq(sections.id, assignments.sectionId), taughtBy(actor)))
    .where(eq(assignments.sectionId, sectionId))
    .orderBy(asc(assignments.dueAt), asc(assignments.id));
}

/** The whole section: every active student, with their row on each assignment (by due date). */
export async function exportSection(actor: SessionUser, sectionId: string) {
  const database = await getDatabase();
  const section = await loadTeacherSection(database.db, actor, sectionId);
  const list = await sectionTargets(database.db, actor, sectionId);
  return { section, assignments: list, rows: streamGradebook(database, actor, sectionId, list, (student, work) => ({ student, work })) };
}

/**
 * One student's work on every assignment of the section, with every score, comment and feedback,
 * whether they are still on the roster or were removed from it: what the teacher keeps before the
 * student is erased (the erasure notice's download). `requestId` is a scheduled erasure of a student
 * who is, or was, on the roster of this section of the teacher's; anything else is not found.
 */
export async function exportStudentBeforeErasure(actor: SessionUser, sectionId: string, requestId: string) {
  const database = await getDatabase();
  const section = await loadTeacherSection(database.db, actor, sectionId);
  const [request] = await database.db
    .select({ studentId: erasureRequests.studentId })
    .from(erasureRequests)
    .innerJoin(enrollments, and(eq(enrollments.studentId, erasureRequests.studentId), eq(enrollments.sectionId, section.id)))
    .where(and(eq(erasureRequests.id, requestId), inTaughtSection(actor, enrollments.sectionId)));
  if (!request) throw new NotFoundError("erasure request");
  const list = await sectionTargets(database.db, actor, sectionId);
  const read: { student: Student; work: GradebookRow[] }[] = [];
  const rows = streamGradebook(database, actor, sectionId, list, (student, work) => ({ student, work }), request.studentId);
  for await (const row of rows) read.push(row);
  if (read.length !== 1) throw new NotFoundError("erasure request");
  return { section, assignments: list, studentId: request.studentId, ...read[0]! };
}

/**
 * How many active students' work on the assignment has points the student has not been given: graded
 * (fully or in part) and not returned, a draft the teacher scored before it was handed in included
 * (the files carry its total as they do any other, though not an excused student's), and reopened
 * work whose points differ from the grade returned before (scored again; reopened and left as it was
 * counts not). The grade files carry their totals unless the teacher leaves out what isn't returned
 * (lib/gradebook.ts returnedGradeOnly; reopened work then gives the grade returned before instead).
 */
export async function countUnreturnedPoints(actor: SessionUser, sectionId: string, assignmentId: string): Promise<number> {
  const db = (await getDatabase()).db;
  await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  // As rowReader: excused work not handed in has no points in the files, whatever the teacher scored.
  const inTheFiles = or(handedInWork, not(excusedStudent(submissions.assignmentId)));
  const unreturned = and(gt(submissions.scoredCount, 0), isNull(submissions.returnedAt), inTheFiles);
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(submissions)
    .innerJoin(assignments, and(eq(assignments.id, submissions.assignmentId), teacherAssignment(actor, sectionId, assignmentId)))
    .innerJoin(enrollments, activeMemberOf(assignments.sectionId))
    .where(and(unreturned, isNull(submissions.earlierGrade)));
  // Reopened work (a few at a time): its points against the grade the student was given.
  const reopened = await db
    .select({ id: submissions.id, earlierGrade: submissions.earlierGrade })
    .from(submissions)
    .innerJoin(assignments, and(eq(assignments.id, submissions.assignmentId), teacherAssignment(actor, sectionId, assignmentId)))
    .innerJoin(enrollments, activeMemberOf(assignments.sectionId))
    // Every point cleared since counts too: the full files then leave blank what the student was given.
    .where(and(isNull(submissions.returnedAt), isNotNull(submissions.submittedAt), isNotNull(submissions.earlierGrade)));
  const points =
    reopened.length === 0
      ? []
      : await db
          .select({ submissionId: scores.submissionId, criterionId: scores.criterionId, points: scores.points })
          .from(scores)
          .where(
            inArray(
              scores.submissionId,
              reopened.map((r) => r.id),
            ),
          );
  const bySubmission = new Map<string, typeof points>();
  for (const p of points) bySubmission.set(p.submissionId, [...(bySubmission.get(p.submissionId) ?? []), p]);
  const changed = reopened.filter((r) => pointsDiffer(parseEarlierGrade(r.earlierGrade), bySubmission.get(r.id) ?? []));
  return (row?.n ?? 0) + changed.length;
}
