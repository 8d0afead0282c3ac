"use server";

import { createHash, timingSafeEqual } from "node:crypto";
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { createAccount } from "@/db/queries/accounts";
import { action } from "@/lib/action";
import { INVALID_CREDENTIALS, signIn } from "@/lib/auth";
import { homeFor } from "@/lib/authz";
import { env } from "@/lib/env";
import { FieldError, FormError } from "@/lib/errors";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";

/** Compares without leaking, through timing, how much of the code was right. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const LOCKED = "Too many failed attempts for this email. Sign-in is paused for 15 minutes.";

/** Starts the Auth.js session; a refused sign-in becomes the one generic message. */
async function startSession(email: string, password: string) {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      throw new FormError((error as { code?: string }).code === "locked" ? LOCKED : INVALID_CREDENTIALS);
    }
    throw error;
  }
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
