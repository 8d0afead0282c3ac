"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { createAccount } from "@/db/queries/accounts";
import { action } from "@/lib/action";
import { INVALID_CREDENTIALS, signIn } from "@/lib/auth";
import { homeFor } from "@/lib/authz";
import { env } from "@/lib/env";
import { FieldError, FormError } from "@/lib/errors";
import { signInSchema, signUpSchema } from "@/lib/validations/auth";

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
  if (input.role === "teacher") {
    const required = env().TEACHER_SIGNUP_CODE;
    if (required && input.teacherCode !== required) {
      throw new FieldError("teacherCode", "That teacher sign-up code is not right. Ask your school's administrator for it.");
    }
  }
  const user = await createAccount({ name: input.name, email: input.email, password: input.password, role: input.role });
  await startSession(input.email, input.password);
  redirect(input.callbackUrl ?? homeFor(user));
});
