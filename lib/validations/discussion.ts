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

/**
 * The discussion page's search params, as the server reads them (lib/discussion.ts `boardHref`; the
 * board itself reads `?starred=1`, its own filter). Names are shown only for an explicit `?names=1`;
 * anything else (missing, repeated, misspelled) keeps them hidden, so a mangled link never reveals them.
 */
export const discussionViewSchema = z.object({
  names: z
    .unknown()
    .transform((value) => value === "1")
    .catch(false),
});
