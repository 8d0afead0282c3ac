"use server";

import { createHash, timingSafeEqual } from "node:crypto";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { createAccount } from "@/db/queries/accounts";
import { action } from "@/lib/server/action";
import { homeFor } from "@/lib/server/authz";
import { clientAddress } from "@/lib/client-address";
import { teacherSignUp } from "@/lib/env";
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
  // Checked (and a wrong one counted against the address) by createAccount, before anything else.
  const teacherCode =
    input.role === "teacher" && signUp.code ? (sameSecret(input.teacherCode ?? "", signUp.code) ? "right" : "wrong") : undefined;
  // Under TEACHER_SIGNUP=approval a new teacher waits for an administrator (lib/server/authz.ts).
  const approval = input.role === "teacher" && signUp.mode === "approval" ? "pending" : "approved";
  const address = clientAddress(await headers());
  const { name, email, password, role } = input;
  const user = await createAccount({ name, email, password, role, approval, address, teacherCode });
  await startSession(input.email, input.password);
  redirect(approval === "pending" ? homeFor({ ...user, approval }) : (input.callbackUrl ?? homeFor(user)));
});
