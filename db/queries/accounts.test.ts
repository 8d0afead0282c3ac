import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb, getDatabase } from "@/db";
import { endedSessions, signInEvents, signInThrottle, users } from "@/db/schema";
import { makeUser } from "@/db/factories";
import { UNKNOWN_ADDRESS } from "@/lib/client-address";
import { FieldError, FormError } from "@/lib/errors";
import { hashPassword } from "@/lib/password";
import { accountKey, newAccountKeys, THROTTLE } from "@/lib/sign-in-throttle";
import {
  changePassword,
  createAccount,
  endSession,
  findSessionUser,
  signOutEverywhere,
  EMAIL_TAKEN,
  NEW_ACCOUNTS_PAUSED,
  PASSWORD_CHANGED_ELSEWHERE,
  SIGN_UP_PAUSED,
  TEACHER_CODE_PAUSED,
  TEACHER_CODE_WRONG,
  verifySignIn,
  WRONG_CURRENT_PASSWORD,
} from "./accounts";
import { setOneTimePassword } from "./admin";

/** A session that was never signed out (lib/server/auth.ts mints a random id per sign-in). */
const SESSION = crypto.randomUUID();
// Pass-through spy: proves the password check runs even when there is no account to check.
vi.mock("@/lib/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/password")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const { verifyPassword } = await import("@/lib/password");

let n = 0;
async function account(password = "right-password") {
  const k = ++n;
  const row = await makeUser((await getDatabase()).writer, {
    role: "student",
    email: `acct${k}@unit.test`,
    name: `A ${k}`,
    passwordHash: await hashPassword(password),
  });
  return { row, password };
}

// Each test signs in from addresses of its own, so the per-address counts of one never reach another.
let lastOctet = 0;
const newAddress = () => `203.0.113.${++lastOctet}`;
const ADDRESS = newAddress();
const at = (t0: Date, ms: number) => new Date(t0.getTime() + ms);
/** One attempt from an address; `now` defaults to the real clock. */
const attempt = async (email: string, password: string, address = ADDRESS, now?: Date, device?: string) =>
  await verifySignIn({ email, password, address, device }, now);

/** Whether a throttle key is locked now, as the database says. */
const lockedKey = async (key: string) =>
  Boolean((await (await getDb()).select().from(signInThrottle).where(eq(signInThrottle.key, key)))[0]?.lockedUntil);

/** `count` wrong passwords for this email from this address, a second apart from t0. */
async function fail(email: string, count: number, address: string, t0: Date) {
  const results = [];
  for (let i = 0; i < count; i++) results.push(await attempt(email, `wrong-${i}`, address, at(t0, i * 1000)));
  return results;
}

describe("accounts", () => {
  it("stores a lower-cased email and refuses a second account for it", async () => {
    const created = await createAccount({ name: "Ana", email: "ana@unit.test", password: "a-long-password", role: "teacher" });
    expect(created.email).toBe("ana@unit.test");
    await expect(createAccount({ name: "Ana 2", email: "ana@unit.test", password: "another-pass", role: "student" })).rejects.toThrow(
      FieldError,
    );
  });

  it("hashes with argon2id", async () => {
    const created = await createAccount({ name: "B", email: "b@unit.test", password: "a-long-password", role: "student" });
    const result = await attempt("b@unit.test", "a-long-password");
    expect(result.ok && result.user.id).toBe(created.id);
    // lib/test/setup.ts lowers the cost for tests; what the app asks argon2 for is OWASP's argon2id.
    const argon2 = await import("@node-rs/argon2");
    vi.mocked(argon2.hash).mockClear();
    expect((await hashPassword("x")).startsWith("$argon2id$v=19$")).toBe(true);
    expect(argon2.hash).toHaveBeenCalledWith("x", { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  });

  it("signs in with the right password only, never for a deactivated account, and records when", async () => {
    const { row, password } = await account();
    const now = new Date("2026-11-22T08:00:00Z");
    expect(row.lastSignInAt).toBeNull();
    expect(await attempt(row.email, "wrong-password")).toEqual({ ok: false, reason: "invalid" });
    expect((await (await getDb()).select().from(users).where(eq(users.id, row.id)))[0]?.lastSignInAt).toBeNull();
    expect((await attempt(row.email, password, ADDRESS, now)).ok).toBe(true);
    expect((await (await getDb()).select().from(users).where(eq(users.id, row.id)))[0]?.lastSignInAt).toEqual(now);
    const inactive = await makeUser((await getDatabase()).writer, {
      role: "student",
      email: "off@unit.test",
      name: "Off",
      passwordHash: await hashPassword("pw-pw-pw-pw"),
      active: false,
    });
    // Its owner, with the right password in a browser the account has signed in on (its device
    // cookie), learns that it is deactivated; anyone else is told nothing, not even that the password
    // is right.
    expect(await attempt(inactive.email, "pw-pw-pw-pw", ADDRESS, undefined, "device-1")).toEqual({ ok: false, reason: "deactivated" });
    expect(await attempt(inactive.email, "pw-pw-pw-pw")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(inactive.email, "not-the-password", ADDRESS, undefined, "device-1")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(inactive.email, "not-the-password")).toEqual({ ok: false, reason: "invalid" });
  });
});

// Each attempt runs a real argon2id check (at the tests' lower cost, lib/test/setup.ts), so the
// throttle is tested as it runs; some tests make 25 of them.
describe("sign-in throttle", { timeout: 60_000 }, () => {
  it("locks an account from one address after 10 failures in 15 minutes, even for the right password, then unlocks", async () => {
    const SCHOOL = newAddress();
    const { row, password } = await account();
    const t0 = new Date("2026-11-22T10:00:00Z");
    const results = await fail(row.email, THROTTLE.perAccount, SCHOOL, t0);
    expect(results.slice(0, -1).every((r) => r.ok === false && r.reason === "invalid")).toBe(true);
    expect(results.at(-1)).toEqual({ ok: false, reason: "locked", lockedUntil: at(t0, 9_000 + THROTTLE.lockMs) });
    expect(await attempt(row.email, password, SCHOOL, at(t0, 60_000))).toMatchObject({ reason: "locked" });
    expect((await attempt(row.email, password, SCHOOL, at(t0, 9_000 + THROTTLE.lockMs + 1))).ok).toBe(true);
  });

  it("never locks the owner out from another address", async () => {
    const [SCHOOL, HOME] = [newAddress(), newAddress()];
    const { row, password } = await account();
    const t0 = new Date("2026-11-22T10:30:00Z");
    await fail(row.email, THROTTLE.perAccount, SCHOOL, t0);
    expect(await attempt(row.email, password, SCHOOL, at(t0, 20_000))).toMatchObject({ reason: "locked" });
    expect((await attempt(row.email, password, HOME, at(t0, 20_000))).ok).toBe(true);
    // A wrong try from home counts at home only; the lock at school stays as it was.
    expect(await attempt(row.email, "typo", HOME, at(t0, 21_000))).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(row.email, password, SCHOOL, at(t0, 22_000))).toMatchObject({ reason: "locked" });
  });

  it("locks an address that fails across many accounts, for every account, but not other addresses", async () => {
    const t0 = new Date("2026-11-22T11:00:00Z");
    const [sprayer, HOME] = [newAddress(), newAddress()];
    const victims = await Promise.all([account(), account()]);
    let last;
    // Fewer than 10 per account, so only the address ceiling can lock.
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      last = await attempt(`spray${i % 20}@unit.test`, "password1", sprayer, at(t0, i * 100));
    }
    expect(last).toMatchObject({ ok: false, reason: "locked" });
    const [victim, other] = victims;
    expect(await attempt(victim!.row.email, victim!.password, sprayer, at(t0, 60_000))).toMatchObject({ reason: "locked" });
    expect((await attempt(other!.row.email, other!.password, HOME, at(t0, 60_000))).ok).toBe(true);
    expect((await attempt(victim!.row.email, victim!.password, sprayer, at(t0, 60_000 + THROTTLE.lockMs))).ok).toBe(true);
  });

  it("without a trusted address, counts per account only: one shared address must not lock the whole app", async () => {
    const t0 = new Date("2026-11-22T11:30:00Z");
    for (let i = 0; i < THROTTLE.perAddress + 5; i++) {
      expect(await attempt(`nobody${i}@unit.test`, "x", UNKNOWN_ADDRESS, at(t0, i))).toEqual({ ok: false, reason: "invalid" });
    }
    const { row, password } = await account();
    expect((await attempt(row.email, password, UNKNOWN_ADDRESS, at(t0, 1000))).ok).toBe(true);
    const results = await fail(row.email, THROTTLE.perAccount, UNKNOWN_ADDRESS, at(t0, 2000));
    expect(results.at(-1)).toMatchObject({ reason: "locked" });
  });

  it("does the same hashing work for an unknown email as for a real one", async () => {
    vi.mocked(verifyPassword).mockClear();
    expect(await attempt("nobody@unit.test", "whatever")).toEqual({ ok: false, reason: "invalid" });
    expect(verifyPassword).toHaveBeenCalledWith(undefined, "whatever");
    const call = vi.mocked(verifyPassword).mock.results[0];
    expect(call?.type).toBe("return");
  });

  it("throttles unknown emails the same way, and skips the hash while locked for both, so locking reveals nothing", async () => {
    const SCHOOL = newAddress();
    const t0 = new Date("2026-11-22T12:00:00Z");
    const { row } = await account();
    const [known, ghost] = [
      await fail(row.email, THROTTLE.perAccount, SCHOOL, t0),
      await fail("ghost@unit.test", THROTTLE.perAccount, SCHOOL, t0),
    ];
    expect(ghost.map((r) => r.ok || r.reason)).toEqual(known.map((r) => r.ok || r.reason));
    expect(ghost.at(-1)).toEqual(known.at(-1));
    vi.mocked(verifyPassword).mockClear();
    expect(await attempt("ghost@unit.test", "again", SCHOOL, at(t0, 60_000))).toMatchObject({ reason: "locked" });
    expect(await attempt(row.email, "again", SCHOOL, at(t0, 60_000))).toMatchObject({ reason: "locked" });
    // A locked attempt costs no argon2 run: a flood from a locked address can't starve real sign-ins.
    expect(verifyPassword).not.toHaveBeenCalled();
  });

  it("counts guesses sent all at once: the ones past the limit are refused, even the right password", async () => {
    const SCHOOL = newAddress();
    const { row, password } = await account();
    const guesses = Promise.all(Array.from({ length: 20 }, async (_, i) => await attempt(row.email, `wrong-${i}`, SCHOOL)));
    // The right password comes in while the guesses are being checked, once they have used up the
    // limit. (Sent in the same instant it could come first: a PostgreSQL server runs transactions
    // side by side, in no set order, and the owner's right password would then rightly pass.)
    let settled = false;
    void guesses.finally(() => (settled = true));
    while (!settled && !(await lockedKey(accountKey(row.email, SCHOOL)))) await new Promise((resolve) => setTimeout(resolve, 5));
    const right = attempt(row.email, password, SCHOOL);
    const results = [...(await guesses), await right];
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(THROTTLE.perAccount - 1);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("a device the owner signed in on before is throttled on its own: failures from the same network never lock it", async () => {
    const SCHOOL = newAddress();
    const { row, password } = await account();
    const t0 = new Date("2026-11-22T16:00:00Z");
    // Students at the school, one address for everyone, lock the account and the whole address.
    await fail(row.email, THROTTLE.perAccount, SCHOOL, t0);
    for (let i = 0; i < THROTTLE.perAddress; i++) await attempt(`sprayed${i}@unit.test`, "x", SCHOOL, at(t0, 1000));
    expect(await attempt(row.email, password, SCHOOL, at(t0, 2000))).toMatchObject({ reason: "locked" });
    // The teacher's own laptop, same address: its device cookie puts it on a count of its own.
    const laptop = "laptop-device-id";
    expect((await verifySignIn({ email: row.email, password, address: SCHOOL, device: laptop }, at(t0, 3000))).ok).toBe(true);
    // And that count locks only that device.
    for (let i = 0; i < THROTTLE.perDevice; i++)
      await verifySignIn({ email: row.email, password: "nope", address: SCHOOL, device: laptop }, at(t0, 4000));
    expect(await verifySignIn({ email: row.email, password, address: SCHOOL, device: laptop }, at(t0, 5000))).toMatchObject({
      reason: "locked",
    });
    expect((await verifySignIn({ email: row.email, password, address: SCHOOL, device: "phone-device-id" }, at(t0, 5000))).ok).toBe(true);
  });

  it("counts an IPv6 /64 as one client, and caps one account's failures across all addresses", async () => {
    const { row } = await account();
    const t0 = new Date("2026-11-22T17:00:00Z");
    const inOne64 = (i: number) => `2001:db8:1:2::${(i + 1).toString(16)}`;
    const spread = [];
    for (let i = 0; i < THROTTLE.perAccount; i++) spread.push(await attempt(row.email, "wrong", inOne64(i), at(t0, i * 1000)));
    expect(spread.at(-1)).toMatchObject({ reason: "locked" });
    const { row: other, password } = await account();
    const many = [];
    for (let i = 0; i < THROTTLE.perAccountAnywhere; i++)
      many.push(await attempt(other.email, "wrong", `198.51.100.${i + 1}`, at(t0, i * 1000)));
    expect(many.at(-1)).toMatchObject({ reason: "locked" });
    expect(await attempt(other.email, password, "198.51.100.250", at(t0, 60_000))).toMatchObject({ reason: "locked" });
    // The owner's known device still gets in.
    expect(
      (await verifySignIn({ email: other.email, password, address: "198.51.100.250", device: "owner-device" }, at(t0, 60_000))).ok,
    ).toBe(true);
  });

  it("forgets failures once the window has passed", async () => {
    const SCHOOL = newAddress();
    const { row } = await account();
    const t0 = new Date("2026-11-22T14:00:00Z");
    await fail(row.email, THROTTLE.perAccount - 1, SCHOOL, t0);
    const afterWindow = at(t0, THROTTLE.windowMs + 1);
    const results = await fail(row.email, THROTTLE.perAccount - 1, SCHOOL, afterWindow);
    expect(results.every((r) => !r.ok && r.reason === "invalid")).toBe(true);
  });

  it("clears this account's count from this address on success, and nothing else", async () => {
    const [SCHOOL, HOME] = [newAddress(), newAddress()];
    const { row, password } = await account();
    const t0 = new Date("2026-11-22T15:00:00Z");
    const count = async (key: string) =>
      (await (await getDb()).select().from(signInThrottle).where(eq(signInThrottle.key, key)))[0]?.failures;
    await fail(row.email, THROTTLE.perAccount - 1, SCHOOL, t0);
    await fail(row.email, 3, HOME, t0);
    expect((await attempt(row.email, password, SCHOOL, at(t0, 20_000))).ok).toBe(true);
    expect(await count(accountKey(row.email, SCHOOL))).toBeUndefined();
    expect(await count(accountKey(row.email, HOME))).toBe(3);
    expect(await count(`address:${SCHOOL}`)).toBe(THROTTLE.perAccount - 1);
    const again = await fail(row.email, THROTTLE.perAccount - 1, SCHOOL, at(t0, 30_000));
    expect(again.every((r) => !r.ok && r.reason === "invalid")).toBe(true);
  });
});

describe("sign-in throttle: a class at once", { timeout: 60_000 }, () => {
  it("thirty students mistyping at the same moment from one school address: each is told so, none gets an error, and all are counted", async () => {
    const SCHOOL = newAddress();
    const passwordHash = await hashPassword("right-password");
    const rows = [];
    for (let i = 0; i < 30; i++) {
      const k = ++n;
      rows.push(
        await makeUser((await getDatabase()).writer, { role: "student", email: `mistype${k}@unit.test`, name: `M ${k}`, passwordHash }),
      );
    }
    const results = await Promise.all(rows.map((row) => attempt(row.email, "a-typo", SCHOOL)));
    expect(results).toEqual(Array(30).fill({ ok: false, reason: "invalid" }));
    const count = (
      await (
        await getDb()
      )
        .select()
        .from(signInThrottle)
        .where(eq(signInThrottle.key, `address:${SCHOOL}`))
    )[0];
    expect(count?.failures).toBe(30);
  });
});

describe("sign-up throttle", { timeout: 60_000 }, () => {
  const signUp = (email: string, address: string, now?: Date) =>
    createAccount({ name: "New", email, password: "a-long-password", role: "student", address }, now);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => "created",
      (error: unknown) => (error instanceof FieldError || error instanceof FormError ? error.message : error),
    );
  const exists = async (email: string) => (await (await getDb()).select().from(users).where(eq(users.email, email))).length === 1;

  it("counts emails that already have an account per address; at the limit sign-up from there pauses for any email, then resumes", async () => {
    const [SCHOOL, HOME] = [newAddress(), newAddress()];
    const { row } = await account();
    const t0 = new Date("2026-11-23T09:00:00Z");
    for (let i = 0; i < THROTTLE.takenEmailsPerAddress; i++)
      expect(await refusal(signUp(row.email, SCHOOL, at(t0, i * 1000)))).toBe(EMAIL_TAKEN);
    // Paused: the taken email and a free one get the same answer, and nothing is created.
    expect(await refusal(signUp(row.email, SCHOOL, at(t0, 60_000)))).toBe(SIGN_UP_PAUSED);
    expect(await refusal(signUp("free1@unit.test", SCHOOL, at(t0, 60_000)))).toBe(SIGN_UP_PAUSED);
    expect(await exists("free1@unit.test")).toBe(false);
    // Another address is not paused; the same one is once the pause is over.
    expect(await refusal(signUp("free2@unit.test", HOME, at(t0, 60_000)))).toBe("created");
    expect(await refusal(signUp(row.email, HOME, at(t0, 60_000)))).toBe(EMAIL_TAKEN);
    expect(await refusal(signUp("free1@unit.test", SCHOOL, at(t0, 20_000 + THROTTLE.lockMs)))).toBe("created");
  });

  it("lets a whole class sign up from one address: only emails that are taken count", async () => {
    const SCHOOL = newAddress();
    const t0 = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < THROTTLE.takenEmailsPerAddress + 5; i++) {
      expect(await refusal(signUp(`class${i}@unit.test`, SCHOOL, at(t0, i * 1000)))).toBe("created");
    }
    expect(await refusal(signUp("class0@unit.test", SCHOOL, at(t0, 60_000)))).toBe(EMAIL_TAKEN);
  });

  it("counts accounts made per address: the one that reaches the limit is made, then sign-up from there pauses for any email, then resumes", async () => {
    const [SCHOOL, HOME] = [newAddress(), newAddress()];
    const { row } = await account();
    const t0 = new Date("2026-11-23T12:00:00Z");
    const [made] = newAccountKeys(SCHOOL);
    // Each account made counts one.
    expect(await refusal(signUp("made0@unit.test", SCHOOL, t0))).toBe("created");
    const count = async () => (await (await getDb()).select().from(signInThrottle).where(eq(signInThrottle.key, made!.key)))[0];
    expect((await count())?.failures).toBe(1);
    // As if a script had made all but the last two it may.
    await (
      await getDatabase()
    ).writer
      .update(signInThrottle)
      .set({ failures: THROTTLE.newAccountsPerAddress - 2 })
      .where(eq(signInThrottle.key, made!.key));
    expect(await refusal(signUp("made1@unit.test", SCHOOL, at(t0, 1000)))).toBe("created");
    expect(await refusal(signUp("made2@unit.test", SCHOOL, at(t0, 2000)))).toBe("created");
    expect(await exists("made2@unit.test")).toBe(true);
    // Paused: a free email and a taken one get the same answer, and nothing is made.
    expect(await refusal(signUp("made3@unit.test", SCHOOL, at(t0, 3000)))).toBe(NEW_ACCOUNTS_PAUSED);
    expect(await refusal(signUp(row.email, SCHOOL, at(t0, 3000)))).toBe(NEW_ACCOUNTS_PAUSED);
    expect(await exists("made3@unit.test")).toBe(false);
    // Another address is not paused; this one is once the pause is over.
    expect(await refusal(signUp("made3@unit.test", HOME, at(t0, 3000)))).toBe("created");
    expect(await refusal(signUp("made4@unit.test", SCHOOL, at(t0, 2000 + THROTTLE.lockMs)))).toBe("created");
  });

  it("a class signing up from one address at the same moment: every account is made, and each is counted", async () => {
    const SCHOOL = newAddress();
    const t0 = new Date("2026-11-23T13:00:00Z");
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => refusal(signUp(`together${i}@unit.test`, SCHOOL, t0))));
    expect(outcomes).toEqual(Array(30).fill("created"));
    const [made] = newAccountKeys(SCHOOL);
    const counted = (await (await getDb()).select().from(signInThrottle).where(eq(signInThrottle.key, made!.key)))[0];
    expect(counted?.failures).toBe(30);
  });

  it("sign-ups sent in a burst near the limit: only those the count has room for are made, the rest are paused", async () => {
    const SCHOOL = newAddress();
    const t0 = new Date("2026-11-23T14:00:00Z");
    const [made] = newAccountKeys(SCHOOL);
    // As if a script had made all but the last five it may.
    await (
      await getDatabase()
    ).writer
      .insert(signInThrottle)
      .values({ key: made!.key, failures: THROTTLE.newAccountsPerAddress - 5, windowStartedAt: t0 });
    const emails = Array.from({ length: 20 }, (_, i) => `burst${i}@unit.test`);
    const outcomes = await Promise.all(emails.map((email) => refusal(signUp(email, SCHOOL, at(t0, 1000)))));
    expect(outcomes.filter((o) => o === "created")).toHaveLength(5);
    expect(outcomes.filter((o) => o === NEW_ACCOUNTS_PAUSED)).toHaveLength(15);
    const madeNow = await Promise.all(emails.map(exists));
    expect(madeNow.filter(Boolean)).toHaveLength(5);
    // Another address, at the same moment: made.
    expect(await refusal(signUp("burst-home@unit.test", newAddress(), at(t0, 1000)))).toBe("created");
  });

  it("without a trusted address, counts nothing: one shared address must not pause sign-up for the whole app", async () => {
    expect(newAccountKeys(UNKNOWN_ADDRESS)).toEqual([]);
    const { row } = await account();
    const t0 = new Date("2026-11-23T11:00:00Z");
    for (let i = 0; i <= THROTTLE.takenEmailsPerAddress; i++) {
      expect(await refusal(signUp(row.email, UNKNOWN_ADDRESS, at(t0, i * 1000)))).toBe(EMAIL_TAKEN);
    }
    expect(await refusal(signUp("alone@unit.test", UNKNOWN_ADDRESS, at(t0, 60_000)))).toBe("created");
  });
});

describe("teacher sign-up code throttle", { timeout: 60_000 }, () => {
  const teacher = (email: string, teacherCode: "right" | "wrong", address: string, now?: Date) =>
    createAccount({ name: "New", email, password: "a-long-password", role: "teacher", address, teacherCode }, now);
  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      () => "created",
      (error: unknown) => (error instanceof FieldError ? `${Object.keys(error.fieldErrors).join()}: ${error.message}` : error),
    );
  const exists = async (email: string) => (await (await getDb()).select().from(users).where(eq(users.email, email))).length === 1;

  it("counts wrong codes per address; at the limit teacher sign-up from there pauses, the right code too, then resumes", async () => {
    const [SCHOOL, HOME] = [newAddress(), newAddress()];
    const t0 = new Date("2026-11-24T09:00:00Z");
    for (let i = 0; i < THROTTLE.wrongTeacherCodesPerAddress; i++)
      expect(await outcome(teacher(`guess${i}@unit.test`, "wrong", SCHOOL, at(t0, i * 1000)))).toBe(`teacherCode: ${TEACHER_CODE_WRONG}`);
    expect(await exists("guess0@unit.test")).toBe(false);
    // Paused: even the right code is refused from there, and nothing is created.
    expect(await outcome(teacher("right1@unit.test", "right", SCHOOL, at(t0, 60_000)))).toBe(`teacherCode: ${TEACHER_CODE_PAUSED}`);
    expect(await exists("right1@unit.test")).toBe(false);
    // Students from there, and a teacher elsewhere, sign up as before; and from there once the pause is over.
    expect(
      await outcome(
        createAccount(
          { name: "Pupil", email: "pupil-tc@unit.test", password: "a-long-password", role: "student", address: SCHOOL },
          at(t0, 60_000),
        ),
      ),
    ).toBe("created");
    expect(await outcome(teacher("right2@unit.test", "right", HOME, at(t0, 60_000)))).toBe("created");
    expect(await outcome(teacher("right1@unit.test", "right", SCHOOL, at(t0, 20_000 + THROTTLE.lockMs)))).toBe("created");
  });

  it("lets a right code through below the limit, and counts nothing without a trusted address", async () => {
    const SCHOOL = newAddress();
    const t0 = new Date("2026-11-24T10:00:00Z");
    for (let i = 0; i < THROTTLE.wrongTeacherCodesPerAddress - 1; i++)
      await outcome(teacher(`miss${i}@unit.test`, "wrong", SCHOOL, at(t0, i)));
    expect(await outcome(teacher("ok-tc@unit.test", "right", SCHOOL, at(t0, 30_000)))).toBe("created");
    for (let i = 0; i <= THROTTLE.wrongTeacherCodesPerAddress; i++)
      await outcome(teacher(`anon${i}@unit.test`, "wrong", UNKNOWN_ADDRESS, at(t0, i)));
    expect(await outcome(teacher("anon-ok@unit.test", "right", UNKNOWN_ADDRESS, at(t0, 30_000)))).toBe("created");
  });
});

describe("sessions", () => {
  it("ends one signed-out session for good, and only that one", async () => {
    const { row } = await account();
    const [laptop, phone] = [crypto.randomUUID(), crypto.randomUUID()];
    const claims = (sessionId: string) => ({ userId: row.id, sessionVersion: row.sessionVersion, sessionId });
    expect(await findSessionUser(claims(laptop))).toMatchObject({ id: row.id });
    const endsAt = new Date(Date.now() + 30 * 86_400_000);
    await endSession({ userId: row.id, sessionId: laptop }, endsAt);
    expect(await findSessionUser(claims(laptop))).toBeNull();
    // The account's other session, and a new sign-in, are untouched.
    expect(await findSessionUser(claims(phone))).toMatchObject({ id: row.id });
    expect(await findSessionUser(claims(crypto.randomUUID()))).toMatchObject({ id: row.id });
    // Signing out twice (two tabs) records it once.
    await endSession({ userId: row.id, sessionId: laptop }, endsAt);
    const rows = await (await getDb()).select().from(endedSessions).where(eq(endedSessions.userId, row.id));
    expect(rows).toEqual([{ sessionId: laptop, userId: row.id, endsAt }]);
  });

  it("records nothing for a session of an account that no longer exists", async () => {
    const gone = crypto.randomUUID();
    await endSession({ userId: gone, sessionId: crypto.randomUUID() }, new Date());
    expect(await (await getDb()).select().from(endedSessions).where(eq(endedSessions.userId, gone))).toEqual([]);
  });

  it("ends every session on sign-out-everywhere", async () => {
    const { row } = await account();
    const actor = (await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion, sessionId: SESSION }))!;
    await signOutEverywhere(actor);
    expect(await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion, sessionId: SESSION })).toBeNull();
    expect(await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion + 1, sessionId: SESSION })).not.toBeNull();
  });
});

describe("changing a password", () => {
  it("needs the current password, clears the one-time mark and ends every other session", async () => {
    const { row, password } = await account();
    await (await getDatabase()).writer.update(users).set({ mustChangePassword: true }).where(eq(users.id, row.id));
    const actor = (await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion, sessionId: SESSION }))!;
    expect(actor.mustChangePassword).toBe(true);

    const wrong = await changePassword(actor, { currentPassword: "not-it", newPassword: "brand-new-password", address: ADDRESS }).catch(
      (error: unknown) => error,
    );
    expect(wrong).toBeInstanceOf(FieldError);
    expect((wrong as FieldError).fieldErrors).toEqual({ currentPassword: [WRONG_CURRENT_PASSWORD] });
    expect((await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion, sessionId: SESSION }))?.mustChangePassword).toBe(
      true,
    );

    const signIns = async () => await (await getDb()).select().from(signInEvents).where(eq(signInEvents.userId, row.id));
    const [before] = await (await getDb()).select({ last: users.lastSignInAt }).from(users).where(eq(users.id, row.id));
    await changePassword(actor, { currentPassword: password, newPassword: "brand-new-password", address: ADDRESS });
    // The current password was only checked: no sign-in is recorded for it (the new session is).
    expect(await signIns()).toEqual([]);
    expect((await (await getDb()).select({ last: users.lastSignInAt }).from(users).where(eq(users.id, row.id)))[0]).toEqual(before);
    expect(await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion, sessionId: SESSION })).toBeNull();
    expect(await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion + 1, sessionId: SESSION })).toMatchObject({
      id: row.id,
      mustChangePassword: false,
    });
    expect((await attempt(row.email, password)).ok).toBe(false);
    expect((await attempt(row.email, "brand-new-password")).ok).toBe(true);
    expect(await signIns()).toHaveLength(1); // a real sign-in is
  });

  it("leaves a one-time password an administrator sets while the current one is checked, and says the change is stale", async () => {
    const { row, password } = await account();
    const admin = await makeUser((await getDatabase()).writer, {
      role: "admin",
      email: `admin${++n}@unit.test`,
      name: "Admin",
      passwordHash: "not-used-here",
    });
    const adminActor = (await findSessionUser({ userId: admin.id, sessionVersion: admin.sessionVersion, sessionId: SESSION }))!;
    const actor = (await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion, sessionId: SESSION }))!;
    const oneTimeHash = await hashPassword("one-time-slip");
    // The administrator's reset lands just after the current password was found right.
    vi.mocked(verifyPassword).mockImplementationOnce(async (stored, candidate) => {
      const { verifyPassword: real } = await vi.importActual<typeof import("@/lib/password")>("@/lib/password");
      const ok = await real(stored, candidate);
      await setOneTimePassword(adminActor, row.id, oneTimeHash);
      return ok;
    });

    const stale = await changePassword(actor, { currentPassword: password, newPassword: "brand-new-password", address: ADDRESS }).catch(
      (error: unknown) => error,
    );
    expect(stale).toBeInstanceOf(FormError);
    expect(stale).toMatchObject({ code: "stale", message: PASSWORD_CHANGED_ELSEWHERE });
    const [stored] = await (await getDb()).select().from(users).where(eq(users.id, row.id));
    expect(stored).toMatchObject({ passwordHash: oneTimeHash, mustChangePassword: true, sessionVersion: row.sessionVersion + 1 });
    expect((await attempt(row.email, "brand-new-password")).ok).toBe(false);
    expect((await attempt(row.email, "one-time-slip")).ok).toBe(true);

    // With nothing in between, the student's own change from the one-time password goes through.
    const reset = (await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion + 1, sessionId: SESSION }))!;
    await changePassword(reset, { currentPassword: "one-time-slip", newPassword: "brand-new-password", address: ADDRESS });
    expect((await attempt(row.email, "brand-new-password")).ok).toBe(true);
    expect(
      (await findSessionUser({ userId: row.id, sessionVersion: row.sessionVersion + 2, sessionId: SESSION }))?.mustChangePassword,
    ).toBe(false);
  });
});
