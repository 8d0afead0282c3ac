import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { acquireReadConnection, getDb } from "@/db";
import { assignments, enrollments, scores, submissions, users } from "@/db/schema";
import type { GradebookRow } from "@/lib/gradebook";
import { isGradedSince, totalPoints } from "@/lib/grading";
import type { Rubric } from "@/lib/lesson/types";
import { workStatus } from "@/lib/workspace";
import type { SessionUser } from "./accounts";
import { getTeacherAssignment } from "./assignments";
import { getTeacherSection } from "./sections";

/** Gradebook exports, scoped to the acting teacher's sections. */


/** A row as SQLite returns it (raw arrays are cheaper than objects at 10,000 rows). */
type RawRow = [
  name: string,
  email: string,
  submissionId: string | null,
  submittedAt: number | null,
  late: number | null,
  attemptCount: number | null,
  returnedAt: number | null,
  feedback: string | null,
  scoresJson: string | null,
];

// Scores travel as one JSON array per student, so the export is a single streamed query.
const ROWS_SQL = `
  SELECT u.name, u.email, s.id AS submission_id, s.submitted_at, s.late, s.attempt_count, s.returned_at, s.feedback,
    (SELECT json_group_array(json_array(sc.criterion_id, sc.points, sc.comment, sc.updated_at))
       FROM scores sc WHERE sc.submission_id = s.id) AS scores_json
  FROM enrollments e
  JOIN sections sec ON sec.id = e.section_id AND sec.teacher_id = ?
  JOIN users u ON u.id = e.student_id
  LEFT JOIN submissions s ON s.assignment_id = ? AND s.student_id = e.student_id
  WHERE e.section_id = ? AND e.removed_at IS NULL
  ORDER BY u.name COLLATE NOCASE, u.email`;

export function toGradebookRow(rubric: Rubric, raw: RawRow): GradebookRow {
  const [name, email, submissionId, submittedAtMs, late, attemptCount, returnedAtMs, feedback, scoresJson] = raw;
  const list = scoresJson ? (JSON.parse(scoresJson) as [string, number | null, string, number][]) : [];
  const scored = list.map(([criterionId, points, comment, updatedAt]) => ({ criterionId, points, comment: comment ?? "", updatedAt: new Date(updatedAt) }));
  const submission = submissionId
    ? { submittedAt: submittedAtMs ? new Date(submittedAtMs) : null, late: Boolean(late), returnedAt: returnedAtMs ? new Date(returnedAtMs) : null }
    : null;
  const base = workStatus(submission);
  // The same rule as the grading overview: resubmitted work needs grading again.
  const graded = Boolean(submission?.submittedAt) && base !== "returned" && isGradedSince(rubric, scored, submission?.submittedAt ?? null);
  return {
    name,
    email,
    status: graded ? "graded" : base,
    submittedAt: submission?.submittedAt ?? null,
    late: submission?.late ?? false,
    attempts: attemptCount ?? 0,
    returnedAt: submission?.returnedAt ?? null,
    feedback: feedback ?? "",
    scores: scored.map(({ criterionId, points, comment }) => ({ criterionId, points, comment })),
    total: scored.some((x) => x.points !== null) ? totalPoints(rubric, scored) : null,
  };
}

/**
 * One assignment's gradebook rows, read lazily through a read-only connection that is given back
 * when the iteration ends (or is abandoned), so memory stays flat whatever the class size.
 */
export function exportAssignment(actor: SessionUser, sectionId: string, assignmentId: string) {
  const assignment = getTeacherAssignment(actor, sectionId, assignmentId);
  const section = getTeacherSection(actor, sectionId);
  function* rows(): Generator<GradebookRow> {
    const { sqlite, release } = acquireReadConnection();
    try {
      const statement = sqlite.prepare<[string, string, string], RawRow>(ROWS_SQL).raw(true);
      for (const raw of statement.iterate(actor.id, assignmentId, sectionId)) yield toGradebookRow(assignment.rubric, raw);
    } finally {
      release();
    }
  }
  return { assignment, section, rows: rows() };
}

/** The whole section: every active student, with one summary per assignment. */
export function exportSection(actor: SessionUser, sectionId: string) {
  const section = getTeacherSection(actor, sectionId);
  const db = getDb();
  const list = db.select().from(assignments).where(eq(assignments.sectionId, sectionId)).orderBy(asc(assignments.dueAt)).all();
  const students = db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(enrollments)
    .innerJoin(users, eq(users.id, enrollments.studentId))
    .where(and(eq(enrollments.sectionId, sectionId), isNull(enrollments.removedAt)))
    .orderBy(asc(users.name))
    .all();
  const work = list.map((a) => {
    const subs = db.select().from(submissions).where(eq(submissions.assignmentId, a.id)).all();
    const byStudent = new Map(
      subs.map((s) => {
        const own = db.select().from(scores).where(eq(scores.submissionId, s.id)).all();
        return [
          s.studentId,
          toGradebookRow(a.rubric, [
            "",
            "",
            s.id,
            s.submittedAt?.getTime() ?? null,
            s.late ? 1 : 0,
            s.attemptCount,
            s.returnedAt?.getTime() ?? null,
            s.feedback,
            JSON.stringify(own.map((x) => [x.criterionId, x.points, x.comment, x.updatedAt.getTime()])),
          ]),
        ];
      }),
    );
    return { assignment: a, byStudent };
  });
  return { section, assignments: list, students, work };
}
