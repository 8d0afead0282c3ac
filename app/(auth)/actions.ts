"use server";

import { createHash, timingSafeEqual } from "node:crypto";
import { redirect } from "next/navigation";
import { createAccount } from "@/db/queries/accounts";
import { action } from "@/lib/server/action";
import { homeFor } from "@/lib/server/authz";
import { env } from "@/lib/env";
import { FieldError } from "@/lib/errors";
import { startSession } from "@/lib/server/sign-in";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";

/** Compares without leaking, through timing, how much of the code was right. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export const signInAction = action("public", signInSchema, async (input) => {
  await startSession(input.email, input.password);
  redirect(input.callbackUrl ?? "/home");
});

export const signUpAction = action("public", signUpSchema, async (input) => {
  const required = env().TEACHER_SIGNUP_CODE;
  if (input.role === "teacher" && required && !sameSecret(input.teacherCode ?? "", required)) {
    throw new FieldError("teacherCode", "That teacher sign-up code is not right. Ask your school's administrator for it.");
  }
  const user = await createAccount({ name: input.name, email: input.email, password: input.password, role: input.role });
  await startSession(input.email, input.password);
  redirect(input.callbackUrl ?? homeFor(user));
});
