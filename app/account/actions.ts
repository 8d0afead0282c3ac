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

/**
 * Clears this browser's session cookie and goes to sign-in, by a relative address: Auth.js's own
 * redirect is absolute, built from the request's Host and X-Forwarded-Proto headers.
 */
async function endSessionHere(then: string): Promise<never> {
  // redirectTo although nothing redirects: without it Auth.js parses the Referer, and one it
  // cannot parse stopped it before it cleared the cookie.
  await signOut({ redirect: false, redirectTo: then });
  redirect(then);
}

/**
 * Public: signing out needs no account, only the cookie this browser holds. Its session is recorded
 * as ended (lib/server/auth.ts, `events.signOut`), so that a copy of the cookie stops working too;
 * the cookie is cleared even while the database does not answer (on a shared computer, the click
 * must not leave the next person signed in). Another site cannot post it (the request edge
 * and Next.js check the Origin; the cookie is SameSite=Lax).
 */
export const signOutAction = action("public", noInputSchema, async () => {
  await endSessionHere("/sign-in");
});

/** Invalidates every JWT this user holds, on every device, then clears this browser's cookie. */
export const signOutEverywhereAction = action("user", noInputSchema, async (_input, user) => {
  await signOutEverywhere(user);
  await endSessionHere("/sign-in?signedOut=everywhere");
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
