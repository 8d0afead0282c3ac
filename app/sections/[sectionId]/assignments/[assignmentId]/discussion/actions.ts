"use server";

import { setStar } from "@/db/queries/discussion";
import { action } from "@/lib/server/action";
import { setStarSchema } from "@/lib/validations/discussion";

/**
 * Stars an answer to bring up in class. No revalidation: the board already shows the new state
 * (optimistically), and re-rendering the whole page on every click would only slow it down.
 */
export const setStarAction = action(
  "teacher",
  setStarSchema,
  async (input, user) => await setStar(user, input.submissionId, input.questionId, input.starred, input.seen),
);
