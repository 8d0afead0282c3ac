import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getDatabase } from "@/db";
import { discussionStars, enrollments, submissions } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { assignment, classroom, enrollment, section, user } from "@/lib/test/factories";
import type { Draft } from "@/lib/validations/workspace";
import { getDiscussion, setStar } from "./discussion";
import { saveDraft, submitWork } from "./work";

type Actor = Awaited<ReturnType<typeof user>>["actor"];

const draftWith = (answers: Record<string, string>): Draft => ({ ideas: [], picks: [], copy: "", answers });

/** Saves and submits, as the student would (incomplete work confirmed). */
async function submit(student: Actor, assignmentId: string, answers: Record<string, string>, baseVersion = 0) {
  await saveDraft(student, assignmentId, baseVersion, draftWith(answers));
  await submitWork(student, assignmentId, baseVersion + 1, true);
}

async function joined(sectionId: string) {
  const student = await user("student");
  await enrollment(sectionId, student.row.id);
  return student;
}

const starsOf = async (submissionId: string) =>
  await (await getDb()).select().from(discussionStars).where(eq(discussionStars.submissionId, submissionId));
const submissionOf = async (studentId: string) =>
  (await (await getDb()).select().from(submissions).where(eq(submissions.studentId, studentId)))[0]!.id;
const hidden = { showNames: false };
const shown = { showNames: true };

describe("the discussion board", () => {
  it("shows each question's submitted answers, counts the rest, and keeps drafts private", async () => {
    const room = await classroom();
    const { teacher, section: s, assignment: a } = room;
    await submit(room.student.actor, a.id, { q1: "A birthday muffin coupon", q2: "  ", q3: "Only with my say-so" });
    const second = await joined(s.id);
    await submit(second.actor, a.id, { q1: "A playlist of my summer", q2: "Phone and watch" });
    const drafting = await joined(s.id);
    await saveDraft(drafting.actor, a.id, 0, draftWith({ q1: "Still thinking, not for the class yet" }));
    await joined(s.id); // has not started
    const removed = await user("student");
    await enrollment(s.id, removed.row.id, new Date());

    const { questions, counts } = await getDiscussion(teacher.actor, s.id, a.id, hidden);
    expect(counts).toEqual({ students: 4, submitted: 2, inProgress: 1, notStarted: 1, excused: 0 });
    expect(questions.map((q) => q.id)).toEqual(["q1", "q2", "q3"]);
    expect(questions[0]!.answers.map((x) => x.text).sort()).toEqual(["A birthday muffin coupon", "A playlist of my summer"]);
    expect(questions[0]!.answers.map((x) => x.number)).toEqual([1, 2]);
    // Blank (or whitespace-only) answers are counted, not shown as cards.
    expect(questions[1]).toMatchObject({ blank: 1, answers: [{ text: "Phone and watch" }] });
    expect(questions[2]).toMatchObject({ blank: 1, answers: [{ text: "Only with my say-so" }] });
    expect(JSON.stringify(questions)).not.toContain("Still thinking");
  });

  it("shows what was submitted, not edits made to the draft afterwards", async () => {
    const { teacher, student, section: s, assignment: a } = await classroom();
    await submit(student.actor, a.id, { q1: "What I handed in" });
    await saveDraft(student.actor, a.id, 1, draftWith({ q1: "Edited later, never submitted" }));
    expect((await getDiscussion(teacher.actor, s.id, a.id, hidden)).questions[0]!.answers.map((x) => x.text)).toEqual(["What I handed in"]);
    await submitWork(student.actor, a.id, 2, true);
    expect((await getDiscussion(teacher.actor, s.id, a.id, hidden)).questions[0]!.answers.map((x) => x.text)).toEqual([
      "Edited later, never submitted",
    ]);
  });

  it("leaves names out unless asked for", async () => {
    const { teacher, student, section: s, assignment: a } = await classroom();
    await submit(student.actor, a.id, { q1: "Mine" });
    const anonymous = await getDiscussion(teacher.actor, s.id, a.id, hidden);
    expect(anonymous.questions[0]!.answers[0]!.name).toBeNull();
    expect(JSON.stringify(anonymous.questions)).not.toContain(student.row.name);
    expect((await getDiscussion(teacher.actor, s.id, a.id, shown)).questions[0]!.answers[0]!.name).toBe(student.row.name);
  });

  it("orders answers the same way on every load and with names on or off, shuffled per question", async () => {
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const a = await assignment(s.id);
    for (let i = 0; i < 8; i++) await submit((await joined(s.id)).actor, a.id, { q1: `one ${i}`, q2: `two ${i}`, q3: `three ${i}` });
    const first = (await getDiscussion(teacher.actor, s.id, a.id, hidden)).questions;
    const again = (await getDiscussion(teacher.actor, s.id, a.id, shown)).questions;
    for (const [i, q] of first.entries()) {
      expect(q.answers.map((x) => x.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(again[i]!.answers.map((x) => [x.number, x.submissionId, x.text])).toEqual(
        q.answers.map((x) => [x.number, x.submissionId, x.text]),
      );
    }
    // With eight answers, three questions in the same order would be a 1-in-40,320² coincidence.
    const orders = first.map((q) => q.answers.map((x) => x.submissionId).join());
    expect(new Set(orders).size).toBeGreaterThan(1);
  });

  it("is the section teacher's alone: other teachers, students and mismatched ids get NotFound", async () => {
    const { teacher, student, section: s, assignment: a } = await classroom();
    await submit(student.actor, a.id, { q1: "Private to my teacher" });
    const otherTeacher = await user("teacher");
    const otherSection = await section(teacher.row.id);
    await expect(getDiscussion(otherTeacher.actor, s.id, a.id, shown)).rejects.toThrow(NotFoundError);
    await expect(getDiscussion(student.actor, s.id, a.id, shown)).rejects.toThrow(NotFoundError);
    // The teacher's own other section with this assignment's id: not a pair that exists.
    await expect(getDiscussion(teacher.actor, otherSection.id, a.id, shown)).rejects.toThrow(NotFoundError);
    await expect(getDiscussion(teacher.actor, s.id, crypto.randomUUID(), shown)).rejects.toThrow(NotFoundError);
  });
});

describe("stars", () => {
  async function submitted() {
    const room = await classroom();
    await submit(room.student.actor, room.assignment.id, { q1: "Worth discussing", q2: "Also this" });
    const answer = (await getDiscussion(room.teacher.actor, room.section.id, room.assignment.id, hidden)).questions[0]!.answers[0]!;
    return { ...room, submissionId: answer.submissionId };
  }

  it("set and clear one answer's star, idempotently, and show on the board", async () => {
    const { teacher, section: s, assignment: a, submissionId } = await submitted();
    expect(await setStar(teacher.actor, submissionId, "q1", true, "Worth discussing")).toEqual({ starred: true });
    expect(await setStar(teacher.actor, submissionId, "q1", true, "Worth discussing")).toEqual({ starred: true });
    expect(await starsOf(submissionId)).toMatchObject([{ questionId: "q1", starredBy: teacher.row.id }]);
    const board = (await getDiscussion(teacher.actor, s.id, a.id, hidden)).questions;
    expect(board[0]!.answers[0]!.starred).toBe(true);
    // A star belongs to one question's answer, not to the whole submission.
    expect(board[1]!.answers[0]!.starred).toBe(false);

    expect(await setStar(teacher.actor, submissionId, "q1", false)).toEqual({ starred: false });
    expect(await setStar(teacher.actor, submissionId, "q1", false)).toEqual({ starred: false });
    expect(await starsOf(submissionId)).toEqual([]);
  });

  it("go when the student hands in a changed answer (the starred text is gone), and stay on answers they left as they were", async () => {
    const { teacher, student, section: s, assignment: a, submissionId } = await submitted();
    await setStar(teacher.actor, submissionId, "q1", true, "Worth discussing");
    await setStar(teacher.actor, submissionId, "q2", true, "Also this");
    // Handed in again with q2 changed: q1's star stays, q2's goes.
    await submit(student.actor, a.id, { q1: "Worth discussing", q2: "Replaced after the star" }, 1);
    expect((await starsOf(submissionId)).map((star) => star.questionId)).toEqual(["q1"]);
    const board = (await getDiscussion(teacher.actor, s.id, a.id, hidden)).questions;
    expect(board.slice(0, 2).map((q) => q.answers[0]!.starred)).toEqual([true, false]);
    expect(board[1]!.answers[0]!.text).toBe("Replaced after the star");
    // A draft saved but not handed in changes no star.
    await saveDraft(student.actor, a.id, 2, draftWith({ q1: "Only a draft", q2: "Replaced after the star" }));
    expect((await starsOf(submissionId)).map((star) => star.questionId)).toEqual(["q1"]);
  });

  it("go only on the words the teacher read: an answer handed in anew since the board was loaded is refused as stale", async () => {
    const { teacher, student, assignment: a, submissionId } = await submitted();
    // The teacher's board shows "Worth discussing"; the student hands in another answer meanwhile.
    await submit(student.actor, a.id, { q1: "Something else entirely", q2: "Also this" }, 1);
    await expect(setStar(teacher.actor, submissionId, "q1", true, "Worth discussing")).rejects.toMatchObject({ code: "stale" });
    await expect(setStar(teacher.actor, submissionId, "q1", true)).rejects.toMatchObject({ code: "stale" });
    expect(await starsOf(submissionId)).toEqual([]);
    // Read again (the board reloaded), it can be starred; unstarring needs nothing read.
    expect(await setStar(teacher.actor, submissionId, "q1", true, "Something else entirely ")).toEqual({ starred: true });
    expect(await setStar(teacher.actor, submissionId, "q1", false)).toEqual({ starred: false });
  });

  it("refuse other teachers and students, and change nothing", async () => {
    const { teacher, student, submissionId } = await submitted();
    await setStar(teacher.actor, submissionId, "q1", true, "Worth discussing");
    const before = await starsOf(submissionId);
    const intruder = (await user("teacher")).actor;
    await expect(setStar(intruder, submissionId, "q1", false)).rejects.toThrow(NotFoundError);
    await expect(setStar(intruder, submissionId, "q2", true)).rejects.toThrow(NotFoundError);
    await expect(setStar(student.actor, submissionId, "q1", false)).rejects.toThrow(NotFoundError);
    await expect(setStar(student.actor, submissionId, "q2", true)).rejects.toThrow(NotFoundError);
    expect(await starsOf(submissionId)).toEqual(before);
  });

  it("refuse answers that aren't on the board: unknown question, unsubmitted work, removed student", async () => {
    const { teacher, submissionId, section: s, assignment: a } = await submitted();
    await expect(setStar(teacher.actor, submissionId, "q9", true)).rejects.toThrow(NotFoundError);
    await expect(setStar(teacher.actor, crypto.randomUUID(), "q1", true)).rejects.toThrow(NotFoundError);

    const drafting = await joined(s.id);
    await saveDraft(drafting.actor, a.id, 0, draftWith({ q1: "Not submitted" }));
    const draftId = await submissionOf(drafting.row.id);
    await expect(setStar(teacher.actor, draftId, "q1", true)).rejects.toThrow(NotFoundError);

    const leaving = await user("student");
    const enrolled = await enrollment(s.id, leaving.row.id);
    await submit(leaving.actor, a.id, { q1: "Then I left" });
    const leavingId = await submissionOf(leaving.row.id);
    await (await getDatabase()).writer.update(enrollments).set({ removedAt: new Date() }).where(eq(enrollments.id, enrolled.id));
    await expect(setStar(teacher.actor, leavingId, "q1", true)).rejects.toThrow(NotFoundError);
    expect([...(await starsOf(draftId)), ...(await starsOf(leavingId))]).toEqual([]);
  });
});
