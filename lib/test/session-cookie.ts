import { encode } from "@auth/core/jwt";
import type { TokenClaims } from "../server/auth";

/** The Auth.js session cookie's name on plain http, as the e2e tests and the bench serve the app. */
export const SESSION_COOKIE = "authjs.session-token";

/**
 * The value of the session cookie Auth.js would set for this user at sign-in, with the claims
 * lib/server/auth.ts puts there: for the e2e tests and the bench, which sign in without the form.
 */
export async function mintSessionCookie(
  secret: string,
  user: { id: string; name: string; email: string; role: TokenClaims["role"]; sessionVersion: number },
): Promise<string> {
  const claims: TokenClaims = {
    uid: user.id,
    role: user.role,
    sv: user.sessionVersion,
    sid: crypto.randomUUID(),
    st: Math.floor(Date.now() / 1000),
  };
  return await encode({ secret, salt: SESSION_COOKIE, token: { sub: user.id, name: user.name, email: user.email, ...claims } });
}
