import type { ImageChecks } from "./image-checks";
import type { LessonContent } from "./lesson/types";
import { checkCopy } from "./placeholders";
import { isOutdated, type DrawnCard } from "./studio/card-text";
import type { AttemptSnapshot, Draft } from "./validations/workspace";

/**
 * Where a student's work stands, step by step. Pure: the workspace, the review screen and the
 * server's submit check all use it, so they always agree.
 */

export type StepId = "ideation" | "copy" | "design" | "reflection";
type Issue = { step: StepId; level: "missing" | "error" | "warning"; text: string };
export type Progress = { done: Record<StepId, boolean>; issues: Issue[] };

/**
 * The lesson's four steps. `short`: what a phone shows on the step's tab, and names it by (WCAG
 * 2.5.3), where the titles don't fit 320 px.
 */
export const STEPS: { id: StepId; title: string; short: string }[] = [
  { id: "ideation", title: "Ideation", short: "Ideas" },
  { id: "copy", title: "Copywriting", short: "Copy" },
  { id: "design", title: "Design", short: "Design" },
  { id: "reflection", title: "Reflection", short: "Reflect" },
];

/** The workspace's last tab, after the steps. */
export const REVIEW_TAB = { id: "review", title: "Review & submit", short: "Submit" } as const;

export function assessWork(
  draft: Draft,
  images: { checks: ImageChecks; card?: DrawnCard | null }[],
  content: Pick<LessonContent, "dataset" | "aliases" | "questions">,
  /** Graphics on their way to the server in this browser: not in `images` yet, but not missing either. */
  uploading = 0,
): Progress {
  const issues: Issue[] = [];
  const columns = new Map(content.dataset.columns.map((c) => [c.id, c.name]));
  const picks = draft.picks.filter((p) => columns.has(p.columnId));

  if (picks.length !== 3) issues.push({ step: "ideation", level: "missing", text: `Choose three datapoints (you have ${picks.length}).` });
  const withoutReason = picks.filter((p) => p.reason.trim() === "");
  for (const p of withoutReason)
    issues.push({ step: "ideation", level: "missing", text: `Say why customers would enjoy "${columns.get(p.columnId)}".` });

  const check = checkCopy(
    draft.copy,
    content.dataset,
    content.aliases,
    picks.map((p) => p.columnId),
  );
  if (draft.copy.trim() === "") issues.push({ step: "copy", level: "missing", text: "Write your copy." });
  for (const u of check.unknown) issues.push({ step: "copy", level: "error", text: `${u.raw} doesn't match any column of the table.` });
  if (check.strayBracket)
    issues.push({
      step: "copy",
      level: "warning",
      text: "A square bracket in the copy isn't part of a placeholder, so it prints as typed.",
    });
  if (draft.copy.trim() !== "" && check.missingName)
    issues.push({ step: "copy", level: "warning", text: "The copy never greets the customer by [Name]." });
  for (const id of check.unusedPicks)
    issues.push({ step: "copy", level: "warning", text: `The copy never uses your datapoint "${columns.get(id)}".` });

  // The card's headline takes placeholders too; one that matches no column would be printed on
  // every card as it is.
  for (const u of draft.card ? checkCopy(draft.card.headline, content.dataset, content.aliases, []).unknown : [])
    issues.push({ step: "design", level: "error", text: `${u.raw} in your card's headline doesn't match any column of the table.` });
  if (images.length === 0 && uploading > 0)
    issues.push({
      step: "design",
      level: "missing",
      text:
        uploading === 1
          ? "Your graphic is still uploading: wait for it to finish."
          : "Your graphics are still uploading: wait for them to finish.",
    });
  else if (images.length === 0)
    issues.push({ step: "design", level: "missing", text: "Add at least one graphic: use your card from the studio, or upload one." });
  images.forEach((image, i) => {
    if (!image.checks.orientationOk)
      issues.push({ step: "design", level: "warning", text: `Graphic ${i + 1} is landscape; square or vertical suits phones better.` });
    if (!image.checks.sizeOk)
      issues.push({ step: "design", level: "warning", text: `Graphic ${i + 1} is small; text may be hard to read on a phone.` });
    if (image.card && isOutdated(image.card, draft, content))
      issues.push({ step: "design", level: "warning", text: `Graphic ${i + 1} shows your card as it was before your last changes.` });
  });

  content.questions.forEach((q, i) => {
    if ((draft.answers[q.id] ?? "").trim() === "") issues.push({ step: "reflection", level: "missing", text: `Answer question ${i + 1}.` });
  });

  const blocking = (step: StepId) => issues.some((i) => i.step === step && i.level !== "warning");
  return {
    done: { ideation: !blocking("ideation"), copy: !blocking("copy"), design: !blocking("design"), reflection: !blocking("reflection") },
    issues,
  };
}

/**
 * Where a student's work stands. "excused": the teacher excused them and nothing is handed in.
 * "reopened": the teacher took returned work back and the student has not handed it in again: theirs
 * to improve, neither waiting for the teacher nor graded.
 */
export type WorkStatus = "not_started" | "in_progress" | "excused" | "submitted" | "submitted_late" | "reopened" | "returned";

export const STATUS_LABELS: Record<WorkStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  excused: "Excused",
  submitted: "Submitted",
  submitted_late: "Submitted late",
  returned: "Returned",
  reopened: "Reopened",
};

/** Reopened work the student has not handed in again (the attempt reopened is still the last one). */
function isReopened(submission: { returnedAt: Date | null; attemptCount: number | null; reopenedAttempt: number | null }): boolean {
  return !submission.returnedAt && submission.reopenedAttempt != null && submission.reopenedAttempt === submission.attemptCount;
}

/**
 * Whether the work has been handed in: submitted, or returned by the teacher. The one definition of
 * "handed in": `workStatus` follows it, `isNotHandedIn` (lib/grading-queue.ts) reads it back from a
 * status, and `handedInWork` (db/queries/queue.ts) is its SQL. Work not handed in can be excused.
 */
export function isHandedIn(submission: { submittedAt: Date | null; returnedAt: Date | null } | null | undefined): boolean {
  return submission?.submittedAt != null || submission?.returnedAt != null;
}

/** Work handed in wins over an excusal: the teacher grades it as anyone's (docs/decisions/017-excused.md). */
export function workStatus(
  submission:
    | { submittedAt: Date | null; late: boolean; returnedAt: Date | null; attemptCount: number | null; reopenedAttempt: number | null }
    | null
    | undefined,
  excused = false,
): WorkStatus {
  if (!submission || !isHandedIn(submission)) {
    if (excused) return "excused";
    return submission ? "in_progress" : "not_started";
  }
  if (submission.returnedAt) return "returned";
  if (isReopened(submission)) return "reopened";
  return submission.late ? "submitted_late" : "submitted";
}

/**
 * What the workspace's design step knows of one graphic: the same from the page, an upload and the
 * studio. `position` sorts the list: the server's order, or the place reserved when the file was picked.
 */
export type WorkImage = {
  id: string;
  caption: string;
  width: number;
  height: number;
  checks: ImageChecks;
  position: number;
  /** A studio card: what it was drawn from; null for an upload. */
  card: DrawnCard | null;
};

export const toWorkImage = ({ id, caption, width, height, checks, position, card }: WorkImage): WorkImage => ({
  id,
  caption,
  width,
  height,
  checks,
  position,
  card,
});

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
