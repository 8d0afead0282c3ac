import { describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { classroom, enrollment, user } from "@/lib/test/factories";
import type { Draft } from "@/lib/validations/workspace";
import { exportAssignment, exportSection } from "./export";
import { returnWork, saveScore } from "./grading";
import { getStudentWork, saveDraft, submitWork } from "./work";

const draft: Draft = { ideas: [], picks: [], copy: "Hi [Name]", answers: {} };

describe("exportAssignment", () => {
  it("streams every active student with status, scores and totals, scoped to the teacher", () => {
    const { teacher, section, student, assignment } = classroom();
    const idle = user("student");
    enrollment(section.id, idle.row.id);
    const gone = user("student");
    enrollment(section.id, gone.row.id, new Date());
    saveDraft(student.actor, assignment.id, 0, draft);
    submitWork(student.actor, assignment.id, 1, true);
    const submission = getStudentWork(student.actor, assignment.id).submission!;
    for (const c of ["ideation", "copywriting", "design", "reflection"]) saveScore(teacher.actor, submission.id, c, { points: 2, comment: c === "design" ? "Bigger text" : undefined }, 0);
    returnWork(teacher.actor, section.id, assignment.id, [submission.id]);

    const rows = [...exportAssignment(teacher.actor, section.id, assignment.id).rows];
    expect(rows.map((r) => r.email).sort()).toEqual([student.row.email, idle.row.email].sort());
    const graded = rows.find((r) => r.email === student.row.email)!;
    expect(graded).toMatchObject({ status: "returned", total: 8, attempts: 1, late: false });
    expect(graded.scores.find((s) => s.criterionId === "design")?.comment).toBe("Bigger text");
    expect(rows.find((r) => r.email === idle.row.email)).toMatchObject({ status: "not_started", total: null, scores: [] });
  });

  it("calls work resubmitted after grading 'submitted' again, like the grading overview", () => {
    const { teacher, section, student, assignment } = classroom();
    saveDraft(student.actor, assignment.id, 0, draft);
    submitWork(student.actor, assignment.id, 1, true, new Date(Date.now() - 60_000));
    const submission = getStudentWork(student.actor, assignment.id).submission!;
    for (const c of ["ideation", "copywriting", "design", "reflection"]) saveScore(teacher.actor, submission.id, c, { points: 3 }, 0, new Date(Date.now() - 30_000));
    expect([...exportAssignment(teacher.actor, section.id, assignment.id).rows][0]?.status).toBe("graded");
    submitWork(student.actor, assignment.id, 1, true);
    expect([...exportAssignment(teacher.actor, section.id, assignment.id).rows][0]?.status).toBe("submitted");
  });

  it("answers NotFound to another teacher", () => {
    const { section, assignment } = classroom();
    expect(() => exportAssignment(user("teacher").actor, section.id, assignment.id)).toThrow(NotFoundError);
    expect(() => exportSection(user("teacher").actor, section.id)).toThrow(NotFoundError);
  });

  it("releases its read connection when the iteration is abandoned", () => {
    const { teacher, section, assignment } = classroom();
    enrollment(section.id, user("student").row.id);
    const { rows } = exportAssignment(teacher.actor, section.id, assignment.id);
    rows.next();
    rows.return(undefined);
    // A fresh export still works, and so do writes on the main connection.
    expect([...exportAssignment(teacher.actor, section.id, assignment.id).rows]).toHaveLength(2);
  });
});
