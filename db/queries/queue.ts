import "server-only";
import { and, asc, Column, count, desc, eq, gt, is, isNull, lt, ne, or, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb } from "@/db";
import { sumWhen } from "@/db/sql";
import { enrollments, excusals, submissions, users, type Assignment } from "@/db/schema";
import { isPastDue, studentTiming } from "@/lib/assignment-window";
import { NotFoundError } from "@/lib/errors";
import {
  DEFAULT_QUEUE_VIEW,
  isMissing,
  QUEUE_PAGE_SIZE,
  STATUS_ORDER,
  type DisplayStatus,
  type ListView,
  type QueueFilter,
  type QueueSort,
  type QueueView,
  ungradedView,
} from "@/lib/grading-queue";
import type { SessionUser } from "./accounts";
import { extensionGiven, extensionOf, extensionRunning } from "./extensions";
import { inTaughtSection, loadTeacherAssignment, type Db } from "./ownership";

/**
 * The grading queue: every active student of a section with where their work on one assignment
 * stands, in grading order (by name, or by a random key when grading anonymously). Everything a row
 * shows comes from the enrollment and the submission row (its score summary included), so a page of
 * the Students list and the grading view's neighbours are index reads: they cost the same for 30
 * students or 5,000 (docs/decisions/008-class-size.md).
 */

export type QueueEntry = {
  studentId: string;
  /** The student's name, or "Student N" in anonymous mode: names never leave the server then. */
  label: string;
  email: string | null;
  submissionId: string | null;
  status: DisplayStatus;
  attemptCount: number;
  /** Every criterion scored, and not handed in again since. */
  graded: boolean;
  /** Submitted, not fully scored (or resubmitted since), not returned: what "Next ungraded" looks for. */
  needsGrading: boolean;
  total: number | null;
  submittedAt: Date | null;
  /** Handed in after the due date (whatever it has become since: graded, returned). */
  late: boolean;
  /** The student's own due date (an extension), when later than the class's. */
  extendedTo: Date | null;
  /** Not handed in (nor excused) and past the student's due date: shown as Missing. */
  missing: boolean;
  /**
   * When the student joined the section, if that was after the class's due date and their work is
   * missing: they never had the time the class had, which the teacher may want to give (excuse,
   * extend). Null when grading anonymously (a late joiner is someone the teacher would know).
   */
  joinedAfterDue: Date | null;
};

/**
 * Work that is graded (a condition on `submissions`): handed in, every criterion of the rubric
 * scored, and not handed in again since the last score was saved (lib/grading.ts isGradedSince, from
 * the summary), unless the teacher returned it since with those scores (the grading view asks first):
 * then they are its grade, for Analytics and the Class Recap as for the Students list, which calls it
 * returned. A draft the teacher scored is not graded: it cannot be returned, and the gradebook
 * files, Analytics and the Students list all call it in progress (missing once past due).
 * `criteria`: how many the rubric has (a number, or the rubric column's count where each row is another assignment's).
 */
export function gradedWork(criteria: number | SQL<number>) {
  return sql<boolean>`(${submissions.submittedAt} is not null and ${submissions.scoredCount} >= ${criteria}
    and (${submissions.scoredAt} >= ${submissions.submittedAt} or ${submissions.returnedAt} is not null))`;
}

/**
 * Reopened work the student has not handed in again (lib/workspace.ts isReopened, in SQL): neither
 * waiting for the teacher nor graded, so "Return all graded" leaves it with the student.
 */
export const reopenedWork = sql<boolean>`(${submissions.returnedAt} is null and ${submissions.reopenedAttempt} is not null
  and ${submissions.reopenedAttempt} = ${submissions.attemptCount})`;

/**
 * Work waiting for the teacher ("Needs grading", "Next ungraded"): submitted, not returned, not
 * graded (`graded`: gradedWork), not reopened.
 */
export function needsGradingWork(graded: SQL<boolean>) {
  return sql<boolean>`(${submissions.submittedAt} is not null and ${submissions.returnedAt} is null and not ${graded} and not ${reopenedWork})`;
}

/** Work handed in: submitted, or returned (lib/workspace.ts isHandedIn, in SQL). Work not handed in can be excused. */
export const handedInWork = sql<boolean>`(${submissions.submittedAt} is not null or ${submissions.returnedAt} is not null)`;

/**
 * Where the active students of an assignment stand, as sums over `enrollments` left-joined with
 * `submissions` (the Students list, Analytics, the section page and the discussion count alike):
 * `assignmentId` is the SQL of the assignment's id, a value or a joined column.
 */
export function stageCounts(assignmentId: SQL | AnyColumn) {
  const excused = excusedStudent(assignmentId);
  const notHandedIn = sql`not ${handedInWork}`;
  return {
    // (The section page's join has a row without an enrollment for an assignment nobody is in.)
    notStarted: sumWhen(sql`${enrollments.id} is not null and ${submissions.id} is null and not ${excused}`),
    inProgress: sumWhen(sql`${submissions.id} is not null and ${notHandedIn} and not ${excused}`),
    excused: sumWhen(sql`${notHandedIn} and ${excused}`),
    submitted: sumWhen(sql`${submissions.submittedAt} is not null and not ${submissions.late}`),
    late: sumWhen(sql`${submissions.submittedAt} is not null and ${submissions.late}`),
  };
}

/** The enrolled student of the row is excused from the assignment (one primary-key lookup). */
export function excusedStudent(assignmentId: SQL | AnyColumn) {
  return sql<boolean>`exists (select 1 from ${excusals} where ${excusals.assignmentId} = ${assignmentId} and ${excusals.studentId} = ${enrollments.studentId})`;
}

/**
 * The SQL of one assignment's queue at `now`; every expression reads `enrollments` left-joined with
 * `submissions`. Once the class's due date has passed, "missing" leaves out the students whose own
 * date (an extension) is still running.
 */
function queueSql(actor: SessionUser, assignment: Assignment, now: Date) {
  const graded = gradedWork(assignment.rubric.criteria.length);
  const needsGrading = needsGradingWork(graded);
  const rank = (status: DisplayStatus) => STATUS_ORDER.indexOf(status);
  // Where a row sits in STATUS_ORDER: returned wins over reopened, reopened over graded, graded over the student's own
  // status; an excusal counts only while nothing is handed in (lib/workspace.ts workStatus).
  const statusRank = sql<number>`case
    when ${submissions.returnedAt} is not null then ${rank("returned")}
    when ${submissions.submittedAt} is not null and ${reopenedWork} then ${rank("reopened")}
    when ${graded} then ${rank("graded")}
    when ${submissions.submittedAt} is not null and ${submissions.late} then ${rank("submitted_late")}
    when ${submissions.submittedAt} is not null then ${rank("submitted")}
    when ${excusedStudent(sql`${assignment.id}`)} then ${rank("excused")}
    when ${submissions.id} is null then ${rank("not_started")}
    else ${rank("in_progress")} end`;
  const filters: Record<QueueFilter, SQL | undefined> = {
    all: undefined,
    needs: needsGrading,
    graded: sql`${statusRank} = ${rank("graded")}`,
    returned: sql`${statusRank} = ${rank("returned")}`,
    missing: and(
      sql`${statusRank} in (${rank("in_progress")}, ${rank("not_started")})`,
      isPastDue(assignment, now) ? sql`not ${extensionRunning(assignment, now)}` : undefined,
    ),
    extended: extensionGiven(assignment),
    excused: sql`${statusRank} = ${rank("excused")}`,
  };
  // The total a row shows and sorts by: none for excused work, even a draft the teacher scored.
  const total = sql<number | null>`case when ${statusRank} = ${rank("excused")} then null else ${submissions.totalPoints} end`;
  // The class order: one index (section, key, student) per mode, so neighbours are index seeks.
  const key = assignment.anonymous ? enrollments.anonKey : enrollments.sortName;
  return {
    now,
    extendedTo: extensionOf(assignment.id),
    graded,
    needsGrading,
    statusRank,
    total,
    filters,
    key,
    /** Active students of the assignment's section, if the acting teacher teaches it. */
    active: and(
      eq(enrollments.sectionId, assignment.sectionId),
      isNull(enrollments.removedAt),
      // Bound to the section's id rather than correlated with each row, so SQLite checks it once per
      // statement instead of once per enrollment it reads (counting a class of 5,000 read it 5,000 times).
      inTaughtSection(actor, sql`${assignment.sectionId}`),
    ),
    submissionJoin: and(eq(submissions.assignmentId, assignment.id), eq(submissions.studentId, enrollments.studentId)),
  };
}
type QueueSql = ReturnType<typeof queueSql>;

function rowColumns(q: QueueSql) {
  return {
    studentId: enrollments.studentId,
    name: users.name,
    email: users.email,
    submissionId: submissions.id,
    attemptCount: submissions.attemptCount,
    totalPoints: sql<number | null>`${q.total}`.mapWith(submissions.totalPoints),
    submittedAt: submissions.submittedAt,
    late: submissions.late,
    statusRank: sql<number>`${q.statusRank}`.mapWith(Number),
    graded: sql<number>`${q.graded}`.mapWith(Boolean),
    needsGrading: sql<number>`${q.needsGrading}`.mapWith(Boolean),
    extendedTo: q.extendedTo,
    joinedAt: enrollments.joinedAt,
  };
}

type Row = {
  studentId: string;
  name: string;
  email: string;
  submissionId: string | null;
  attemptCount: number | null;
  totalPoints: number | null;
  submittedAt: Date | null;
  late: boolean | null;
  statusRank: number;
  graded: boolean;
  needsGrading: boolean;
  extendedTo: Date | null;
  joinedAt: Date;
};

function toEntry(assignment: Assignment, row: Row, anonymousNumber: number, now: Date): QueueEntry {
  const timing = studentTiming(assignment, row.extendedTo);
  const status = STATUS_ORDER[row.statusRank]!;
  const missing = isMissing(status, isPastDue(timing, now));
  return {
    studentId: row.studentId,
    label: assignment.anonymous ? `Student ${anonymousNumber}` : row.name,
    email: assignment.anonymous ? null : row.email,
    submissionId: row.submissionId,
    status,
    attemptCount: row.attemptCount ?? 0,
    graded: row.graded,
    needsGrading: row.needsGrading,
    total: row.totalPoints,
    submittedAt: row.submittedAt,
    late: Boolean(row.submittedAt && row.late),
    extendedTo: timing === assignment ? null : timing.dueAt,
    missing,
    // Not when grading anonymously: who joined late is something a teacher would know.
    // Nor for a student given time of their own (an extension, even one passed since): the teacher has acted.
    joinedAfterDue: missing && !assignment.anonymous && timing === assignment && row.joinedAt > assignment.dueAt ? row.joinedAt : null,
  };
}

function selectRows(db: Db, q: QueueSql, where: SQL | undefined) {
  return db
    .select(rowColumns(q))
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.studentId))
    .leftJoin(submissions, q.submissionJoin)
    .where(and(q.active, where));
}

export type QueueCounts = Record<QueueFilter, number> & { notStarted: number; inProgress: number; submitted: number; late: number };

/** How many students each filter shows, and where the class stands (one pass over the class). */
async function countQueue(db: Db, q: QueueSql, assignment: Assignment): Promise<QueueCounts> {
  const stages = stageCounts(sql`${assignment.id}`);
  return (
    await db
      .select({
        all: count(),
        needs: sumWhen(q.filters.needs!),
        graded: sumWhen(q.filters.graded!),
        returned: sumWhen(q.filters.returned!),
        // Not handed in and not excused (nor given time past the class's date, once it has passed):
        // the "missing" filter's rows; `excused` is that filter's.
        missing: sumWhen(q.filters.missing!),
        extended: sumWhen(q.filters.extended!),
        ...stages,
      })
      .from(enrollments)
      .leftJoin(submissions, q.submissionJoin)
      .where(q.active)
  )[0]!;
}

/**
 * One page of the Students list: the rows of `view` (filtered, sorted, paged in SQL), the counts
 * for every filter, and where "Start grading" and "Next ungraded" go in that view.
 */
export async function getQueuePage(actor: SessionUser, sectionId: string, assignmentId: string, view: QueueView) {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const q = queueSql(actor, assignment, new Date());
  const counts = await countQueue(db, q, assignment);
  const matching = counts[view.filter];
  const pageCount = Math.max(1, Math.ceil(matching / QUEUE_PAGE_SIZE));
  const page = Math.min(view.page, pageCount);

  const order = orderBy(orderTerms(q, view), "next");

  // Anonymous labels number the whole class in its shuffled order, whatever the view shows.
  const numbered = assignment.anonymous
    ? db
        .select({
          studentId: enrollments.studentId,
          number: sql<number>`row_number() over (order by ${enrollments.anonKey}, ${enrollments.studentId})`.mapWith(Number).as("number"),
        })
        .from(enrollments)
        .where(q.active)
        .as("numbered")
    : null;
  const base = numbered
    ? db
        .select({ ...rowColumns(q), number: numbered.number })
        .from(enrollments)
        .innerJoin(numbered, eq(numbered.studentId, enrollments.studentId))
    : db.select({ ...rowColumns(q), number: sql<number>`0`.mapWith(Number) }).from(enrollments);
  const rows = await base
    .innerJoin(users, eq(users.id, enrollments.studentId))
    .leftJoin(submissions, q.submissionJoin)
    .where(and(q.active, q.filters[view.filter]))
    .orderBy(...order)
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE);

  const { start, firstNeeding } = await firstStops(db, q, { filter: view.filter, sort: view.sort, dir: view.dir }, counts);
  return {
    assignment,
    entries: rows.map((row) => toEntry(assignment, row, row.number, q.now)),
    counts,
    view: { ...view, page },
    pageCount,
    /** Where "Start grading" goes: the first of the view who needs grading, else the first of the view. */
    start,
    /** Where the list's "Next ungraded" goes: the first who needs grading, in the view's order (`ungradedView`). */
    firstNeeding,
  };
}

type Term = { value: SQL | AnyColumn; dir: "asc" | "desc" };

/**
 * The Students list's order for a view, as terms each with its direction: the sort's own value, then
 * (for ties, and as the label sort itself) the class order, always ascending. The grading view walks
 * the same order for its previous and next, so they follow the list the teacher came from.
 */
function orderTerms(q: QueueSql, view: Pick<ListView, "sort" | "dir">): Term[] {
  const classOrder: Term[] = [
    { value: q.key, dir: "asc" },
    { value: enrollments.studentId, dir: "asc" },
  ];
  const own = (value: SQL | AnyColumn): Term => ({ value, dir: view.dir });
  switch (view.sort) {
    case "label":
      return [own(q.key), own(enrollments.studentId)];
    case "status":
      return [own(q.statusRank), ...classOrder];
    case "total":
      return [own(sql`coalesce(${q.total}, -1)`), ...classOrder];
    case "submittedAt":
      // Not yet submitted sorts before any time, as an empty value would (a number: PostgreSQL compares no boolean with one).
      return [own(sql`case when ${submissions.submittedAt} is not null then 1 else 0 end`), own(submissions.submittedAt), ...classOrder];
  }
}

function orderBy(terms: Term[], towards: "next" | "previous") {
  return terms.map((t) => ((t.dir === "asc") === (towards === "next") ? asc : desc)(t.value));
}

/** One row's place in an order: each term's value for it (read with `placeColumns`). */
type Place = unknown[];

function placeColumns(terms: Term[]): Record<string, SQL> {
  // A column is read back as its own type (a date as a Date), to be compared with it again.
  return Object.fromEntries(terms.map((t, i) => [`t${i}`, is(t.value, Column) ? sql`${t.value}`.mapWith(t.value) : t.value]));
}

function placeOf(terms: Term[], row: Record<string, unknown>): Place {
  return terms.map((_, i) => row[`t${i}`]);
}

/** A place's value in its sort, as the grading view's address carries it (lib/grading-queue.ts `sortValue`). */
function sortValueOf(sort: QueueSort, place: Place): number | undefined {
  if (sort === "label") return undefined;
  if (sort !== "submittedAt") return Number(place[0]); // PostgreSQL reads the status's place back as text
  return Number(place[0]) === 1 ? (place[1] as Date).getTime() : -1;
}

/** A student's place with the sort's value they had when the teacher moved to them (`at`), the class order as it is. */
function placeAt(sort: QueueSort, at: number, place: Place): Place {
  if (sort === "label") return place;
  if (sort !== "submittedAt") return [at, ...place.slice(1)];
  return at < 0 ? [0, null, ...place.slice(2)] : [1, new Date(at), ...place.slice(2)];
}

/** `op(term, value)`: one call for a column or an expression (the operators' overloads take either, not a union). */
function compare(op: typeof gt, value: SQL | AnyColumn, at: unknown) {
  return is(value, Column) ? op(value, at) : op(value, at);
}

/**
 * The rows strictly after (or before) a place in an order. In one direction throughout (the label
 * sort, the class order) it is one row-value comparison, which the class-order index answers with a
 * range; otherwise "a later first term, or the same and a later second, …". A term whose value is
 * null at the place is passed over: only "submitted at" is ever null, and every row that ties with
 * the place on the terms before it (not yet submitted) is null there too.
 */
function beyond(terms: Term[], place: Place, towards: "next" | "previous"): SQL {
  const used = terms.flatMap((t, i) => (place[i] === null || place[i] === undefined ? [] : [{ ...t, at: place[i] }]));
  const later = (t: (typeof used)[number]) => compare((t.dir === "asc") === (towards === "next") ? gt : lt, t.value, t.at);
  if (used.every((t) => t.dir === used[0]!.dir)) {
    const op = (used[0]!.dir === "asc") === (towards === "next") ? sql`>` : sql`<`;
    return sql`(${sql.join(
      used.map((t) => sql`${t.value}`),
      sql`, `,
    )}) ${op} (${sql.join(
      used.map((t) => (is(t.value, Column) ? sql.param(t.at, t.value) : sql`${t.at}`)),
      sql`, `,
    )})`;
  }
  return or(...used.map((t, i) => and(...used.slice(0, i).map((u) => compare(eq, u.value, u.at)), later(t))))!;
}

/** A student to go to, and their value in the view's sort (for the address: `gradeSearch`). */
export type QueueStop = { studentId: string; at: number | undefined };

/** The student after (or before) a place in an order, among rows matching `where`; from the start when `from` is null. */
async function neighbour(
  db: Db,
  q: QueueSql,
  view: Pick<ListView, "sort" | "dir">,
  towards: "next" | "previous",
  from: Place | null,
  where?: SQL,
): Promise<QueueStop | null> {
  const terms = orderTerms(q, view);
  const row = (
    await db
      .select({ studentId: enrollments.studentId, ...placeColumns(terms) })
      .from(enrollments)
      .leftJoin(submissions, q.submissionJoin)
      .where(and(q.active, from ? beyond(terms, from, towards) : undefined, where))
      .orderBy(...orderBy(terms, towards))
      .limit(1)
  )[0];
  return row ? { studentId: row.studentId as string, at: sortValueOf(view.sort, placeOf(terms, row)) } : null;
}

/**
 * Where "Start grading" and the list's "Next ungraded" go from a view of the list, in its order:
 * the first who needs grading (where "Next ungraded" looks: `ungradedView`), and for "Start
 * grading" the first of the view who does, else the first of the view. Nobody in the other filters
 * (graded, returned, missing, excused) needs grading.
 */
async function firstStops(db: Db, q: QueueSql, view: ListView, counts: QueueCounts) {
  const ungraded = ungradedView(view);
  const firstNeeding = counts.needs ? await neighbour(db, q, view, "next", null, and(q.needsGrading, q.filters[ungraded.filter])) : null;
  const start =
    (ungraded.filter === view.filter ? firstNeeding : null) ?? (await neighbour(db, q, view, "next", null, q.filters[view.filter]));
  // A filter nobody is in: the whole class, in the same order.
  const everyone = { ...view, filter: "all" as const };
  return {
    start: start ? { ...start, view } : counts.all ? { ...(await neighbour(db, q, everyone, "next", null))!, view: everyone } : null,
    firstNeeding: firstNeeding && { ...firstNeeding, view: ungraded },
  };
}

/**
 * One student's place in the grading queue, for the grading view: their row, "N of M", and the
 * students before and after them, in the order of the Students list's view the teacher came from
 * (its filter and sort; the class order by default). `at` is the student's value in that sort when
 * the teacher moved to them: grading or returning the work changes their status and total, and they
 * keep the place they had, so previous and next still lead where the teacher was going. A student
 * who has left the view's filter (graded under "Needs grading") keeps their place in its order too.
 * The next one who needs grading is found only when the teacher asks (`findNextNeedingGrading`):
 * the search may read far ahead, and every view would pay for it.
 */
export async function getQueuePosition(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  studentId: string,
  view: ListView = DEFAULT_QUEUE_VIEW,
  at?: number,
) {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const q = queueSql(actor, assignment, new Date());
  const terms = orderTerms(q, view);
  const filter = q.filters[view.filter];
  const row = (
    await db
      .select({
        ...rowColumns(q),
        ...placeColumns(terms),
        key: q.key,
        inView: (filter ? sql<number>`case when ${filter} then 1 else 0 end` : sql<number>`1`).mapWith(Boolean),
      })
      .from(enrollments)
      .innerJoin(users, eq(users.id, enrollments.studentId))
      .leftJoin(submissions, q.submissionJoin)
      .where(and(q.active, eq(enrollments.studentId, studentId)))
  )[0];
  if (!row) throw new NotFoundError("student");
  const live = placeOf(terms, row);
  const place = at === undefined ? live : placeAt(view.sort, at, live);
  // With a place of its own the student's row may sit anywhere in the order now: never their own neighbour.
  const others = at === undefined || view.sort === "label" ? undefined : ne(enrollments.studentId, studentId);
  // "Student N" numbers the whole class in its (shuffled) class order, whatever the view. Counting
  // the class-order index entries before the student, and the class, are ranges of that index:
  // 0.3 ms at 5,000 students.
  const classBefore = sql`(${q.key}, ${enrollments.studentId}) < (${row.key}, ${studentId})`;
  const classPosition = (await db.select({ n: count() }).from(enrollments).where(and(q.active, classBefore)))[0]!.n + 1;
  const isDefault = view.filter === "all" && view.sort === "label" && view.dir === "asc";
  // Any other view is judged row by row, as its page of the list is: one pass counts it and the rows before the student.
  const { total, before } = isDefault
    ? { total: (await db.select({ n: count() }).from(enrollments).where(q.active))[0]!.n, before: classPosition - 1 }
    : (
        await db
          .select({ total: count(), before: sumWhen(and(beyond(terms, place, "previous"), others)!) })
          .from(enrollments)
          .leftJoin(submissions, q.submissionJoin)
          .where(and(q.active, filter))
      )[0]!;
  return {
    assignment,
    entry: toEntry(assignment, row, classPosition, q.now),
    /** Where the student is in the view, or null when they are not in it (any more). */
    position: row.inView ? before + 1 : null,
    /** How many students the view shows. */
    total,
    /** The page of the list that shows the student (or where they would be, once out of the filter). */
    listPage: Math.floor(before / QUEUE_PAGE_SIZE) + 1,
    /** The student's value in the view's sort, for the addresses of this view (`at`, or their own). */
    at: at ?? sortValueOf(view.sort, live),
    previous: await neighbour(db, q, view, "previous", place, and(filter, others)),
    next: await neighbour(db, q, view, "next", place, and(filter, others)),
  };
}

/**
 * "Next ungraded" from one student: the first after them (at their place `at`, as in the grading
 * view) whose work needs grading, in the order of the Students list's view they came from and
 * within its filter where that can hold such work (`ungradedView`), wrapping around the class; null
 * when nobody else's does.
 */
export async function findNextNeedingGrading(
  actor: SessionUser,
  sectionId: string,
  assignmentId: string,
  studentId: string,
  view: ListView = DEFAULT_QUEUE_VIEW,
  at?: number,
): Promise<QueueStop | null> {
  const db = await getDb();
  const q = queueSql(actor, await loadTeacherAssignment(db, actor, sectionId, assignmentId), new Date());
  const terms = orderTerms(q, view);
  const [row] = await db
    .select(placeColumns(terms))
    .from(enrollments)
    .leftJoin(submissions, q.submissionJoin)
    .where(and(q.active, eq(enrollments.studentId, studentId)));
  if (!row) throw new NotFoundError("student");
  const live = placeOf(terms, row);
  const waiting = and(q.needsGrading, q.filters[ungradedView(view).filter], ne(enrollments.studentId, studentId));
  return (
    (await neighbour(db, q, view, "next", at === undefined ? live : placeAt(view.sort, at, live), waiting)) ??
    (await neighbour(db, q, view, "next", null, waiting))
  );
}

/** The whole queue in class order, for what needs every student at once (class analytics). */
export async function listQueue(actor: SessionUser, sectionId: string, assignmentId: string) {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const q = queueSql(actor, assignment, new Date());
  const rows = await selectRows(db, q, undefined).orderBy(asc(q.key), asc(enrollments.studentId));
  return { assignment, entries: rows.map((row, i) => toEntry(assignment, row, i + 1, q.now)), counts: await countQueue(db, q, assignment) };
}
