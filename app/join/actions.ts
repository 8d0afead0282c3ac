"use server";

import { revalidatePath } from "next/cache";
import { joinSection } from "@/db/queries/enrollments";
import { action } from "@/lib/server/action";
import { joinSchema } from "@/lib/validations/join";

export const joinSectionAction = action("student", joinSchema, async (input, user) => {
  const result = await joinSection(user, input.code);
  revalidatePath("/classes");
  return result;
});
