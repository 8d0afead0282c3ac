"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { changePassword, signOutEverywhere } from "@/db/queries/accounts";
import { action } from "@/lib/server/action";
import { signOut } from "@/lib/server/auth";
import { homeFor } from "@/lib/server/authz";
import { clientAddress } from "@/lib/client-address";
import { deviceFrom } from "@/lib/device-cookie";
import { startSession } from "@/lib/server/sign-in";
import { changePasswordSchema, noInputSchema } from "@/lib/validations/auth";

export const signOutAction = action("self", noInputSchema, async () => {
  await signOut({ redirectTo: "/sign-in" });
});

/** Invalidates every JWT this user holds, on every device, then clears this browser's cookie. */
export const signOutEverywhereAction = action("user", noInputSchema, async (_input, user) => {
  await signOutEverywhere(user);
  await signOut({ redirectTo: "/sign-in?signedOut=everywhere" });
});

/**
 * Replaces the password (a one-time password from a roster import included). Every other session
 * ends; this browser gets a fresh one at once, so nobody is signed out for doing the right thing.
 */
export const changePasswordAction = action("self", changePasswordSchema, async (input, user) => {
  const requestHeaders = await headers();
  await changePassword(user, {
    currentPassword: input.currentPassword,
    newPassword: input.newPassword,
    address: clientAddress(requestHeaders),
    device: deviceFrom(requestHeaders, user.email),
  });
  await startSession(user.email, input.newPassword);
  redirect(input.callbackUrl ?? homeFor(user));
});
