"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { joinSection } from "@/db/queries/enrollments";
import { clientAddress } from "@/lib/client-address";
import { action } from "@/lib/server/action";
import { joinSchema } from "@/lib/validations/join";

export const joinSectionAction = action("student", joinSchema, async (input, user) => {
  const result = await joinSection(user, input.code, clientAddress(await headers()));
  revalidatePath("/classes");
  return result;
});
