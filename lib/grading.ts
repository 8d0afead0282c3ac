import type { Rubric } from "./lesson/types";
import { normalizeKey } from "./placeholders";

/** Pure grading rules shared by the grading view, the server and the tests. */

export type ScoreValue = { criterionId: string; points: number | null };

/** A score must be one of the criterion's own levels; anything else is refused. */
export function levelFor(rubric: Rubric, criterionId: string, points: number) {
  return rubric.criteria.find((c) => c.id === criterionId)?.levels.find((l) => l.points === points);
}

export function isFullyGraded(rubric: Rubric, scores: ScoreValue[]): boolean {
  return rubric.criteria.every((c) => scores.some((s) => s.criterionId === c.id && s.points !== null));
}

export function totalPoints(rubric: Rubric, scores: ScoreValue[]): number {
  return rubric.criteria.reduce((sum, c) => sum + (scores.find((s) => s.criterionId === c.id)?.points ?? 0), 0);
}

/** Banked comments follow a criterion's title, so "Ideation" comments serve every assignment. */
export function criterionKey(title: string): string {
  return normalizeKey(title);
}
