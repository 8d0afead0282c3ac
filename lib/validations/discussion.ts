import "../zod-jitless";
import { z } from "zod";
import { idSchema, storableText } from "./common";
import { WORK_LIMITS } from "./limits";

/**
 * Stars or unstars one answer (a submission's answer to one question). A value, not a toggle, so a
 * retry can't flip it back. `seen`: the answer as the teacher read it; a star is refused if the
 * student has handed in another since (the star would land on words nobody read).
 */
export const setStarSchema = z.object({
  submissionId: idSchema,
  questionId: storableText().min(1).max(40),
  starred: z.boolean(),
  seen: storableText().max(WORK_LIMITS.answer).optional(),
});

const flag = z
  .unknown()
  .transform((value) => value === "1")
  .catch(false);

/**
 * The discussion page's search params (lib/discussion.ts `boardHref`). Names are shown only for an
 * explicit `?names=1`; anything else (missing, repeated, misspelled) keeps them hidden, so a mangled
 * link never reveals them. `?starred=1` shows the starred answers only.
 */
export const discussionViewSchema = z.object({ names: flag, starred: flag });
