import { describe, expect, it } from "vitest";
import { FieldError, FormError, NotFoundError } from "@/lib/errors";
import { anonymousOrder } from "@/lib/anonymous";
import { isFullyGraded, totalPoints } from "@/lib/grading";
import { classroom, user } from "@/lib/test/factories";
import type { Draft } from "@/lib/validations/workspace";
import {
  bankComment,
  deleteBankedComment,
  editBankedComment,
  getReturnedGrade,
  gradeHistory,
  listBankedComments,
  listScores,
  reopenWork,
  returnWork,
  saveFeedback,
  saveScore,
} from "./grading";
import { listQueue } from "./queue";
import { getStudentWork, saveDraft, submitWork } from "./work";

const draft: Draft = { ideas: [], picks: [], copy: "Hi [Name]", answers: {} };

function submitted() {
  const room = classroom();
  saveDraft(room.student.actor, room.assignment.id, 0, draft);
  submitWork(room.student.actor, room.assignment.id, 1, true);
  const submission = getStudentWork(room.student.actor, room.assignment.id).submission!;
  return { ...room, submission };
}

const gradeAll = (teacher: Parameters<typeof saveScore>[0], submissionId: string) =>
  ["ideation", "copywriting", "design", "reflection"].forEach((c) => saveScore(teacher, submissionId, c, { points: 3 }, 0));

describe("scores", () => {
  it("accept only the criterion's own levels", () => {
    const { teacher, submission } = submitted();
    expect(saveScore(teacher.actor, submission.id, "ideation", { points: 3 }, 0)).toEqual({ saved: true, version: 1 });
    expect(() => saveScore(teacher.actor, submission.id, "ideation", { points: 4 }, 1)).toThrow(FieldError);
    expect(() => saveScore(teacher.actor, submission.id, "ideation", { points: 0 }, 1)).toThrow(/Choose one of: 3, 2, 1/);
    expect(() => saveScore(teacher.actor, submission.id, "made-up", { points: 3 }, 0)).toThrow(/isn't part of/);
    expect(listScores(teacher.actor, submission.id)).toMatchObject([{ criterionId: "ideation", points: 3, version: 1 }]);
  });

  it("refuse a save based on a stale version and return what is stored, with who saved it", () => {
    const { teacher, submission } = submitted();
    saveScore(teacher.actor, submission.id, "design", { points: 2, comment: "Bigger text" }, 0);
    const stale = saveScore(teacher.actor, submission.id, "design", { points: 1 }, 0);
    expect(stale).toMatchObject({
      saved: false,
      conflict: { current: { points: 2, comment: "Bigger text" }, version: 1, by: teacher.row.name },
    });
    expect(listScores(teacher.actor, submission.id)[0]?.points).toBe(2);
    expect(saveScore(teacher.actor, submission.id, "design", { points: 1 }, 1)).toEqual({ saved: true, version: 2 });
  });

  it("record every change: who, when, criterion, old → new", () => {
    const { teacher, submission } = submitted();
    const t1 = new Date("2026-11-22T10:00:00Z");
    saveScore(teacher.actor, submission.id, "ideation", { points: 2 }, 0, t1);
    saveScore(teacher.actor, submission.id, "ideation", { points: 3, comment: "Great picks" }, 1, new Date("2026-11-22T10:05:00Z"));
    saveScore(teacher.actor, submission.id, "ideation", { points: 3 }, 2);
    const history = gradeHistory(teacher.actor, submission.id);
    expect(history.map((h) => [h.criterionId, h.field, h.oldValue, h.newValue, h.by])).toEqual(
      expect.arrayContaining([
        ["ideation", "points", null, "2", teacher.row.name],
        ["ideation", "points", "2", "3", teacher.row.name],
        ["ideation", "comment", "", "Great picks", teacher.row.name],
      ]),
    );
    expect(history).toHaveLength(3);
  });

  it("are the section teacher's alone", () => {
    const { submission } = submitted();
    const other = user("teacher").actor;
    expect(() => saveScore(other, submission.id, "ideation", { points: 3 }, 0)).toThrow(NotFoundError);
    expect(() => listScores(other, submission.id)).toThrow(NotFoundError);
    expect(() => gradeHistory(other, submission.id)).toThrow(NotFoundError);
  });
});

describe("feedback", () => {
  it("has versions and history like scores", () => {
    const { teacher, submission } = submitted();
    expect(saveFeedback(teacher.actor, submission.id, "Nice work", 0)).toEqual({ saved: true, version: 1 });
    expect(saveFeedback(teacher.actor, submission.id, "Other tab", 0)).toMatchObject({
      saved: false,
      conflict: { current: "Nice work", version: 1 },
    });
    expect(gradeHistory(teacher.actor, submission.id)).toMatchObject([{ field: "feedback", oldValue: "", newValue: "Nice work" }]);
  });
});

describe("returning work", () => {
  it("hides scores from the student until returned, then shows them, marked updated after a change", () => {
    const { teacher, student, section, assignment, submission } = submitted();
    gradeAll(teacher.actor, submission.id);
    saveFeedback(teacher.actor, submission.id, "Well done", 0);
    expect(getReturnedGrade(student.actor, assignment.id)).toBeNull();
    expect(returnWork(teacher.actor, section.id, assignment.id, [submission.id])).toBe(1);
    const returned = getReturnedGrade(student.actor, assignment.id)!;
    expect(returned).toMatchObject({ feedback: "Well done", updatedAt: null });
    expect(returned.scores).toHaveLength(4);
    saveScore(teacher.actor, submission.id, "design", { points: 2 }, 1);
    expect(getReturnedGrade(student.actor, assignment.id)?.updatedAt).toBeInstanceOf(Date);
    expect(getReturnedGrade(user("student").actor, assignment.id)).toBeNull();
  });

  it("'return all graded' skips partly graded and unsubmitted work", () => {
    const full = submitted();
    gradeAll(full.teacher.actor, full.submission.id);
    expect(returnWork(full.teacher.actor, full.section.id, full.assignment.id, "graded")).toBe(1);
    const partial = submitted();
    saveScore(partial.teacher.actor, partial.submission.id, "ideation", { points: 3 }, 0);
    expect(returnWork(partial.teacher.actor, partial.section.id, partial.assignment.id, "graded")).toBe(0);
  });

  it("can be reopened so the student may resubmit", () => {
    const { teacher, student, section, assignment, submission } = submitted();
    returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    expect(() => saveDraft(student.actor, assignment.id, 1, draft)).toThrow(/returned/);
    reopenWork(teacher.actor, submission.id);
    expect(saveDraft(student.actor, assignment.id, 1, draft)).toMatchObject({ saved: true });
    expect(() => reopenWork(teacher.actor, submission.id)).toThrow(FormError);
  });

  it("work resubmitted after grading needs grading again before 'return all graded' takes it", () => {
    const { teacher, student, section, assignment, submission } = submitted();
    const entry = () => listQueue(teacher.actor, section.id, assignment.id).entries[0];
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
    gradeAll(teacher.actor, submission.id);
    returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    reopenWork(teacher.actor, submission.id);
    expect(entry()).toMatchObject({ graded: true, needsGrading: false });
    const { version } = saveDraft(student.actor, assignment.id, 1, { ...draft, copy: "Hi [Name], again" }) as { version: number };
    submitWork(student.actor, assignment.id, version, true, later(1));
    expect(entry()).toMatchObject({ status: "submitted", graded: false, needsGrading: true });
    expect(returnWork(teacher.actor, section.id, assignment.id, "graded")).toBe(0);
    // One score saved after the resubmission makes it graded again (the others stand).
    saveScore(teacher.actor, submission.id, "design", { points: 2 }, 1, later(2));
    expect(entry()).toMatchObject({ graded: true, needsGrading: false });
    expect(returnWork(teacher.actor, section.id, assignment.id, "graded")).toBe(1);
  });
});

describe("comment bank", () => {
  it("keeps a teacher's comments by criterion title across assignments, without duplicates", () => {
    const teacher = user("teacher").actor;
    const first = bankComment(teacher, "Ideation", "Pick datapoints customers feel proud of.");
    expect(bankComment(teacher, " ideation ", "Pick datapoints customers feel proud of.").id).toBe(first.id);
    editBankedComment(teacher, first.id, "Choose datapoints customers would be proud to share.");
    expect(listBankedComments(teacher)).toEqual([
      { id: first.id, criterionKey: "ideation", text: "Choose datapoints customers would be proud to share." },
    ]);
    const other = user("teacher").actor;
    expect(listBankedComments(other)).toEqual([]);
    expect(() => deleteBankedComment(other, first.id)).toThrow(NotFoundError);
    deleteBankedComment(teacher, first.id);
    expect(listBankedComments(teacher)).toEqual([]);
  });
});

describe("pure rules", () => {
  it("totals and completeness", () => {
    const rubric = classroom().assignment.rubric;
    const scores = [
      { criterionId: "ideation", points: 3 },
      { criterionId: "design", points: 2 },
    ];
    expect(totalPoints(rubric, scores)).toBe(5);
    expect(isFullyGraded(rubric, scores)).toBe(false);
  });

  it("anonymous order is stable per assignment and a permutation", () => {
    const ids = ["a", "b", "c", "d", "e", "f"];
    const first = anonymousOrder("assignment-1", ids);
    expect(anonymousOrder("assignment-1", [...ids].reverse())).toEqual(first);
    expect([...first.values()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...anonymousOrder("assignment-2", ids).entries()]).not.toEqual([...first.entries()]);
  });
});
