import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getDatabase } from "@/db";
import { lateMarks, makeSubmission } from "@/db/factories";
import { assignments, submissions } from "@/db/schema";
import { emptyDraft } from "@/lib/validations/workspace";
import { DEFAULT_LESSON_PLAN, defaultLessonContent } from "@/lib/lesson/default-lesson";
import type { StoredLessonContent } from "@/lib/lesson/types";
import { LESSON_CHANGED_ELSEWHERE, partVersion, rubricVersion, settingsVersion } from "@/lib/lesson/part-version";
import { classroom } from "@/lib/test/factories";
import { getTeacherAssignment, updateAssignmentSettings, updateLessonContent, updateRubric } from "./assignments";
import { getStudentWork } from "./work";

/** An assignment's content as stored before the worked example and the lesson plan existed. */
function contentFromBefore(): StoredLessonContent {
  const { copyExample: _example, lessonPlan: _plan, ...rest } = defaultLessonContent();
  return { ...rest, caseStudy: "An old, short case study the teacher wrote.", brief: "An old brief." };
}

const stored = async (id: string) => (await (await getDb()).select().from(assignments).where(eq(assignments.id, id)))[0]!.content;

describe("lesson content stored before the newer fields", () => {
  it("reads with the default lesson's worked example and plan, for the teacher and the student, and keeps the old texts", async () => {
    const { teacher, section, student, assignment } = await classroom({ content: contentFromBefore() });
    expect(await stored(assignment.id)).not.toHaveProperty("lessonPlan");

    const forTeacher = (await getTeacherAssignment(teacher.actor, section.id, assignment.id)).content;
    expect(forTeacher.caseStudy).toBe("An old, short case study the teacher wrote.");
    expect(forTeacher.copyExample).toBe(defaultLessonContent().copyExample);
    expect(forTeacher.lessonPlan).toEqual(DEFAULT_LESSON_PLAN);

    const forStudent = (await getStudentWork(student.actor, assignment.id)).assignment.content;
    expect(forStudent).toMatchObject({ brief: "An old brief.", copyExample: defaultLessonContent().copyExample });
  });

  it("saves an edit of one new field without losing any old text", async () => {
    const { teacher, section, assignment } = await classroom({ content: contentFromBefore() });
    await updateLessonContent(teacher.actor, section.id, assignment.id, { copyExample: "Hi [Name], [Drink] again?" });
    expect(await stored(assignment.id)).toMatchObject({
      caseStudy: "An old, short case study the teacher wrote.",
      brief: "An old brief.",
      copyExample: "Hi [Name], [Drink] again?",
    });
    const plan = { ...DEFAULT_LESSON_PLAN, grouping: "Pairs, then the whole class." };
    await updateLessonContent(teacher.actor, section.id, assignment.id, { lessonPlan: plan });
    const content = (await getTeacherAssignment(teacher.actor, section.id, assignment.id)).content;
    expect(content).toMatchObject({ copyExample: "Hi [Name], [Drink] again?", lessonPlan: { grouping: "Pairs, then the whole class." } });
  });

  it("fills in a stored plan that lacks a later field of its own", async () => {
    const { lessonPlan } = defaultLessonContent();
    const { grouping: _grouping, ...partial } = lessonPlan;
    const { teacher, section, assignment } = await classroom({
      content: { ...contentFromBefore(), lessonPlan: { ...partial, discussionNote: "Mine." } as typeof lessonPlan },
    });
    const read = (await getTeacherAssignment(teacher.actor, section.id, assignment.id)).content.lessonPlan;
    expect(read).toMatchObject({ discussionNote: "Mine.", grouping: DEFAULT_LESSON_PLAN.grouping });
  });

  it("gives the teacher their lesson plan and a student of the class none of it", async () => {
    const { teacher, section, student, assignment } = await classroom();
    const plan = {
      parts: [{ id: "p1", title: "Warm-up", minutes: 10, plan: "Answer key: question 1 is the loyalty data." }],
      discussionNote: "Jordan reads slowly: pair with Sam.",
      discussionPrompts: "Which datapoint felt creepy?",
      grouping: "Keep Alex and Sam apart.",
    };
    await updateLessonContent(teacher.actor, section.id, assignment.id, { lessonPlan: plan });
    expect((await getTeacherAssignment(teacher.actor, section.id, assignment.id)).content.lessonPlan).toEqual(plan);
    const forStudent = (await getStudentWork(student.actor, assignment.id)).assignment.content;
    expect(forStudent.lessonPlan).toEqual({ parts: [], discussionNote: "", discussionPrompts: "", grouping: "" });
    // Nothing of the plan anywhere in what the student's page receives.
    const everything = JSON.stringify(await getStudentWork(student.actor, assignment.id));
    for (const text of ["Answer key", "Jordan", "creepy", "Alex and Sam", "Warm-up"]) expect(everything).not.toContain(text);
    // The rest of the lesson the student needs is still there.
    expect(forStudent.questions).toHaveLength(3);
    expect(forStudent.dataset.rows).toHaveLength(5);
  });
});

describe("two tabs on the same setup page", () => {
  it("refuses a save based on a version of its part saved over since, and writes nothing; a save based on the latest goes through", async () => {
    const { teacher, section, assignment } = await classroom();
    const opened = (await getTeacherAssignment(teacher.actor, section.id, assignment.id)).content;
    const texts = { part: "texts" as const, version: partVersion(opened, "texts") };
    // Tab A saves a new case study; tab B, opened before, then saves its brief with the old case study.
    const savedA = await updateLessonContent(
      teacher.actor,
      section.id,
      assignment.id,
      { caseStudy: "A's case study", brief: opened.brief },
      texts,
    );
    await expect(
      updateLessonContent(teacher.actor, section.id, assignment.id, { caseStudy: opened.caseStudy, brief: "B's brief" }, texts),
    ).rejects.toThrow(LESSON_CHANGED_ELSEWHERE);
    expect(await stored(assignment.id)).toMatchObject({ caseStudy: "A's case study", brief: opened.brief });
    // Another part, opened at the same time, is not affected.
    const plan = { ...opened.lessonPlan, grouping: "B's groups" };
    await updateLessonContent(
      teacher.actor,
      section.id,
      assignment.id,
      { lessonPlan: plan },
      { part: "lessonPlan", version: partVersion(opened, "lessonPlan") },
    );
    // Tab A saves again from the version its first save returned; so does B once reloaded.
    const again = await updateLessonContent(
      teacher.actor,
      section.id,
      assignment.id,
      { caseStudy: "A's case study, again", brief: opened.brief },
      { part: "texts", version: savedA.version! },
    );
    const reloaded = (await getTeacherAssignment(teacher.actor, section.id, assignment.id)).content;
    expect(again.version).toBe(partVersion(reloaded, "texts"));
    await updateLessonContent(
      teacher.actor,
      section.id,
      assignment.id,
      { caseStudy: reloaded.caseStudy, brief: "B's brief" },
      { part: "texts", version: again.version! },
    );
    expect(await stored(assignment.id)).toMatchObject({
      caseStudy: "A's case study, again",
      brief: "B's brief",
      lessonPlan: { grouping: "B's groups" },
    });
  });

  it("refuses stale settings and a stale rubric the same way, and saves from the version each save returns", async () => {
    const { teacher, section, assignment } = await classroom();
    const opened = await getTeacherAssignment(teacher.actor, section.id, assignment.id);
    const settingsOf = (a: typeof opened) => ({
      title: a.title,
      instructions: a.instructions,
      dueAt: a.dueAt,
      acceptLate: a.acceptLate,
      closeAt: a.closeAt,
    });
    const later = new Date(opened.dueAt.getTime() + 7 * 86_400_000);
    // Tab A moves the due date; tab B, opened before, renames the assignment with the old date.
    const savedA = await updateAssignmentSettings(
      teacher.actor,
      section.id,
      assignment.id,
      { ...settingsOf(opened), dueAt: later },
      settingsVersion(opened),
    );
    await expect(
      updateAssignmentSettings(
        teacher.actor,
        section.id,
        assignment.id,
        { ...settingsOf(opened), title: "B's title" },
        settingsVersion(opened),
      ),
    ).rejects.toThrow(LESSON_CHANGED_ELSEWHERE);
    const afterA = await getTeacherAssignment(teacher.actor, section.id, assignment.id);
    expect(afterA).toMatchObject({ title: opened.title, dueAt: later });
    expect(savedA.version).toBe(settingsVersion(afterA));
    // A saves again from what its first save returned.
    await updateAssignmentSettings(teacher.actor, section.id, assignment.id, { ...settingsOf(afterA), title: "A's title" }, savedA.version);
    expect(await getTeacherAssignment(teacher.actor, section.id, assignment.id)).toMatchObject({ title: "A's title", dueAt: later });

    // The rubric: B's stale save would put back the criterion A renamed.
    const renamed = structuredClone(opened.rubric);
    renamed.criteria[0]!.title = "A's ideas";
    const rubricA = await updateRubric(teacher.actor, section.id, assignment.id, renamed, rubricVersion(opened.rubric));
    const stale = structuredClone(opened.rubric);
    stale.criteria[1]!.title = "B's copy";
    await expect(updateRubric(teacher.actor, section.id, assignment.id, stale, rubricVersion(opened.rubric))).rejects.toThrow(
      LESSON_CHANGED_ELSEWHERE,
    );
    renamed.criteria[1]!.title = "A's copy";
    await updateRubric(teacher.actor, section.id, assignment.id, renamed, rubricA.version);
    const titles = (await getTeacherAssignment(teacher.actor, section.id, assignment.id)).rubric.criteria.map((c) => c.title);
    expect(titles.slice(0, 2)).toEqual(["A's ideas", "A's copy"]);
  });
});

const settingsOf = (a: typeof assignments.$inferSelect) => ({
  title: a.title,
  instructions: a.instructions,
  dueAt: a.dueAt,
  acceptLate: a.acceptLate,
  closeAt: a.closeAt,
});

describe("moving the due date", () => {
  it("marks the work already handed in again, every attempt, as the new date says; other assignments' work keeps its marks", async () => {
    const HOUR = 3_600_000;
    const { teacher, section, student, assignment } = await classroom({ dueAt: new Date("2026-11-20T12:00:00Z") });
    const other = await classroom({ dueAt: new Date("2026-11-20T12:00:00Z") });
    const db = (await getDatabase()).writer;
    const due = assignment.dueAt.getTime();
    // Handed in an hour before the due date, then again two hours after it (late); exactly at it is on time.
    const { submission } = await makeSubmission(db, {
      assignment,
      studentId: student.row.id,
      draft: emptyDraft(),
      submittedAt: [new Date(due - HOUR), new Date(due + 2 * HOUR)],
    });
    const theirs = await makeSubmission(db, {
      assignment: other.assignment,
      studentId: other.student.row.id,
      draft: emptyDraft(),
      submittedAt: [new Date(due + 2 * HOUR)],
    });
    const marks = (submissionId: string) => lateMarks(db, submissionId);
    expect(await marks(submission.id)).toEqual({ submission: true, attempts: [false, true] });

    let version = settingsVersion(assignment);
    const move = async (dueAt: Date) => {
      ({ version } = await updateAssignmentSettings(
        teacher.actor,
        section.id,
        assignment.id,
        { ...settingsOf(assignment), dueAt },
        version,
      ));
    };
    // Three more hours for the class: the second hand-in is now on time too.
    await move(new Date(due + 3 * HOUR));
    expect(await marks(submission.id)).toEqual({ submission: false, attempts: [false, false] });
    // The due date moved earlier than both: both late. Exactly at the due date: on time.
    await move(new Date(due - 2 * HOUR));
    expect(await marks(submission.id)).toEqual({ submission: true, attempts: [true, true] });
    await move(new Date(due + 2 * HOUR));
    expect(await marks(submission.id)).toEqual({ submission: false, attempts: [false, false] });
    // A save that keeps the date (a new title) leaves the marks alone, and another class's work is untouched throughout.
    await db.update(submissions).set({ late: true }).where(eq(submissions.id, submission.id));
    ({ version } = await updateAssignmentSettings(
      teacher.actor,
      section.id,
      assignment.id,
      { ...settingsOf(assignment), dueAt: new Date(due + 2 * HOUR), title: "Renamed" },
      version,
    ));
    expect((await marks(submission.id)).submission).toBe(true);
    expect(await marks(theirs.submission.id)).toEqual({ submission: true, attempts: [true] });
    // And the student's own page says so.
    expect((await getStudentWork(student.actor, assignment.id)).status).toBe("submitted_late");
  });
});

describe("closing now", () => {
  it("closes by the server's clock as it saves, whatever dates the form sent: work handed in before stays on time, and the class can't change its work", async () => {
    const HOUR = 3_600_000;
    const now = new Date();
    const { teacher, section, student, assignment } = await classroom({ dueAt: new Date(now.getTime() + 48 * HOUR), acceptLate: true });
    const db = (await getDatabase()).writer;
    // Handed in an hour ago, two days before the due date.
    const { submission } = await makeSubmission(db, {
      assignment,
      studentId: student.row.id,
      draft: emptyDraft(),
      submittedAt: [new Date(now.getTime() - HOUR)],
    });
    const other = await classroom({ dueAt: new Date(now.getTime() + 48 * HOUR) });
    // The form sends the dates it shows (a close date a week ahead): the server's clock closes it.
    const sent = { ...settingsOf(assignment), closeAt: new Date(now.getTime() + 7 * 24 * HOUR) };
    const saved = await updateAssignmentSettings(teacher.actor, section.id, assignment.id, sent, settingsVersion(assignment), {
      closeNow: true,
      now,
    });
    expect(saved).toMatchObject({ dueAt: now, closeAt: now });
    expect(await getTeacherAssignment(teacher.actor, section.id, assignment.id)).toMatchObject({ dueAt: now, closeAt: now });
    expect(saved.version).toBe(settingsVersion(await getTeacherAssignment(teacher.actor, section.id, assignment.id)));
    expect(await lateMarks(db, submission.id)).toEqual({ submission: false, attempts: [false] });
    expect((await getStudentWork(student.actor, assignment.id, new Date(now.getTime() + 1000))).state).toMatchObject({ editable: false });
    // Without closeNow, the dates sent are the dates saved, and another class is untouched throughout.
    const reopened = await updateAssignmentSettings(
      teacher.actor,
      section.id,
      assignment.id,
      { ...settingsOf(assignment), dueAt: now, closeAt: null },
      saved.version,
    );
    expect(reopened).toMatchObject({ dueAt: now, closeAt: null });
    expect((await getStudentWork(student.actor, assignment.id, new Date(now.getTime() + 1000))).state).toMatchObject({ editable: true });
    expect(await getTeacherAssignment(other.teacher.actor, other.section.id, other.assignment.id)).toMatchObject({
      dueAt: other.assignment.dueAt,
      closeAt: null,
    });
  });
});
