import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { lateMarks, makeSubmission } from "@/db/factories";
import { accessLog, assignments, enrollments, extensions } from "@/db/schema";
import { buildAnalytics } from "@/lib/analytics";
import { FieldError, NotFoundError } from "@/lib/errors";
import { layoutFor, sectionLayout } from "@/lib/gradebook";
import { settingsVersion } from "@/lib/lesson/part-version";
import { assignment as makeAssignment, classroom, enrollment, strangers, user } from "@/lib/test/factories";
import { emptyDraft, type Draft } from "@/lib/validations/workspace";
import { getAssignmentAnalytics } from "./analytics";
import { updateAssignmentSettings } from "./assignments";
import { exportAssignment, exportSection } from "./export";
import { EXTENSION_NOT_LATER, setExtension, setExtensions } from "./extensions";
import { getQueuePage, getQueuePosition, listQueue } from "./queue";
import { getStudentWork, listStudentAssignments, saveDraft, submitWork } from "./work";

const draft: Draft = { ideas: [], picks: [], copy: "Hi [Name]", answers: {} };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const read: T[] = [];
  for await (const row of rows) read.push(row);
  return read;
}

/** A class whose due date passed a day ago: `student` and `busy` have not handed in; `busy` has a draft. */
async function pastDueClass() {
  const room = await classroom({ dueAt: new Date(Date.now() - DAY), acceptLate: true });
  const busy = await user("student");
  await enrollment(room.section.id, busy.row.id);
  await saveDraft(busy.actor, room.assignment.id, 0, draft);
  // Then closed, an hour after the due date.
  const closeAt = new Date(room.assignment.dueAt.getTime() + HOUR);
  await (await getDatabase()).writer.update(assignments).set({ closeAt }).where(eq(assignments.id, room.assignment.id));
  return { ...room, assignment: { ...room.assignment, closeAt }, busy };
}

const marks = async (submissionId: string) => lateMarks((await getDatabase()).writer, submissionId);

describe("an extension: a student's own due date", () => {
  it("lets the student hand in on time after the class's date, and keeps them off Missing everywhere the teacher looks until it passes", async () => {
    const { teacher, section: s, student, busy, assignment: a } = await pastDueClass();
    const status = async (studentId: string) => (await getQueuePosition(teacher.actor, s.id, a.id, studentId)).entry;
    // Closed an hour after the class's due date: without an extension, nothing can be saved.
    expect((await getStudentWork(student.actor, a.id)).state.editable).toBe(false);
    expect((await listQueue(teacher.actor, s.id, a.id)).counts).toMatchObject({ missing: 2, extended: 0, notStarted: 1, inProgress: 1 });

    const until = new Date(Date.now() + DAY);
    expect(await setExtension(teacher.actor, s.id, a.id, student.row.id, until)).toEqual({ extendedTo: until });

    // The student: their own date, and the close date moved on by as much (still an hour after it).
    const work = await getStudentWork(student.actor, a.id);
    expect(work.extendedTo).toEqual(until);
    expect(work.assignment.dueAt).toEqual(until);
    expect(work.assignment.closeAt).toEqual(new Date(until.getTime() + HOUR));
    expect(work.state).toMatchObject({ editable: true, window: { phase: "open" } });
    expect((await listStudentAssignments(student.actor)).find((row) => row.id === a.id)).toMatchObject({ dueAt: until, extended: true });
    expect((await listStudentAssignments(busy.actor)).find((row) => row.id === a.id)).toMatchObject({ dueAt: a.dueAt, extended: false });
    // A classmate keeps the class's date.
    expect((await getStudentWork(busy.actor, a.id)).extendedTo).toBeNull();

    // The teacher: the row says so and is not missing; the classmate is.
    expect(await status(student.row.id)).toMatchObject({ extendedTo: until, missing: false, status: "not_started" });
    expect(await status(busy.row.id)).toMatchObject({ extendedTo: null, missing: true });
    const page = await getQueuePage(teacher.actor, s.id, a.id, { filter: "missing", sort: "label", dir: "asc", page: 1 });
    expect(page.counts).toMatchObject({ missing: 1, extended: 1, notStarted: 1, inProgress: 1 });
    expect(page.entries.map((e) => e.studentId)).toEqual([busy.row.id]);
    // "With an extension": the student given time, and only them.
    const extended = await getQueuePage(teacher.actor, s.id, a.id, { filter: "extended", sort: "label", dir: "asc", page: 1 });
    expect(extended.entries.map((e) => e.studentId)).toEqual([student.row.id]);
    // Analytics: one missing, one more with time still running.
    const analytics = buildAnalytics(await getAssignmentAnalytics(teacher.actor, s.id, a.id), new Date());
    expect(analytics.summary).toMatchObject({ overdue: true, notSubmitted: 2, missing: 1, extended: 1 });
    // The gradebook files: "Not started", not missing, for them; "Missing" for the classmate.
    const rows = await all((await exportAssignment(teacher.actor, s.id, a.id)).rows);
    const detailed = layoutFor("detailed", { title: a.title, sectionName: s.name, rubric: a.rubric, comments: false, pastDue: true });
    const statusOf = (email: string) => detailed.toRow(rows.find((r) => r.email === email)!)[4];
    expect(statusOf(student.row.email)).toBe("Not started");
    expect(statusOf(busy.row.email)).toBe("Missing (in progress)");
    const whole = await exportSection(teacher.actor, s.id);
    const layout = sectionLayout(s.name, whole.assignments, new Date());
    const lines = await all(whole.rows);
    const lastCell = (email: string) => {
      const line = lines.find((r) => r.student.email === email)!;
      return layout.toRow(line.student, line.work).at(-1);
    };
    expect([lastCell(student.row.email), lastCell(busy.row.email)]).toEqual(["Not started", "Missing (in progress)"]);

    // They hand in before their date: on time, though the class's date passed a day ago.
    await saveDraft(student.actor, a.id, 0, draft);
    expect(await submitWork(student.actor, a.id, 1, true)).toMatchObject({ late: false });
    expect(await status(student.row.id)).toMatchObject({ status: "submitted", late: false });

    // Taken back: the class's date rules again, so that hand-in is late.
    expect(await setExtension(teacher.actor, s.id, a.id, student.row.id, null)).toEqual({ extendedTo: null });
    expect(await status(student.row.id)).toMatchObject({ status: "submitted_late", late: true, extendedTo: null });
    expect((await listQueue(teacher.actor, s.id, a.id)).counts).toMatchObject({ extended: 0 });
    expect((await getStudentWork(student.actor, a.id)).assignment.dueAt).toEqual(a.dueAt);
  });

  it("given after a late hand-in, forgives what it covers; a date not after the class's is refused on its field and changes nothing", async () => {
    const { teacher, section: s, student, assignment: a } = await classroom({ dueAt: new Date("2026-11-20T12:00:00Z") });
    const db = (await getDatabase()).writer;
    const due = a.dueAt.getTime();
    const { submission } = await makeSubmission(db, {
      assignment: a,
      studentId: student.row.id,
      draft: emptyDraft(),
      submittedAt: [new Date(due - HOUR), new Date(due + 5 * HOUR)],
    });
    expect(await marks(submission.id)).toEqual({ submission: true, attempts: [false, true] });

    // Refused: the class's date itself, and one before it. Nothing is stored, no mark changes.
    for (const at of [new Date(due), new Date(due - DAY)]) {
      const refused = setExtension(teacher.actor, s.id, a.id, student.row.id, at);
      await expect(refused).rejects.toThrow(FieldError);
      await expect(refused).rejects.toThrow(EXTENSION_NOT_LATER);
    }
    expect(await db.select().from(extensions).where(eq(extensions.studentId, student.row.id))).toEqual([]);
    expect(await marks(submission.id)).toEqual({ submission: true, attempts: [false, true] });

    // Allowed: six hours more covers the second hand-in; four do not.
    await setExtension(teacher.actor, s.id, a.id, student.row.id, new Date(due + 4 * HOUR));
    expect(await marks(submission.id)).toEqual({ submission: true, attempts: [false, true] });
    await setExtension(teacher.actor, s.id, a.id, student.row.id, new Date(due + 6 * HOUR));
    expect(await marks(submission.id)).toEqual({ submission: false, attempts: [false, false] });
    expect((await getStudentWork(student.actor, a.id)).status).toBe("submitted");
  });

  it("keeps a student's own date when the class's due date moves, until the class's passes it", async () => {
    const { teacher, section: s, student, assignment: a } = await classroom({ dueAt: new Date("2026-11-20T12:00:00Z") });
    const classmate = await user("student");
    await enrollment(s.id, classmate.row.id);
    const db = (await getDatabase()).writer;
    const due = a.dueAt.getTime();
    // Both hand in three hours after the class's date; the student has a day more.
    const handIn = async (studentId: string) =>
      (await makeSubmission(db, { assignment: a, studentId, draft: emptyDraft(), submittedAt: [new Date(due + 3 * HOUR)] })).submission;
    const theirs = await handIn(student.row.id);
    const classmates = await handIn(classmate.row.id);
    await setExtension(teacher.actor, s.id, a.id, student.row.id, new Date(due + DAY));
    expect([(await marks(theirs.id)).submission, (await marks(classmates.id)).submission]).toEqual([false, true]);

    let version = settingsVersion(a);
    const move = async (dueAt: Date) => {
      const settings = { title: a.title, instructions: a.instructions, dueAt, acceptLate: a.acceptLate, closeAt: a.closeAt };
      ({ version } = await updateAssignmentSettings(teacher.actor, s.id, a.id, settings, version));
    };
    // The class's date moves earlier: the student's own date still covers their work.
    await move(new Date(due - HOUR));
    expect([(await marks(theirs.id)).submission, (await marks(classmates.id)).submission]).toEqual([false, true]);
    // It moves past their own date and back before their hand-in: the class's date, later, rules.
    await move(new Date(due + 2 * DAY));
    expect((await getQueuePosition(teacher.actor, s.id, a.id, student.row.id)).entry.extendedTo).toBeNull();
    await move(new Date(due + 2 * HOUR));
    expect([(await marks(theirs.id)).submission, (await marks(classmates.id)).submission]).toEqual([false, true]);
  });

  it("refuses anyone else's class, assignment or student as not found; a removed student's can only be taken back", async () => {
    const room = await classroom();
    const { teacher, section: s, student, assignment: a } = room;
    const later = new Date(a.dueAt.getTime() + DAY);
    const { theirAssignment, removed, refused } = await strangers(room);
    for (const [who, sectionId, assignmentId, studentId] of refused)
      for (const value of [later, null])
        await expect(setExtension(who, sectionId, assignmentId, studentId, value)).rejects.toThrow(NotFoundError);
    await expect(setExtension(teacher.actor, s.id, a.id, removed.row.id, later)).rejects.toThrow(NotFoundError);
    expect(await setExtension(teacher.actor, s.id, a.id, removed.row.id, null)).toEqual({ extendedTo: null });
    const db = (await getDatabase()).writer;
    expect(await db.select().from(extensions).where(eq(extensions.assignmentId, theirAssignment.id))).toEqual([]);
    // Allowed: the same teacher, on their own class's student.
    expect(await setExtension(teacher.actor, s.id, a.id, student.row.id, later)).toEqual({ extendedTo: later });
    expect((await getStudentWork(student.actor, a.id)).extendedTo).toEqual(later);
  });

  it("lists the student's assignments by their own dates: an extended one takes its place by the date they have", async () => {
    const room = await classroom({ dueAt: new Date(Date.now() + DAY) });
    const { teacher, section: s, student, assignment: first } = room;
    const second = await makeAssignment(s.id, { dueAt: new Date(Date.now() + 2 * DAY) });
    const order = async (who: typeof student) => (await listStudentAssignments(who.actor)).map((a) => a.id);
    expect(await order(student)).toEqual([first.id, second.id]);
    await setExtension(teacher.actor, s.id, first.id, student.row.id, new Date(Date.now() + 3 * DAY));
    expect(await order(student)).toEqual([second.id, first.id]);
    // A classmate's list keeps the class's order.
    const classmate = await user("student");
    await enrollment(s.id, classmate.row.id);
    expect(await order(classmate)).toEqual([first.id, second.id]);
    // One the class can no longer hand in (due yesterday, no late work) comes after what they still can.
    const closed = await makeAssignment(s.id, { dueAt: new Date(Date.now() - DAY), acceptLate: false });
    expect(await order(classmate)).toEqual([first.id, second.id, closed.id]);
  });

  it("logs giving, changing and taking back in the access log, not a repeat that changes nothing", async () => {
    const { teacher, section: s, student, assignment: a } = await classroom({ dueAt: new Date("2026-11-20T12:00:00Z") });
    const db = (await getDatabase()).writer;
    const logged = async () =>
      (
        await db
          .select({ detail: accessLog.detail })
          .from(accessLog)
          .where(and(eq(accessLog.studentId, student.row.id), eq(accessLog.action, "extend")))
          .orderBy(accessLog.at)
      ).map((r) => r.detail);
    await setExtension(teacher.actor, s.id, a.id, student.row.id, new Date("2026-11-22T15:30:00Z"));
    await setExtension(teacher.actor, s.id, a.id, student.row.id, new Date("2026-11-22T15:30:00Z"));
    await setExtension(teacher.actor, s.id, a.id, student.row.id, null);
    await setExtension(teacher.actor, s.id, a.id, student.row.id, null);
    expect(await logged()).toEqual(["until 22 Nov 2026, 15:30 UTC", "Extension taken back"]);
  });

  it("sets several students' dates at once, each its own, and an Undo puts back what each had", async () => {
    const { teacher, section: s, student, assignment: a } = await classroom({ dueAt: new Date("2026-11-20T12:00:00Z") });
    const [had, late, removed] = [await user("student"), await user("student"), await user("student")];
    for (const who of [had, late]) await enrollment(s.id, who.row.id);
    await enrollment(s.id, removed.row.id, new Date());
    const db = (await getDatabase()).writer;
    const due = a.dueAt.getTime();
    await setExtension(teacher.actor, s.id, a.id, had.row.id, new Date(due + DAY));
    // Handed in five hours late.
    const { submission } = await makeSubmission(db, {
      assignment: a,
      studentId: late.row.id,
      draft: emptyDraft(),
      submittedAt: [new Date(due + 5 * HOUR)],
    });
    const dates = async () =>
      Object.fromEntries(
        (
          await db
            .select({ studentId: extensions.studentId, dueAt: extensions.dueAt })
            .from(extensions)
            .where(eq(extensions.assignmentId, a.id))
        ).map((row) => [row.studentId, row.dueAt.getTime()]),
      );
    const logged = async () =>
      (
        await db
          .select()
          .from(accessLog)
          .where(and(eq(accessLog.assignmentId, a.id), eq(accessLog.action, "extend")))
      ).length;
    expect(await dates()).toEqual({ [had.row.id]: due + DAY });

    // Refused, and nothing changes: a student of another class among them (not found); one date not
    // after the class's (on the field); a student removed from the roster given a date (not found).
    const other = await classroom();
    const twoDays = new Date(due + 2 * DAY);
    await expect(
      setExtensions(teacher.actor, s.id, a.id, [
        { studentId: student.row.id, dueAt: twoDays },
        { studentId: other.student.row.id, dueAt: twoDays },
      ]),
    ).rejects.toThrow(NotFoundError);
    const notLater = setExtensions(teacher.actor, s.id, a.id, [
      { studentId: student.row.id, dueAt: twoDays },
      { studentId: late.row.id, dueAt: new Date(due) },
    ]);
    await expect(notLater).rejects.toThrow(FieldError);
    await expect(notLater).rejects.toThrow(EXTENSION_NOT_LATER);
    await expect(setExtensions(teacher.actor, s.id, a.id, [{ studentId: removed.row.id, dueAt: twoDays }])).rejects.toThrow(NotFoundError);
    expect(await dates()).toEqual({ [had.row.id]: due + DAY });
    expect(await marks(submission.id)).toEqual({ submission: true, attempts: [true] });
    expect(await logged()).toBe(1);

    // Allowed: one date for three students. Each one changed is named with what they had before; the
    // late hand-in it covers is on time now.
    const { changed } = await setExtensions(
      teacher.actor,
      s.id,
      a.id,
      [student, had, late].map((who) => ({ studentId: who.row.id, dueAt: twoDays })),
    );
    expect(changed).toEqual([
      { studentId: student.row.id, before: null },
      { studentId: had.row.id, before: new Date(due + DAY) },
      { studentId: late.row.id, before: null },
    ]);
    expect(await dates()).toEqual({ [student.row.id]: due + 2 * DAY, [had.row.id]: due + 2 * DAY, [late.row.id]: due + 2 * DAY });
    expect(await marks(submission.id)).toEqual({ submission: false, attempts: [false] });
    expect(await logged()).toBe(4);
    // A repeat changes nothing and logs nothing.
    expect(await setExtensions(teacher.actor, s.id, a.id, [{ studentId: had.row.id, dueAt: twoDays }])).toEqual({
      changed: [],
      changedSince: [],
    });
    expect(await logged()).toBe(4);

    // The Undo: each student's date as it was, none where they had none; the late hand-in is late again.
    const undo = await setExtensions(
      teacher.actor,
      s.id,
      a.id,
      changed.map(({ studentId, before }) => ({ studentId, dueAt: before, from: twoDays })),
    );
    expect(undo.changedSince).toEqual([]);
    expect(await dates()).toEqual({ [had.row.id]: due + DAY });
    expect(await marks(submission.id)).toEqual({ submission: true, attempts: [true] });
    expect(await logged()).toBe(7);
  });

  it("puts back a date the class's date has overtaken since and reaches a student removed since, but leaves a date changed since", async () => {
    const { teacher, section: s, student, assignment: a } = await classroom({ dueAt: new Date("2026-11-20T12:00:00Z") });
    const [leaving, changing] = [await user("student"), await user("student")];
    for (const who of [leaving, changing]) await enrollment(s.id, who.row.id);
    const db = (await getDatabase()).writer;
    const due = a.dueAt.getTime();
    const dateOf = async (studentId: string) =>
      (
        await db
          .select({ dueAt: extensions.dueAt })
          .from(extensions)
          .where(and(eq(extensions.assignmentId, a.id), eq(extensions.studentId, studentId)))
      )[0]?.dueAt.getTime() ?? null;
    await setExtension(teacher.actor, s.id, a.id, student.row.id, new Date(due + DAY));
    await setExtension(teacher.actor, s.id, a.id, leaving.row.id, new Date(due + 3 * DAY));
    const group = new Date(due + 5 * DAY);
    const { changed } = await setExtensions(
      teacher.actor,
      s.id,
      a.id,
      [student, leaving, changing].map((who) => ({ studentId: who.row.id, dueAt: group })),
    );
    // Meanwhile: the class's date moves past the student's first date, one student leaves the roster,
    // and another is given a date of their own in the grading view.
    const settings = {
      title: a.title,
      instructions: a.instructions,
      dueAt: new Date(due + 2 * DAY),
      acceptLate: a.acceptLate,
      closeAt: a.closeAt,
    };
    await updateAssignmentSettings(teacher.actor, s.id, a.id, settings, settingsVersion(a));
    await (
      await getDatabase()
    ).writer
      .update(enrollments)
      .set({ removedAt: new Date() })
      .where(and(eq(enrollments.sectionId, s.id), eq(enrollments.studentId, leaving.row.id)));
    await setExtension(teacher.actor, s.id, a.id, changing.row.id, new Date(due + 9 * DAY));

    // Without `from`, the first date is refused (not after the class's date now) and the removed
    // student isn't found; as an Undo, both are put back, and the date changed since is left.
    const putBack = changed.map(({ studentId, before }) => ({ studentId, dueAt: before }));
    await expect(setExtensions(teacher.actor, s.id, a.id, putBack.slice(0, 1))).rejects.toThrow(FieldError);
    await expect(setExtensions(teacher.actor, s.id, a.id, [{ studentId: leaving.row.id, dueAt: new Date(due + 3 * DAY) }])).rejects.toThrow(
      NotFoundError,
    );
    const undo = await setExtensions(
      teacher.actor,
      s.id,
      a.id,
      putBack.map((change) => ({ ...change, from: group })),
    );
    expect(undo).toEqual({
      changed: [
        { studentId: student.row.id, before: group },
        { studentId: leaving.row.id, before: group },
      ],
      changedSince: [changing.row.id],
    });
    expect([await dateOf(student.row.id), await dateOf(leaving.row.id), await dateOf(changing.row.id)]).toEqual([
      due + DAY,
      due + 3 * DAY,
      due + 9 * DAY,
    ]);
    // Again: nothing to put back, and a date that is already the one put back isn't "changed since".
    expect(
      await setExtensions(
        teacher.actor,
        s.id,
        a.id,
        putBack.map((change) => ({ ...change, from: group })),
      ),
    ).toEqual({
      changed: [],
      changedSince: [changing.row.id],
    });
    // The date put back is moot now: the class's later date rules.
    expect((await getStudentWork(student.actor, a.id)).assignment.dueAt).toEqual(new Date(due + 2 * DAY));
  });
});
