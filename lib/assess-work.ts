import type { ImageChecks } from "./image-checks";
import type { LessonContent } from "./lesson/types";
import { isOutdated, type DrawnCard } from "./studio/card-text";
import type { Draft } from "./validations/workspace";
import { assessSteps, type Progress } from "./workspace";

/**
 * Where a student's work stands, step by step, with every warning: the review step and the server's
 * submit check use it, so they always agree (the workspace's tabs need only lib/workspace.ts
 * assessSteps, whose done marks are the same).
 */
export function assessWork(
  draft: Draft,
  images: { checks: ImageChecks; card?: DrawnCard | null }[],
  content: Pick<LessonContent, "dataset" | "aliases" | "questions">,
  /** Graphics on their way to the server in this browser: not in `images` yet, but not missing either. */
  uploading = 0,
): Progress {
  return assessSteps(draft, images, content, uploading, (card) => isOutdated(card, draft, content));
}
