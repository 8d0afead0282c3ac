import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDatabase } from "@/db";
import { attempts, enrollments, recapPicks, scores, submissions } from "@/db/schema";
import { makeGrade, makeSubmission } from "@/db/factories";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { buildAnalytics } from "@/lib/analytics";
import { FormError, NotFoundError } from "@/lib/errors";
import { assignment, enrollment, section, user } from "@/lib/test/factories";
import type { Draft } from "@/lib/validations/workspace";
import { getAssignmentAnalytics, getRecapCampaign, setRecapPick } from "./analytics";
import { DEFAULT_CARD } from "@/lib/studio/card";

const HOUR = 3_600_000;
const picks = (...columnIds: string[]): Draft => ({
  ...SAMPLE_DRAFTS.complete,
  picks: columnIds.map((columnId) => ({ columnId, reason: "Fun to see." })),
});
const points = (ideation: number, copywriting: number, design: number, reflection: number) => ({
  ideation: { points: ideation },
  copywriting: { points: copywriting },
  design: { points: design },
  reflection: { points: reflection },
});

/**
 * Six students, due an hour ago: two graded (11 and 8 points), one late and ungraded, one
 * resubmitted after grading (so not graded any more), one with a draft only, one not started;
 * plus a removed student whose graded work must not count.
 */
async function classWithWork() {
  const db = (await getDatabase()).writer;
  const teacher = await user("teacher");
  const s = await section(teacher.row.id);
  const now = Date.now();
  const a = await assignment(s.id, { dueAt: new Date(now - HOUR) });
  const student = async (removed = false) => {
    const row = (await user("student")).row;
    await enrollment(s.id, row.id, removed ? new Date() : null);
    return row;
  };
  const submit = async (draft: Draft, ...times: number[]) =>
    (await makeSubmission(db, { assignment: a, studentId: (await student()).id, draft, submittedAt: times.map((t) => new Date(t)) }))
      .submission;

  const first = await submit(picks("drink", "spend", "month"), now - 5 * HOUR);
  await makeGrade(db, { submissionId: first.id, teacherId: teacher.row.id, scores: points(3, 3, 2, 3) });
  const second = await submit(picks("drink", "month", "pastry"), now - 3 * HOUR);
  await makeGrade(db, { submissionId: second.id, teacherId: teacher.row.id, scores: points(2, 2, 1, 3), returnedAt: new Date() });
  await submit(picks("drink", "visits", "month"), now - HOUR / 2);
  const resubmitted = await submit(picks("purchases"), now - 4 * HOUR, now - HOUR / 4);
  await makeGrade(db, {
    submissionId: resubmitted.id,
    teacherId: teacher.row.id,
    scores: points(1, 1, 1, 1),
    at: new Date(now - 2 * HOUR),
  });
  await makeSubmission(db, { assignment: a, studentId: (await student()).id, draft: picks("drink", "gone") });
  await student();

  const removed = (
    await makeSubmission(db, {
      assignment: a,
      studentId: (await student(true)).id,
      draft: picks("latest"),
      submittedAt: [new Date(now - 4 * HOUR)],
    })
  ).submission;
  await makeGrade(db, { submissionId: removed.id, teacherId: teacher.row.id, scores: points(1, 1, 1, 1) });
  return { teacher, section: s, assignment: a, now };
}

describe("getAssignmentAnalytics", () => {
  it("reads the active students' work, with graded scores only for graded work", async () => {
    const { teacher, section: s, assignment: a } = await classWithWork();
    const input = await getAssignmentAnalytics(teacher.actor, s.id, a.id);
    expect(input.assignment.id).toBe(a.id);
    expect(input.counts).toEqual({ enrolled: 6, notStarted: 1, inProgress: 1, excused: 0, submitted: 2, late: 2, extended: 0 });
    expect(input.students).toHaveLength(6);
    expect(
      input.students
        .filter((w) => w.graded)
        .map((w) => w.total)
        .sort(),
    ).toEqual([11, 8]);
    expect(input.students.filter((w) => !w.graded).every((w) => w.total === null && w.scores.length === 0)).toBe(true);
    expect(input.students.find((w) => w.total === 11)!.scores).toHaveLength(4);
  });

  it("gives each student's picks twice: the draft's (Analytics) and the last attempt's (the Class Recap)", async () => {
    const { teacher, section: s, assignment: a } = await classWithWork();
    const db = (await getDatabase()).writer;
    // The best-graded student changes their picks after handing in, without handing in again.
    const input = await getAssignmentAnalytics(teacher.actor, s.id, a.id);
    const best = input.students.find((w) => w.total === 11)!;
    expect([best.picks, best.handedInPicks]).toEqual([
      ["drink", "spend", "month"],
      ["drink", "spend", "month"],
    ]);
    const row = (await db.select().from(submissions).where(eq(submissions.assignmentId, a.id))).find((r) =>
      r.draft.picks.some((p) => p.columnId === "spend"),
    )!;
    await db
      .update(submissions)
      .set({ draft: picks("visits") })
      .where(eq(submissions.id, row.id));
    const after = (await getAssignmentAnalytics(teacher.actor, s.id, a.id)).students.find((w) => w.total === 11)!;
    expect([after.picks, after.handedInPicks]).toEqual([["visits"], ["drink", "spend", "month"]]);
    // Handed in twice: the last attempt's picks, not the first's.
    const twice = (await db.select().from(submissions).where(eq(submissions.attemptCount, 2))).find((r) => r.assignmentId === a.id)!;
    const first = (
      await db
        .select()
        .from(attempts)
        .where(and(eq(attempts.submissionId, twice.id), eq(attempts.number, 1)))
    )[0]!;
    await db
      .update(attempts)
      .set({ snapshot: { ...first.snapshot, draft: picks("visits", "latest") } })
      .where(eq(attempts.id, first.id));
    const resubmitted = (await getAssignmentAnalytics(teacher.actor, s.id, a.id)).students.filter((w) =>
      w.handedInPicks.includes("purchases"),
    );
    expect(resubmitted).toHaveLength(1);
    // Never handed in: no picks handed in.
    expect(input.students.filter((w) => !w.submittedAt).every((w) => w.handedInPicks.length === 0)).toBe(true);
  });

  it("gives the numbers the page shows", async () => {
    const { teacher, section: s, assignment: a, now } = await classWithWork();
    const analytics = buildAnalytics(await getAssignmentAnalytics(teacher.actor, s.id, a.id), new Date(now));
    expect(analytics.summary).toMatchObject({
      enrolled: 6,
      submitted: 4,
      onTime: 2,
      late: 2,
      missing: 2,
      notStarted: 1,
      inProgress: 1,
      overdue: true,
    });
    expect(analytics.graded).toBe(2);
    expect(analytics.awaitingGrading).toBe(2);
    expect(analytics.totals).toMatchObject({ count: 2, average: 9.5, median: 9.5, maximum: 12 });
    expect(Object.fromEntries(analytics.criteria.map((c) => [c.criterionId, c.levels.map((l) => l.count)]))).toEqual({
      ideation: [1, 1, 0],
      copywriting: [1, 1, 0],
      design: [0, 1, 1],
      reflection: [2, 0, 0],
    });
    const pickCount = Object.fromEntries(analytics.picks.columns.map((c) => [c.columnId, c.count]));
    // The removed student's "latest" pick and the deleted "gone" column count for nothing.
    expect(pickCount).toEqual({ drink: 4, month: 3, spend: 1, pastry: 1, visits: 1, purchases: 1, earliest: 0, latest: 0 });
    expect(analytics.picks.students).toBe(5);
    expect(analytics.timeline).toMatchObject({ before: 2, after: 2 });
  });

  it("counts work returned with criteria unscored apart: neither graded nor waiting; scored in full, the same work is graded", async () => {
    const { teacher, section: s, assignment: a, now } = await classWithWork();
    const db = (await getDatabase()).writer;
    const figures = async () => buildAnalytics(await getAssignmentAnalytics(teacher.actor, s.id, a.id), new Date(now));
    const before = await figures();
    expect(before.returnedPartly).toBe(0);
    const row = (await user("student")).row;
    await enrollment(s.id, row.id);
    const { submission } = await makeSubmission(db, {
      assignment: a,
      studentId: row.id,
      draft: SAMPLE_DRAFTS.complete,
      submittedAt: [new Date(now - 2 * HOUR)],
    });
    const { ideation, copywriting, design, reflection } = points(3, 2, 2, 3);
    const returned = async (scored: Record<string, { points: number }>) =>
      await makeGrade(db, { submissionId: submission.id, teacherId: teacher.row.id, scores: scored, returnedAt: new Date(now) });
    await returned({ ideation, copywriting });
    const partly = await figures();
    expect([partly.returnedPartly, partly.graded, partly.awaitingGrading]).toEqual([1, before.graded, before.awaitingGrading]);
    await returned({ design, reflection });
    const whole = await figures();
    expect([whole.returnedPartly, whole.graded, whole.awaitingGrading]).toEqual([0, before.graded + 1, before.awaitingGrading]);
    expect(whole.totals.count).toBe(before.totals.count + 1);
  });

  it("is the section teacher's alone", async () => {
    const { section: s, assignment: a, teacher } = await classWithWork();
    const other = (await user("teacher")).actor;
    await expect(getAssignmentAnalytics(other, s.id, a.id)).rejects.toThrow(NotFoundError);
    // The right teacher with an id from elsewhere gets nothing either.
    const elsewhere = await section(other.id);
    await expect(getAssignmentAnalytics(teacher.actor, elsewhere.id, a.id)).rejects.toThrow(NotFoundError);
    await expect(getAssignmentAnalytics(teacher.actor, s.id, "no-such-assignment")).rejects.toThrow(NotFoundError);
  });

  it("works for a section with no students", async () => {
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const a = await assignment(s.id);
    const analytics = buildAnalytics(await getAssignmentAnalytics(teacher.actor, s.id, a.id), new Date());
    expect(analytics.summary).toMatchObject({ enrolled: 0, submitted: 0, missing: 0 });
    expect(analytics.totals.average).toBeNull();
    expect(analytics.timeline).toBeNull();
    expect(analytics.picks.students).toBe(0);
  });
});

/** A teacher's class with the lesson assigned; `hand` adds a student who handed in this draft, graded with these scores. */
async function recapClass() {
  const db = (await getDatabase()).writer;
  const teacher = await user("teacher");
  const s = await section(teacher.row.id);
  const a = await assignment(s.id);
  const hand = async (draft: Draft, scores: ReturnType<typeof points>, removed = false) => {
    const row = (await user("student")).row;
    await enrollment(s.id, row.id, removed ? new Date() : null);
    const { submission } = await makeSubmission(db, { assignment: a, studentId: row.id, draft, submittedAt: [new Date()] });
    await makeGrade(db, { submissionId: submission.id, teacherId: teacher.row.id, scores });
    return { student: row, submission };
  };
  return { db, teacher, s, a, hand };
}

describe("the Class Recap's campaign", () => {
  it("is the best-graded submitted work made in the studio, of an active student, as handed in; another teacher gets not found", async () => {
    const { teacher, s, a, hand } = await recapClass();
    const withCard = (headline: string): Draft => ({ ...SAMPLE_DRAFTS.complete, card: { ...DEFAULT_CARD, headline } });
    expect(await getRecapCampaign(teacher.actor, s.id, a.id)).toBeNull();
    await hand(withCard("Eight"), points(2, 2, 2, 2));
    await hand(withCard("Eleven"), points(3, 3, 3, 2));
    await hand(withCard("Removed twelve"), points(3, 3, 3, 3), true);
    await hand(SAMPLE_DRAFTS.complete, points(3, 3, 3, 3));
    const best = await getRecapCampaign(teacher.actor, s.id, a.id);
    expect(best?.campaign.draft.card?.headline).toBe("Eleven");
    // Only what the card shows leaves the query: no ideas, no reflection answers.
    expect(Object.keys(best!.campaign.draft).sort()).toEqual(["card", "copy", "picks"]);
    const other = await user("teacher");
    await expect(getRecapCampaign(other.actor, s.id, a.id)).rejects.toThrow(NotFoundError);
  });

  it("is the attempt the teacher graded, not one handed in since; once graded again, the new one", async () => {
    const db = (await getDatabase()).writer;
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    const a = await assignment(s.id);
    const student = (await user("student")).row;
    await enrollment(s.id, student.id);
    const t = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes));
    const draft = (headline: string): Draft => ({ ...SAMPLE_DRAFTS.complete, card: { ...DEFAULT_CARD, headline } });
    const { submission } = await makeSubmission(db, {
      assignment: a,
      studentId: student.id,
      draft: draft("As graded"),
      submittedAt: [t(0)],
    });
    await makeGrade(db, { submissionId: submission.id, teacherId: teacher.row.id, scores: points(3, 3, 3, 3), at: t(10) });
    // Handed in again after grading, with other words on the card: the graded attempt is still the one shown.
    await db.insert(attempts).values({
      submissionId: submission.id,
      number: 2,
      submittedAt: t(20),
      late: false,
      snapshot: { draft: draft("Swapped in"), images: [] },
    });
    await db
      .update(submissions)
      .set({ attemptCount: 2, submittedAt: t(20), draft: draft("Swapped in") })
      .where(eq(submissions.id, submission.id));
    expect((await getRecapCampaign(teacher.actor, s.id, a.id))?.campaign.draft.card?.headline).toBe("As graded");
    // The teacher grades the new attempt: now it is shown.
    await db
      .update(scores)
      .set({ updatedAt: t(30) })
      .where(eq(scores.submissionId, submission.id));
    await db
      .update(submissions)
      .set({ scoredAt: t(30) })
      .where(eq(submissions.id, submission.id));
    expect((await getRecapCampaign(teacher.actor, s.id, a.id))?.campaign.draft.card?.headline).toBe("Swapped in");
  });

  it("is never work not graded yet (one criterion scored, or scored as a draft and handed in after); graded, it is", async () => {
    const db = (await getDatabase()).writer;
    const teacher = await user("teacher");
    const t = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes));
    const draft = (headline: string): Draft => ({ ...SAMPLE_DRAFTS.complete, card: { ...DEFAULT_CARD, headline } });
    // Each in a class of its own: scored at minute 0 (all four criteria, or one), handed in at minute 10.
    for (const [headline, criteria] of [
      ["Scored as a draft", 4],
      ["One score, early", 1],
    ] as const) {
      const s = await section(teacher.row.id);
      const a = await assignment(s.id);
      const student = (await user("student")).row;
      await enrollment(s.id, student.id);
      const { submission } = await makeSubmission(db, {
        assignment: a,
        studentId: student.id,
        draft: draft(headline),
        submittedAt: [t(10)],
      });
      const some = Object.fromEntries(Object.entries(points(3, 3, 3, 3)).slice(0, criteria));
      await makeGrade(db, { submissionId: submission.id, teacherId: teacher.row.id, scores: some, at: t(0) });
      // Refused: not graded, so not put on the projector unless the teacher chooses it.
      expect(await getRecapCampaign(teacher.actor, s.id, a.id), headline).toBeNull();
      // Allowed: every criterion scored after it was handed in.
      await db.delete(scores).where(eq(scores.submissionId, submission.id));
      await makeGrade(db, { submissionId: submission.id, teacherId: teacher.row.id, scores: points(3, 3, 3, 3), at: t(20) });
      expect((await getRecapCampaign(teacher.actor, s.id, a.id))?.campaign.draft.card?.headline, headline).toBe(headline);
    }
  });

  it("passes over a card that draws nothing (one datapoint per card, none picked) for the next one that draws", async () => {
    const { teacher, s, a, hand } = await recapClass();
    await hand(
      { ...SAMPLE_DRAFTS.complete, picks: [], card: { ...DEFAULT_CARD, layout: "series", headline: "No picks" } },
      points(3, 3, 3, 3),
    );
    expect(await getRecapCampaign(teacher.actor, s.id, a.id)).toBeNull();
    await hand({ ...SAMPLE_DRAFTS.complete, card: { ...DEFAULT_CARD, layout: "series", headline: "Three picks" } }, points(1, 1, 1, 1));
    expect((await getRecapCampaign(teacher.actor, s.id, a.id))?.campaign.draft.card?.headline).toBe("Three picks");
  });

  it("is the teacher's pick while it can be shown: not another teacher's, nor a card that draws nothing, nor a removed student's", async () => {
    const { db, teacher, s, a, hand } = await recapClass();
    const withCard = (headline: string): Draft => ({ ...SAMPLE_DRAFTS.complete, card: { ...DEFAULT_CARD, headline } });
    const shown = async () => {
      const recap = await getRecapCampaign(teacher.actor, s.id, a.id);
      return [recap?.campaign.draft.card?.headline, recap?.pick];
    };
    await hand(withCard("Best"), points(3, 3, 3, 3));
    const quiet = await hand(withCard("Quiet one"), points(1, 1, 1, 1));
    const blank = await hand({ ...SAMPLE_DRAFTS.complete, picks: [], card: { ...DEFAULT_CARD, layout: "series" } }, points(2, 2, 2, 2));
    const noCard = await hand(SAMPLE_DRAFTS.complete, points(2, 2, 2, 2));
    expect(await shown()).toEqual(["Best", "best-graded"]);

    // Another teacher can't pick in this class; an attempt that isn't there can't be; a card that draws nothing, or no card, can't be.
    const other = await user("teacher");
    await expect(setRecapPick(other.actor, quiet.submission.id, 1)).rejects.toThrow(NotFoundError);
    await expect(setRecapPick(teacher.actor, quiet.submission.id, 2)).rejects.toThrow(NotFoundError);
    for (const refused of [blank, noCard]) await expect(setRecapPick(teacher.actor, refused.submission.id, 1)).rejects.toThrow(FormError);
    expect(await shown()).toEqual(["Best", "best-graded"]);

    // The class's own teacher picks the quiet one: it is shown, whatever its grade.
    expect(await setRecapPick(teacher.actor, quiet.submission.id, 1)).toEqual({ shown: "this", attempt: 1 });
    expect(await shown()).toEqual(["Quiet one", "chosen"]);
    // Its author hands in again: the recap keeps the attempt the teacher chose, until they choose the new one.
    await db.insert(attempts).values({
      submissionId: quiet.submission.id,
      number: 2,
      submittedAt: new Date(),
      late: false,
      snapshot: { draft: withCard("Quiet, later"), images: [] },
    });
    await db
      .update(submissions)
      .set({ attemptCount: 2, submittedAt: new Date(), draft: withCard("Quiet, later") })
      .where(eq(submissions.id, quiet.submission.id));
    expect(await shown()).toEqual(["Quiet one", "chosen"]);
    expect(await setRecapPick(teacher.actor, quiet.submission.id, 2)).toEqual({ shown: "this", attempt: 2 });
    expect(await shown()).toEqual(["Quiet, later", "chosen"]);
    // Taking another submission back leaves this pick alone (and says so); taking this one back goes back to the best.
    expect(await setRecapPick(teacher.actor, blank.submission.id, null)).toEqual({ shown: "other" });
    expect(await shown()).toEqual(["Quiet, later", "chosen"]);
    expect(await setRecapPick(teacher.actor, quiet.submission.id, null)).toEqual({ shown: "best-graded" });
    expect(await shown()).toEqual(["Best", "best-graded"]);

    // Picked, then its author leaves the class: the best-graded is shown, the recap says the pick can't
    // be, and the pick can no longer be made, but can still be taken back.
    await setRecapPick(teacher.actor, quiet.submission.id, 1);
    await db
      .update(enrollments)
      .set({ removedAt: new Date() })
      .where(and(eq(enrollments.sectionId, s.id), eq(enrollments.studentId, quiet.student.id)));
    expect(await shown()).toEqual(["Best", "chosen-unavailable"]);
    expect((await getRecapCampaign(teacher.actor, s.id, a.id))?.chosenSubmissionId).toBe(quiet.submission.id);
    await expect(setRecapPick(teacher.actor, quiet.submission.id, 1)).rejects.toThrow(NotFoundError);
    await expect(setRecapPick(other.actor, quiet.submission.id, null)).rejects.toThrow(NotFoundError);
    expect(await setRecapPick(teacher.actor, quiet.submission.id, null)).toEqual({ shown: "best-graded" });
    expect(await shown()).toEqual(["Best", "best-graded"]);
  });

  it("forgets the pick when the picked work is erased", async () => {
    const { db, teacher, s, a, hand } = await recapClass();
    const { submission } = await hand({ ...SAMPLE_DRAFTS.complete, card: DEFAULT_CARD }, points(3, 3, 3, 3));
    await setRecapPick(teacher.actor, submission.id, 1);
    await db.delete(submissions).where(eq(submissions.id, submission.id));
    expect(await getRecapCampaign(teacher.actor, s.id, a.id)).toBeNull();
    expect(await db.select().from(recapPicks).where(eq(recapPicks.assignmentId, a.id))).toEqual([]);
  });
});
