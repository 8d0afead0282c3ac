import { and, eq } from "drizzle-orm";
import type { DB } from "../../db";
import { makeAssignment, makeGrade, makeSubmission } from "../../db/factories";
import { bankedComments, gradeEvents, scores, submissions } from "../../db/schema";
import type { Draft } from "../../lib/validations/workspace";
import type { Make } from "./fixtures";

/**
 * Grading test data straight through db/factories (like the demo seed, never touching its rows):
 * assignments, submitted work and saved grades, plus small readers for what the app stored.
 */

const HOUR = 3_600_000;

/** A complete draft apart from images; `tag` makes each student's work recognisable. */
export const draftFor = (tag: string): Draft => ({
  ideas: [{ id: "idea-1", text: `Earliest order of the year (${tag})` }],
  picks: [
    { columnId: "drink", reason: "Everyone has a drink they are known for." },
    { columnId: "spend", reason: "A surprising total is fun to share." },
    { columnId: "month", reason: "It shows when they loved us most." },
  ],
  copy: `Hi [Name]! ${tag} says: you kept coming back for [Drink] and loved [Month] most.`,
  answers: { q1: "A birthday coupon from a bakery.", q2: "Maps, music, school apps.", q3: "Offers on my favourite things." },
});

export type Points = Partial<Record<"ideation" | "copywriting" | "design" | "reflection", number>>;

export function gradingData(db: DB) {
  return {
    /** The built-in lesson (rubric: ideation, copywriting, design, reflection; levels 3/2/1), due in a week. */
    assignment: async (sectionId: string, overrides: Omit<Parameters<typeof makeAssignment>[1], "sectionId"> = {}) =>
      await makeAssignment(db, { sectionId, title: `Grading ${Date.now().toString(36)}`, ...overrides }),

    /** Work submitted an hour ago (once, unless `times` says otherwise). */
    submitted: async (
      assignment: { id: string; dueAt: Date },
      studentId: string,
      tag = studentId.slice(0, 8),
      times = [new Date(Date.now() - HOUR)],
    ) =>
      (
        await makeSubmission(db, {
          assignment,
          studentId,
          draft: draftFor(tag),
          submittedAt: times,
          startedAt: new Date(Date.now() - 2 * HOUR),
        })
      ).submission,

    /** Scores (with history) as a teacher would have saved them, optionally with feedback and a return. */
    grade: async (
      submissionId: string,
      teacherId: string,
      points: Points,
      extra: { comments?: Partial<Record<keyof Points, string>>; feedback?: string; returnedAt?: Date } = {},
    ) =>
      await makeGrade(db, {
        submissionId,
        teacherId,
        scores: Object.fromEntries(
          Object.entries(points).map(([id, p]) => [id, { points: p!, comment: extra.comments?.[id as keyof Points] ?? "" }]),
        ),
        feedback: extra.feedback,
        returnedAt: extra.returnedAt ?? null,
      }),

    // ——— Readers ———

    /** { criterionId: points } as stored. */
    pointsOf: async (submissionId: string) =>
      Object.fromEntries(
        (await db.select().from(scores).where(eq(scores.submissionId, submissionId))).map((s) => [s.criterionId, s.points]),
      ),
    scoreOf: async (submissionId: string, criterionId: string) =>
      (
        await db
          .select()
          .from(scores)
          .where(and(eq(scores.submissionId, submissionId), eq(scores.criterionId, criterionId)))
      )[0],
    submission: async (submissionId: string) => (await db.select().from(submissions).where(eq(submissions.id, submissionId)))[0]!,
    eventsOf: async (submissionId: string) => await db.select().from(gradeEvents).where(eq(gradeEvents.submissionId, submissionId)),
    bankOf: async (teacherId: string) => await db.select().from(bankedComments).where(eq(bankedComments.teacherId, teacherId)),
  };
}

/** A teacher's section with students (one per name, none started) and an assignment due yesterday. */
export async function pastDueClass<const Names extends readonly string[]>(make: Make, db: DB, names: Names) {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id, { dueAt: new Date(Date.now() - 24 * 3_600_000) });
  const students = [];
  for (const name of names) {
    const student = await make.student(name);
    await make.enroll(section.id, student.id);
    students.push(student);
  }
  return { data, teacher, section, assignment, students: students as { [K in keyof Names]: (typeof students)[number] } };
}
