"use server";

import { signOutEverywhere } from "@/db/queries/accounts";
import { action } from "@/lib/action";
import { signOut } from "@/lib/auth";
import { noInputSchema } from "@/lib/validations/auth";

export const signOutAction = action("user", noInputSchema, async () => {
  await signOut({ redirectTo: "/sign-in" });
});

/** Invalidates every JWT this user holds, on every device, then clears this browser's cookie. */
export const signOutEverywhereAction = action("user", noInputSchema, async (_input, user) => {
  signOutEverywhere(user);
  await signOut({ redirectTo: "/sign-in?signedOut=everywhere" });
});
