import type { Rubric } from "./lesson/types";
import { normalizeKey } from "./normalize-key";

/** Pure grading rules shared by the grading view, the server and the tests. */

export type ScoreValue = { criterionId: string; points: number | null };

/** A score must be one of the criterion's own levels; anything else is refused. */
export function levelFor(rubric: Rubric, criterionId: string, points: number) {
  return rubric.criteria.find((c) => c.id === criterionId)?.levels.find((l) => l.points === points);
}

export function isFullyGraded(rubric: Rubric, scores: ScoreValue[]): boolean {
  return rubric.criteria.every((c) => scores.some((s) => s.criterionId === c.id && s.points !== null));
}

/**
 * Fully scored, and not handed in again since the last score was saved: work resubmitted after
 * grading (say, after a reopen) needs grading again, and must not go back with the old grade unseen.
 */
export function isGradedSince(rubric: Rubric, scores: (ScoreValue & { updatedAt: Date })[], submittedAt: Date | null): boolean {
  return isFullyGraded(rubric, scores) && !handedInSinceScored(scores, submittedAt);
}

/** Scored (a level or a comment) before the attempt now handed in: those scores were given to an earlier one. */
export function handedInSinceScored(scores: { updatedAt: Date }[], submittedAt: Date | null): boolean {
  if (!submittedAt || scores.length === 0) return false;
  return Math.max(...scores.map((s) => s.updatedAt.getTime())) < submittedAt.getTime();
}

/** The question asked before returning work with criteria still unscored, or null when all are scored. */
export function partialReturnQuestion(criteria: number, scored: number): string | null {
  if (scored >= criteria) return null;
  return `Only ${scored} of ${criteria} criteria are scored. Return this work anyway? The student sees the scores so far, and the gradebook export counts them as the grade.`;
}

/**
 * The question asked before the first score on a visit to work that hasn't been handed in: a stray
 * digit would otherwise give a draft points. Excused work's points stay out of the export (Canvas
 * reads its cell as "EX"), so its question says so rather than that they count.
 */
export function draftScoreQuestion(excused: boolean): string {
  return excused
    ? "This student is excused from this assignment and hasn't handed anything in. Score the draft anyway? The grade export leaves excused work out, so these points count only if the excusal is taken back."
    : "This work hasn't been handed in. Score the draft anyway? Scores count in the grade export.";
}

/** The question asked before returning an attempt handed in after its scores were last saved (to an earlier attempt, or to the draft). */
export function handedInSinceScoredQuestion(attempt: number): string {
  return attempt > 1
    ? "The student handed this work in again after it was last scored. Return the new attempt with these scores anyway?"
    : "This work was scored while it was still a draft, before the student handed it in. Return it with these scores anyway?";
}

/** Who scored or changed a grade, once that teacher's account has been erased (a teacher who left, after the retention period). */
export const FORMER_TEACHER = "a former teacher";

/** Why a rubric can't change once anything is scored. */
export const RUBRIC_LOCKED =
  "Some work has already been scored with this rubric, so it can't change any more: scores would stop matching their levels.";

/** The most points one rubric row gives: its top level's. */
export function criterionMaximum(criterion: Rubric["criteria"][number]): number {
  return Math.max(...criterion.levels.map((l) => l.points));
}

export function rubricMaximum(rubric: Rubric): number {
  return rubric.criteria.reduce((sum, c) => sum + criterionMaximum(c), 0);
}

export function totalPoints(rubric: { criteria: readonly { id: string }[] }, scores: ScoreValue[]): number {
  return rubric.criteria.reduce((sum, c) => sum + (scores.find((s) => s.criterionId === c.id)?.points ?? 0), 0);
}

/**
 * A grade's total as the student, the files and their data export give it: the rubric's rows summed,
 * or none when no row has points (feedback alone is no score of 0).
 */
export function gradeTotal(rubric: { criteria: readonly { id: string }[] }, scores: ScoreValue[]): number | null {
  return scores.some((s) => s.points !== null) ? totalPoints(rubric, scores) : null;
}

/** Banked comments follow a criterion's title, so "Ideation" comments serve every assignment. */
export function criterionKey(title: string): string {
  return normalizeKey(title);
}

/**
 * The grade a student had been returned when the teacher reopened the work (reopenWork): what the
 * student keeps reading while they improve it, until it is returned again.
 */
export type EarlierGrade = {
  returnedAt: string;
  feedback: string;
  scores: { criterionId: string; points: number | null; comment: string }[];
};

/**
 * Whether a criterion's points now differ from the grade returned before (none returned: any points
 * differ). Comments and feedback aside: this is about the points a gradebook file carries.
 */
export function pointsDiffer(earlier: EarlierGrade | null, now: { criterionId: string; points: number | null }[]): boolean {
  const given = new Map((earlier?.scores ?? []).filter((s) => s.points != null).map((s) => [s.criterionId, s.points]));
  const current = now.filter((s) => s.points != null);
  return current.length !== given.size || current.some((s) => given.get(s.criterionId) !== s.points);
}

/**
 * A stored earlier grade (JSON text or the object a jsonb column gives), read without trusting it:
 * null when it is missing or isn't one (no valid return date), and a missing or malformed part reads
 * as empty. Whatever reads it (the student's page, the grade files, a data export) then shows
 * nothing rather than failing, and never falls back to grading the student wasn't given.
 */
export function parseEarlierGrade(value: unknown): EarlierGrade | null {
  let stored = value;
  if (typeof stored === "string") {
    try {
      stored = JSON.parse(stored);
    } catch {
      return null;
    }
  }
  if (!stored || typeof stored !== "object") return null;
  const earlier = stored as Partial<Record<keyof EarlierGrade, unknown>>;
  const returnedAt = new Date(typeof earlier.returnedAt === "string" ? earlier.returnedAt : Number.NaN);
  if (Number.isNaN(returnedAt.getTime())) return null;
  const scores: EarlierGrade["scores"] = [];
  for (const score of Array.isArray(earlier.scores) ? (earlier.scores as unknown[]) : []) {
    if (!score || typeof score !== "object") continue;
    const { criterionId, points, comment } = score as Record<string, unknown>;
    if (typeof criterionId !== "string") continue;
    scores.push({
      criterionId,
      points: typeof points === "number" && Number.isFinite(points) ? points : null,
      comment: typeof comment === "string" ? comment : "",
    });
  }
  return { returnedAt: returnedAt.toISOString(), feedback: typeof earlier.feedback === "string" ? earlier.feedback : "", scores };
}
