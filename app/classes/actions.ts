"use server";

import { revalidatePath } from "next/cache";
import { answerInvitation } from "@/db/queries/enrollments";
import { action } from "@/lib/server/action";
import { invitationResponseSchema } from "@/lib/validations/roster";

/** The invited student joins the class, or declines; nobody else can answer their invitation. */
export const answerInvitationAction = action("student", invitationResponseSchema, async (input, user) => {
  const result = await answerInvitation(user, input.invitationId, input.accept);
  revalidatePath("/classes");
  return { ...result, accepted: input.accept };
});
