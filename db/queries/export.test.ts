import { parse } from "csv-parse/sync";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDatabase } from "@/db";
import { makeGrade, makeSubmission, makeUser } from "@/db/factories";
import { assignments, enrollments, submissions, users } from "@/db/schema";
import { sortNameOf } from "@/lib/class-order";
import { csvStream } from "@/lib/csv";
import { NotFoundError } from "@/lib/errors";
import { layoutFor, type ExportFormat } from "@/lib/gradebook";
import { DEFAULT_RUBRIC } from "@/lib/lesson/default-lesson";
import { assignment as makeAssignment, classroom, enrollment, user } from "@/lib/test/factories";
import type { Draft } from "@/lib/validations/workspace";
import { setExcused } from "./excusals";
import { countUnreturnedPoints, exportAssignment, exportSection, exportStudentBeforeErasure } from "./export";
import { cancelErasure, scheduleErasure } from "./privacy";
import { reopenWork, returnWork, saveFeedback, saveScore } from "./grading";
import { listQueue } from "./queue";
import { getStudentWork, saveDraft, submitWork } from "./work";

const draft: Draft = { ideas: [], picks: [], copy: "Hi [Name]", answers: {} };

/** Reads a streamed export to the end. */
async function all<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const read: T[] = [];
  for await (const row of rows) read.push(row);
  return read;
}

describe("exportAssignment", () => {
  it("streams every active student with status, scores and totals, scoped to the teacher", async () => {
    const { teacher, section, student, assignment } = await classroom();
    const idle = await user("student");
    await enrollment(section.id, idle.row.id);
    const gone = await user("student");
    await enrollment(section.id, gone.row.id, new Date());
    await saveDraft(student.actor, assignment.id, 0, draft);
    await submitWork(student.actor, assignment.id, 1, true);
    const submission = (await getStudentWork(student.actor, assignment.id)).submission!;
    for (const c of ["ideation", "copywriting", "design", "reflection"])
      await saveScore(teacher.actor, submission.id, c, { points: 2, comment: c === "design" ? "Bigger text" : undefined }, 0);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);

    const rows = await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows);
    expect(rows.map((r) => r.email).sort()).toEqual([student.row.email, idle.row.email].sort());
    const graded = rows.find((r) => r.email === student.row.email)!;
    expect(graded).toMatchObject({ status: "returned", total: 8, attempts: 1, late: false });
    expect(graded.scores.find((s) => s.criterionId === "design")?.comment).toBe("Bigger text");
    expect(rows.find((r) => r.email === idle.row.email)).toMatchObject({ status: "not_started", total: null, scores: [] });
  });

  it("calls work resubmitted after grading 'submitted' again, like the grading overview", async () => {
    const { teacher, section, student, assignment } = await classroom();
    await saveDraft(student.actor, assignment.id, 0, draft);
    await submitWork(student.actor, assignment.id, 1, true, new Date(Date.now() - 60_000));
    const submission = (await getStudentWork(student.actor, assignment.id)).submission!;
    for (const c of ["ideation", "copywriting", "design", "reflection"])
      await saveScore(teacher.actor, submission.id, c, { points: 3 }, 0, new Date(Date.now() - 30_000));
    expect((await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows))[0]?.status).toBe("graded");
    await saveDraft(student.actor, assignment.id, 1, { ...draft, copy: `${draft.copy} Improved.` });
    await submitWork(student.actor, assignment.id, 2, true);
    expect((await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows))[0]?.status).toBe("submitted");
  });

  it("answers NotFound to another teacher", async () => {
    const { section, assignment } = await classroom();
    await expect(exportAssignment((await user("teacher")).actor, section.id, assignment.id)).rejects.toThrow(NotFoundError);
    await expect(exportSection((await user("teacher")).actor, section.id)).rejects.toThrow(NotFoundError);
  });

  it("releases its read connection when the iteration is abandoned", async () => {
    const { teacher, section, assignment } = await classroom();
    await enrollment(section.id, (await user("student")).row.id);
    const { rows } = await exportAssignment(teacher.actor, section.id, assignment.id);
    await rows.next();
    await rows.return(undefined);
    // A fresh export still works, and so do writes on the main connection.
    expect(await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows)).toHaveLength(2);
  });
});

const MINUTE = 60_000;
type Points = Partial<Record<"ideation" | "copywriting" | "design" | "reflection", number | null>>;

/** A student in the section with work on the assignment, submitted and scored at the given times. */
async function student(
  section: { id: string },
  assignment: { id: string; dueAt: Date },
  teacherId: string,
  name: string,
  work: { submitted?: Date[]; scored?: { at: Date; points: Points }[]; returnedAt?: Date; feedback?: string } | null,
) {
  const row = await makeUser((await getDatabase()).writer, {
    role: "student",
    email: `${crypto.randomUUID()}@unit.test`,
    name,
    passwordHash: "x",
  });
  const s = { row };
  await enrollment(section.id, row.id);
  if (!work) return { ...s, submissionId: null };
  const db = (await getDatabase()).writer;
  const { submission } = await makeSubmission(db, { assignment, studentId: s.row.id, draft, submittedAt: work.submitted ?? [] });
  for (const { at, points } of work.scored ?? []) {
    await makeGrade(db, {
      submissionId: submission.id,
      teacherId,
      scores: Object.fromEntries(Object.entries(points).map(([id, p]) => [id, { points: p as number, comment: `${id} note` }])),
      at,
      feedback: work.feedback,
      returnedAt: work.returnedAt ?? null,
    });
  }
  return { ...s, submissionId: submission.id };
}

const ALL_THREE: Points = { ideation: 3, copywriting: 3, design: 3 };
const ALL_FOUR: Points = { ...ALL_THREE, reflection: 2 };

describe("countUnreturnedPoints", () => {
  it("counts work with points not returned (in part or whole), not work returned or not scored; another teacher gets NotFound", async () => {
    const { teacher, section, assignment } = await classroom();
    const handedIn = async (points: number, { returned = false } = {}) => {
      const student = await user("student");
      await enrollment(section.id, student.row.id);
      await saveDraft(student.actor, assignment.id, 0, draft);
      await submitWork(student.actor, assignment.id, 1, true);
      const { id } = (await getStudentWork(student.actor, assignment.id)).submission!;
      for (const c of ["ideation", "copywriting", "design", "reflection"].slice(0, points))
        await saveScore(teacher.actor, id, c, { points: 2 }, 0);
      if (returned) await returnWork(teacher.actor, section.id, assignment.id, [id]);
    };
    await handedIn(4); // graded
    await handedIn(1); // scored in part
    await handedIn(0); // not scored yet
    await handedIn(4, { returned: true });
    expect(await countUnreturnedPoints(teacher.actor, section.id, assignment.id)).toBe(2);
    // A draft the teacher scored before it was handed in: its total is in the files, so it counts;
    // excused, the files leave it blank, so it doesn't.
    const drafter = await user("student");
    await enrollment(section.id, drafter.row.id);
    await saveDraft(drafter.actor, assignment.id, 0, draft);
    const { id: draftId } = (await getStudentWork(drafter.actor, assignment.id)).submission!;
    await saveScore(teacher.actor, draftId, "ideation", { points: 2 }, 0);
    expect(await countUnreturnedPoints(teacher.actor, section.id, assignment.id)).toBe(3);
    const [row] = await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows).then((rows) =>
      rows.filter((r) => r.email === drafter.row.email),
    );
    expect(row).toMatchObject({ status: "in_progress", total: 2 });
    await setExcused(teacher.actor, section.id, assignment.id, drafter.row.id, true);
    expect(await countUnreturnedPoints(teacher.actor, section.id, assignment.id)).toBe(2);
    await expect(countUnreturnedPoints((await user("teacher")).actor, section.id, assignment.id)).rejects.toThrow(NotFoundError);
  });

  it("counts reopened work only once its points differ from the grade the student was given", async () => {
    const { teacher, section, assignment } = await classroom();
    const reopened = async () => {
      const student = await user("student");
      await enrollment(section.id, student.row.id);
      await saveDraft(student.actor, assignment.id, 0, draft);
      await submitWork(student.actor, assignment.id, 1, true);
      const { id } = (await getStudentWork(student.actor, assignment.id)).submission!;
      for (const c of ["ideation", "copywriting", "design", "reflection"]) await saveScore(teacher.actor, id, c, { points: 2 }, 0);
      await returnWork(teacher.actor, section.id, assignment.id, [id]);
      await reopenWork(teacher.actor, id, {});
      return id;
    };
    const count = () => countUnreturnedPoints(teacher.actor, section.id, assignment.id);
    const left = await reopened();
    expect(await count()).toBe(0); // reopened, nothing changed: the student has these points
    await saveFeedback(teacher.actor, left, "Only words changed", 0);
    expect(await count()).toBe(0);
    const rescored = await reopened();
    await saveScore(teacher.actor, rescored, "design", { points: 3 }, 1);
    expect(await count()).toBe(1);
    // Scored back to what was returned: nothing the student wasn't given.
    await saveScore(teacher.actor, rescored, "design", { points: 2 }, 2);
    expect(await count()).toBe(0);
    const cleared = await reopened();
    await saveScore(teacher.actor, cleared, "ideation", { points: null }, 1);
    expect(await count()).toBe(1);
    // Every point cleared: the full files leave blank what the student was given.
    const emptied = await reopened();
    for (const c of ["ideation", "copywriting", "design", "reflection"]) await saveScore(teacher.actor, emptied, c, { points: null }, 1);
    expect(await count()).toBe(2);
  });
});

describe("exportAssignment: only grades returned, for reopened work", () => {
  it("gives the grade returned before the reopen, never the one scored since; work never returned stays blank", async () => {
    const { teacher, section, student: rita, assignment } = await classroom();
    const now = Date.now();
    const t = (minutes: number) => new Date(now + minutes * MINUTE);
    const criteria = ["ideation", "copywriting", "design", "reflection"];
    // Graded and returned, reopened, handed in again, scored again: not returned since.
    await saveDraft(rita.actor, assignment.id, 0, draft, t(-61));
    await submitWork(rita.actor, assignment.id, 1, true, t(-60));
    const { id } = (await getStudentWork(rita.actor, assignment.id)).submission!;
    for (const c of criteria)
      await saveScore(teacher.actor, id, c, { points: 2, comment: c === "design" ? "Bigger text" : undefined }, 0, t(-50));
    await saveFeedback(teacher.actor, id, "Add a closing line", 0, t(-50));
    await returnWork(teacher.actor, section.id, assignment.id, [id], t(-40));
    await reopenWork(teacher.actor, id, {}, t(-30));
    // Not a grade the student never had: work graded and never returned, and work returned again
    // after a reopen (its earlier grade stays stored, but the student reads the new one).
    const gus = await student(section, assignment, teacher.row.id, "Gus Graded", {
      submitted: [t(-60)],
      scored: [{ at: t(-50), points: ALL_FOUR }],
    });
    const ron = await student(section, assignment, teacher.row.id, "Ron Returned again", {
      submitted: [t(-60)],
      scored: [{ at: t(-50), points: { ideation: 1, copywriting: 1, design: 1, reflection: 1 } }],
      returnedAt: t(-5),
      feedback: "Now it works",
    });
    const stale = {
      returnedAt: t(-40).toISOString(),
      feedback: "First try",
      scores: [{ criterionId: "ideation", points: 3, comment: "" }],
    };
    await (await getDatabase()).writer.update(submissions).set({ earlierGrade: stale }).where(eq(submissions.id, ron.submissionId!));
    // A stored earlier grade that isn't one (no return date): a blank, not a failed download, and
    // never the grading not returned.
    const mal = await student(section, assignment, teacher.row.id, "Mal Formed", {
      submitted: [t(-60)],
      scored: [{ at: t(-50), points: ALL_FOUR }],
    });
    await (
      await getDatabase()
    ).writer
      .update(submissions)
      .set({ earlierGrade: { feedback: "?" } as never })
      .where(eq(submissions.id, mal.submissionId!));

    /** The file as GET …/grades.csv writes it, by student email. */
    const file = async (format: ExportFormat, returnedOnly: boolean) => {
      const { rows } = await exportAssignment(teacher.actor, section.id, assignment.id);
      const layout = layoutFor(format, {
        title: "T",
        sectionName: "S",
        rubric: DEFAULT_RUBRIC,
        comments: true,
        pastDue: false,
        returnedOnly,
      });
      async function* cells() {
        yield* layout.preamble.slice(1);
        for await (const row of rows) yield layout.toRow(row);
      }
      const table = parse(await new Response(csvStream(layout.preamble[0]!, cells())).text()) as string[][];
      const column = { detailed: 2, canvas: 3, simple: 0 }[format];
      return (who: { row: { email: string } }) => table.find((r) => r[column] === who.row.email)!;
    };
    const earlier = [
      ...["2", "Developing", "2", "Developing", "2", "Developing", "2", "Developing"],
      ...["8", "12", "66.7", t(-40).toISOString()],
      ...["", "", "Bigger text", "", "Add a closing line"],
    ];
    // Reopened, not handed in again: the student reads the earlier grade, as the file gives it.
    expect((await file("detailed", true))(rita).slice(4)).toEqual(["Reopened", t(-60).toISOString(), "no", "1", ...earlier]);

    await saveDraft(rita.actor, assignment.id, 1, { ...draft, copy: `${draft.copy} Improved.` }, t(-25));
    await submitWork(rita.actor, assignment.id, 2, true, t(-20));
    for (const c of criteria)
      await saveScore(teacher.actor, id, c, { points: 3, comment: c === "design" ? "Much better" : undefined }, 1, t(-10));
    await saveFeedback(teacher.actor, id, "Great improvement", 1, t(-10));
    // What is scored since counts as points not returned, and is what the returned-only files leave out.
    expect(await countUnreturnedPoints(teacher.actor, section.id, assignment.id)).toBe(3); // Rita, Gus and Mal

    const returnedOnly = await file("detailed", true);
    expect(returnedOnly(rita).slice(4)).toEqual(["Graded", t(-20).toISOString(), "no", "2", ...earlier]);
    expect(returnedOnly(gus).slice(8)).toEqual([...Array<string>(9).fill(""), "12", "", "", "", "", "", "", ""]);
    expect(returnedOnly(ron).slice(16)).toEqual([
      "4",
      "12",
      "33.3",
      t(-5).toISOString(),
      "ideation note",
      "copywriting note",
      "design note",
      "reflection note",
      "Now it works",
    ]);
    expect(returnedOnly(mal).slice(8)).toEqual(returnedOnly(gus).slice(8));
    // Work returned again reads no earlier grade at all, stale or not.
    const raw = await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows);
    expect(raw.find((r) => r.email === ron.row.email)!.earlier).toBeNull();
    expect(raw.find((r) => r.email === rita.row.email)!.earlier).toMatchObject({ total: 8, feedback: "Add a closing line" });
    expect((await file("canvas", true))(rita)[5]).toBe("8");
    expect((await file("simple", true))(rita)[2]).toBe("8");
    // Without the option: the grading as it is now, returned or not.
    expect((await file("detailed", false))(rita).slice(8)).toEqual([
      ...["3", "Strong", "3", "Strong", "3", "Strong", "3", "Strong"],
      ...["12", "12", "100", ""],
      ...["", "", "Much better", "", "Great improvement"],
    ]);
    expect((await file("detailed", false))(gus)[16]).toBe("11");
    expect((await file("canvas", false))(rita)[5]).toBe("12");
    expect((await file("simple", false))(rita)[2]).toBe("12");

    // The section-wide export reads the same rows (its file has no returned-only option).
    const perAssignment = await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows);
    expect((await all((await exportSection(teacher.actor, section.id)).rows)).map((r) => r.work[0])).toEqual(perAssignment);
  });
});

describe("exportAssignment: the pivoted scores follow the grading view's rules", () => {
  it("agrees with the grading queue on status and total for every kind of work", async () => {
    const { teacher, section, assignment } = await classroom({ dueAt: new Date(Date.now() - 30 * MINUTE) });
    const now = Date.now();
    const t = (minutes: number) => new Date(now + minutes * MINUTE);
    const cases = {
      graded: await student(section, assignment, teacher.row.id, "A Graded", {
        submitted: [t(-60)],
        scored: [{ at: t(-50), points: ALL_FOUR }],
      }),
      partial: await student(section, assignment, teacher.row.id, "B Partial", {
        submitted: [t(-60)],
        scored: [{ at: t(-50), points: { ideation: 2, design: 1 } }],
      }),
      resubmitted: await student(section, assignment, teacher.row.id, "C Resubmitted", {
        submitted: [t(-60), t(-10)],
        scored: [{ at: t(-50), points: ALL_FOUR }],
      }),
      returned: await student(section, assignment, teacher.row.id, "D Returned", {
        submitted: [t(-60)],
        scored: [{ at: t(-50), points: ALL_FOUR }],
        returnedAt: t(-40),
        feedback: "Bravo",
      }),
      inProgress: await student(section, assignment, teacher.row.id, "E In progress", {}),
      commentOnly: await student(section, assignment, teacher.row.id, "F Comment only", {
        submitted: [t(-60)],
        scored: [{ at: t(-50), points: { ideation: null } }],
      }),
      late: await student(section, assignment, teacher.row.id, "G Late", { submitted: [t(-5)], scored: [{ at: t(-1), points: ALL_FOUR }] }),
      none: await student(section, assignment, teacher.row.id, "H Nothing yet", null),
      reopened: await student(section, assignment, teacher.row.id, "I Reopened", {
        submitted: [t(-60)],
        scored: [{ at: t(-50), points: ALL_FOUR }],
      }),
    };
    // Returned, then reopened by the teacher; not handed in again.
    const db = (await getDatabase()).writer;
    await db
      .update(submissions)
      .set({ reopenedAttempt: sql`${submissions.attemptCount}` })
      .where(eq(submissions.id, cases.reopened.submissionId!));
    const rows = await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows);
    const byName = (name: string) => rows.find((r) => r.name === name)!;
    expect(
      Object.fromEntries(Object.values(cases).map((c) => [c.row.name, [byName(c.row.name).status, byName(c.row.name).total]])),
    ).toEqual({
      "A Graded": ["graded", 11],
      "B Partial": ["submitted", 3],
      "C Resubmitted": ["submitted_late", 11], // resubmitted after the due date
      "D Returned": ["returned", 11],
      "E In progress": ["in_progress", null],
      "F Comment only": ["submitted", null],
      "G Late": ["graded", 11],
      "H Nothing yet": ["not_started", null],
      "I Reopened": ["reopened", 11], // the student's to hand in again: neither graded nor waiting
    });
    expect(byName("G Late")).toMatchObject({ late: true, attempts: 1 });
    expect(byName("D Returned")).toMatchObject({ feedback: "Bravo", returnedAt: t(-40) });
    expect(byName("C Resubmitted").attempts).toBe(2);
    expect(byName("F Comment only").scores).toEqual([{ criterionId: "ideation", points: null, comment: "ideation note" }]);
    // The grading overview (listQueue) reads the same submissions its own way: same verdicts.
    const queue = (await listQueue(teacher.actor, section.id, assignment.id)).entries;
    expect(queue).toHaveLength(rows.length);
    for (const row of rows) {
      const entry = queue.find((e) => e.email === row.email)!;
      // Returned work says "Returned" in the export, whatever its grade.
      expect({ name: row.name, status: row.status, graded: row.status === "graded", total: row.total }).toEqual({
        name: row.name,
        status: entry.status,
        graded: entry.graded && entry.status !== "returned" && entry.status !== "reopened",
        total: entry.total,
      });
    }
  });

  it("lists scores in rubric order, and leaves out a criterion removed from the rubric but still counts when it was scored", async () => {
    const { teacher, section, student: first, assignment } = await classroom();
    const now = Date.now();
    const t = (minutes: number) => new Date(now + minutes * MINUTE);
    const db = (await getDatabase()).writer;
    await db.delete(enrollments).where(eq(enrollments.studentId, first.row.id));
    // Scored after the submit on the removed criterion only: the grading view still calls it graded.
    const late = await student(section, assignment, teacher.row.id, "Ann Later", {
      submitted: [t(-30)],
      scored: [
        { at: t(-40), points: ALL_THREE },
        { at: t(-20), points: { reflection: 1 } },
      ],
    });
    const stale = await student(section, assignment, teacher.row.id, "Bea Stale", {
      submitted: [t(-30)],
      scored: [{ at: t(-40), points: ALL_FOUR }],
    });
    const onlyRemoved = await student(section, assignment, teacher.row.id, "Cy Removed only", {
      submitted: [t(-30)],
      scored: [{ at: t(-20), points: { reflection: 2 } }],
    });
    const rubric = { criteria: DEFAULT_RUBRIC.criteria.filter((c) => c.id !== "reflection").reverse() };
    await db.update(assignments).set({ rubric }).where(eq(assignments.id, assignment.id));

    const rows = await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows);
    expect(rows.map((r) => [r.name, r.status, r.total, r.scores.map((s) => s.criterionId)])).toEqual([
      ["Ann Later", "graded", 9, ["design", "copywriting", "ideation"]],
      ["Bea Stale", "submitted", 9, ["design", "copywriting", "ideation"]],
      ["Cy Removed only", "submitted", 0, []],
    ]);
    // The queue agrees on what is graded. Its total is the sum kept on the submission row as scores
    // are saved; the app locks a rubric once anything is scored, so only an edit behind its back (as
    // here) can make that sum include a criterion the rubric no longer has.
    const queue = (await listQueue(teacher.actor, section.id, assignment.id)).entries;
    for (const s of [late, stale, onlyRemoved]) {
      const row = rows.find((r) => r.email === s.row.email)!;
      const entry = queue.find((e) => e.submissionId === s.submissionId)!;
      expect(row.status === "graded").toBe(entry.graded);
    }
    // The detailed file follows the rubric as it is now.
    const layout = layoutFor("detailed", { title: "T", sectionName: "S", rubric, comments: true, pastDue: false });
    expect(layout.preamble[0]!.slice(8, 14)).toEqual([
      "Design points",
      "Design level",
      "Copywriting points",
      "Copywriting level",
      "Ideation points",
      "Ideation level",
    ]);
    expect(layout.toRow(rows[0]!).slice(8, 14)).toEqual([3, "Strong", 3, "Strong", 3, "Strong"]);
    expect(layout.toRow(rows[0]!).slice(-4)).toEqual(["design note", "copywriting note", "ideation note", ""]);
  });

  it("orders students by name regardless of case and accents, then email", async () => {
    const { teacher, section, student: first, assignment } = await classroom();
    await (await getDatabase()).writer.delete(enrollments).where(eq(enrollments.studentId, first.row.id));
    for (const name of ["Zoë", "bob", "Alice", "Émile", "alice", "Łukasz", "Bob", "Ángela"])
      await student(section, assignment, teacher.row.id, name, null);
    const names = (await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows)).map((r) => r.name);
    expect(names.map((n) => n.toLowerCase())).toEqual(["alice", "alice", "ángela", "bob", "bob", "émile", "łukasz", "zoë"]);
  });
});

describe("exportSection", () => {
  it("streams each active student once, with their row on every assignment, as the per-assignment export has it", async () => {
    const { teacher, section, student: first, assignment: recap } = await classroom({ dueAt: new Date(Date.now() - 86_400_000) });
    const second = await makeAssignment(section.id, { title: "Second recap", dueAt: new Date(Date.now() + 86_400_000) });
    const now = Date.now();
    const t = (minutes: number) => new Date(now + minutes * MINUTE);
    await (await getDatabase()).writer.delete(enrollments).where(eq(enrollments.studentId, first.row.id));
    await student(section, recap, teacher.row.id, "Zed Last", { submitted: [t(-60)], scored: [{ at: t(-50), points: ALL_FOUR }] });
    const amy = await student(section, second, teacher.row.id, "amy First", {
      submitted: [t(-60)],
      scored: [{ at: t(-50), points: { ideation: 1 } }],
    });
    await makeSubmission((await getDatabase()).writer, { assignment: recap, studentId: amy.row.id, draft, submittedAt: [] });
    const gone = await student(section, recap, teacher.row.id, "Gone Student", null);
    await (await getDatabase()).writer.update(enrollments).set({ removedAt: new Date() }).where(eq(enrollments.studentId, gone.row.id));

    const { assignments: list, rows } = await exportSection(teacher.actor, section.id);
    expect(list.map((a) => a.title)).toEqual([recap.title, "Second recap"]);
    const everyone = await all(rows);
    expect(everyone.map((r) => r.student.name)).toEqual(["amy First", "Zed Last"]);
    expect(everyone.map((r) => r.work.map((w) => [w.status, w.total]))).toEqual([
      [
        ["in_progress", null],
        ["submitted", 1],
      ],
      [
        ["graded", 11],
        ["not_started", null],
      ],
    ]);
    // The very rows the per-assignment export gives.
    for (const [i, a] of [recap, second].entries()) {
      expect(everyone.map((r) => r.work[i])).toEqual(await all((await exportAssignment(teacher.actor, section.id, a.id)).rows));
    }
  });

  it("still lists the students of a section without assignments", async () => {
    const { teacher, section, student: only, assignment } = await classroom();
    await (await getDatabase()).writer.delete(assignments).where(eq(assignments.id, assignment.id));
    const { assignments: list, rows } = await exportSection(teacher.actor, section.id);
    expect(list).toEqual([]);
    expect(await all(rows)).toEqual([{ student: { name: only.row.name, email: only.row.email }, work: [] }]);
  });

  it("gives its read connection back when abandoned, and the next export sees new data", async () => {
    const { teacher, section, assignment } = await classroom();
    await makeAssignment(section.id, { title: "Another" });
    await enrollment(section.id, (await user("student")).row.id);
    const { rows } = await exportSection(teacher.actor, section.id);
    await rows.next();
    await rows.return(undefined);
    await enrollment(section.id, (await user("student")).row.id);
    expect(await all((await exportSection(teacher.actor, section.id)).rows)).toHaveLength(3);
    expect(await all((await exportAssignment(teacher.actor, section.id, assignment.id)).rows)).toHaveLength(3);
  });
});

describe("exportStudentBeforeErasure", () => {
  it("gives the section's teacher the student's scores, comments and feedback, removed from the roster or not, while the erasure is scheduled", async () => {
    const { teacher, section, assignment } = await classroom();
    const admin = await user("admin");
    const now = Date.now();
    const t = (minutes: number) => new Date(now + minutes * MINUTE);
    const leaving = await student(section, assignment, teacher.row.id, "Lee Leaving", {
      submitted: [t(-60)],
      scored: [{ at: t(-50), points: ALL_FOUR }],
      returnedAt: t(-40),
      feedback: "A card I'd open",
    });
    const staying = await student(section, assignment, teacher.row.id, "Sam Staying", { submitted: [t(-60)] });
    // Removed from the roster after the work was returned: the class's files leave them out, this one doesn't.
    const db = (await getDatabase()).writer;
    await db.update(enrollments).set({ removedAt: new Date() }).where(eq(enrollments.studentId, leaving.row.id));
    const request = await scheduleErasure(admin.actor, leaving.row.id);

    const record = await exportStudentBeforeErasure(teacher.actor, section.id, request.id);
    expect(record.student).toEqual({ name: "Lee Leaving", email: leaving.row.email });
    expect(record.studentId).toBe(leaving.row.id);
    expect(record.assignments.map((a) => a.id)).toEqual([assignment.id]);
    expect(record.work).toHaveLength(1);
    expect(record.work[0]).toMatchObject({ status: "returned", total: 11, feedback: "A card I'd open" });
    expect(record.work[0]!.scores).toContainEqual({ criterionId: "ideation", points: 3, comment: "ideation note" });

    // Another teacher, or a request for a student not of this section, is not found; so is one cancelled.
    const other = await user("teacher");
    await expect(exportStudentBeforeErasure(other.actor, section.id, request.id)).rejects.toBeInstanceOf(NotFoundError);
    const elsewhere = await classroom();
    const stranger = await scheduleErasure(admin.actor, elsewhere.student.row.id);
    await expect(exportStudentBeforeErasure(teacher.actor, section.id, stranger.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(exportStudentBeforeErasure(teacher.actor, section.id, "no-such-request")).rejects.toBeInstanceOf(NotFoundError);
    await cancelErasure(admin.actor, leaving.row.id);
    await expect(exportStudentBeforeErasure(teacher.actor, section.id, request.id)).rejects.toBeInstanceOf(NotFoundError);
    // The classmate staying is not part of it.
    expect(JSON.stringify(record)).not.toContain(staying.row.email);
  });
});

describe("exports of a class larger than one read", () => {
  it("list every student once, by name regardless of case and accents then email, each with their own work on every assignment", async () => {
    // Eight assignments: a PostgreSQL batch then reads 625 students (BATCH_WORK_ROWS / 8 in
    // export.ts), so the class runs past three batch boundaries, each inside a run of equal names:
    // there only the email orders the students where a batch ends and the next begins.
    const { teacher, section, student: first, assignment: recap } = await classroom();
    const second = await makeAssignment(section.id, { title: "Second recap", dueAt: new Date(Date.now() + 2 * 86_400_000) });
    for (let i = 3; i <= 8; i++) await makeAssignment(section.id, { title: `Recap ${i}`, dueAt: new Date(Date.now() + i * 86_400_000) });
    const db = (await getDatabase()).writer;
    await db.delete(enrollments).where(eq(enrollments.studentId, first.row.id));
    const names = ["ann", "Ann", "Ángela", "angela", "bob", "Bob", "Łukasz", "cy"];
    const students = Array.from({ length: 2_345 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: names[i % names.length]!,
      email: `big-${String((i * 7919) % 2_345).padStart(4, "0")}-${crypto.randomUUID()}@unit.test`,
      submitted: i % 3 === 0,
      started: i % 5 === 0,
    }));
    for (let i = 0; i < students.length; i += 500) {
      const chunk = students.slice(i, i + 500);
      await db
        .insert(users)
        .values(chunk.map((s) => ({ id: s.id, email: s.email, name: s.name, passwordHash: "x", role: "student" as const })));
      await db.insert(enrollments).values(chunk.map((s) => ({ sectionId: section.id, studentId: s.id, sortName: sortNameOf(s.name) })));
      const work = [
        ...chunk
          .filter((s) => s.submitted)
          .map((s) => ({ assignmentId: recap.id, studentId: s.id, submittedAt: new Date(), attemptCount: 1 })),
        ...chunk.filter((s) => s.started).map((s) => ({ assignmentId: second.id, studentId: s.id, submittedAt: null, attemptCount: 0 })),
      ];
      await db.insert(submissions).values(work.map((w) => ({ ...w, draft })));
    }
    // Folded, these names are ASCII, as the addresses are: JavaScript's comparison is the byte order.
    const key = (s: { name: string; email: string }) => [sortNameOf(s.name), s.email] as const;
    const expected = [...students].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : 1;
    });

    const { rows } = await exportSection(teacher.actor, section.id);
    const everyone = await all(rows);
    expect(everyone.map((r) => r.student.email)).toEqual(expected.map((s) => s.email));
    expect(everyone.map((r) => [r.student.name, ...r.work.map((w) => w.status)])).toEqual(
      expected.map((s) => [
        s.name,
        s.submitted ? "submitted" : "not_started",
        s.started ? "in_progress" : "not_started",
        ...Array<string>(6).fill("not_started"),
      ]),
    );
    expect(await all((await exportAssignment(teacher.actor, section.id, second.id)).rows)).toEqual(everyone.map((r) => r.work[1]));
  });
});
