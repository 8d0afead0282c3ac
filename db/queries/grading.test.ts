import { describe, expect, it } from "vitest";
import { FieldError, FormError, NotFoundError } from "@/lib/errors";
import { anonymousOrder } from "@/lib/anonymous";
import { isFullyGraded, totalPoints } from "@/lib/grading";
import { classroom, enrollment, user } from "@/lib/test/factories";
import type { Draft } from "@/lib/validations/workspace";
import {
  bankComment,
  deleteBankedComment,
  editBankedComment,
  getReturnedGrade,
  gradeHistory,
  HANDED_IN_AGAIN,
  listBankedComments,
  listScores,
  reopenWork,
  returnWork,
  saveFeedback,
  undoReturnAll,
  saveScore,
  UNDO_RETURN_MS,
} from "./grading";
import { setExtension } from "./extensions";
import { rubricIsLocked, updateRubric } from "./assignments";
import { rubricVersion } from "@/lib/lesson/part-version";
import { listQueue } from "./queue";
import { getAssignmentAnalytics } from "./analytics";
import { buildAnalytics } from "@/lib/analytics";
import { listRoster, setEnrollmentRemoved, setSectionArchived } from "./sections";
import { getStudentWork, saveDraft, submitWork } from "./work";

const draft: Draft = { ideas: [], picks: [], copy: "Hi [Name]", answers: {} };

async function submitted() {
  const room = await classroom();
  await saveDraft(room.student.actor, room.assignment.id, 0, draft);
  await submitWork(room.student.actor, room.assignment.id, 1, true);
  const submission = (await getStudentWork(room.student.actor, room.assignment.id)).submission!;
  return { ...room, submission };
}

async function gradeAll(teacher: Parameters<typeof saveScore>[0], submissionId: string) {
  for (const c of ["ideation", "copywriting", "design", "reflection"]) await saveScore(teacher, submissionId, c, { points: 3 }, 0);
}

describe("scores", () => {
  it("accept only the criterion's own levels", async () => {
    const { teacher, submission } = await submitted();
    expect(await saveScore(teacher.actor, submission.id, "ideation", { points: 3 }, 0)).toEqual({ saved: true, version: 1 });
    await expect(saveScore(teacher.actor, submission.id, "ideation", { points: 4 }, 1)).rejects.toThrow(FieldError);
    await expect(saveScore(teacher.actor, submission.id, "ideation", { points: 0 }, 1)).rejects.toThrow(/Choose one of: 3, 2, 1/);
    await expect(saveScore(teacher.actor, submission.id, "made-up", { points: 3 }, 0)).rejects.toThrow(/isn't part of/);
    expect(await listScores(teacher.actor, submission.id)).toMatchObject([{ criterionId: "ideation", points: 3, version: 1 }]);
  });

  it("refuse a save based on a stale version and return what is stored, with who saved it", async () => {
    const { teacher, submission } = await submitted();
    await saveScore(teacher.actor, submission.id, "design", { points: 2, comment: "Bigger text" }, 0);
    const stale = await saveScore(teacher.actor, submission.id, "design", { points: 1 }, 0);
    expect(stale).toMatchObject({
      saved: false,
      conflict: { current: { points: 2, comment: "Bigger text" }, version: 1, by: teacher.row.name },
    });
    expect((await listScores(teacher.actor, submission.id))[0]?.points).toBe(2);
    expect(await saveScore(teacher.actor, submission.id, "design", { points: 1 }, 1)).toEqual({ saved: true, version: 2 });
  });

  it("save one of two scores sent at once from the same version, and hand the other the conflict", async () => {
    const { teacher, submission } = await submitted();
    const results = await Promise.all([1, 2, 3].map((points) => saveScore(teacher.actor, submission.id, "design", { points }, 0)));
    const saved = results.flatMap((r, i) => (r.saved ? [i + 1] : []));
    expect(saved).toHaveLength(1);
    for (const result of results) if (!result.saved) expect(result.conflict).toMatchObject({ version: 1, current: { points: saved[0] } });
    expect(await listScores(teacher.actor, submission.id)).toMatchObject([{ criterionId: "design", points: saved[0], version: 1 }]);
    expect(await gradeHistory(teacher.actor, submission.id)).toHaveLength(1);
  });

  it("record every change: who, when, criterion, old → new", async () => {
    const { teacher, submission } = await submitted();
    const t1 = new Date("2026-11-22T10:00:00Z");
    await saveScore(teacher.actor, submission.id, "ideation", { points: 2 }, 0, t1);
    await saveScore(teacher.actor, submission.id, "ideation", { points: 3, comment: "Great picks" }, 1, new Date("2026-11-22T10:05:00Z"));
    await saveScore(teacher.actor, submission.id, "ideation", { points: 3 }, 2);
    const history = await gradeHistory(teacher.actor, submission.id);
    expect(history.map((h) => [h.criterionId, h.field, h.oldValue, h.newValue, h.by])).toEqual(
      expect.arrayContaining([
        ["ideation", "points", null, "2", teacher.row.name],
        ["ideation", "points", "2", "3", teacher.row.name],
        ["ideation", "comment", "", "Great picks", teacher.row.name],
      ]),
    );
    expect(history).toHaveLength(3);
  });

  it("are the section teacher's alone", async () => {
    const { submission } = await submitted();
    const other = (await user("teacher")).actor;
    await expect(saveScore(other, submission.id, "ideation", { points: 3 }, 0)).rejects.toThrow(NotFoundError);
    await expect(listScores(other, submission.id)).rejects.toThrow(NotFoundError);
    await expect(gradeHistory(other, submission.id)).rejects.toThrow(NotFoundError);
  });
});

describe("feedback", () => {
  it("has versions and history like scores", async () => {
    const { teacher, submission } = await submitted();
    expect(await saveFeedback(teacher.actor, submission.id, "Nice work", 0)).toEqual({ saved: true, version: 1 });
    expect(await saveFeedback(teacher.actor, submission.id, "Other tab", 0)).toMatchObject({
      saved: false,
      conflict: { current: "Nice work", version: 1 },
    });
    expect(await gradeHistory(teacher.actor, submission.id)).toMatchObject([{ field: "feedback", oldValue: "", newValue: "Nice work" }]);
  });
});

describe("returning work", () => {
  it("hides scores from the student until returned, then shows them, marked updated after a change", async () => {
    const { teacher, student, section, assignment, submission } = await submitted();
    await gradeAll(teacher.actor, submission.id);
    await saveFeedback(teacher.actor, submission.id, "Well done", 0);
    expect(await getReturnedGrade(student.actor, assignment.id)).toBeNull();
    expect(await returnWork(teacher.actor, section.id, assignment.id, [submission.id])).toBe(1);
    const returned = (await getReturnedGrade(student.actor, assignment.id))!;
    expect(returned).toMatchObject({ feedback: "Well done", updatedAt: null });
    expect(returned.scores).toHaveLength(4);
    await saveScore(teacher.actor, submission.id, "design", { points: 2 }, 1);
    expect((await getReturnedGrade(student.actor, assignment.id))?.updatedAt).toBeInstanceOf(Date);
    expect(await getReturnedGrade((await user("student")).actor, assignment.id)).toBeNull();
  });

  it("'return all graded' skips partly graded and unsubmitted work", async () => {
    const full = await submitted();
    await gradeAll(full.teacher.actor, full.submission.id);
    expect(await returnWork(full.teacher.actor, full.section.id, full.assignment.id, "graded")).toBe(1);
    const partial = await submitted();
    await saveScore(partial.teacher.actor, partial.submission.id, "ideation", { points: 3 }, 0);
    expect(await returnWork(partial.teacher.actor, partial.section.id, partial.assignment.id, "graded")).toBe(0);
  });

  it("'return all graded' is undone from its toast: the work it returned goes back to graded, not work returned again since, nor after the undo window", async () => {
    const room = await submitted();
    await gradeAll(room.teacher.actor, room.submission.id);
    const other = await user("student");
    await enrollment(room.section.id, other.row.id);
    await saveDraft(other.actor, room.assignment.id, 0, draft);
    await submitWork(other.actor, room.assignment.id, 1, true);
    const otherWork = (await getStudentWork(other.actor, room.assignment.id)).submission!;
    await gradeAll(room.teacher.actor, otherWork.id);
    const t0 = new Date(Date.now() - 60_000);
    expect(await returnWork(room.teacher.actor, room.section.id, room.assignment.id, "graded", t0)).toBe(2);
    // The other student's work was reopened and returned again on its own since: it stays returned.
    await reopenWork(room.teacher.actor, otherWork.id);
    await returnWork(room.teacher.actor, room.section.id, room.assignment.id, [otherWork.id], new Date(t0.getTime() + 1000));
    // Another teacher: not found, and nothing changes.
    await expect(undoReturnAll((await user("teacher")).actor, room.section.id, room.assignment.id, t0)).rejects.toThrow(NotFoundError);
    expect(await getReturnedGrade(room.student.actor, room.assignment.id)).not.toBeNull();

    expect(await undoReturnAll(room.teacher.actor, room.section.id, room.assignment.id, t0)).toBe(1);
    expect(await getReturnedGrade(room.student.actor, room.assignment.id)).toBeNull();
    expect(await getReturnedGrade(other.actor, room.assignment.id)).not.toBeNull();
    const queue = (await listQueue(room.teacher.actor, room.section.id, room.assignment.id)).entries;
    expect(queue.find((e) => e.studentId === room.student.row.id)?.status).toBe("graded");
    expect(queue.find((e) => e.studentId === other.row.id)?.status).toBe("returned");
    // Undone again: nothing left to undo.
    expect(await undoReturnAll(room.teacher.actor, room.section.id, room.assignment.id, t0)).toBe(0);

    // Past the undo window, a return stays: it is reopened instead.
    const t1 = new Date();
    expect(await returnWork(room.teacher.actor, room.section.id, room.assignment.id, "graded", t1)).toBe(1);
    const late = new Date(t1.getTime() + UNDO_RETURN_MS + 1000);
    expect(await undoReturnAll(room.teacher.actor, room.section.id, room.assignment.id, t1, late)).toBe(0);
    expect(await getReturnedGrade(room.student.actor, room.assignment.id)).not.toBeNull();
  });

  it("can be reopened so the student may resubmit", async () => {
    const { teacher, student, section, assignment, submission } = await submitted();
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    await expect(saveDraft(student.actor, assignment.id, 1, draft)).rejects.toThrow(/returned/);
    await reopenWork(teacher.actor, submission.id);
    expect(await saveDraft(student.actor, assignment.id, 1, draft)).toMatchObject({ saved: true });
    await expect(reopenWork(teacher.actor, submission.id)).rejects.toThrow(FormError);
  });

  it("reopened where the student can't change it (closed, archived), says why and what would let them; open, says nothing", async () => {
    const open = await submitted();
    await returnWork(open.teacher.actor, open.section.id, open.assignment.id, [open.submission.id]);
    expect(await reopenWork(open.teacher.actor, open.submission.id)).toEqual({ studentLockedOut: null });

    const room = await classroom({ acceptLate: false });
    await saveDraft(room.student.actor, room.assignment.id, 0, draft);
    await submitWork(room.student.actor, room.assignment.id, 1, true);
    const { id } = (await getStudentWork(room.student.actor, room.assignment.id)).submission!;
    await returnWork(room.teacher.actor, room.section.id, room.assignment.id, [id]);
    const pastDue = new Date(room.assignment.dueAt.getTime() + 86_400_000);
    expect(await reopenWork(room.teacher.actor, id, {}, pastDue)).toEqual({
      studentLockedOut: "the assignment is past due and takes no late work. Accept late work to let them",
    });
    // With two days of their own (an extension), the same reopening leaves the work open to them.
    await returnWork(room.teacher.actor, room.section.id, room.assignment.id, [id]);
    await setExtension(
      room.teacher.actor,
      room.section.id,
      room.assignment.id,
      room.student.row.id,
      new Date(pastDue.getTime() + 86_400_000),
    );
    expect(await reopenWork(room.teacher.actor, id, {}, pastDue)).toEqual({ studentLockedOut: null });
    await returnWork(room.teacher.actor, room.section.id, room.assignment.id, [id]);
    await setSectionArchived(room.teacher.actor, room.section.id, true);
    expect(await reopenWork(room.teacher.actor, id)).toEqual({ studentLockedOut: "this section is archived. Restore it to let them" });
    // Taken off the roster: they can't open the work at all.
    await returnWork(open.teacher.actor, open.section.id, open.assignment.id, [open.submission.id]);
    const [enrolled] = await listRoster(open.teacher.actor, open.section.id);
    await setEnrollmentRemoved(open.teacher.actor, open.section.id, enrolled!.enrollmentId, true);
    expect(await reopenWork(open.teacher.actor, open.submission.id)).toEqual({
      studentLockedOut: "they are no longer on this section's roster. Restore them to let them",
    });
  });

  it("reopened, keeps the grade returned before readable by its student, never what is scored since; returned again, the new one", async () => {
    const { teacher, student, section, assignment, submission } = await submitted();
    await gradeAll(teacher.actor, submission.id);
    await saveFeedback(teacher.actor, submission.id, "Make the text bigger.", 0);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    const returned = (await getReturnedGrade(student.actor, assignment.id))!;
    expect(returned).toMatchObject({ earlier: false, feedback: "Make the text bigger." });
    await reopenWork(teacher.actor, submission.id);
    const earlier = (await getReturnedGrade(student.actor, assignment.id))!;
    expect(earlier).toMatchObject({ earlier: true, feedback: "Make the text bigger.", returnedAt: returned.returnedAt, updatedAt: null });
    expect(earlier.scores).toEqual(expect.arrayContaining(returned.scores));
    expect(earlier.scores).toHaveLength(returned.scores.length);
    // The teacher scores again before returning: the student still reads the earlier grade.
    await saveFeedback(teacher.actor, submission.id, "Not final yet", 1);
    const design = returned.scores.find((x) => x.criterionId === "design")!;
    const rescored = (await listScores(teacher.actor, submission.id)).find((x) => x.criterionId === "design")!;
    await saveScore(
      teacher.actor,
      submission.id,
      "design",
      { points: design.points === 1 ? 2 : 1, comment: "Half-written" },
      rescored.version,
    );
    const meanwhile = (await getReturnedGrade(student.actor, assignment.id))!;
    expect(meanwhile.feedback).toBe("Make the text bigger.");
    expect(meanwhile.scores.find((x) => x.criterionId === "design")).toEqual(design);
    // Nobody else reads it.
    expect(await getReturnedGrade((await user("student")).actor, assignment.id)).toBeNull();
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    expect(await getReturnedGrade(student.actor, assignment.id)).toMatchObject({ earlier: false, feedback: "Not final yet" });
  });

  it("keeps the rubric locked while reopened work holds the grade returned before, even with every point cleared since", async () => {
    const { teacher, section, assignment, submission } = await submitted();
    const renamed = structuredClone(assignment.rubric);
    renamed.criteria[0]!.title = "Ideas";
    // Allowed: nothing scored yet.
    expect(await rubricIsLocked(teacher.actor, section.id, assignment.id)).toBe(false);
    await updateRubric(teacher.actor, section.id, assignment.id, renamed, rubricVersion(assignment.rubric));
    await gradeAll(teacher.actor, submission.id);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    await reopenWork(teacher.actor, submission.id);
    for (const score of await listScores(teacher.actor, submission.id)) {
      await saveScore(teacher.actor, submission.id, score.criterionId, { points: null }, score.version);
    }
    expect((await listScores(teacher.actor, submission.id)).every((x) => x.points === null)).toBe(true);
    // Refused: the student still reads (and the export still sends) the grade returned on this rubric.
    expect(await rubricIsLocked(teacher.actor, section.id, assignment.id)).toBe(true);
    renamed.criteria[0]!.title = "Big ideas";
    await expect(updateRubric(teacher.actor, section.id, assignment.id, renamed, rubricVersion(renamed))).rejects.toThrow(
      /already been scored/,
    );
  });

  it("leaves the rubric open when the grade returned before was feedback alone, with no points to keep", async () => {
    const { teacher, section, assignment, submission } = await submitted();
    await saveFeedback(teacher.actor, submission.id, "Come and see me.", 0);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    await reopenWork(teacher.actor, submission.id);
    // Allowed: the earlier grade holds no points on any rubric row.
    expect(await rubricIsLocked(teacher.actor, section.id, assignment.id)).toBe(false);
    const renamed = structuredClone(assignment.rubric);
    renamed.criteria[0]!.title = "Ideas";
    await updateRubric(teacher.actor, section.id, assignment.id, renamed, rubricVersion(assignment.rubric));
    // Refused once one row has points.
    await saveScore(teacher.actor, submission.id, "ideation", { points: 2 }, 0);
    expect(await rubricIsLocked(teacher.actor, section.id, assignment.id)).toBe(true);
  });

  it("a return undone from its toast leaves the student nothing of it to read: not a first grade, nor over an earlier one", async () => {
    const { teacher, student, section, assignment, submission } = await submitted();
    await saveScore(teacher.actor, submission.id, "ideation", { points: 1, comment: "half-written thought" }, 0);
    await saveFeedback(teacher.actor, submission.id, "DRAFT not for student", 0);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    await reopenWork(teacher.actor, submission.id, { undo: true });
    expect(await getReturnedGrade(student.actor, assignment.id)).toBeNull();
    // Returned for real, reopened (the earlier grade is kept), then a stray return undone: still that earlier grade.
    await saveFeedback(teacher.actor, submission.id, "Final words", 1);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    await reopenWork(teacher.actor, submission.id);
    await saveFeedback(teacher.actor, submission.id, "Regrade in progress", 2);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    await reopenWork(teacher.actor, submission.id, { undo: true });
    expect(await getReturnedGrade(student.actor, assignment.id)).toMatchObject({ earlier: true, feedback: "Final words" });
  });

  it("work resubmitted after grading needs grading again before 'return all graded' takes it", async () => {
    const { teacher, student, section, assignment, submission } = await submitted();
    const entry = async () => (await listQueue(teacher.actor, section.id, assignment.id)).entries[0];
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
    await gradeAll(teacher.actor, submission.id);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    await reopenWork(teacher.actor, submission.id);
    // Reopened: the student's to improve, so neither to grade nor among "all graded" to return.
    expect(await entry()).toMatchObject({ status: "reopened", graded: true, needsGrading: false });
    expect(await returnWork(teacher.actor, section.id, assignment.id, "graded")).toBe(0);
    expect((await getStudentWork(student.actor, assignment.id)).status).toBe("reopened");
    const { version } = (await saveDraft(student.actor, assignment.id, 1, { ...draft, copy: "Hi [Name], again" })) as { version: number };
    await submitWork(student.actor, assignment.id, version, true, later(1));
    expect(await entry()).toMatchObject({ status: "submitted", graded: false, needsGrading: true });
    expect((await getStudentWork(student.actor, assignment.id)).status).toBe("submitted");
    expect(await returnWork(teacher.actor, section.id, assignment.id, "graded")).toBe(0);
    // One score saved after the resubmission makes it graded again (the others stand).
    await saveScore(teacher.actor, submission.id, "design", { points: 2 }, 1, later(2));
    expect(await entry()).toMatchObject({ graded: true, needsGrading: false });
    expect(await returnWork(teacher.actor, section.id, assignment.id, "graded")).toBe(1);
  });
});

describe("work handed in again and returned with the scores it had", () => {
  it("is graded for Analytics as for the Students list (returned, nothing waiting); handed in again unreturned, it waits", async () => {
    const { teacher, student, section, assignment, submission } = await submitted();
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
    const analytics = async () => buildAnalytics(await getAssignmentAnalytics(teacher.actor, section.id, assignment.id), later(60));
    await gradeAll(teacher.actor, submission.id);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    await reopenWork(teacher.actor, submission.id);
    const { version } = (await saveDraft(student.actor, assignment.id, 1, { ...draft, copy: "Hi [Name], once more" })) as {
      version: number;
    };
    await submitWork(student.actor, assignment.id, version, true, later(1));
    // Handed in again: waiting for the teacher, in the list and in Analytics alike, and not counted.
    expect((await listQueue(teacher.actor, section.id, assignment.id)).entries[0]).toMatchObject({
      status: "submitted",
      needsGrading: true,
    });
    expect(await analytics()).toMatchObject({ graded: 0, awaitingGrading: 1 });
    // Returned with the scores it had (the grading view asks first): its grade, everywhere.
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    expect((await listQueue(teacher.actor, section.id, assignment.id)).entries[0]).toMatchObject({
      status: "returned",
      needsGrading: false,
    });
    expect(await analytics()).toMatchObject({ graded: 1, awaitingGrading: 0, totals: { count: 1, average: 12 } });
  });
});

describe("returning the attempt on the grading view's screen", () => {
  it("is refused once the student has handed in another attempt; the new one, seen, goes back", async () => {
    const { teacher, student, section, assignment, submission } = await submitted();
    const later = (seconds: number) => new Date(Date.now() + seconds * 1000);
    await gradeAll(teacher.actor, submission.id);
    // The teacher opened attempt 1, fully scored; the student hands in attempt 2 before R is pressed.
    const { version } = (await saveDraft(student.actor, assignment.id, 1, { ...draft, copy: "Hi [Name], better" })) as { version: number };
    await submitWork(student.actor, assignment.id, version, true, later(1));
    await expect(returnWork(teacher.actor, section.id, assignment.id, { submissionId: submission.id, attempt: 1 })).rejects.toThrow(
      HANDED_IN_AGAIN,
    );
    expect((await getStudentWork(student.actor, assignment.id)).status).toBe("submitted");
    expect(await getReturnedGrade(student.actor, assignment.id)).toBeNull();
    // Reloaded, the view shows attempt 2: returning that is the teacher's call, and it goes back.
    expect(await returnWork(teacher.actor, section.id, assignment.id, { submissionId: submission.id, attempt: 2 })).toBe(1);
    expect((await getStudentWork(student.actor, assignment.id)).status).toBe("returned");
  });

  it("refuses another teacher's submission as not found, and one already returned as stale", async () => {
    const { teacher, section, assignment, submission } = await submitted();
    const other = await submitted();
    await expect(
      returnWork(other.teacher.actor, other.section.id, other.assignment.id, { submissionId: submission.id, attempt: 1 }),
    ).rejects.toThrow(FormError);
    await expect(returnWork(other.teacher.actor, section.id, assignment.id, { submissionId: submission.id, attempt: 1 })).rejects.toThrow(
      NotFoundError,
    );
    expect(await returnWork(teacher.actor, section.id, assignment.id, { submissionId: submission.id, attempt: 1 })).toBe(1);
    await expect(returnWork(teacher.actor, section.id, assignment.id, { submissionId: submission.id, attempt: 1 })).rejects.toThrow(
      /hasn't been returned yet/,
    );
  });
});

describe("'return all graded'", () => {
  it("returns the work of students on the roster only, as its count says; restored, the student's work goes back too", async () => {
    const room = await classroom();
    const removed = await user("student");
    const { id: enrollmentId } = await enrollment(room.section.id, removed.row.id);
    const kept = room.student;
    for (const s of [kept, removed]) {
      await saveDraft(s.actor, room.assignment.id, 0, draft);
      await submitWork(s.actor, room.assignment.id, 1, true);
      await gradeAll(room.teacher.actor, (await getStudentWork(s.actor, room.assignment.id)).submission!.id);
    }
    await setEnrollmentRemoved(room.teacher.actor, room.section.id, enrollmentId, true);
    expect(await returnWork(room.teacher.actor, room.section.id, room.assignment.id, "graded")).toBe(1);
    expect((await getStudentWork(kept.actor, room.assignment.id)).status).toBe("returned");
    await setEnrollmentRemoved(room.teacher.actor, room.section.id, enrollmentId, false);
    // Back on the roster, the removed student's work was never returned, and "all graded" now takes it.
    expect(await getReturnedGrade(removed.actor, room.assignment.id)).toBeNull();
    expect(await returnWork(room.teacher.actor, room.section.id, room.assignment.id, "graded")).toBe(1);
    expect(await getReturnedGrade(removed.actor, room.assignment.id)).not.toBeNull();
  });
});

describe("reopened work", () => {
  it("undoes only a return just made: an older one is reopened instead, keeping its grade readable", async () => {
    const { teacher, student, section, assignment, submission } = await submitted();
    await gradeAll(teacher.actor, submission.id);
    const at = new Date();
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id], at);
    const later = new Date(at.getTime() + UNDO_RETURN_MS + 1000);
    await expect(reopenWork(teacher.actor, submission.id, { undo: true }, later)).rejects.toThrow(/returned too long ago to undo/);
    expect((await getStudentWork(student.actor, assignment.id)).status).toBe("returned");
    // Within the window, it is undone.
    await reopenWork(teacher.actor, submission.id, { undo: true }, new Date(at.getTime() + UNDO_RETURN_MS - 1000));
    expect((await getStudentWork(student.actor, assignment.id)).status).toBe("submitted");
    expect(await getReturnedGrade(student.actor, assignment.id)).toBeNull();
  });

  it("stays reopened after a stray return is undone, and the teacher can still return it by hand", async () => {
    const { teacher, student, section, assignment, submission } = await submitted();
    const status = async () => (await getStudentWork(student.actor, assignment.id)).status;
    await gradeAll(teacher.actor, submission.id);
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    expect(await status()).toBe("returned");
    await reopenWork(teacher.actor, submission.id);
    expect(await status()).toBe("reopened");
    await returnWork(teacher.actor, section.id, assignment.id, [submission.id]);
    expect(await status()).toBe("returned");
    await reopenWork(teacher.actor, submission.id, { undo: true });
    expect(await status()).toBe("reopened");
    // A return undone on work never reopened leaves it handed in, as before the return.
    const other = await submitted();
    await gradeAll(other.teacher.actor, other.submission.id);
    await returnWork(other.teacher.actor, other.section.id, other.assignment.id, [other.submission.id]);
    await reopenWork(other.teacher.actor, other.submission.id, { undo: true });
    expect((await getStudentWork(other.student.actor, other.assignment.id)).status).toBe("submitted");
  });
});

describe("comment bank", () => {
  it("keeps a teacher's comments by criterion title across assignments, without duplicates", async () => {
    const teacher = (await user("teacher")).actor;
    const first = await bankComment(teacher, "Ideation", "Pick datapoints customers feel proud of.");
    expect((await bankComment(teacher, " ideation ", "Pick datapoints customers feel proud of.")).id).toBe(first.id);
    await editBankedComment(teacher, first.id, "Choose datapoints customers would be proud to share.");
    expect(await listBankedComments(teacher)).toEqual([
      { id: first.id, criterionKey: "ideation", text: "Choose datapoints customers would be proud to share." },
    ]);
    const other = (await user("teacher")).actor;
    expect(await listBankedComments(other)).toEqual([]);
    await expect(deleteBankedComment(other, first.id)).rejects.toThrow(NotFoundError);
    await deleteBankedComment(teacher, first.id);
    expect(await listBankedComments(teacher)).toEqual([]);
  });
});

describe("pure rules", () => {
  it("totals and completeness", async () => {
    const rubric = (await classroom()).assignment.rubric;
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
