import "server-only";
import { AuthError } from "next-auth";
import { INVALID_CREDENTIALS, signIn } from "@/lib/auth";
import { FormError } from "@/lib/errors";

// Says neither whether the account exists nor which count was reached (this email here, or this network).
const LOCKED = "Too many failed sign-in attempts. Sign-in from here is paused for 15 minutes.";

/** Starts an Auth.js session (sets the cookie); a refused sign-in becomes the one generic message. */
export async function startSession(email: string, password: string) {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      throw new FormError((error as { code?: string }).code === "locked" ? LOCKED : INVALID_CREDENTIALS);
    }
    throw error;
  }
}
