import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { makeUser } from "@/db/factories";
import { FieldError } from "@/lib/errors";
import { hashPassword } from "@/lib/password";
import { changePassword, createAccount, findSessionUser, signOutEverywhere, THROTTLE, verifySignIn, WRONG_CURRENT_PASSWORD } from "./accounts";

// Pass-through spy: proves the password check runs even when there is no account to check.
vi.mock("@/lib/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/password")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});
const { verifyPassword } = await import("@/lib/password");

let n = 0;
async function account(password = "right-password") {
  n += 1;
  const row = makeUser(getDb(), { role: "student", email: `acct${n}@unit.test`, name: `A ${n}`, passwordHash: await hashPassword(password) });
  return { row, password };
}

describe("accounts", () => {
  it("stores a lower-cased email and refuses a second account for it", async () => {
    const created = await createAccount({ name: "Ana", email: "ana@unit.test", password: "a-long-password", role: "teacher" });
    expect(created.email).toBe("ana@unit.test");
    await expect(createAccount({ name: "Ana 2", email: "ana@unit.test", password: "another-pass", role: "student" })).rejects.toThrow(FieldError);
  });

  it("hashes with argon2id", async () => {
    const created = await createAccount({ name: "B", email: "b@unit.test", password: "a-long-password", role: "student" });
    const result = await verifySignIn("b@unit.test", "a-long-password");
    expect(result.ok && result.user.id).toBe(created.id);
    expect((await hashPassword("x")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
  });

  it("signs in with the right password only, and never for a deactivated account", async () => {
    const { row, password } = await account();
    expect((await verifySignIn(row.email, password)).ok).toBe(true);
    expect(await verifySignIn(row.email, "wrong-password")).toEqual({ ok: false, reason: "invalid" });
    const inactive = makeUser(getDb(), { role: "student", email: "off@unit.test", name: "Off", passwordHash: await hashPassword("pw-pw-pw-pw"), active: false });
    expect(await verifySignIn(inactive.email, "pw-pw-pw-pw")).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an address after 10 failures in 15 minutes, even for the right password, then unlocks", async () => {
    const { row, password } = await account();
    const t0 = new Date("2026-11-22T10:00:00Z");
    for (let i = 1; i < THROTTLE.maxFailures; i++) {
      expect((await verifySignIn(row.email, "nope", new Date(t0.getTime() + i * 1000))).ok).toBe(false);
    }
    const tenth = await verifySignIn(row.email, "nope", new Date(t0.getTime() + 10_000));
    expect(tenth).toMatchObject({ ok: false, reason: "locked" });
    expect(await verifySignIn(row.email, password, new Date(t0.getTime() + 60_000))).toMatchObject({ reason: "locked" });
    const later = new Date(t0.getTime() + 10_000 + THROTTLE.lockMs + 1);
    expect((await verifySignIn(row.email, password, later)).ok).toBe(true);
  });

  it("does the same hashing work for an unknown address as for a real one", async () => {
    vi.mocked(verifyPassword).mockClear();
    expect(await verifySignIn("nobody@unit.test", "whatever")).toEqual({ ok: false, reason: "invalid" });
    expect(verifyPassword).toHaveBeenCalledWith(undefined, "whatever");
    const call = vi.mocked(verifyPassword).mock.results[0];
    expect(call?.type).toBe("return");
  });

  it("throttles unknown addresses the same way, so locking reveals nothing", async () => {
    const t0 = new Date("2026-11-22T12:00:00Z");
    let last;
    for (let i = 0; i < THROTTLE.maxFailures; i++) last = await verifySignIn("ghost@unit.test", "x", new Date(t0.getTime() + i));
    expect(last).toMatchObject({ ok: false, reason: "locked" });
  });

  it("forgets old failures once the window has passed, and clears them on success", async () => {
    const { row, password } = await account();
    const t0 = new Date("2026-11-22T14:00:00Z");
    for (let i = 0; i < THROTTLE.maxFailures - 1; i++) await verifySignIn(row.email, "nope", t0);
    const afterWindow = new Date(t0.getTime() + THROTTLE.windowMs + 1);
    expect(await verifySignIn(row.email, "nope", afterWindow)).toEqual({ ok: false, reason: "invalid" });
    expect((await verifySignIn(row.email, password, afterWindow)).ok).toBe(true);
    for (let i = 0; i < THROTTLE.maxFailures - 1; i++) {
      expect(await verifySignIn(row.email, "nope", afterWindow)).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("ends every session on sign-out-everywhere", async () => {
    const { row } = await account();
    const actor = findSessionUser(row.id, row.sessionVersion)!;
    signOutEverywhere(actor);
    expect(findSessionUser(row.id, row.sessionVersion)).toBeNull();
    expect(findSessionUser(row.id, row.sessionVersion + 1)).not.toBeNull();
  });
});

describe("changing a password", () => {
  it("needs the current password, clears the one-time mark and ends every other session", async () => {
    const { row, password } = await account();
    getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, row.id)).run();
    const actor = findSessionUser(row.id, row.sessionVersion)!;
    expect(actor.mustChangePassword).toBe(true);

    const wrong = await changePassword(actor, "not-it", "brand-new-password").catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(FieldError);
    expect((wrong as FieldError).fieldErrors).toEqual({ currentPassword: [WRONG_CURRENT_PASSWORD] });
    expect(findSessionUser(row.id, row.sessionVersion)?.mustChangePassword).toBe(true);

    await changePassword(actor, password, "brand-new-password");
    expect(findSessionUser(row.id, row.sessionVersion)).toBeNull();
    expect(findSessionUser(row.id, row.sessionVersion + 1)).toMatchObject({ id: row.id, mustChangePassword: false });
    expect((await verifySignIn(row.email, password)).ok).toBe(false);
    expect((await verifySignIn(row.email, "brand-new-password")).ok).toBe(true);
  });
});
