import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, writeTransaction, type Tx, inserted } from "@/db";
import { endedSessions, signInEvents, signInThrottle, users, type Role } from "@/db/schema";
import { FieldError, FormError } from "@/lib/errors";
import type { ApprovalState } from "@/lib/roles";
import { hashPassword, verifyPassword } from "@/lib/password";
import { UNKNOWN_ADDRESS } from "@/lib/client-address";
import { countFailures, lockedUntil } from "@/db/throttle";
import { oneAtATime } from "@/lib/keyed-queue";
import { addressBucket, newAccountKeys, signUpKey, teacherCodeKeys, throttleKeys, type ThrottleKey } from "@/lib/sign-in-throttle";

/** Who is acting, as re-read from the database on every request. Never carries the password hash. */
export type SessionUser = { id: string; name: string; email: string; role: Role };
/**
 * The session user plus what decides where they may go: a one-time password must be replaced first,
 * and a teacher account an administrator has not approved (TEACHER_SIGNUP=approval) goes nowhere.
 */
export type CurrentUser = SessionUser & { mustChangePassword: boolean; approval: ApprovalState };

const sessionColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  sessionVersion: users.sessionVersion,
  mustChangePassword: users.mustChangePassword,
  approval: users.approval,
};

/** What a session's JWT says about it, as lib/server/auth.ts minted it at sign-in. */
export type SessionClaims = { userId: string; sessionVersion: number; sessionId: string };

/**
 * The account behind a JWT, if it still exists, is active, the token is of the current version and
 * its session was not signed out (endSession): one read by primary key.
 */
export async function findSessionUser({ userId, sessionVersion, sessionId }: SessionClaims): Promise<CurrentUser | null> {
  const row = (
    await (
      await getDb()
    )
      .select({
        ...sessionColumns,
        ended: sql<unknown>`exists (select 1 from ${endedSessions} where ${endedSessions.sessionId} = ${sessionId})`,
      })
      .from(users)
      .where(eq(users.id, userId))
  )[0];
  // SQLite answers exists() with 0 or 1, PostgreSQL with a boolean.
  if (!row || !row.active || row.sessionVersion !== sessionVersion || Boolean(row.ended)) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    mustChangePassword: row.mustChangePassword,
    approval: row.approval,
  };
}

/** Sign-up. A teacher signing up under TEACHER_SIGNUP=approval passes approval "pending". */
export const EMAIL_TAKEN = "An account with this email already exists. Sign in instead.";
export const SIGN_UP_PAUSED = "Too many sign-ups from this network were turned down. Sign-up from here is paused for 15 minutes.";
export const NEW_ACCOUNTS_PAUSED =
  "So many accounts were made from this network recently that sign-up from here is paused for up to 15 minutes. Try again later.";

/**
 * A new account. `address` is the client's (lib/client-address.ts): an email that already has an
 * account is a field error, counted against the address (signUpKey in lib/sign-in-throttle.ts);
 * past the limit every sign-up from there is refused until the pause ends, before anything else.
 * Accounts made count against the address too (newAccountKeys), with a pause of their own.
 */
export async function createAccount(
  input: {
    name: string;
    email: string;
    password: string;
    role: Role;
    approval?: ApprovalState;
    address?: string;
    /** Under TEACHER_SIGNUP=code, whether the code given was the right one: checked here, counted when wrong. */
    teacherCode?: "right" | "wrong";
  },
  now = new Date(),
): Promise<SessionUser> {
  if (input.teacherCode) await checkTeacherCode(input.teacherCode, input.address ?? UNKNOWN_ADDRESS, now);
  const address = input.address ?? UNKNOWN_ADDRESS;
  const throttle = signUpKey(address);
  const made = newAccountKeys(address);
  const paused = async (tx: Tx) => throttle !== null && (await lockedUntil(tx, [throttle], now)) !== null;
  if (await paused(await getDb())) throw new FormError(SIGN_UP_PAUSED);
  // Counted before the password is hashed: sign-ups sent in a burst can't all pass the limit.
  if (!(await reserveAccount(made, now))) throw new FormError(NEW_ACCOUNTS_PAUSED);
  const passwordHash = await hashPassword(input.password);
  const created = await writeTransaction(async (tx) => {
    if (await paused(tx)) return "paused" as const;
    const taken = (await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)))[0];
    if (taken) {
      // Counted in this transaction, which commits: the refusal is thrown after it.
      if (throttle) await countFailures(tx, throttle, now);
      return "taken" as const;
    }
    return await inserted(
      tx
        .insert(users)
        .values({ name: input.name, email: input.email, passwordHash, role: input.role, approval: input.approval ?? "approved" })
        .returning({ id: users.id, name: users.name, email: users.email, role: users.role }),
    );
  });
  if (created === "paused") throw new FormError(SIGN_UP_PAUSED);
  if (created === "taken") throw new FieldError("email", EMAIL_TAKEN);
  return created;
}

/**
 * Counts the account a sign-up is about to make against its address, unless sign-up from there is
 * paused (false): the one that reaches the limit is made, and the pause starts. Counted when the
 * sign-up starts, in a short transaction of its own (a whole class signing up at once would
 * otherwise have every account's transaction race for the one count), one sign-up of an address at
 * a time on this server (oneAtATime), so sign-ups sent at once each see the others' counts. A
 * sign-up then refused (the email has an account) has used its place. A count that still fails (a
 * race between app instances that outlasts the retries) only loosens a loose limit, so it is logged
 * and the account is made.
 */
async function reserveAccount(keys: readonly ThrottleKey[], now: Date): Promise<boolean> {
  for (const key of keys) {
    const paused = await oneAtATime(key.key, () =>
      writeTransaction(async (tx) => {
        if ((await lockedUntil(tx, [key], now)) !== null) return true;
        await countFailures(tx, key, now);
        return false;
      }),
    ).catch((error: unknown) => {
      console.warn("An account about to be made was not counted against its address:", error);
      return false;
    });
    if (paused) return false;
  }
  return true;
}

export const TEACHER_CODE_WRONG = "That teacher sign-up code is not right. Ask your school's administrator for it.";
export const TEACHER_CODE_PAUSED =
  "Too many wrong teacher sign-up codes were tried from this network. Teacher sign-up from here is paused for 15 minutes.";

/**
 * Refuses a wrong teacher sign-up code, counted against the address (teacherCodeKeys), and any code
 * while that count is at its limit: before the password is hashed or anything is written.
 */
async function checkTeacherCode(code: "right" | "wrong", address: string, now: Date) {
  const keys = teacherCodeKeys(address);
  const outcome = await writeTransaction(async (tx) => {
    if (await lockedUntil(tx, keys, now)) return "paused" as const;
    // Counted in this transaction, which commits: the refusal is thrown after it.
    if (code === "wrong") for (const key of keys) await countFailures(tx, key, now);
    return code;
  });
  if (outcome === "paused") throw new FieldError("teacherCode", TEACHER_CODE_PAUSED);
  if (outcome === "wrong") throw new FieldError("teacherCode", TEACHER_CODE_WRONG);
}

export type SignInResult =
  | { ok: true; user: SessionUser & { sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  /**
   * The right password for an account an administrator has deactivated, from a browser that account
   * has signed in on before (its device cookie): only its owner learns that. Anywhere else it is
   * "invalid", so a deactivated account can't be used to test whether a password is right.
   */
  | { ok: false; reason: "deactivated" }
  | { ok: false; reason: "locked"; lockedUntil: Date };

/**
 * One sign-in attempt. `address` is the client's, from clientAddress() in lib/client-address.ts;
 * `device` the verified id of this account's device cookie, if the browser sent one.
 */
export type SignInAttempt = {
  email: string;
  password: string;
  address: string;
  device?: string | null;
  /** Only the password is checked (the account page's current password): no sign-in is recorded. */
  checkOnly?: boolean;
};

/**
 * Checks a password, throttled (lib/sign-in-throttle.ts). Before the slow hash, one IMMEDIATE
 * transaction refuses a locked attempt (without hashing: the answer is the same whether or not the
 * account exists) and counts this attempt as a failure on its first key, so guesses sent in
 * parallel can't all pass one limit. A wrong password then counts on the other keys; a right one
 * clears the first key. Unknown emails go through the same steps, so nothing is revealed.
 */
export async function verifySignIn(
  { email, password, address, device = null, checkOnly = false }: SignInAttempt,
  now = new Date(),
): Promise<SignInResult> {
  const [first, ...rest] = throttleKeys(email, address, device);
  // A class mistyping at once from one school address all write its count: on this server, those
  // writes take turns (oneAtATime), instead of racing and running out of retries on PostgreSQL.
  const inTurn = <T>(task: () => Promise<T>) =>
    address === UNKNOWN_ADDRESS ? task() : oneAtATime(`sign-in:${addressBucket(address)}`, task);
  const reserved = await inTurn(() =>
    writeTransaction(async (tx) => {
      const locked = await lockedUntil(tx, [first!, ...rest], now);
      if (locked) return { lockedUntil: locked, refused: true };
      return { lockedUntil: await countFailures(tx, first!, now), refused: false };
    }),
  );
  if (reserved.refused) return { ok: false, reason: "locked", lockedUntil: reserved.lockedUntil! };

  const [user] = await (
    await getDb()
  )
    .select({ ...sessionColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  // Hash even for an unknown email, so timing tells nothing.
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordOk || !user.active) {
    const lockedUntil = await inTurn(() =>
      writeTransaction(async (tx) => {
        let until = reserved.lockedUntil;
        for (const key of rest) until = (await countFailures(tx, key, now)) ?? until;
        return until;
      }),
    );
    if (lockedUntil) return { ok: false, reason: "locked", lockedUntil };
    return user && passwordOk && device ? { ok: false, reason: "deactivated" } : { ok: false, reason: "invalid" };
  }
  await writeTransaction(async (tx) => {
    await tx.delete(signInThrottle).where(eq(signInThrottle.key, first!.key));
    if (checkOnly) return;
    await tx.update(users).set({ lastSignInAt: now }).where(eq(users.id, user.id));
    await tx.insert(signInEvents).values({ userId: user.id, at: now });
  });
  return {
    ok: true,
    user: { id: user.id, name: user.name, email: user.email, role: user.role, sessionVersion: user.sessionVersion },
  };
}

export const WRONG_CURRENT_PASSWORD = "That isn't your current password.";
export const PASSWORD_CHANGED_ELSEWHERE = "Your password was changed elsewhere while you were changing it. Sign in again with the new one.";

/**
 * Replaces the acting user's password (and clears a one-time password's "must change" mark). The
 * current password is checked through the sign-in throttle, so a borrowed session can't be used to
 * guess it; every other session ends. It applies only while the password is still the one checked:
 * a one-time password an administrator sets meanwhile stays, and the change is refused as stale.
 */
export async function changePassword(
  actor: SessionUser,
  {
    currentPassword,
    newPassword,
    address,
    device = null,
  }: { currentPassword: string; newPassword: string; address: string; device?: string | null },
): Promise<void> {
  // The hash the check below will verify against: the two slow hashes leave time for an
  // administrator's one-time password to land, which this change must not overwrite.
  const [before] = await (await getDb()).select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  // Checked only: the fresh session this browser gets afterwards is the one sign-in recorded.
  const check = await verifySignIn({ email: actor.email, password: currentPassword, address, device, checkOnly: true });
  if (!check.ok) {
    throw new FieldError(
      "currentPassword",
      check.reason === "locked" ? "Too many wrong tries. Wait 15 minutes, then try again." : WRONG_CURRENT_PASSWORD,
    );
  }
  const passwordHash = await hashPassword(newPassword);
  const changed = await writeTransaction(
    async (tx) =>
      await tx
        .update(users)
        .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1` })
        // No account read means a hash of "": nothing matches it.
        .where(and(eq(users.id, actor.id), eq(users.passwordHash, before?.passwordHash ?? "")))
        .returning({ id: users.id }),
  );
  if (changed.length === 0) throw new FormError(PASSWORD_CHANGED_ELSEWHERE, "stale");
}

/**
 * Signs one session out for good: its JWT, and any copy of it, is refused from now on
 * (findSessionUser), until `endsAt`, after which no token of it could be valid anyway. The holder is
 * who the token names; a session of an account that no longer exists records nothing.
 */
export async function endSession(holder: Pick<SessionClaims, "userId" | "sessionId">, endsAt: Date): Promise<void> {
  await writeTransaction(async (tx) => {
    const account = (await tx.select({ id: users.id }).from(users).where(eq(users.id, holder.userId)))[0];
    if (!account) return;
    await tx.insert(endedSessions).values({ sessionId: holder.sessionId, userId: account.id, endsAt }).onConflictDoNothing();
  });
}

/** Ends every session of this user at once: all older JWTs stop matching. */
export async function signOutEverywhere(actor: SessionUser): Promise<void> {
  await writeTransaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, actor.id));
  });
}
