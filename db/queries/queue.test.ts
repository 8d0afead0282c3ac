import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { makeGrade, makeSubmission, makeUser } from "@/db/factories";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { scoreSummary } from "@/db/score-summary";
import { assignments, enrollments, excusals, extensions, scores, submissions, users } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { isGradedSince, totalPoints } from "@/lib/grading";
import {
  DEFAULT_QUEUE_VIEW,
  QUEUE_FILTERS,
  QUEUE_PAGE_SIZE,
  QUEUE_SORTS,
  STATUS_ORDER,
  type DisplayStatus,
  type QueueFilter,
  type QueueSort,
  sortValue,
  ungradedView,
} from "@/lib/grading-queue";
import { assignment as makeAssignmentFor, enrollment, section, user } from "@/lib/test/factories";
import { workStatus } from "@/lib/workspace";
import { DEFAULT_RUBRIC } from "@/lib/lesson/default-lesson";
import { listSectionAssignments } from "./assignments";
import { saveScore } from "./grading";
import { findNextNeedingGrading, getQueuePage, getQueuePosition, listQueue, type QueueEntry } from "./queue";

const MINUTE = 60_000;
const ALL = { ideation: { points: 3 }, copywriting: { points: 2 }, design: { points: 3 }, reflection: { points: 1 } };

/**
 * A class of every kind of work, more than two pages long: not started, in progress (some scored),
 * submitted on time and late, partly scored, comment only, fully graded, graded then resubmitted,
 * returned, reopened, reopened and handed in again; excused before starting, while in progress, and before handing in anyway (the work
 * wins); extensions running, over, and earlier than the class's date; plus a removed student and a student of another section, who
 * must never show.
 */
async function bigClass(size = QUEUE_PAGE_SIZE * 2 + 7) {
  const db = (await getDatabase()).writer;
  const teacher = await user("teacher");
  const s = await section(teacher.row.id);
  const a = await makeAssignmentFor(s.id, { dueAt: new Date(Date.now() - 60 * MINUTE) });
  const now = Date.now();
  const at = (minutes: number) => new Date(now + minutes * MINUTE);
  const students = [];
  for (let i = 0; i < size; i++) {
    // Names that sort the same by bytes and by locale: the reference below sorts like the old table did.
    const name = `${String.fromCharCode(65 + ((i * 7) % 26))}${String.fromCharCode(97 + (i % 26))} Student ${String(i).padStart(3, "0")}`;
    const row = await makeUser(db, { role: "student", email: `q${i}-${crypto.randomUUID()}@example.com`, name, passwordHash: "x" });
    await enrollment(s.id, row.id);
    students.push(row);
    const kind = i % 9;
    // Excused: some who never started, some in progress, some who handed in anyway.
    if ((kind === 0 || kind === 1 || kind === 8) && i % 2 === 1)
      await db.insert(excusals).values({ assignmentId: a.id, studentId: row.id });
    // Extensions: one still running (a day on), one over but later than the class's date, one
    // earlier than the class's date (it never counts). Running, work not handed in is not missing.
    if (i % 10 === 4 || i % 10 === 5 || i % 10 === 6)
      await db
        .insert(extensions)
        .values({ assignmentId: a.id, studentId: row.id, dueAt: at(i % 10 === 4 ? 24 * 60 : i % 10 === 5 ? -30 : -90) });
    if (kind === 0) continue; // not started
    const submittedAt = kind === 1 ? [] : kind === 2 ? [at(-120 + i)] : [at(-50 + (i % 40))];
    const { submission } = await makeSubmission(db, { assignment: a, studentId: row.id, draft: SAMPLE_DRAFTS.complete, submittedAt });
    const grade = async (points: Record<string, { points: number; comment?: string }>, minutes: number, returnedAt: Date | null = null) =>
      await makeGrade(db, { submissionId: submission.id, teacherId: teacher.row.id, scores: points, at: at(minutes), returnedAt });
    if (kind === 1 && i % 2) await grade(ALL, -200); // in progress, yet fully scored
    if (kind === 3) await grade({ ideation: { points: 2 }, design: { points: 1 } }, 5); // partly scored
    if (kind === 4) await grade(ALL, 5);
    if (kind === 5) await grade(ALL, -100); // scored before the (re)submission
    if (kind === 6) await grade(ALL, 5, at(6)); // returned
    // Reopened (the teacher took it back), some handed in again since: a new attempt.
    if (kind === 6 && i % 4 === 1)
      await db
        .update(submissions)
        .set({ returnedAt: null, reopenedAttempt: sql`${submissions.attemptCount}` })
        .where(eq(submissions.id, submission.id));
    if (kind === 6 && i % 4 === 3)
      await db
        .update(submissions)
        .set({
          returnedAt: null,
          reopenedAttempt: sql`${submissions.attemptCount}`,
          attemptCount: sql`${submissions.attemptCount} + 1`,
          submittedAt: at(7),
        })
        .where(eq(submissions.id, submission.id));
    if (kind === 7) {
      // A comment without points.
      await db.insert(scores).values({ submissionId: submission.id, criterionId: "ideation", comment: "note", updatedBy: teacher.row.id });
      await db.update(submissions).set(scoreSummary(submission.id)).where(eq(submissions.id, submission.id));
    }
  }
  const removed = await makeUser(db, {
    role: "student",
    email: `removed-${crypto.randomUUID()}@x.test`,
    name: "Aa Removed",
    passwordHash: "x",
  });
  await enrollment(s.id, removed.id, new Date());
  const elsewhere = await makeUser(db, {
    role: "student",
    email: `else-${crypto.randomUUID()}@x.test`,
    name: "Aa Elsewhere",
    passwordHash: "x",
  });
  await enrollment((await section(teacher.row.id)).id, elsewhere.id);
  return { teacher, section: s, assignment: a, students, removed, elsewhere };
}

type Room = Awaited<ReturnType<typeof bigClass>>;
type Ids = { studentId: string; submissionId: string };

/** What the queue must say, worked out the slow way: every score read and judged in JavaScript, as the app used to. */
async function reference(room: Room) {
  const db = (await getDatabase()).writer;
  const a = (await db.select().from(assignments).where(eq(assignments.id, room.assignment.id)))[0]!;
  const rows = [];
  for (const student of room.students) {
    const submission = (await db.select().from(submissions).where(eq(submissions.studentId, student.id)))[0];
    const own = submission ? await db.select().from(scores).where(eq(scores.submissionId, submission.id)) : [];
    // Graded is handed-in work only, as the gradebook files say: a scored draft is still in progress.
    const graded = Boolean(submission?.submittedAt) && isGradedSince(a.rubric, own, submission?.submittedAt ?? null);
    const excused = (await db.select().from(excusals).where(eq(excusals.studentId, student.id))).length > 0;
    const extension = (await db.select().from(extensions).where(eq(extensions.studentId, student.id)))[0];
    const extended = Boolean(extension && a.dueAt && extension.dueAt > a.dueAt);
    const work = workStatus(submission, excused);
    const status: DisplayStatus = work === "returned" || work === "reopened" ? work : graded ? "graded" : work;
    rows.push({
      studentId: student.id,
      name: student.name,
      status,
      graded,
      needsGrading: Boolean(submission?.submittedAt) && !graded && work !== "returned" && work !== "reopened",
      total: status !== "excused" && own.some((x) => x.points !== null) ? totalPoints(a.rubric, own) : null,
      submittedAt: submission?.submittedAt ?? null,
      late: Boolean(submission?.submittedAt && submission.late),
      extended,
      extensionRunning: extended && extension!.dueAt.getTime() >= Date.now(),
    });
  }
  rows.sort((x, y) => x.name.toLowerCase().localeCompare(y.name.toLowerCase()) || x.studentId.localeCompare(y.studentId));
  return rows;
}

type Ref = Awaited<ReturnType<typeof reference>>[number];

const TESTS: Record<QueueFilter, (r: Ref) => boolean> = {
  all: () => true,
  needs: (r) => r.needsGrading,
  graded: (r) => r.status === "graded",
  returned: (r) => r.status === "returned",
  // The class's date has passed: a running extension keeps work not handed in from being missing.
  missing: (r) => (r.status === "not_started" || r.status === "in_progress") && !r.extensionRunning,
  extended: (r) => r.extended,
  excused: (r) => r.status === "excused",
};

/** The old table's comparator: by the sort key, then in class order (a stable sort of the class). */
function sortReference(rows: Ref[], sort: QueueSort, dir: "asc" | "desc") {
  const value = (r: Ref): number =>
    sort === "status"
      ? STATUS_ORDER.indexOf(r.status)
      : sort === "total"
        ? (r.total ?? -1)
        : sort === "submittedAt"
          ? (r.submittedAt?.getTime() ?? -Infinity)
          : rows.indexOf(r);
  const sign = dir === "asc" ? 1 : -1;
  // NaN (two "not yet submitted") is a tie.
  return [...rows].sort((x, y) => sign * (value(x) - value(y)) || 0);
}

async function allPages(room: Room, filter: QueueFilter, sort: QueueSort, dir: "asc" | "desc") {
  const entries: QueueEntry[] = [];
  for (let page = 1; ; page++) {
    const result = await getQueuePage(room.teacher.actor, room.section.id, room.assignment.id, { filter, sort, dir, page });
    entries.push(...result.entries);
    const { pageCount, counts, start, firstNeeding } = result;
    if (page >= result.pageCount) return { entries, pageCount, counts, start, firstNeeding };
  }
}

/** A small class (names in name order) who all handed in a minute ago. */
async function handedInClass(names: string[]) {
  const db = (await getDatabase()).writer;
  const teacher = await user("teacher");
  const s = await section(teacher.row.id);
  const a = await makeAssignmentFor(s.id);
  const ids: Ids[] = [];
  for (const name of names) {
    const row = await makeUser(db, { role: "student", email: `${name}-${crypto.randomUUID()}@example.com`, name, passwordHash: "x" });
    await enrollment(s.id, row.id);
    const { submission } = await makeSubmission(db, {
      assignment: a,
      studentId: row.id,
      draft: SAMPLE_DRAFTS.complete,
      submittedAt: [new Date(Date.now() - MINUTE)],
    });
    ids.push({ studentId: row.id, submissionId: submission.id });
  }
  return { db, teacher, section: s, assignment: a, ids };
}

// Each test seeds a class of every kind of work, row by row: 8 s on PostgreSQL in one fresh-clone
// run, 20 s in another on a slower machine. A limit, not a figure (those are in npm run bench).
describe("the grading queue (Students list and grading view)", { timeout: 60_000 }, () => {
  it("pages, filters and sorts in SQL exactly as the whole class judged in JavaScript would", async () => {
    const room = await bigClass();
    const expected = await reference(room);
    for (const filter of QUEUE_FILTERS) {
      for (const sort of QUEUE_SORTS) {
        for (const dir of ["asc", "desc"] as const) {
          const { entries, pageCount, counts, start, firstNeeding } = await allPages(room, filter, sort, dir);
          const order = sortReference(expected, sort, dir);
          const want = order.filter(TESTS[filter]);
          // "Start grading": the first of the view who needs grading, else the first of the view (else of
          // the class); the list's "Next ungraded": the first who needs grading where it looks. Both in this order.
          const view = { filter, sort, dir };
          const ungraded = ungradedView(view);
          const needing = order.find((r) => r.needsGrading && TESTS[ungraded.filter](r));
          const starting = (ungraded.filter === filter ? needing : undefined) ?? want[0];
          const stop = (r: Ref | undefined, v: typeof view) => (r ? { studentId: r.studentId, at: sortValue(sort, r), view: v } : null);
          expect([start, firstNeeding], `${filter} ${sort} ${dir}`).toEqual([
            starting ? stop(starting, view) : stop(order[0], { ...view, filter: "all" }),
            stop(needing, ungraded),
          ]);
          expect(pageCount, `${filter} ${sort} ${dir}`).toBe(Math.max(1, Math.ceil(want.length / QUEUE_PAGE_SIZE)));
          expect(counts[filter]).toBe(want.length);
          // The section page's summary counts the work waiting as the list does.
          if (filter === "needs")
            expect((await listSectionAssignments(room.teacher.actor, room.section.id))[0]!.needsGrading).toBe(want.length);
          expect(
            entries.map((e) => [e.studentId, e.status, e.graded, e.needsGrading, e.total, e.late]),
            `${filter} ${sort} ${dir}`,
          ).toEqual(want.map((r) => [r.studentId, r.status, r.graded, r.needsGrading, r.total, r.late]));
        }
      }
    }
    // Every kind of work is there, and nobody outside the class.
    const everyone = await listQueue(room.teacher.actor, room.section.id, room.assignment.id);
    expect(new Set(everyone.entries.map((e) => e.status))).toEqual(new Set(STATUS_ORDER));
    // Late work stays marked late once graded or returned (the Students list shows it beside the status).
    for (const status of ["graded", "returned"] as const)
      expect(
        everyone.entries.some((e) => e.status === status && e.late),
        status,
      ).toBe(true);
    expect(JSON.stringify(everyone)).not.toContain(room.removed.id);
    expect(JSON.stringify(everyone)).not.toContain(room.elsewhere.id);
    const howMany = (status: DisplayStatus) => expected.filter((r) => r.status === status).length;
    expect(everyone.counts).toMatchObject({
      all: room.students.length,
      needs: expected.filter(TESTS.needs).length,
      notStarted: howMany("not_started"),
      inProgress: howMany("in_progress"),
      excused: howMany("excused"),
      extended: expected.filter((r) => r.extended).length,
    });
    // The extensions are exercised: some count, and some still running keep work not handed in off "missing".
    expect(everyone.counts.extended).toBeGreaterThan(0);
    expect(expected.some((r) => r.extensionRunning && (r.status === "not_started" || r.status === "in_progress"))).toBe(true);
  });

  it("clamps a page past the end to the last page, and starts grading at the first who needs it", async () => {
    const room = await bigClass();
    const expected = await reference(room);
    const last = await getQueuePage(room.teacher.actor, room.section.id, room.assignment.id, { ...DEFAULT_QUEUE_VIEW, page: 999 });
    expect(last.view.page).toBe(last.pageCount);
    expect(last.entries.at(-1)?.studentId).toBe(expected.at(-1)!.studentId);
    expect(last.start?.studentId).toBe(expected.find((r) => r.needsGrading)!.studentId);
  });

  it("knows each student's neighbours, position and the next who needs grading, wrapping around", async () => {
    const room = await bigClass(QUEUE_PAGE_SIZE + 3);
    const expected = await reference(room);
    const { actor } = room.teacher;
    for (const [i, row] of expected.entries()) {
      const at = await getQueuePosition(actor, room.section.id, room.assignment.id, row.studentId);
      const after = [...expected.slice(i + 1), ...expected.slice(0, i)];
      expect([at.position, at.total, at.previous?.studentId ?? null, at.next?.studentId ?? null, at.entry.status]).toEqual([
        i + 1,
        expected.length,
        expected[i - 1]?.studentId ?? null,
        expected[i + 1]?.studentId ?? null,
        row.status,
      ]);
      expect(at.entry.label).toBe(row.name);
      expect((await findNextNeedingGrading(actor, room.section.id, room.assignment.id, row.studentId))?.studentId ?? null).toBe(
        after.find((r) => r.needsGrading)?.studentId ?? null,
      );
      expect(at.listPage).toBe(Math.ceil((i + 1) / QUEUE_PAGE_SIZE));
    }
    // Refused: a removed student, a student of another section, another teacher, another teacher's section.
    const otherTeacher = await user("teacher");
    const theirs = await makeAssignmentFor((await section(otherTeacher.row.id)).id);
    for (const query of [getQueuePosition, findNextNeedingGrading]) {
      for (const studentId of [room.removed.id, room.elsewhere.id])
        await expect(query(actor, room.section.id, room.assignment.id, studentId)).rejects.toThrow(NotFoundError);
      await expect(query(otherTeacher.actor, room.section.id, room.assignment.id, expected[0]!.studentId)).rejects.toThrow(NotFoundError);
      await expect(query(actor, theirs.sectionId, theirs.id, expected[0]!.studentId)).rejects.toThrow(NotFoundError);
      await expect(query(otherTeacher.actor, theirs.sectionId, theirs.id, expected[0]!.studentId)).rejects.toThrow(NotFoundError);
    }
  });

  it("walks every view of the list (filter, sort, direction) from the grading view, as the list shows it, even from a student the filter has lost", async () => {
    const room = await bigClass(45);
    const expected = await reference(room);
    const { actor } = room.teacher;
    for (const filter of QUEUE_FILTERS) {
      for (const sort of QUEUE_SORTS) {
        for (const dir of ["asc", "desc"] as const) {
          const view = { filter, sort, dir };
          const order = sortReference(expected, sort, dir);
          const shown = order.filter(TESTS[filter]);
          // Every fifth student of the class in this order (a different fifth for each view), and
          // both ends: in the filter or not.
          const shift = (QUEUE_FILTERS.indexOf(filter) + QUEUE_SORTS.indexOf(sort) + (dir === "asc" ? 0 : 2)) % 5;
          const sample = order.filter((_, i) => i % 5 === shift || i === 0 || i === order.length - 1);
          for (const row of sample) {
            const i = order.indexOf(row);
            const at = await getQueuePosition(actor, room.section.id, room.assignment.id, row.studentId, view);
            const where = `${filter} ${sort} ${dir} from ${row.name}`;
            const previous = order.slice(0, i).findLast(TESTS[filter]);
            const next = order.slice(i + 1).find(TESTS[filter]);
            expect([at.position, at.total, at.previous, at.next, at.entry.studentId, at.at], where).toEqual([
              TESTS[filter](row) ? shown.indexOf(row) + 1 : null,
              shown.length,
              previous ? { studentId: previous.studentId, at: sortValue(sort, previous) } : null,
              next ? { studentId: next.studentId, at: sortValue(sort, next) } : null,
              row.studentId,
              sortValue(sort, row),
            ]);
            // "Next ungraded" in the same order (within the filter where it can be), wrapping around; never the student themselves.
            const within = TESTS[ungradedView(view).filter];
            const waiting = [...order.slice(i + 1), ...order.slice(0, i)].find((r) => r.needsGrading && within(r));
            expect(await findNextNeedingGrading(actor, room.section.id, room.assignment.id, row.studentId, view), where).toEqual(
              waiting ? { studentId: waiting.studentId, at: sortValue(sort, waiting) } : null,
            );
          }
        }
      }
    }
  });

  it("keeps the place a student was walked to in a sort their grading changes (status, total): previous, next and Next ungraded lead on from it", async () => {
    const { db, teacher, section: s, assignment: a, ids } = await handedInClass(["Ann", "Bea", "Cy", "Dee"]);
    const [ann, bea, cy, dee] = ids as [Ids, Ids, Ids, Ids];
    const place = (view: { filter: QueueFilter; sort: QueueSort; dir: "asc" | "desc" }, at?: number) =>
      getQueuePosition(teacher.actor, s.id, a.id, bea.studentId, view, at);
    const next = (view: { filter: QueueFilter; sort: QueueSort; dir: "asc" | "desc" }, at?: number) =>
      findNextNeedingGrading(teacher.actor, s.id, a.id, bea.studentId, view, at);
    const needs = { filter: "needs", sort: "status", dir: "asc" } as const;
    const everyone = { filter: "all", sort: "total", dir: "asc" } as const;
    // Everyone handed in and waits: in status order (all alike) and by total (none), the class order.
    const before = await place(needs);
    const beforeByTotal = await place(everyone);
    expect([before.position, before.total, before.previous?.studentId, before.next?.studentId, before.at]).toEqual([
      2,
      4,
      ann.studentId,
      cy.studentId,
      0,
    ]);
    expect([beforeByTotal.position, beforeByTotal.previous?.studentId, beforeByTotal.next?.studentId, beforeByTotal.at]).toEqual([
      2,
      ann.studentId,
      cy.studentId,
      -1,
    ]);
    // Bea graded and returned: returned sorts after the waiting, and her total after the unscored.
    await makeGrade(db, { submissionId: bea.submissionId, teacherId: teacher.row.id, scores: ALL, returnedAt: new Date() });
    // From the place she was walked to, the walk goes on where it was going.
    const kept = await place(needs, before.at);
    expect([kept.position, kept.total, kept.previous?.studentId, kept.next?.studentId, kept.at, kept.listPage]).toEqual([
      null,
      3,
      ann.studentId,
      cy.studentId,
      0,
      1,
    ]);
    expect((await next(needs, before.at))?.studentId).toBe(cy.studentId);
    // Reversed, her new status would come before her old place: she is never counted before herself, nor her own neighbour.
    const reversed = { filter: "all", sort: "status", dir: "desc" } as const;
    const keptReversed = await place(reversed, 0);
    expect([keptReversed.position, keptReversed.previous?.studentId, keptReversed.next?.studentId]).toEqual([
      2,
      ann.studentId,
      cy.studentId,
    ]);
    const keptByTotal = await place(everyone, beforeByTotal.at);
    expect([keptByTotal.position, keptByTotal.total, keptByTotal.previous?.studentId, keptByTotal.next?.studentId]).toEqual([
      2,
      4,
      ann.studentId,
      cy.studentId,
    ]);
    // The last place each sort's values can have is one the database takes (the address allows no more).
    expect((await place(everyone, 2 ** 31 - 1)).previous?.studentId).toBe(dee.studentId);
    const latest = { filter: "all", sort: "submittedAt", dir: "asc" } as const;
    expect((await place(latest, Date.UTC(9999, 11, 31, 23, 59, 59, 999))).next).toBeNull();
    // Without it, her new place: after Dee, with nobody next, and Next ungraded wraps around to Ann.
    const moved = await place(needs);
    expect([moved.previous?.studentId, moved.next, moved.at]).toEqual([dee.studentId, null, STATUS_ORDER.indexOf("returned")]);
    expect((await next(needs))?.studentId).toBe(ann.studentId);
    const movedByTotal = await place(everyone);
    expect([movedByTotal.position, movedByTotal.previous?.studentId, movedByTotal.next]).toEqual([4, dee.studentId, null]);
  });

  it("finds nobody to grade next once everyone else's work is graded or returned", async () => {
    const { db, teacher, section: s, assignment: a, ids } = await handedInClass(["Ann", "Bea", "Cy"]);
    const [ann, bea, cy] = ids as [Ids, Ids, Ids];
    await makeGrade(db, { submissionId: ann.submissionId, teacherId: teacher.row.id, scores: ALL });
    await makeGrade(db, { submissionId: cy.submissionId, teacherId: teacher.row.id, scores: ALL, returnedAt: new Date() });
    const next = async (from: Ids) => (await findNextNeedingGrading(teacher.actor, s.id, a.id, from.studentId))?.studentId ?? null;
    // Bea is the only one waiting: found from the others (wrapping around after Cy), never from herself.
    expect([await next(ann), await next(cy), await next(bea)]).toEqual([bea.studentId, bea.studentId, null]);
  });

  it("says when a student whose work is missing joined after the class's due date; not for one who joined before, handed in, has time of their own, or while grading anonymously", async () => {
    const db = (await getDatabase()).writer;
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const day = 86_400_000;
    const a = await makeAssignmentFor(s.id, { dueAt: new Date(Date.now() - 2 * day), acceptLate: true });
    const joined = async (name: string, at: Date) => {
      const student = await user("student");
      await db.update(users).set({ name }).where(eq(users.id, student.row.id));
      await enrollment(s.id, student.row.id);
      await db.update(enrollments).set({ joinedAt: at, sortName: name.toLowerCase() }).where(eq(enrollments.studentId, student.row.id));
      return student.row.id;
    };
    const early = await joined("Ann Early", new Date(Date.now() - 10 * day));
    const late = await joined("Ben Late", new Date(Date.now() - day));
    const lateHandedIn = await joined("Cy Late", new Date(Date.now() - day));
    const lateExtended = await joined("Di Late", new Date(Date.now() - day));
    const lateExtensionOver = await joined("Ed Late", new Date(Date.now() - day));
    await makeSubmission(db, { assignment: a, studentId: lateHandedIn, draft: SAMPLE_DRAFTS.complete, submittedAt: [new Date()] });
    await db.insert(extensions).values({ assignmentId: a.id, studentId: lateExtended, dueAt: new Date(Date.now() + day) });
    // Time of their own that has run out since: missing again, but the teacher has acted.
    await db.insert(extensions).values({ assignmentId: a.id, studentId: lateExtensionOver, dueAt: new Date(Date.now() - day / 2) });
    const shown = async () =>
      Object.fromEntries(
        (await getQueuePage(teacher.actor, s.id, a.id, DEFAULT_QUEUE_VIEW)).entries.map((e) => [
          e.studentId,
          e.joinedAfterDue?.getTime() ?? null,
        ]),
      );
    const [benJoined] = await db.select({ at: enrollments.joinedAt }).from(enrollments).where(eq(enrollments.studentId, late));
    // Allowed: Ben, missing work he never had the class's time for. Refused: the others.
    expect(await shown()).toEqual({
      [early]: null,
      [late]: benJoined!.at.getTime(),
      [lateHandedIn]: null,
      [lateExtended]: null,
      [lateExtensionOver]: null,
    });
    // The grading view's row says the same.
    expect((await getQueuePosition(teacher.actor, s.id, a.id, late)).entry.joinedAfterDue).toEqual(benJoined!.at);
    // Anonymous: nobody is singled out.
    await db.update(assignments).set({ anonymous: true }).where(eq(assignments.id, a.id));
    expect(Object.values(await shown())).toEqual([null, null, null, null, null]);
  });

  it("puts a class in name order whatever the accents: Ángela with the a's, Łukasz with the l's, neither after Zoë", async () => {
    const { teacher, section: s, assignment: a } = await handedInClass(["Zoë", "Łukasz", "bea", "Ángela", "Amir", "Mei"]);
    const names = async (view = DEFAULT_QUEUE_VIEW) => (await getQueuePage(teacher.actor, s.id, a.id, view)).entries.map((e) => e.label);
    expect(await names()).toEqual(["Amir", "Ángela", "bea", "Łukasz", "Mei", "Zoë"]);
    expect(await names({ ...DEFAULT_QUEUE_VIEW, dir: "desc" })).toEqual(["Zoë", "Mei", "Łukasz", "bea", "Ángela", "Amir"]);
  });

  it("counts the work waiting on the section page against each assignment's own rubric", async () => {
    const { db, teacher, section: s, assignment: four, ids } = await handedInClass(["Ann", "Bea"]);
    const [ann, bea] = ids as [Ids, Ids];
    // A second assignment whose rubric has two criteria, with the same two students' work.
    const two = await makeAssignmentFor(s.id, { rubric: { ...DEFAULT_RUBRIC, criteria: DEFAULT_RUBRIC.criteria.slice(0, 2) } });
    const twoScores = { ideation: { points: 3 }, copywriting: { points: 2 } };
    const inTwo: Ids[] = [];
    for (const student of ids) {
      const { submission } = await makeSubmission(db, {
        assignment: two,
        studentId: student.studentId,
        draft: SAMPLE_DRAFTS.complete,
        submittedAt: [new Date(Date.now() - MINUTE)],
      });
      inTwo.push({ studentId: student.studentId, submissionId: submission.id });
    }
    // Two criteria scored: graded where the rubric has two, still waiting where it has four.
    await makeGrade(db, { submissionId: ann.submissionId, teacherId: teacher.row.id, scores: twoScores });
    await makeGrade(db, { submissionId: inTwo[0]!.submissionId, teacherId: teacher.row.id, scores: twoScores });
    await makeGrade(db, { submissionId: bea.submissionId, teacherId: teacher.row.id, scores: ALL });
    const waiting = Object.fromEntries((await listSectionAssignments(teacher.actor, s.id)).map((a) => [a.id, a.needsGrading]));
    expect(waiting).toEqual({ [four.id]: 1, [two.id]: 1 });
    // The same as each Students list says.
    for (const a of [four, two])
      expect((await getQueuePage(teacher.actor, s.id, a.id, DEFAULT_QUEUE_VIEW)).counts.needs).toBe(waiting[a.id]);
  });

  it("when anonymous, numbers the whole class in one shuffled order on every page and in the grading view, and names nobody", async () => {
    const room = await bigClass();
    await (await getDatabase()).writer.update(assignments).set({ anonymous: true }).where(eq(assignments.id, room.assignment.id));
    const { entries } = await allPages(room, "all", "label", "asc");
    expect(entries.map((e) => e.label)).toEqual(entries.map((_, i) => `Student ${i + 1}`));
    const text = JSON.stringify(entries);
    for (const student of room.students) expect(text).not.toContain(student.email);
    expect(room.students.filter((s) => text.includes(s.name))).toEqual([]);
    // Not the name order (a shuffle of over 100 students in name order is out of the question).
    expect(entries.map((e) => e.studentId)).not.toEqual((await reference(room)).map((r) => r.studentId));
    // Filtered, descending and sorted by status, a student keeps their number.
    const numberOf = new Map(entries.map((e) => [e.studentId, e.label]));
    for (const [filter, sort, dir] of [
      ["needs", "label", "desc"],
      ["all", "status", "asc"],
    ] as const)
      for (const e of (await allPages(room, filter, sort, dir)).entries) expect(e.label).toBe(numberOf.get(e.studentId));
    const middle = entries[QUEUE_PAGE_SIZE + 1]!;
    const at = await getQueuePosition(room.teacher.actor, room.section.id, room.assignment.id, middle.studentId);
    expect([at.entry.label, at.entry.email, at.position]).toEqual([middle.label, null, QUEUE_PAGE_SIZE + 2]);
    expect([at.previous?.studentId, at.next?.studentId]).toEqual([
      entries[QUEUE_PAGE_SIZE]!.studentId,
      entries[QUEUE_PAGE_SIZE + 2]!.studentId,
    ]);
    // In a filtered, re-sorted view of the list the student keeps their number; their place is in that view.
    const needing = (await allPages(room, "needs", "status", "desc")).entries;
    const inView = await getQueuePosition(room.teacher.actor, room.section.id, room.assignment.id, needing[1]!.studentId, {
      filter: "needs",
      sort: "status",
      dir: "desc",
    });
    expect([inView.entry.label, inView.position, inView.previous?.studentId]).toEqual([
      numberOf.get(needing[1]!.studentId),
      2,
      needing[0]!.studentId,
    ]);
    // "Next ungraded" follows the same shuffled order.
    const waitingAfter = [...entries.slice(QUEUE_PAGE_SIZE + 2), ...entries.slice(0, QUEUE_PAGE_SIZE + 1)].find((e) => e.needsGrading);
    const next = await findNextNeedingGrading(room.teacher.actor, room.section.id, room.assignment.id, middle.studentId);
    expect(next?.studentId).toBe(waitingAfter!.studentId);
  });

  it("keeps each submission's score summary equal to its scores through every kind of save", async () => {
    const room = await bigClass(12);
    const db = (await getDatabase()).writer;
    const target = await db.select().from(submissions).where(eq(submissions.assignmentId, room.assignment.id));
    const check = async () => {
      for (const s of await db.select().from(submissions).where(eq(submissions.assignmentId, room.assignment.id))) {
        const own = await db.select().from(scores).where(eq(scores.submissionId, s.id));
        const scored = own.filter((x) => x.points !== null);
        expect([s.scoredCount, s.totalPoints, s.scoredAt?.getTime() ?? null]).toEqual([
          scored.length,
          scored.length ? scored.reduce((sum, x) => sum + x.points!, 0) : null,
          own.length ? Math.max(...own.map((x) => x.updatedAt.getTime())) : null,
        ]);
      }
    };
    await check();
    const id = target.find((s) => !s.returnedAt)!.id;
    const version = async (criterionId: string) =>
      (await db.select().from(scores).where(eq(scores.submissionId, id))).find((x) => x.criterionId === criterionId)?.version ?? 0;
    const later = (seconds: number) => new Date(Date.now() + 3_600_000 + seconds * 1000);
    await saveScore(room.teacher.actor, id, "ideation", { points: 3 }, await version("ideation"), later(1));
    await check();
    await saveScore(room.teacher.actor, id, "ideation", { comment: "only a comment" }, await version("ideation"), later(2));
    await check();
    await saveScore(room.teacher.actor, id, "ideation", { points: null }, await version("ideation"), later(3));
    await check();
    // A conflicting save changes nothing, the summary included.
    await saveScore(room.teacher.actor, id, "design", { points: 1 }, (await version("design")) + 5, later(4));
    await check();
  });
});
