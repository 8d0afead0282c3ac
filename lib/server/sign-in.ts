import "server-only";
import { cookies, headers } from "next/headers";
import { AuthError } from "next-auth";
import { endSessionOf, INVALID_CREDENTIALS, signIn } from "@/lib/server/auth";
import { cookieClaims } from "@/lib/server/authz";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, issueDeviceToken } from "@/lib/device-cookie";
import { FormError } from "@/lib/errors";

// Says neither whether the account exists nor which count was reached (this email here, or this network).
const LOCKED = "Too many failed sign-in attempts. Sign-in from here is paused for 15 minutes.";
// Said only to someone who typed the account's right password in a browser it has signed in on before.
const DEACTIVATED = "This account has been deactivated. Ask your school's administrator to reactivate it.";

/**
 * Starts an Auth.js session (sets the cookie); a refused sign-in becomes the one generic message.
 * A successful one also marks this browser as a known device of the account (lib/device-cookie.ts).
 */
export async function startSession(email: string, password: string) {
  // A sign-in over a session this browser still holds (a sign-in page left open in another tab)
  // replaces its cookie: that session ends with it, once the new one has started.
  const previous = await cookieClaims();
  let next: string;
  try {
    // A fixed redirectTo: without it Auth.js takes the request's Referer, and one it cannot parse
    // made it return its error page's address before checking the password, which read as success.
    next = await signIn("credentials", { email, password, redirect: false, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as { code?: string }).code;
      throw new FormError(code === "locked" ? LOCKED : code === "deactivated" ? DEACTIVATED : INVALID_CREDENTIALS);
    }
    throw error;
  }
  // Auth.js answers some refusals (a malformed callback-url cookie, say) with its error page's
  // address rather than an exception: no session was started, and this is no known device.
  if (new URL(next, "http://app.invalid").searchParams.has("error")) throw new FormError(INVALID_CREDENTIALS);
  await endSessionOf(previous).catch((error: unknown) => console.error("Sign-in: the session it replaced could not be ended", error));
  const secret = process.env.AUTH_SECRET;
  if (secret) {
    (await cookies()).set(DEVICE_COOKIE, issueDeviceToken(email, secret), {
      httpOnly: true,
      sameSite: "lax",
      // Secure whenever the session's own cookie is: Auth.js decides from the request's protocol
      // (X-Forwarded-Proto behind the school's HTTPS proxy), as AUTH_URL is rarely set.
      secure: process.env.AUTH_URL?.startsWith("https:") === true || (await headers()).get("x-forwarded-proto") === "https",
      path: "/",
      maxAge: DEVICE_COOKIE_MAX_AGE,
    });
  }
}
