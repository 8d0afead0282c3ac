/**
 * How long a session lasts, in seconds, counted from the sign-in: Auth.js re-encodes a session's
 * token with a fresh expiry whenever its own `/api/auth/session` endpoint is asked (the request edge
 * now answers that endpoint 404), so the limit is the sign-in time the token carries (`st`), checked
 * on every request (lib/server/authz.ts), whatever re-issues a cookie.
 */
export const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

/** Whether a session that started at `startedAt` (seconds since the epoch) is still within its life at `now`. */
export function sessionCurrent(startedAt: number, now = Date.now()): boolean {
  return startedAt * 1000 <= now + 60_000 && now - startedAt * 1000 < SESSION_MAX_AGE * 1000;
}
