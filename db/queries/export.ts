import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { acquireReadConnection, getDb } from "@/db";
import { assignments, sections } from "@/db/schema";
import type { GradebookRow } from "@/lib/gradebook";
import { isGradedSince, totalPoints } from "@/lib/grading";
import type { Rubric } from "@/lib/lesson/types";
import { workStatus } from "@/lib/workspace";
import type { SessionUser } from "./accounts";
import { loadTeacherAssignment, loadTeacherSection, taughtBy, taughtBySql } from "./ownership";

/**
 * Gradebook exports, scoped to the acting teacher's sections.
 *
 * Both exports read through one query shape: every active student of the section, in name order,
 * with their work on one assignment. The section-wide export runs it once per assignment and steps
 * the results side by side, so neither export ever holds more than one row per assignment.
 */

/** A row as SQLite returns it (raw arrays are cheaper than objects at 10,000 rows). */
type RawRow = [
  name: string,
  email: string,
  hasSubmission: 0 | 1,
  submittedAt: number | null,
  late: 0 | 1 | null,
  attemptCount: number | null,
  returnedAt: number | null,
  feedback: string | null,
  /** [last scored at, any points (0/1), then points and comment per rubric criterion] */
  scoresJson: string | null,
];

/**
 * One row per active student of the section, in name order, with their work on one assignment.
 *
 * The scores come pivoted by one correlated subquery: a single seek into the submission's few
 * scores (the (submission_id, criterion_id) index), one column pair per rubric criterion (ids
 * bound as @c0, @c1, …, never interpolated), packed as a flat JSON array since a subquery yields
 * one value. Measured: one join or one subquery per criterion costs a seek each and a GROUP BY
 * two temp B-trees (both slower); the former nested JSON list costs about the same in all (less
 * SQL, three times the decoding). The last-scored time and "any points" cover every score, even
 * on a criterion since removed from the rubric, exactly as the grading view's rules see them.
 *
 * The assignment must belong to the section (checked once, by the uncorrelated subquery), so a
 * foreign id, or none for a section without assignments, yields the roster with no work, never
 * another section's. Students sort by name ignoring case: lower() folds ASCII letters exactly as
 * COLLATE NOCASE would, but leaves the sorter plain text to compare, which is measurably cheaper.
 * The (unique) email breaks ties, so every statement over one snapshot lists the same order.
 */
function rowsSql(criteria: number): string {
  const pivot = Array.from(
    { length: criteria },
    (_, i) => `, MAX(sc.points) FILTER (WHERE sc.criterion_id = @c${i}), MAX(sc.comment) FILTER (WHERE sc.criterion_id = @c${i})`,
  ).join("");
  return `
    SELECT u.name, u.email, s.id IS NOT NULL, s.submitted_at, s.late, s.attempt_count, s.returned_at, s.feedback,
      (SELECT json_array(MAX(sc.updated_at), MAX(sc.points IS NOT NULL)${pivot}) FROM scores sc WHERE sc.submission_id = s.id)
    FROM enrollments e
    JOIN sections sec ON sec.id = e.section_id AND ${taughtBySql("sec")}
    JOIN users u ON u.id = e.student_id
    LEFT JOIN submissions s ON s.student_id = e.student_id
      AND s.assignment_id = (SELECT a.id FROM assignments a WHERE a.id = @assignment AND a.section_id = @section)
    WHERE e.section_id = @section AND e.removed_at IS NULL
    ORDER BY lower(u.name), u.email`;
}

/** Turns raw rows into gradebook rows for one assignment's rubric. */
function rowReader(rubric: Rubric) {
  const ids = rubric.criteria.map((c) => c.id);
  return (raw: RawRow): GradebookRow => {
    const [name, email, hasSubmission, submittedAtMs, late, attemptCount, returnedAtMs, feedback, scoresJson] = raw;
    if (!hasSubmission)
      return {
        name,
        email,
        status: "not_started",
        submittedAt: null,
        late: false,
        attempts: 0,
        returnedAt: null,
        feedback: "",
        scores: [],
        total: null,
      };
    // [last scored at, any points, points₀, comment₀, points₁, comment₁, …]
    const packed = JSON.parse(scoresJson!) as (number | string | null)[];
    const scores: GradebookRow["scores"] = [];
    for (let i = 0; i < ids.length; i++) {
      const comment = packed[3 + 2 * i] as string | null; // NOT NULL in the table: null means no score row
      if (comment !== null) scores.push({ criterionId: ids[i]!, points: packed[2 + 2 * i] as number | null, comment });
    }
    const submission = {
      submittedAt: submittedAtMs === null ? null : new Date(submittedAtMs),
      late: late === 1,
      returnedAt: returnedAtMs === null ? null : new Date(returnedAtMs),
    };
    const base = workStatus(submission);
    // The grading overview's rule (resubmitted work needs grading again); of the score times it
    // only compares the latest, so each score may carry that one.
    const lastScored = new Date((packed[0] as number | null) ?? 0);
    const graded =
      submission.submittedAt !== null &&
      base !== "returned" &&
      // (Plain literals, not { ...s, updatedAt }: V8's spread-then-add was 5x slower here.)
      isGradedSince(
        rubric,
        scores.map((s) => ({ criterionId: s.criterionId, points: s.points, comment: s.comment, updatedAt: lastScored })),
        submission.submittedAt,
      );
    return {
      name,
      email,
      status: graded ? "graded" : base,
      submittedAt: submission.submittedAt,
      late: submission.late,
      attempts: attemptCount ?? 0,
      returnedAt: submission.returnedAt,
      feedback: feedback ?? "",
      scores,
      total: packed[1] === 1 ? totalPoints(rubric, scores) : null,
    };
  };
}

type Target = { id: string; rubric: Rubric };

/**
 * The section's active students in name order, each with their row on every target assignment
 * (`work[i]` for `targets[i]`; none when `targets` is empty). One statement per assignment, all
 * on one read-only connection inside one read transaction: the same snapshot, so row n of every
 * statement is the same student. Lazy, and the connection is given back when the iteration ends
 * or is abandoned, so memory stays flat whatever the class size.
 */
function* streamGradebook(
  actor: SessionUser,
  sectionId: string,
  targets: Target[],
): Generator<{ student: { name: string; email: string }; work: GradebookRow[] }> {
  const { sqlite, release } = acquireReadConnection();
  const readers = targets.map((target) => rowReader(target.rubric));
  const cursors: IterableIterator<RawRow>[] = [];
  try {
    sqlite.exec("BEGIN");
    // A section without assignments still lists its students: the query with no assignment.
    for (const target of targets.length ? targets : [null]) {
      const criteria = target?.rubric.criteria ?? [];
      const statement = sqlite.prepare<[Record<string, string | null>], RawRow>(rowsSql(criteria.length)).raw(true);
      const params: Record<string, string | null> = { teacher: actor.id, section: sectionId, assignment: target?.id ?? null };
      criteria.forEach((c, i) => (params[`c${i}`] = c.id));
      cursors.push(statement.iterate(params));
    }
    for (;;) {
      const raws = cursors.map((cursor) => cursor.next());
      const first = raws[0]!;
      if (first.done) {
        if (raws.some((r) => !r.done)) throw new Error("gradebook statements out of step");
        break;
      }
      const student = { name: first.value[0], email: first.value[1] };
      const work = readers.map((read, i) => {
        const next = raws[i]!;
        if (next.done || next.value[1] !== student.email) throw new Error("gradebook statements out of step");
        return read(next.value);
      });
      yield { student, work };
    }
  } finally {
    for (const cursor of cursors) cursor.return?.();
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK"); // read-only: just ends the snapshot
    release();
  }
}

/** One assignment's gradebook rows, streamed (see streamGradebook). */
export async function exportAssignment(actor: SessionUser, sectionId: string, assignmentId: string) {
  const db = await getDb();
  const assignment = await loadTeacherAssignment(db, actor, sectionId, assignmentId);
  const section = await loadTeacherSection(db, actor, sectionId);
  function* rows(): Generator<GradebookRow> {
    for (const { work } of streamGradebook(actor, sectionId, [assignment])) yield work[0]!;
  }
  return { assignment, section, rows: rows() };
}

/** The whole section: every active student, with their row on each assignment (by due date). */
export async function exportSection(actor: SessionUser, sectionId: string) {
  const db = await getDb();
  const section = await loadTeacherSection(db, actor, sectionId);
  const list = await db
    .select({ id: assignments.id, title: assignments.title, rubric: assignments.rubric })
    .from(assignments)
    .innerJoin(sections, and(eq(sections.id, assignments.sectionId), taughtBy(actor)))
    .where(eq(assignments.sectionId, sectionId))
    .orderBy(asc(assignments.dueAt), asc(assignments.id));
  return { section, assignments: list, rows: streamGradebook(actor, sectionId, list) };
}
