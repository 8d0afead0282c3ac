import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { signInAttempts, users, type Role } from "@/db/schema";
import { FieldError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/password";

/** Who is acting, as re-read from the database on every request. Never carries the password hash. */
export type SessionUser = { id: string; name: string; email: string; role: Role };
/** The session user plus what decides where they may go: a one-time password must be replaced first. */
export type CurrentUser = SessionUser & { mustChangePassword: boolean };

const sessionColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  sessionVersion: users.sessionVersion,
  mustChangePassword: users.mustChangePassword,
};

export const THROTTLE = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

/** The account behind a JWT, if it still exists, is active and the token is of the current version. */
export function findSessionUser(userId: string, sessionVersion: number): CurrentUser | null {
  const row = getDb().select(sessionColumns).from(users).where(eq(users.id, userId)).get();
  if (!row || !row.active || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id, name: row.name, email: row.email, role: row.role, mustChangePassword: row.mustChangePassword };
}

export async function createAccount(input: {
  name: string;
  email: string;
  password: string;
  role: Role;
}): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction((tx) => {
    const taken = tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
    if (taken) throw new FieldError("email", "An account with this email already exists. Sign in instead.");
    return tx
      .insert(users)
      .values({ name: input.name, email: input.email, passwordHash, role: input.role })
      .returning({ id: users.id, name: users.name, email: users.email, role: users.role })
      .get();
  });
}

export type SignInResult =
  | { ok: true; user: SessionUser & { sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; lockedUntil: Date };

/**
 * Checks a password with the same work whether or not the account exists, and throttles
 * per e-mail address: too many failures in a window lock sign-in for that address.
 */
export async function verifySignIn(email: string, password: string, now = new Date()): Promise<SignInResult> {
  const db = getDb();
  const attempt = db.select().from(signInAttempts).where(eq(signInAttempts.email, email)).get();
  const user = db
    .select({ ...sessionColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .get();
  // Always hash, even when locked or unknown, so timing tells nothing.
  const passwordOk = await verifyPassword(user?.passwordHash, password);

  if (attempt?.lockedUntil && attempt.lockedUntil > now) {
    return { ok: false, reason: "locked", lockedUntil: attempt.lockedUntil };
  }
  if (!user || !passwordOk || !user.active) {
    const lockedUntil = recordFailure(email, now);
    return lockedUntil ? { ok: false, reason: "locked", lockedUntil } : { ok: false, reason: "invalid" };
  }
  db.delete(signInAttempts).where(eq(signInAttempts.email, email)).run();
  return {
    ok: true,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion },
  };
}

/** Counts a failure; returns the lock's end when this failure reaches the limit. */
function recordFailure(email: string, now: Date): Date | null {
  return writeTransaction((tx) => {
    const row = tx.select().from(signInAttempts).where(eq(signInAttempts.email, email)).get();
    const windowOpen = row && now.getTime() - row.windowStartedAt.getTime() < THROTTLE.windowMs;
    const failures = windowOpen ? row.failures + 1 : 1;
    const lockedUntil = failures >= THROTTLE.maxFailures ? new Date(now.getTime() + THROTTLE.lockMs) : null;
    const values = {
      failures: lockedUntil ? 0 : failures,
      windowStartedAt: windowOpen && !lockedUntil ? row.windowStartedAt : now,
      lockedUntil,
    };
    tx.insert(signInAttempts)
      .values({ email, ...values })
      .onConflictDoUpdate({ target: signInAttempts.email, set: values })
      .run();
    return lockedUntil;
  });
}

export const WRONG_CURRENT_PASSWORD = "That isn't your current password.";

/**
 * Replaces the acting user's password (and clears a one-time password's "must change" mark). The
 * current password is checked through the sign-in throttle, so a borrowed session can't be used to
 * guess it; every other session ends.
 */
export async function changePassword(actor: SessionUser, currentPassword: string, newPassword: string): Promise<void> {
  const check = await verifySignIn(actor.email, currentPassword);
  if (!check.ok) {
    throw new FieldError("currentPassword", check.reason === "locked" ? "Too many wrong tries. Wait 15 minutes, then try again." : WRONG_CURRENT_PASSWORD);
  }
  const passwordHash = await hashPassword(newPassword);
  getDb()
    .update(users)
    .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, actor.id))
    .run();
}

/** Ends every session of this user at once: all older JWTs stop matching. */
export function signOutEverywhere(actor: SessionUser): void {
  getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, actor.id))
    .run();
}
