"use server";

import { createHash, timingSafeEqual } from "node:crypto";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createAccount } from "@/db/queries/accounts";
import { action } from "@/lib/server/action";
import { homeFor } from "@/lib/server/authz";
import { clientAddress } from "@/lib/client-address";
import { teacherSignUp } from "@/lib/env";
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
  const signUp = teacherSignUp();
  if (input.role === "teacher" && signUp.code && !sameSecret(input.teacherCode ?? "", signUp.code)) {
    throw new FieldError("teacherCode", "That teacher sign-up code is not right. Ask your school's administrator for it.");
  }
  // Under TEACHER_SIGNUP=approval a new teacher waits for an administrator (lib/server/authz.ts).
  const approval = input.role === "teacher" && signUp.mode === "approval" ? "pending" : "approved";
  const address = clientAddress(await headers());
  const user = await createAccount({ name: input.name, email: input.email, password: input.password, role: input.role, approval, address });
  await startSession(input.email, input.password);
  redirect(approval === "pending" ? homeFor({ ...user, approval }) : (input.callbackUrl ?? homeFor(user)));
});
