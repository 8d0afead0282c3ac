import type { LessonContent } from "./lesson/types";
import type { AttemptSnapshot, Draft } from "./validations/workspace";

/*
 * Telling two versions of a student's work apart: the conflict chooser (in another tab or on another
 * device), the review step's "nothing new to hand in", and the server's refusal of the same. A
 * module of its own, apart from lib/workspace.ts: the workspace's first load needs none of it.
 */

/** One part of the work where two versions of a draft differ, as each version has it. */
export type DraftDifference = { part: string; mine: string; theirs: string };

/**
 * Where two versions of a student's draft differ, part by part, in the order of the steps, each
 * part as text a student can recognise (the conflict chooser shows them side by side). Empty when
 * the two say the same.
 */
export function draftDifferences(mine: Draft, theirs: Draft, content: Pick<LessonContent, "dataset" | "questions">): DraftDifference[] {
  const columns = new Map(content.dataset.columns.map((c) => [c.id, c.name]));
  const parts: { part: string; text: (d: Draft) => string }[] = [
    { part: "Ideas", text: (d) => d.ideas.map((i) => i.text).join("; ") },
    {
      part: "Datapoints",
      text: (d) =>
        d.picks.map((p) => `${columns.get(p.columnId) ?? p.columnId}${p.reason.trim() ? `: ${p.reason.trim()}` : ""}`).join("; "),
    },
    { part: "Copy", text: (d) => d.copy },
    { part: "Card", text: (d) => (d.card ? JSON.stringify(d.card) : "") },
    ...content.questions.map((q, i) => ({ part: `Answer ${i + 1}`, text: (d: Draft) => d.answers[q.id] ?? "" })),
  ];
  return parts
    .map(({ part, text }) => ({ part, mine: text(mine).trim(), theirs: text(theirs).trim() }))
    .filter((d) => d.mine !== d.theirs)
    .map((d) => (d.part === "Card" ? cardDifference(mine, theirs) : d));
}

/** What a submission hands in, as far as telling two apart goes (an attempt's snapshot is one). */
export type SubmittedWork = { draft: Draft; images: Pick<AttemptSnapshot["images"][number], "id" | "caption">[] };

/**
 * Whether a submission would hand in nothing new: the same draft, part for part as a student reads
 * it (draftDifferences), and the same graphics with the same captions in the same order. The review
 * step says so before the student presses Submit, and the server refuses it (submitWork).
 */
export function sameSubmission(last: SubmittedWork, next: SubmittedWork, content: Pick<LessonContent, "dataset" | "questions">): boolean {
  const graphics = (s: SubmittedWork) => JSON.stringify(s.images.map((i) => [i.id, i.caption.trim()]));
  return draftDifferences(last.draft, next.draft, content).length === 0 && graphics(last) === graphics(next);
}

/** The card as a student would tell it apart: its headline and theme, or that its other settings differ. */
function cardDifference(mine: Draft, theirs: Draft): DraftDifference {
  const summary = (d: Draft) => (d.card ? `headline “${d.card.headline}”, ${d.card.theme} theme` : "");
  const [a, b] = [summary(mine), summary(theirs)];
  if (a !== b) return { part: "Card", mine: a, theirs: b };
  return { part: "Card", mine: `${a} (its sizes, colours or layout differ)`, theirs: `${b} (its sizes, colours or layout differ)` };
}
