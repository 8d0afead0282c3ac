import type { ImageChecks } from "./image-checks";
import type { LessonContent } from "./lesson/types";
import { checkCopy } from "./placeholders";
import type { DrawnCard } from "./studio/card-text";
import type { Draft } from "./validations/workspace";

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

/**
 * What is missing or wrong in each step, and so which steps are done. A studio picture is said to
 * be out of date only when `outdated` is given: that is a warning, which leaves the done marks as
 * they are, so the workspace's tabs go without the card code. The full list (the review step, the
 * server's submit check) is assessWork in lib/assess-work.ts.
 */
export function assessSteps(
  draft: Draft,
  images: { checks: ImageChecks; card?: DrawnCard | null }[],
  content: Pick<LessonContent, "dataset" | "aliases" | "questions">,
  /** Graphics on their way to the server in this browser: not in `images` yet, but not missing either. */
  uploading = 0,
  outdated: (card: DrawnCard) => boolean = () => false,
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
    if (image.card && outdated(image.card))
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

/**
 * A row's status as teachers see it: the student's, or "graded" once every criterion is scored.
 * Here rather than with the rest of the grading queue's vocabulary (lib/grading-queue.ts, which
 * re-exports it), so that a status badge in the student's workspace does not bring the queue along.
 */
export type DisplayStatus = WorkStatus | "graded";

/** Each status in the words the Students list, the grading view and the gradebook files use. */
export const DISPLAY_STATUS_LABELS: Record<DisplayStatus, string> = { ...STATUS_LABELS, graded: "Graded" };

/** Reopened work the student has not handed in again (the attempt reopened is still the last one). */
function isReopened(submission: { returnedAt: Date | null; attemptCount: number | null; reopenedAttempt: number | null }): boolean {
  return !submission.returnedAt && submission.reopenedAttempt != null && submission.reopenedAttempt === submission.attemptCount;
}

/**
 * Whether a draft holds anything the student made: an idea, a datapoint, copy, an answer, a card, a
 * graphic. A draft emptied again is a row in the database but nothing to keep.
 */
export function hasAnyWork(draft: Draft, graphics: number): boolean {
  const written = (text: string) => text.trim() !== "";
  return (
    graphics > 0 ||
    draft.card !== undefined ||
    draft.picks.length > 0 ||
    written(draft.copy) ||
    draft.ideas.some((idea) => written(idea.text)) ||
    Object.values(draft.answers).some(written)
  );
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
