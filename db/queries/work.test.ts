import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { attempts, scores, sections, submissions } from "@/db/schema";
import { FormError, NotFoundError } from "@/lib/errors";
import { classroom, enrollment, fakeImage, user } from "@/lib/test/factories";
import type { Draft } from "@/lib/validations/workspace";
import {
  createAssignment,
  getSubmissionForTeacher,
  listSectionAssignments,
  rubricIsLocked,
  updateLessonContent,
  updateRubric,
} from "./assignments";
import { addImage, deleteImage, getStudentWork, getViewableImage, listStudentAssignments, saveDraft, submitWork } from "./work";
import { listQueue } from "./queue";

const draft = (copy: string): Draft => ({ ideas: [{ id: "i1", text: "favorite drink" }], picks: [], copy, answers: {} });

const complete = SAMPLE_DRAFTS.complete;

describe("drafts", () => {
  it("saves, bumps the version and reads back", () => {
    const { student, assignment } = classroom();
    expect(getStudentWork(student.actor, assignment.id)).toMatchObject({ version: 0, status: "not_started" });
    expect(saveDraft(student.actor, assignment.id, 0, draft("v1"))).toMatchObject({ saved: true, version: 1 });
    expect(saveDraft(student.actor, assignment.id, 1, draft("v2"))).toMatchObject({ saved: true, version: 2 });
    const work = getStudentWork(student.actor, assignment.id);
    expect(work).toMatchObject({ version: 2, status: "in_progress" });
    expect(work.draft.copy).toBe("v2");
  });

  it("refuses a save based on an older version and returns the newer draft (two tabs)", () => {
    const { student, assignment } = classroom();
    saveDraft(student.actor, assignment.id, 0, draft("tab A"));
    const result = saveDraft(student.actor, assignment.id, 0, draft("tab B"));
    expect(result).toMatchObject({ saved: false, conflict: { version: 1, draft: { copy: "tab A" } } });
    expect(getStudentWork(student.actor, assignment.id).draft.copy).toBe("tab A");
  });

  it("keeps drafts but refuses changes once the assignment closes", () => {
    const { student, assignment } = classroom({ dueAt: new Date(Date.now() - 2 * 86_400_000), closeAt: new Date(Date.now() - 86_400_000) });
    expect(() => saveDraft(student.actor, assignment.id, 0, draft("late"))).toThrow(FormError);
    expect(getStudentWork(student.actor, assignment.id).state).toMatchObject({ editable: false, reason: expect.stringMatching(/closed/) });
  });

  it("answers NotFound to a student who is not (or no longer) in the section", () => {
    const { section, assignment } = classroom();
    const outsider = user("student");
    expect(() => getStudentWork(outsider.actor, assignment.id)).toThrow(NotFoundError);
    expect(() => saveDraft(outsider.actor, assignment.id, 0, draft("x"))).toThrow(NotFoundError);
    const removed = user("student");
    enrollment(section.id, removed.row.id, new Date());
    expect(() => getStudentWork(removed.actor, assignment.id)).toThrow(NotFoundError);
  });
});

describe("submitting", () => {
  it("records server time, counts attempts and snapshots text and images", () => {
    const { student, assignment } = classroom();
    saveDraft(student.actor, assignment.id, 0, complete);
    addImage(student.actor, assignment.id, fakeImage(), "My card");
    const now = new Date();
    expect(submitWork(student.actor, assignment.id, 1, false, now)).toEqual({ number: 1, late: false, submittedAt: now });
    saveDraft(student.actor, assignment.id, 1, { ...complete, copy: complete.copy + " See you soon!" });
    expect(submitWork(student.actor, assignment.id, 2, false).number).toBe(2);
    const work = getStudentWork(student.actor, assignment.id);
    expect(work.status).toBe("submitted");
    const rows = getDb().select().from(attempts).where(eq(attempts.submissionId, work.submission!.id)).all();
    expect(rows.map((r) => r.number).sort()).toEqual([1, 2]);
    expect(rows.find((r) => r.number === 1)!.snapshot).toMatchObject({ draft: { copy: complete.copy }, images: [{ caption: "My card" }] });
  });

  it("marks work submitted after the due date late", () => {
    const { student, assignment } = classroom({ dueAt: new Date(Date.now() - 60_000) });
    saveDraft(student.actor, assignment.id, 0, complete);
    expect(submitWork(student.actor, assignment.id, 1, true).late).toBe(true);
    expect(getStudentWork(student.actor, assignment.id).status).toBe("submitted_late");
  });

  it("refuses after the close date, and after the due date when late work is not accepted", () => {
    const closed = classroom({ dueAt: new Date(Date.now() - 60_000), acceptLate: false });
    expect(() => submitWork(closed.student.actor, closed.assignment.id, 0, true)).toThrow(/late work/);
  });

  it("needs confirmation to submit incomplete work, and the latest saved version", () => {
    const { student, assignment } = classroom();
    saveDraft(student.actor, assignment.id, 0, draft("just started"));
    expect(() => submitWork(student.actor, assignment.id, 1, false)).toThrow(/Confirm/);
    expect(() => submitWork(student.actor, assignment.id, 0, true)).toThrow(/changed in another tab/);
    expect(submitWork(student.actor, assignment.id, 1, true).number).toBe(1);
  });

  it("refuses changes once the teacher returned the work", () => {
    const { student, assignment } = classroom();
    saveDraft(student.actor, assignment.id, 0, complete);
    submitWork(student.actor, assignment.id, 1, true);
    getDb().update(submissions).set({ returnedAt: new Date() }).where(eq(submissions.assignmentId, assignment.id)).run();
    expect(() => saveDraft(student.actor, assignment.id, 1, complete)).toThrow(/returned/);
  });
});

describe("refusal codes (ADR 007)", () => {
  const codeOf = (refused: () => unknown) => {
    try {
      refused();
    } catch (error) {
      return error instanceof FormError ? error.code : error;
    }
    throw new Error("expected a refusal");
  };

  it("names why the work can't change: closed, archived, stale, or invalid input", () => {
    const late = classroom({ dueAt: new Date(Date.now() - 60_000), acceptLate: false });
    expect(codeOf(() => saveDraft(late.student.actor, late.assignment.id, 0, complete))).toBe("closed");

    const { student, section, assignment } = classroom();
    saveDraft(student.actor, assignment.id, 0, draft("just started"));
    expect(codeOf(() => submitWork(student.actor, assignment.id, 0, true))).toBe("stale");
    expect(codeOf(() => submitWork(student.actor, assignment.id, 1, false))).toBe("invalid");
    getDb().update(sections).set({ archivedAt: new Date() }).where(eq(sections.id, section.id)).run();
    expect(codeOf(() => saveDraft(student.actor, assignment.id, 1, complete))).toBe("archived");
  });
});

describe("images", () => {
  it("refuses a sixth image", () => {
    const { student, assignment } = classroom();
    for (let i = 0; i < 5; i++) addImage(student.actor, assignment.id, fakeImage(), "");
    expect(() => addImage(student.actor, assignment.id, fakeImage(), "")).toThrow(/up to 5/);
    expect(getStudentWork(student.actor, assignment.id).images).toHaveLength(5);
  });

  it("deletes never-submitted images outright, but only hides submitted ones", () => {
    const { student, assignment } = classroom();
    const kept = addImage(student.actor, assignment.id, fakeImage(), "");
    saveDraft(student.actor, assignment.id, 0, complete);
    submitWork(student.actor, assignment.id, 1, true);
    const fresh = addImage(student.actor, assignment.id, fakeImage(), "");
    expect(deleteImage(student.actor, fresh.id).deletedKeys).toEqual([fresh.storageKey, fresh.thumbnailKey]);
    expect(deleteImage(student.actor, kept.id).deletedKeys).toEqual([]);
    expect(getStudentWork(student.actor, assignment.id).images).toHaveLength(0);
  });

  it("is viewable by its student and the section's teacher only", () => {
    const { teacher, student, assignment } = classroom();
    const image = addImage(student.actor, assignment.id, fakeImage(), "");
    expect(getViewableImage(student.actor, image.id).id).toBe(image.id);
    expect(getViewableImage(teacher.actor, image.id).id).toBe(image.id);
    expect(() => getViewableImage(user("student").actor, image.id)).toThrow(NotFoundError);
    expect(() => getViewableImage(user("teacher").actor, image.id)).toThrow(NotFoundError);
    expect(() => deleteImage(user("student").actor, image.id)).toThrow(NotFoundError);
  });
});

describe("teacher side", () => {
  it("gives each assignment its own copy of the lesson", () => {
    const { teacher, section } = classroom();
    const settings = { title: "A", instructions: "", dueAt: new Date(Date.now() + 1e6), acceptLate: true, closeAt: null };
    const a = createAssignment(teacher.actor, section.id, settings);
    const b = createAssignment(teacher.actor, section.id, { ...settings, title: "B" });
    const dataset = structuredClone(a.content.dataset);
    dataset.rows[0]!.values.drink = "Flat White";
    updateLessonContent(teacher.actor, section.id, a.id, { dataset });
    const list = listSectionAssignments(teacher.actor, section.id);
    expect(list.map((x) => x.title)).toEqual(expect.arrayContaining(["A", "B"]));
    expect(() => updateLessonContent(user("teacher").actor, section.id, b.id, { dataset })).toThrow(NotFoundError);
  });

  it("counts students by status", () => {
    const { teacher, section, student, assignment } = classroom();
    const second = user("student");
    enrollment(section.id, second.row.id);
    const third = user("student");
    enrollment(section.id, third.row.id);
    saveDraft(student.actor, assignment.id, 0, complete);
    submitWork(student.actor, assignment.id, 1, true);
    saveDraft(second.actor, assignment.id, 0, draft("x"));
    const row = listSectionAssignments(teacher.actor, section.id).find((a) => a.id === assignment.id)!;
    expect(row).toMatchObject({ enrolled: 3, notStarted: 1, inProgress: 1, submitted: 1, late: 0 });
    const statuses = listQueue(teacher.actor, section.id, assignment.id)
      .entries.map((s) => s.status)
      .sort();
    expect(statuses).toEqual(["in_progress", "not_started", "submitted"]);
    expect(listStudentAssignments(student.actor).find((a) => a.id === assignment.id)?.status).toBe("submitted");
  });

  it("shows the section's teacher a student's draft and every attempt, and nobody else", () => {
    const { teacher, section, student, assignment } = classroom();
    saveDraft(student.actor, assignment.id, 0, complete);
    submitWork(student.actor, assignment.id, 1, true);
    saveDraft(student.actor, assignment.id, 1, { ...complete, copy: "changed after submitting" });
    const view = getSubmissionForTeacher(teacher.actor, section.id, assignment.id, student.row.id);
    expect(view.submission?.draft.copy).toBe("changed after submitting");
    expect(view.attempts.map((a) => a.snapshot.draft.copy)).toEqual([complete.copy]);
    expect(() => getSubmissionForTeacher(user("teacher").actor, section.id, assignment.id, student.row.id)).toThrow(NotFoundError);
    expect(() => getSubmissionForTeacher(teacher.actor, section.id, assignment.id, user("student").row.id)).toThrow(NotFoundError);
  });

  it("locks the rubric once any score exists, with a reason", () => {
    const { teacher, section, student, assignment } = classroom();
    const rubric = structuredClone(assignment.rubric);
    rubric.criteria[0]!.title = "Ideas";
    expect(updateRubric(teacher.actor, section.id, assignment.id, rubric).rubric.criteria[0]!.title).toBe("Ideas");
    saveDraft(student.actor, assignment.id, 0, complete);
    const submission = getStudentWork(student.actor, assignment.id).submission!;
    getDb().insert(scores).values({ submissionId: submission.id, criterionId: "ideation", points: 3, updatedBy: teacher.row.id }).run();
    expect(rubricIsLocked(teacher.actor, section.id, assignment.id)).toBe(true);
    expect(() => updateRubric(teacher.actor, section.id, assignment.id, rubric)).toThrow(/already been scored/);
  });
});
