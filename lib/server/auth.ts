import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { endSession, verifySignIn } from "@/db/queries/accounts";
import type { Role } from "@/db/schema";
import { logAuthError } from "@/lib/server/auth-log";
import { clientAddress } from "@/lib/client-address";
import { deviceFrom } from "@/lib/device-cookie";
import { signInSchema } from "@/lib/validations/auth";
import { SESSION_MAX_AGE } from "@/lib/session-age";
import { safeCallbackPath } from "@/lib/validations/common";

export const INVALID_CREDENTIALS = "Email or password is incorrect.";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class AccountLocked extends CredentialsSignin {
  code = "locked";
}
class AccountDeactivated extends CredentialsSignin {
  code = "deactivated";
}

/**
 * What the JWT carries; lib/server/authz.ts re-checks all of it against the database on every
 * request. `sid` names this sign-in, so that signing out can end it alone (endSession); `st` is when
 * it began (seconds since the epoch), which no re-encoding of the token moves (lib/session-age.ts).
 */
export type TokenClaims = { uid: string; role: Role; sv: number; sid: string; st: number };

/** A sign-out waits at most this long for its record: the cookie is cleared after it (see events). */
const SIGN_OUT_RECORD_WAIT_MS = 2_000;

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  // Auth.js sends a browser to these instead of its own pages, whose error page answers 500 to
  // `?error=Configuration` (the request edge answers 404 for Auth.js's pages).
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // Wrong passwords, and requests without a CSRF token, are refusals: no stack traces for them.
  logger: { error: (error) => logAuthError(error) },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      // Auth.js rebuilds the request from the incoming one's headers, so the server's stamp is still there.
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const { email, password } = parsed.data;
        const result = await verifySignIn({
          email,
          password,
          address: clientAddress(request.headers),
          device: deviceFrom(request.headers, email),
        });
        if (!result.ok)
          throw result.reason === "locked"
            ? new AccountLocked()
            : result.reason === "deactivated"
              ? new AccountDeactivated()
              : new InvalidCredentials();
        const { user } = result;
        return { id: user.id, name: user.name, email: user.email, role: user.role, sv: user.sessionVersion };
      },
    }),
  ],
  events: {
    // Signing out (the app's action, or Auth.js's own endpoint) ends this session for good, so that a
    // copy of its cookie stops working too. Auth.js clears the cookie after this, even when it fails
    // (and logs it): on a shared computer, a database that does not answer must not keep the next
    // person signed in, nor keep them waiting for a connection timeout, so the wait is bounded.
    async signOut(message) {
      const recorded = endSessionOf("token" in message ? (message.token as Partial<TokenClaims> | null) : null);
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("the database did not answer in time")), SIGN_OUT_RECORD_WAIT_MS);
      });
      try {
        await Promise.race([recorded, gaveUp]);
      } finally {
        clearTimeout(timer);
      }
    },
  },
  callbacks: {
    // Where Auth.js's own endpoints send the browser: only this site, by the same rule as every
    // callbackUrl (a path, or an address on this origin), and home for anything else. Auth.js's
    // default threw on an address it cannot parse (a hand-made `callbackUrl=foo` in a POST body),
    // which it logged as an error.
    redirect({ url, baseUrl }) {
      const path = typeof url === "string" ? safeCallbackPath(url, baseUrl) : undefined;
      return path === undefined ? baseUrl : new URL(path, baseUrl).href;
    },
    jwt({ token, user }) {
      if (user) {
        const u = user as { id: string; role: Role; sv: number };
        const claims: TokenClaims = { uid: u.id, role: u.role, sv: u.sv, sid: crypto.randomUUID(), st: Math.floor(Date.now() / 1000) };
        Object.assign(token, claims);
      }
      return token;
    },
    session({ session, token }) {
      Object.assign(session, { claims: { uid: token.uid, role: token.role, sv: token.sv, sid: token.sid, st: token.st } });
      return session;
    },
  },
});

/**
 * Records the session these claims name as ended, so that no copy of its cookie is accepted again
 * (lib/server/authz.ts). Kept until SESSION_MAX_AGE from now: the session, which began before now,
 * is refused after that anyway (lib/session-age.ts).
 */
export async function endSessionOf(claims: Partial<TokenClaims> | null | undefined): Promise<void> {
  if (typeof claims?.uid === "string" && typeof claims.sid === "string")
    await endSession({ userId: claims.uid, sessionId: claims.sid }, new Date(Date.now() + SESSION_MAX_AGE * 1000));
}
