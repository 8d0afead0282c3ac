import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { accessLog, enrollments, excusals } from "@/db/schema";
import { FormError, NotFoundError } from "@/lib/errors";
import { layoutFor, sectionLayout } from "@/lib/gradebook";
import { classroom, enrollment, section, strangers, user } from "@/lib/test/factories";
import type { Draft } from "@/lib/validations/workspace";
import { listSectionAssignments } from "./assignments";
import { getDiscussion } from "./discussion";
import { isNotHandedIn } from "@/lib/grading-queue";
import { reopenWork, returnWork, saveScore } from "./grading";
import { HANDED_IN_ALREADY, setExcused, setExcusedMany } from "./excusals";
import { exportAssignment, exportSection } from "./export";
import { getQueuePosition, listQueue } from "./queue";
import { getStudentWork, listStudentAssignments, saveDraft, submitWork } from "./work";

const draft: Draft = { ideas: [], picks: [], copy: "Hi [Name]", answers: {} };
const DAY = 86_400_000;

async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const read: T[] = [];
  for await (const row of rows) read.push(row);
  return read;
}

/** A past-due class: `student` never started, `busy` has a draft, `done` handed in. */
async function pastDueClass() {
  const room = await classroom({ dueAt: new Date(Date.now() - DAY) });
  const busy = await user("student");
  const done = await user("student");
  for (const s of [busy, done]) await enrollment(room.section.id, s.row.id);
  await saveDraft(busy.actor, room.assignment.id, 0, draft);
  await saveDraft(done.actor, room.assignment.id, 0, draft);
  await submitWork(done.actor, room.assignment.id, 1, true);
  return { ...room, busy, done };
}

describe("excusing a student from an assignment", () => {
  it("makes work not handed in Excused, never missing, for the teacher, the files and the student; taking it back restores it", async () => {
    const { teacher, section: s, student, busy, done, assignment: a } = await pastDueClass();
    const status = async (studentId: string) => (await getQueuePosition(teacher.actor, s.id, a.id, studentId)).entry.status;

    expect(await setExcused(teacher.actor, s.id, a.id, student.row.id, true)).toEqual({ excused: true });
    expect(await setExcused(teacher.actor, s.id, a.id, busy.row.id, true)).toEqual({ excused: true });
    // Twice is the same as once (a retried request).
    expect(await setExcused(teacher.actor, s.id, a.id, busy.row.id, true)).toEqual({ excused: true });

    expect([await status(student.row.id), await status(busy.row.id), await status(done.row.id)]).toEqual([
      "excused",
      "excused",
      "submitted_late",
    ]);
    const { counts } = await listQueue(teacher.actor, s.id, a.id);
    expect(counts).toMatchObject({ all: 3, missing: 0, excused: 2, notStarted: 0, inProgress: 0, late: 1 });
    const stage = (await listSectionAssignments(teacher.actor, s.id)).find((row) => row.id === a.id)!;
    expect(stage).toMatchObject({ enrolled: 3, notStarted: 0, inProgress: 0, excused: 2, late: 1 });
    expect((await getDiscussion(teacher.actor, s.id, a.id, { showNames: false })).counts).toMatchObject({ students: 3, excused: 2 });

    // The student sees it, and can still do the work.
    expect((await listStudentAssignments(student.actor)).find((row) => row.id === a.id)!.status).toBe("excused");
    expect((await getStudentWork(busy.actor, a.id)).status).toBe("excused");

    // The gradebook files: "Excused" with no points; Canvas's excused mark.
    const rows = await all((await exportAssignment(teacher.actor, s.id, a.id)).rows);
    const byEmail = new Map(rows.map((r) => [r.email, r]));
    expect(byEmail.get(student.row.email)).toMatchObject({ status: "excused", total: null });
    const detailed = layoutFor("detailed", { title: a.title, sectionName: s.name, rubric: a.rubric, comments: false, pastDue: true });
    expect(detailed.toRow(byEmail.get(student.row.email)!)).toContain("Excused");
    expect(detailed.toRow(byEmail.get(done.row.email)!)).toContain("Submitted late");
    const canvas = layoutFor("canvas", { title: a.title, sectionName: s.name, rubric: a.rubric, comments: false, pastDue: true });
    expect(canvas.toRow(byEmail.get(busy.row.email)!).at(-1)).toBe("EX");
    expect(canvas.toRow(byEmail.get(done.row.email)!).at(-1)).toBe(null);
    const whole = await exportSection(teacher.actor, s.id);
    const layout = sectionLayout(s.name, whole.assignments, new Date());
    const sectionRows = await all(whole.rows);
    const studentRow = sectionRows.find((r) => r.student.email === student.row.email)!;
    expect(layout.toRow(studentRow.student, studentRow.work).at(-1)).toBe("Excused");

    // Taken back: missing again, past due.
    expect(await setExcused(teacher.actor, s.id, a.id, student.row.id, false)).toEqual({ excused: false });
    expect(await status(student.row.id)).toBe("not_started");
    expect((await listQueue(teacher.actor, s.id, a.id)).counts).toMatchObject({ missing: 1, excused: 1, notStarted: 1 });
    expect((await listStudentAssignments(student.actor)).find((row) => row.id === a.id)!.status).toBe("not_started");
  });

  it("lets an excused student hand in anyway: the work wins, and is graded as anyone's", async () => {
    const { teacher, section: s, student, assignment: a } = await classroom();
    await setExcused(teacher.actor, s.id, a.id, student.row.id, true);
    await saveDraft(student.actor, a.id, 0, draft);
    await submitWork(student.actor, a.id, 1, true);
    expect((await getQueuePosition(teacher.actor, s.id, a.id, student.row.id)).entry.status).toBe("submitted");
    expect((await listQueue(teacher.actor, s.id, a.id)).counts).toMatchObject({ excused: 0, submitted: 1 });
    expect((await getStudentWork(student.actor, a.id)).status).toBe("submitted");
  });

  it("refuses work already handed in with a clear message, and anyone else's class, assignment or student as not found", async () => {
    const { teacher, section: s, done, student, assignment: a } = await pastDueClass();
    // Refused: handed in already (the excusal can still be taken back).
    const handedIn = setExcused(teacher.actor, s.id, a.id, done.row.id, true);
    await expect(handedIn).rejects.toThrow(FormError);
    await expect(handedIn).rejects.toThrow(HANDED_IN_ALREADY);
    expect(await setExcused(teacher.actor, s.id, a.id, done.row.id, false)).toEqual({ excused: false });

    const { theirStudent, removed, refused } = await strangers({ teacher, section: s, student, assignment: a });
    for (const [who, sectionId, assignmentId, studentId] of refused)
      for (const value of [true, false])
        await expect(setExcused(who, sectionId, assignmentId, studentId, value)).rejects.toThrow(NotFoundError);
    // A student removed from my class: not excused; an excusal of theirs can still be taken back (an Undo's).
    await expect(setExcused(teacher.actor, s.id, a.id, removed.row.id, true)).rejects.toThrow(NotFoundError);
    expect(await setExcused(teacher.actor, s.id, a.id, removed.row.id, false)).toEqual({ excused: false });
    const db = (await getDatabase()).writer;
    expect(await db.select().from(excusals)).not.toContainEqual(expect.objectContaining({ studentId: theirStudent.row.id }));
    // Allowed: the same teacher, on their own class's student.
    expect(await setExcused(teacher.actor, s.id, a.id, student.row.id, true)).toEqual({ excused: true });
  });

  it("leaves no points for excused work the teacher scored as a draft, in the Students list and every file; handed in, the points count", async () => {
    const { teacher, section: s, busy, done, assignment: a } = await pastDueClass();
    const draftOf = (await getStudentWork(busy.actor, a.id)).submission!;
    const handedIn = (await getStudentWork(done.actor, a.id)).submission!;
    for (const id of [draftOf.id, handedIn.id]) await saveScore(teacher.actor, id, "ideation", { points: 3 }, 0);
    const total = async (studentId: string) => (await getQueuePosition(teacher.actor, s.id, a.id, studentId)).entry.total;
    expect(await total(busy.row.id)).toBe(3); // a scored draft shows its points, until excused
    await setExcused(teacher.actor, s.id, a.id, busy.row.id, true);
    expect([await total(busy.row.id), await total(done.row.id)]).toEqual([null, 3]);

    const rows = await all((await exportAssignment(teacher.actor, s.id, a.id)).rows);
    const row = rows.find((r) => r.email === busy.row.email)!;
    expect(row).toMatchObject({ status: "excused", total: null, scores: [] });
    expect(rows.find((r) => r.email === done.row.email)).toMatchObject({ total: 3 });
    const input = { title: a.title, sectionName: s.name, rubric: a.rubric, comments: true, pastDue: true };
    expect(layoutFor("simple", input).toRow(row)).toEqual([busy.row.email, busy.row.name, null]);
    const detailed = layoutFor("detailed", input).toRow(row);
    expect(detailed.filter((cell) => typeof cell === "number")).toEqual([0, 12]); // attempts and the maximum: no points, no percent
    const whole = await exportSection(teacher.actor, s.id);
    const line = (await all(whole.rows)).find((r) => r.student.email === busy.row.email)!;
    expect(sectionLayout(s.name, whole.assignments, new Date()).toRow(line.student, line.work).slice(-4)).toEqual([
      null,
      12,
      null,
      "Excused",
    ]);
  });

  it("logs excusing and taking it back in the access log, once each, not a repeat that changes nothing", async () => {
    const { teacher, section: s, student, assignment: a } = await classroom();
    const db = (await getDatabase()).writer;
    const logged = async () =>
      (
        await db
          .select()
          .from(accessLog)
          .where(and(eq(accessLog.studentId, student.row.id), eq(accessLog.assignmentId, a.id)))
      ).map((r) => [r.action, r.actorId, r.detail]);
    await setExcused(teacher.actor, s.id, a.id, student.row.id, false); // nothing to take back
    await setExcused(teacher.actor, s.id, a.id, student.row.id, true);
    await setExcused(teacher.actor, s.id, a.id, student.row.id, true);
    await setExcused(teacher.actor, s.id, a.id, student.row.id, false);
    expect(await logged()).toEqual([
      ["excuse", teacher.row.id, "Excused from the assignment"],
      ["excuse", teacher.row.id, "Excusal taken back"],
    ]);
  });

  it("excuses several students at once, leaves work handed in meanwhile as it is, and takes back exactly those it changed", async () => {
    const { teacher, section: s, student, busy, done, assignment: a } = await pastDueClass();
    const already = await user("student");
    await enrollment(s.id, already.row.id);
    await setExcused(teacher.actor, s.id, a.id, already.row.id, true);
    const everyone = [student.row.id, busy.row.id, done.row.id, already.row.id];

    const first = await setExcusedMany(teacher.actor, s.id, a.id, [...everyone, student.row.id], true);
    expect(new Set(first.changed)).toEqual(new Set([student.row.id, busy.row.id]));
    expect(first.handedIn).toEqual([done.row.id]);
    expect((await listQueue(teacher.actor, s.id, a.id)).counts).toMatchObject({ all: 4, excused: 3, missing: 0, late: 1 });
    // A retry changes nothing, and logs nothing.
    expect(await setExcusedMany(teacher.actor, s.id, a.id, everyone, true)).toEqual({ changed: [], handedIn: [done.row.id] });

    // Undo takes back the two it excused, one of them removed from the roster meanwhile; the one
    // excused before stays excused.
    const db = (await getDatabase()).writer;
    await db.update(enrollments).set({ removedAt: new Date() }).where(eq(enrollments.studentId, student.row.id));
    const undone = await setExcusedMany(teacher.actor, s.id, a.id, first.changed, false);
    expect(new Set(undone.changed)).toEqual(new Set(first.changed));
    expect((await listQueue(teacher.actor, s.id, a.id)).counts).toMatchObject({ excused: 1, missing: 1 });
    expect((await db.select().from(excusals).where(eq(excusals.assignmentId, a.id))).map((r) => r.studentId)).toEqual([already.row.id]);
    const details = async (studentId: string) =>
      (
        await db
          .select()
          .from(accessLog)
          .where(and(eq(accessLog.studentId, studentId), eq(accessLog.assignmentId, a.id)))
      ).map((r) => r.detail);
    expect(await details(busy.row.id)).toEqual(["Excused from the assignment", "Excusal taken back"]);
    expect(await details(done.row.id)).toEqual([]);
  });

  it("agrees with the Students list on what can be excused: every status it offers is excused, every other is left as handed in", async () => {
    const { teacher, section: s, student, busy, done, assignment: a } = await pastDueClass();
    const handedIn = async (draftOnly = false) => {
      const someone = await user("student");
      await enrollment(s.id, someone.row.id);
      await saveDraft(someone.actor, a.id, 0, draft);
      if (!draftOnly) await submitWork(someone.actor, a.id, 1, true);
      return someone;
    };
    const excusedBefore = await handedIn(true);
    await setExcused(teacher.actor, s.id, a.id, excusedBefore.row.id, true);
    const returned = await handedIn();
    const reopened = await handedIn();
    const bySubmission = async (studentId: string) =>
      (await listQueue(teacher.actor, s.id, a.id)).entries.find((e) => e.studentId === studentId)!.submissionId!;
    await returnWork(teacher.actor, s.id, a.id, [await bySubmission(returned.row.id), await bySubmission(reopened.row.id)]);
    await reopenWork(teacher.actor, await bySubmission(reopened.row.id));

    const ids = [student, busy, excusedBefore, done, returned, reopened].map((who) => who.row.id);
    const listed = new Map((await listQueue(teacher.actor, s.id, a.id)).entries.map((e) => [e.studentId, e.status]));
    expect(ids.map((id) => listed.get(id))).toEqual(["not_started", "in_progress", "excused", "submitted_late", "returned", "reopened"]);

    const result = await setExcusedMany(teacher.actor, s.id, a.id, ids, true);
    const offered = ids.filter((id) => isNotHandedIn(listed.get(id)!));
    expect(offered).toEqual([student.row.id, busy.row.id, excusedBefore.row.id]);
    expect(new Set(result.handedIn)).toEqual(new Set(ids.filter((id) => !offered.includes(id))));
    expect(new Set(result.changed)).toEqual(new Set([student.row.id, busy.row.id]));
    const after = await listQueue(teacher.actor, s.id, a.id);
    expect(after.counts).toMatchObject({ excused: 3, returned: 1 });
    expect(ids.map((id) => after.entries.find((e) => e.studentId === id)!.status)).toEqual([
      "excused",
      "excused",
      "excused",
      "submitted_late",
      "returned",
      "reopened",
    ]);
  });

  it("changes nothing when any student in the list isn't an active student of the teacher's class, or the class isn't theirs", async () => {
    const { teacher, section: s, student, busy, assignment: a } = await pastDueClass();
    const other = await user("teacher");
    const theirSection = await section(other.row.id);
    const theirStudent = await user("student");
    await enrollment(theirSection.id, theirStudent.row.id);
    const removed = await user("student");
    await enrollment(s.id, removed.row.id, new Date());
    const mine = [student.row.id, busy.row.id];
    const refused: [typeof teacher, string[], boolean[]][] = [
      [teacher, [...mine, theirStudent.row.id], [true, false]], // one of another teacher's students among mine
      [teacher, [...mine, removed.row.id], [true]], // excusing one removed from my class (taking back is the Undo's, below)
      [teacher, [], [true, false]], // nobody
      [other, mine, [true, false]], // another teacher, on my class
      [student, mine, [true, false]], // a student
    ];
    for (const [who, ids, values] of refused)
      for (const value of values) await expect(setExcusedMany(who.actor, s.id, a.id, ids, value)).rejects.toThrow(NotFoundError);
    const db = (await getDatabase()).writer;
    expect(await db.select().from(excusals).where(eq(excusals.assignmentId, a.id))).toEqual([]);
    // Allowed: my own active students.
    expect(new Set((await setExcusedMany(teacher.actor, s.id, a.id, mine, true)).changed)).toEqual(new Set(mine));
  });
});
