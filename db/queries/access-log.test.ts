import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase, getDb } from "@/db";
import { accessLog, users } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { classroom, enrollment, fakeImage, user } from "@/lib/test/factories";
import { accessLogFilterSchema, readAccessLogFilters } from "@/lib/validations/access-log";
import type { Draft } from "@/lib/validations/workspace";
import {
  listAccessAboutStudent,
  listAccessLog,
  recordDiscussionView,
  recordSectionExport,
  recordWorkView,
  VIEW_DEDUPE_MINUTES,
} from "./access-log";
import { getSubmissionForTeacher } from "./assignments";
import { reopenWork, returnWork, saveFeedback, saveScore } from "./grading";
import { addImage, getStudentWork, getViewableImage, listOwnAttempts, saveDraft, submitWork } from "./work";

const draft: Draft = { ideas: [], picks: [], copy: "Hi [Name]", answers: {} };
const MINUTE = 60_000;
const noFilters = accessLogFilterSchema.parse({});

async function logAbout(studentId: string) {
  return await (await getDb()).select().from(accessLog).where(eq(accessLog.studentId, studentId));
}

async function submitted() {
  const room = await classroom();
  await saveDraft(room.student.actor, room.assignment.id, 0, draft);
  const image = await addImage(room.student.actor, room.assignment.id, fakeImage(), "");
  await submitWork(room.student.actor, room.assignment.id, 1, true);
  const submission = (await getStudentWork(room.student.actor, room.assignment.id)).submission!;
  return { ...room, submission, image };
}

describe("opening a student's work", () => {
  it(`is logged once per teacher, student and assignment per ${VIEW_DEDUPE_MINUTES} minutes`, async () => {
    const { teacher, section, assignment, student } = await submitted();
    const t0 = new Date();
    const view = (minutes: number) =>
      recordWorkView(teacher.actor, section.id, assignment.id, student.row.id, new Date(+t0 + minutes * MINUTE));

    expect(await view(0)).toBe(true);
    expect(await logAbout(student.row.id)).toMatchObject([
      {
        action: "view_work",
        actorId: teacher.row.id,
        actorName: teacher.row.name,
        actorRole: "teacher",
        sectionId: section.id,
        assignmentId: assignment.id,
        at: t0,
      },
    ]);
    // Reloads within the window write nothing.
    expect(await view(1)).toBe(false);
    expect(await view(VIEW_DEDUPE_MINUTES - 1)).toBe(false);
    expect(await logAbout(student.row.id)).toHaveLength(1);
    // Past the window (counted from the last row written), a new row.
    expect(await view(VIEW_DEDUPE_MINUTES + 1)).toBe(true);
    expect(await logAbout(student.row.id)).toHaveLength(2);
  });

  it("keeps one row when two loads race past the recent-row read", async () => {
    const { teacher, section, assignment, student } = await submitted();
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => recordWorkView(teacher.actor, section.id, assignment.id, student.row.id, now)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await logAbout(student.row.id)).toHaveLength(1);
  });

  it("counts each student and each teacher apart", async () => {
    const { teacher, section, assignment, student } = await submitted();
    const classmate = await user("student");
    await enrollment(section.id, classmate.row.id);
    expect(await recordWorkView(teacher.actor, section.id, assignment.id, student.row.id)).toBe(true);
    expect(await recordWorkView(teacher.actor, section.id, assignment.id, classmate.row.id)).toBe(true);
    expect(await logAbout(student.row.id)).toHaveLength(1);
    expect(await logAbout(classmate.row.id)).toHaveLength(1);
  });

  it("is refused (and logs nothing) for another teacher or a student outside the section", async () => {
    const { teacher, section, assignment, student } = await submitted();
    const other = await user("teacher");
    const stranger = await user("student");
    await expect(recordWorkView(other.actor, section.id, assignment.id, student.row.id)).rejects.toThrow(NotFoundError);
    await expect(recordWorkView(teacher.actor, section.id, assignment.id, stranger.row.id)).rejects.toThrow(NotFoundError);
    await expect(recordWorkView(student.actor, section.id, assignment.id, student.row.id)).rejects.toThrow(NotFoundError);
    expect(await logAbout(student.row.id)).toEqual([]);
    expect(await logAbout(stranger.row.id)).toEqual([]);
    // The rightful teacher, for contrast.
    expect(await recordWorkView(teacher.actor, section.id, assignment.id, student.row.id)).toBe(true);
  });

  it("is not logged when students work on and read their own work, nor for image requests", async () => {
    const { teacher, section, assignment, student, image } = await submitted();
    await getStudentWork(student.actor, assignment.id);
    await listOwnAttempts(student.actor, assignment.id);
    await getViewableImage(student.actor, image.id);
    // The grading view's own reads and its image requests are not the log write: the page records the view once.
    await getSubmissionForTeacher(teacher.actor, section.id, assignment.id, student.row.id);
    await getViewableImage(teacher.actor, image.id);
    expect(await logAbout(student.row.id)).toEqual([]);
    const byStudent = await (await getDb()).select().from(accessLog).where(eq(accessLog.actorId, student.row.id));
    expect(byStudent).toEqual([]);
  });
});

describe("grading", () => {
  it("logs each change of a score, a comment or the feedback, and a return, in its transaction", async () => {
    const { teacher, section, assignment, student, submission } = await submitted();
    await saveScore(teacher.actor, submission.id, "ideation", { points: 3 }, 0);
    await saveScore(teacher.actor, submission.id, "ideation", { points: 3, comment: "Strong." }, 1);
    await saveFeedback(teacher.actor, submission.id, "Well done.", 0);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    await reopenWork(teacher.actor, submission.id);
    const rows = await logAbout(student.row.id);
    expect(rows.map((r) => r.detail).sort()).toEqual(["Ideation comment", "Ideation score", "Overall feedback", "Reopened", "Returned"]);
    for (const row of rows)
      expect(row).toMatchObject({ action: "grade", actorId: teacher.row.id, sectionId: section.id, assignmentId: assignment.id });
  });

  it("logs nothing for a save that changes nothing or loses to a newer version", async () => {
    const { teacher, student, submission } = await submitted();
    await saveScore(teacher.actor, submission.id, "ideation", { points: 3 }, 0);
    await saveScore(teacher.actor, submission.id, "ideation", { points: 3 }, 1);
    expect(await saveScore(teacher.actor, submission.id, "ideation", { points: 1 }, 0)).toMatchObject({ saved: false });
    await saveFeedback(teacher.actor, submission.id, "", 0);
    expect(await logAbout(student.row.id)).toHaveLength(1);
  });

  it("logs nothing when another teacher's save is refused", async () => {
    const { student, submission } = await submitted();
    const other = await user("teacher");
    await expect(saveScore(other.actor, submission.id, "ideation", { points: 3 }, 0)).rejects.toThrow(NotFoundError);
    expect(await logAbout(student.row.id)).toEqual([]);
  });
});

describe("opening the class discussion board", () => {
  it("logs each student whose submitted answers it shows, once per 10 minutes, alongside the grading view's rows", async () => {
    const { teacher, section, assignment, student } = await submitted();
    const classmate = await user("student");
    await enrollment(section.id, classmate.row.id);
    await saveDraft(classmate.actor, assignment.id, 0, draft);
    await submitWork(classmate.actor, assignment.id, 1, true);
    const drafting = await user("student"); // a draft never submitted is not on the board
    await enrollment(section.id, drafting.row.id);
    await saveDraft(drafting.actor, assignment.id, 0, draft);
    const t0 = new Date();

    // The grading view opened the student's work a minute ago: the board adds only the classmate.
    await recordWorkView(teacher.actor, section.id, assignment.id, student.row.id, t0);
    expect(await recordDiscussionView(teacher.actor, section.id, assignment.id, new Date(+t0 + MINUTE))).toBe(1);
    expect(await logAbout(classmate.row.id)).toEqual([
      expect.objectContaining({ action: "view_work", actorId: teacher.row.id, assignmentId: assignment.id, detail: "discussion board" }),
    ]);
    expect(await logAbout(drafting.row.id)).toEqual([]);
    // A reload within the window writes nothing; after it, both students again.
    expect(await recordDiscussionView(teacher.actor, section.id, assignment.id, new Date(+t0 + 5 * MINUTE))).toBe(0);
    expect(await recordDiscussionView(teacher.actor, section.id, assignment.id, new Date(+t0 + 12 * MINUTE))).toBe(2);
    expect(await logAbout(student.row.id)).toHaveLength(2);
    // The student's data export lists the board with the rest.
    expect((await listAccessAboutStudent(student.actor, student.row.id)).map((r) => r.detail)).toContain("discussion board");
  });

  it("is refused (and logs nothing) for another teacher or a student; the section's teacher is logged", async () => {
    const { teacher, section, assignment, student } = await submitted();
    const other = await user("teacher");
    await expect(recordDiscussionView(other.actor, section.id, assignment.id)).rejects.toThrow(NotFoundError);
    await expect(recordDiscussionView(student.actor, section.id, assignment.id)).rejects.toThrow(NotFoundError);
    expect(await logAbout(student.row.id)).toEqual([]);
    expect(await recordDiscussionView(teacher.actor, section.id, assignment.id)).toBe(1);
  });
});

describe("grades exports", () => {
  it("log each download once naming no student, and once for each student in the file", async () => {
    const { teacher, section, assignment, student } = await submitted();
    const removed = await user("student");
    await enrollment(section.id, removed.row.id, new Date());
    await recordSectionExport(teacher.actor, "export_grades", section.id, assignment.id, "Period 2 - Year in Review - grades.csv");
    await recordSectionExport(teacher.actor, "export_grades", section.id, null, "Period 2 - all grades.csv");
    await recordSectionExport(teacher.actor, "export_roster", section.id, null, "Period 2 - roster.csv");
    const rows = await (await getDb()).select().from(accessLog).where(eq(accessLog.sectionId, section.id));
    expect(rows.map((r) => [r.action, r.studentId, r.assignmentId, r.detail]).sort()).toEqual(
      [
        ["export_grades", null, assignment.id, "Period 2 - Year in Review - grades.csv"],
        ["export_grades", student.row.id, assignment.id, "Period 2 - Year in Review - grades.csv"],
        ["export_grades", null, null, "Period 2 - all grades.csv"],
        ["export_grades", student.row.id, null, "Period 2 - all grades.csv"],
        ["export_roster", null, null, "Period 2 - roster.csv"],
        ["export_roster", student.row.id, null, "Period 2 - roster.csv"],
        ["export_roster", removed.row.id, null, "Period 2 - roster.csv"],
      ].sort(),
    );
    // Each student's own record shows the downloads they were in: a removed student is only on the roster.
    const detailsFor = async (who: typeof student) => (await listAccessAboutStudent(who.actor, who.row.id)).map((r) => r.detail).sort();
    expect(await detailsFor(student)).toEqual([
      "Period 2 - Year in Review - grades.csv",
      "Period 2 - all grades.csv",
      "Period 2 - roster.csv",
    ]);
    expect(await detailsFor(removed)).toEqual(["Period 2 - roster.csv"]);
  });

  it("are refused to another teacher", async () => {
    const { section, assignment } = await submitted();
    const other = await user("teacher");
    await expect(recordSectionExport(other.actor, "export_grades", section.id, assignment.id, "x.csv")).rejects.toThrow(NotFoundError);
    await expect(recordSectionExport(other.actor, "export_grades", section.id, null, "x.csv")).rejects.toThrow(NotFoundError);
    expect(await (await getDb()).select().from(accessLog).where(eq(accessLog.sectionId, section.id))).toEqual([]);
  });
});

describe("the administrator's log", () => {
  async function loggedClass() {
    const room = await submitted();
    const admin = await user("admin");
    const t0 = Date.parse("2026-11-29T14:02:00Z");
    await recordWorkView(room.teacher.actor, room.section.id, room.assignment.id, room.student.row.id, new Date(t0));
    await saveScore(room.teacher.actor, room.submission.id, "ideation", { points: 3 }, 0, new Date(t0 + MINUTE));
    await recordSectionExport(room.teacher.actor, "export_grades", room.section.id, null, "all grades.csv");
    return { ...room, admin, t0 };
  }
  const mine = (teacherId: string) => (rows: { actorId: string | null }[]) => rows.filter((r) => r.actorId === teacherId);

  it("reads as who did what to whose work, newest first", async () => {
    const { admin, teacher, student, section, assignment } = await loggedClass();
    const { rows } = await listAccessLog(admin.actor, { ...noFilters, actor: teacher.row.email });
    // The download, then the same naming the student in it.
    expect(rows.map((r) => r.action)).toEqual(["export_grades", "export_grades", "grade", "view_work"]);
    expect(rows.filter((r) => r.action === "export_grades").map((r) => r.studentName)).toEqual(
      expect.arrayContaining([null, student.row.name]),
    );
    expect(rows[3]).toMatchObject({
      actorName: teacher.row.name,
      actorRole: "teacher",
      studentName: student.row.name,
      sectionName: section.name,
      assignmentTitle: assignment.title,
    });
  });

  it("filters by actor, student, action and days", async () => {
    const { admin, teacher, student } = await loggedClass();
    const list = async (filters: Partial<typeof noFilters>) =>
      mine(teacher.row.id)((await listAccessLog(admin.actor, { ...noFilters, ...filters })).rows);
    expect(await list({ actor: teacher.row.name.toUpperCase() })).toHaveLength(4);
    expect(await list({ student: student.row.email })).toHaveLength(3);
    expect(await list({ student: student.row.name, action: "grade" })).toMatchObject([{ detail: "Ideation score" }]);
    expect(await list({ action: "view_work", from: "2026-11-29", to: "2026-11-29" })).toHaveLength(1);
    expect(await list({ action: "view_work", from: "2026-11-30", to: "2026-11-30" })).toHaveLength(0);
    expect(await list({ action: "view_work", to: "2026-11-28" })).toHaveLength(0);
    // A search's % and _ match themselves, not anything.
    expect(await list({ actor: "%" })).toHaveLength(0);
  });

  it("finds a person by their name as the log shows it, accents and all, whatever the capitals of the plain letters", async () => {
    const room = await submitted();
    const admin = await user("admin");
    const writer = (await getDatabase()).writer;
    const tag = crypto.randomUUID().slice(0, 8);
    const [teacherName, studentName] = [`Łukasz Ørsted ${tag}`, `Ángela Hernández ${tag}`];
    await writer.update(users).set({ name: studentName }).where(eq(users.id, room.student.row.id));
    await writer.update(users).set({ name: teacherName }).where(eq(users.id, room.teacher.row.id));
    await recordWorkView(
      { ...room.teacher.actor, name: teacherName },
      room.section.id,
      room.assignment.id,
      room.student.row.id,
      new Date(),
    );
    const found = async (filters: Partial<typeof noFilters>) =>
      (await listAccessLog(admin.actor, { ...noFilters, ...filters })).rows.map((r) => [r.actorName, r.studentName]);
    const row = [[teacherName, studentName]];
    // Typed as shown: before, the term was lowered in JavaScript ("ángela") and SQLite's lower() left
    // the stored "Á" as it was, so nothing matched.
    for (const student of [studentName, `Ángela HERNáNDEZ ${tag}`, `ndez ${tag}`]) expect(await found({ student }), student).toEqual(row);
    for (const actor of [teacherName, `Łukasz ØRSTED ${tag}`, room.teacher.row.email.toUpperCase()])
      expect(await found({ actor }), actor).toEqual(row);
    expect(await found({ actor: `Zoë ${tag}` })).toEqual([]);
    expect(await found({ student: teacherName })).toEqual([]);
    // Renamed since: found by the name the row was logged under.
    await writer
      .update(users)
      .set({ name: `Dana Novak ${tag}` })
      .where(eq(users.id, room.teacher.row.id));
    expect(await found({ actor: teacherName })).toEqual(row);
  });

  it("pages newest first, without repeats or gaps", async () => {
    const { admin, teacher } = await loggedClass();
    const seen: string[] = [];
    let before = undefined as (typeof noFilters)["before"];
    for (let i = 0; i < 5; i++) {
      const page = await listAccessLog(admin.actor, { ...noFilters, actor: teacher.row.email, before }, 1);
      seen.push(...page.rows.map((r) => r.action));
      if (!page.next) break;
      before = accessLogFilterSchema.parse({ before: page.next }).before;
    }
    expect(seen).toEqual(["export_grades", "export_grades", "grade", "view_work"]);
  });

  it("answers a link's filters that no database could hold with messages next to them, and a wild cursor with the first page", async () => {
    const { admin, teacher } = await loggedClass();
    const read = async (params: Record<string, string>) => {
      const { filters, errors } = readAccessLogFilters(params);
      const { rows } = await listAccessLog(admin.actor, filters);
      return { errors, actions: rows.filter((r) => r.actorId === teacher.row.id).map((r) => r.action) };
    };
    const all = ["export_grades", "export_grades", "grade", "view_work"];
    const unstorable = "This text contains a character that can't be saved. Remove it and try again.";

    expect(await read({ actor: "a\u0000", student: "b\ud800" })).toEqual({
      errors: { actor: [unstorable], student: [unstorable] },
      actions: all,
    });
    expect(await read({ from: "0000-01-01", to: "9999-12-31" })).toEqual({
      errors: { from: ["From must be in a year from 1970 to 9998."], to: ["To must be in a year from 1970 to 9998."] },
      actions: all,
    });
    expect(await read({ before: `999999999999999_${crypto.randomUUID()}` })).toEqual({ errors: {}, actions: all });
    // Ordinary text, the widest days and a cursor from the page before all still filter.
    expect(await read({ actor: teacher.row.name, from: "1970-01-01", to: "9998-12-31" })).toEqual({ errors: {}, actions: all });
    expect(await read({ actor: "Zoë 🎉" })).toEqual({ errors: {}, actions: [] });
    const { next } = await listAccessLog(admin.actor, { ...noFilters, actor: teacher.row.email }, 1);
    expect(await read({ actor: teacher.row.email, before: next! })).toEqual({ errors: {}, actions: all.slice(1) });
  });

  it("is refused to a teacher, a student or a deactivated administrator", async () => {
    const { admin, teacher, student } = await loggedClass();
    const former = await user("admin", { active: false });
    for (const actor of [teacher.actor, student.actor, former.actor])
      await expect(listAccessLog(actor, noFilters)).rejects.toThrow(NotFoundError);
    expect((await listAccessLog(admin.actor, noFilters)).rows.length).toBeGreaterThanOrEqual(3);
  });
});

describe("a student's own access record", () => {
  it("is theirs and an administrator's to read, nobody else's", async () => {
    const { teacher, section, assignment, student, submission } = await submitted();
    const classmate = await user("student");
    await enrollment(section.id, classmate.row.id);
    const admin = await user("admin");
    await recordWorkView(teacher.actor, section.id, assignment.id, student.row.id);
    await saveScore(teacher.actor, submission.id, "design", { points: 2 }, 0);
    await recordWorkView(teacher.actor, section.id, assignment.id, classmate.row.id);

    const own = await listAccessAboutStudent(student.actor, student.row.id);
    expect(own.map((r) => r.action).sort()).toEqual(["grade", "view_work"]);
    expect(own.every((r) => r.studentId === student.row.id && r.actorName === teacher.row.name)).toBe(true);
    expect(await listAccessAboutStudent(admin.actor, student.row.id)).toHaveLength(2);
    for (const outsider of [classmate.actor, teacher.actor]) expect(await listAccessAboutStudent(outsider, student.row.id)).toEqual([]);
  });
});

describe("the filter form", () => {
  it("keeps what parses and explains what does not, never throwing", () => {
    const { filters, errors } = readAccessLogFilters({
      actor: "  Dana ",
      action: "delete_everything",
      from: "2026-13-45",
      to: ["2026-11-30", "2026-12-01"],
      before: "nonsense",
    });
    expect(filters).toEqual({ actor: "Dana", to: "2026-11-30" });
    expect(Object.keys(errors).sort()).toEqual(["action", "from"]);
  });

  it("refuses a range that ends before it starts, keeping the start", () => {
    const { filters, errors } = readAccessLogFilters({ from: "2026-11-30", to: "2026-11-01", action: "grade" });
    expect(filters).toEqual({ from: "2026-11-30", action: "grade" });
    expect(errors.to).toEqual(["“To” must be on or after “From”."]);
  });

  it("reports a backwards range alongside another bad field", () => {
    const { filters, errors } = readAccessLogFilters({ from: "2026-12-01", to: "2026-11-01", action: "nonsense", student: "Sam" });
    expect(filters).toEqual({ from: "2026-12-01", student: "Sam" });
    expect(errors).toEqual({ action: ["Choose an action from the list."], to: ["“To” must be on or after “From”."] });
  });
});
