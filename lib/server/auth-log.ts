import { AuthError, CredentialsSignin } from "next-auth";

type Log = Pick<Console, "warn" | "error">;

/**
 * Auth.js errors that anyone can cause from outside, so they are refusals rather than faults: a
 * POST to /api/auth/* without the CSRF token (a request not sent from the sign-in form, or a browser
 * that blocks cookies), a path or method under /api/auth that Auth.js has no action for, and a
 * session cookie that is not one of this server's (tampered with, or sealed under an old AUTH_SECRET):
 * the visitor is simply signed out.
 */
const REFUSALS: Record<string, string> = {
  JWTSessionError: "a session cookie this server cannot open (tampered with, or from an old AUTH_SECRET); treated as signed out",
  MissingCSRF: "no valid CSRF token (not sent from the sign-in form, or the browser blocks cookies)",
  UnknownAction: "no such Auth.js action",
};

/** Auth.js's `logger.error`: expected refusals get at most one plain line, anything else is logged whole. */
export function logAuthError(error: Error, log: Log = console): void {
  // A wrong password is an expected outcome, not a server error worth a stack trace in the log.
  if (error instanceof CredentialsSignin) return;
  if (error instanceof AuthError) {
    const refusal = REFUSALS[error.type];
    if (refusal) return log.warn(`Auth.js refused a request (${error.type}): ${refusal}`);
  }
  log.error(error);
}
