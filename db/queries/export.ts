import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb, openReadConnection } from "@/db";
import { assignments, enrollments, scores, submissions, users } from "@/db/schema";
import type { GradebookRow } from "@/lib/gradebook";
import { isGradedSince, totalPoints } from "@/lib/grading";
import type { Rubric } from "@/lib/lesson/types";
import { workStatus } from "@/lib/workspace";
import type { SessionUser } from "./accounts";
import { getTeacherAssignment } from "./assignments";
import { getTeacherSection } from "./sections";

/** Gradebook exports, scoped to the acting teacher's sections. */


type RawRow = {
  name: string;
  email: string;
  submission_id: string | null;
  submitted_at: number | null;
  late: number | null;
  attempt_count: number | null;
  returned_at: number | null;
  feedback: string | null;
  scores_json: string | null;
};

// Scores travel as one JSON array per student, so the export is a single streamed query.
const ROWS_SQL = `
  SELECT u.name, u.email, s.id AS submission_id, s.submitted_at, s.late, s.attempt_count, s.returned_at, s.feedback,
    (SELECT json_group_array(json_object('c', sc.criterion_id, 'p', sc.points, 'm', sc.comment, 'u', sc.updated_at))
       FROM scores sc WHERE sc.submission_id = s.id) AS scores_json
  FROM enrollments e
  JOIN sections sec ON sec.id = e.section_id AND sec.teacher_id = ?
  JOIN users u ON u.id = e.student_id
  LEFT JOIN submissions s ON s.assignment_id = ? AND s.student_id = e.student_id
  WHERE e.section_id = ? AND e.removed_at IS NULL
  ORDER BY u.name COLLATE NOCASE, u.email`;

export function toGradebookRow(rubric: Rubric, raw: RawRow): GradebookRow {
  const list = raw.scores_json ? (JSON.parse(raw.scores_json) as { c: string; p: number | null; m: string; u: number }[]) : [];
  const scored = list.map((x) => ({ criterionId: x.c, points: x.p, comment: x.m ?? "", updatedAt: new Date(x.u) }));
  const submission = raw.submission_id
    ? { submittedAt: raw.submitted_at ? new Date(raw.submitted_at) : null, late: Boolean(raw.late), returnedAt: raw.returned_at ? new Date(raw.returned_at) : null }
    : null;
  const base = workStatus(submission);
  // The same rule as the grading overview: resubmitted work needs grading again.
  const graded = Boolean(submission?.submittedAt) && base !== "returned" && isGradedSince(rubric, scored, submission?.submittedAt ?? null);
  return {
    name: raw.name,
    email: raw.email,
    status: graded ? "graded" : base,
    submittedAt: submission?.submittedAt ?? null,
    late: submission?.late ?? false,
    attempts: raw.attempt_count ?? 0,
    returnedAt: submission?.returnedAt ?? null,
    feedback: raw.feedback ?? "",
    scores: scored.map(({ criterionId, points, comment }) => ({ criterionId, points, comment })),
    total: scored.some((x) => x.points !== null) ? totalPoints(rubric, scored) : null,
  };
}

/**
 * One assignment's gradebook rows, read lazily through a private read-only connection that closes
 * when the iteration ends (or is abandoned), so memory stays flat whatever the class size.
 */
export function exportAssignment(actor: SessionUser, sectionId: string, assignmentId: string) {
  const assignment = getTeacherAssignment(actor, sectionId, assignmentId);
  const section = getTeacherSection(actor, sectionId);
  function* rows(): Generator<GradebookRow> {
    const connection = openReadConnection();
    try {
      const statement = connection.prepare<[string, string, string], RawRow>(ROWS_SQL);
      for (const raw of statement.iterate(actor.id, assignmentId, sectionId)) yield toGradebookRow(assignment.rubric, raw);
    } finally {
      connection.close();
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
          toGradebookRow(a.rubric, {
            name: "",
            email: "",
            submission_id: s.id,
            submitted_at: s.submittedAt?.getTime() ?? null,
            late: s.late ? 1 : 0,
            attempt_count: s.attemptCount,
            returned_at: s.returnedAt?.getTime() ?? null,
            feedback: s.feedback,
            scores_json: JSON.stringify(own.map((x) => ({ c: x.criterionId, p: x.points, m: x.comment, u: x.updatedAt.getTime() }))),
          }),
        ];
      }),
    );
    return { assignment: a, byStudent };
  });
  return { section, assignments: list, students, work };
}
