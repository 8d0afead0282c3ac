import { beforeEach, describe, expect, it, vi } from "vitest";
import { inArray } from "drizzle-orm";
import { getDatabase, getDb } from "@/db";
import { signInThrottle, users } from "@/db/schema";
import { ROSTER_ACCOUNTS_PAUSED } from "@/lib/roster";
import { THROTTLE } from "@/lib/sign-in-throttle";
import { section, user } from "@/lib/test/factories";

// The import action as a request reaches it: signed in as a teacher (the session's claims), from no
// trusted address, with the real query layer and hashing, where each password hashed is counted.
const session = vi.hoisted(() => ({ claims: null as null | { uid: string; role: string; sv: number; sid: string; st: number } }));
vi.mock("@/lib/server/auth", () => ({ auth: async () => (session.claims ? { claims: session.claims } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
const hashed = vi.hoisted(() => ({ passwords: 0 }));
vi.mock("@/lib/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/password")>();
  return {
    ...original,
    hashPasswords: async (passwords: readonly string[]) => {
      hashed.passwords += passwords.length;
      return await original.hashPasswords(passwords);
    },
  };
});

const { importRosterAction } = await import("./actions");

const signInAs = (row: { id: string; role: string; sessionVersion: number }) => {
  session.claims = { uid: row.id, role: row.role, sv: row.sessionVersion, sid: crypto.randomUUID(), st: Math.floor(Date.now() / 1000) };
};
const newcomers = (n: number) => {
  const emails = Array.from({ length: n }, (_, i) => `new-${i}-${crypto.randomUUID().slice(0, 8)}@unit.test`);
  return { emails, text: emails.map((email, i) => `Student ${i},${email}`).join("\n") };
};
const accountsFor = async (emails: string[]) => (await (await getDb()).select().from(users).where(inArray(users.email, emails))).length;

describe("importing a roster", () => {
  beforeEach(() => {
    hashed.passwords = 0;
  });

  it("counts the accounts before hashing: under the teacher's limit, one hash per new account; the import that would reach it hashes and makes nothing", async () => {
    const teacher = await user("teacher");
    const s = await section(teacher.row.id);
    signInAs(teacher.row);
    await (
      await getDatabase()
    ).writer
      .insert(signInThrottle)
      .values({ key: `roster-accounts:${teacher.row.id}`, failures: THROTTLE.rosterAccountsPerTeacher - 3, windowStartedAt: new Date() });

    const allowed = newcomers(1);
    expect(await importRosterAction({ sectionId: s.id, text: allowed.text })).toMatchObject({ ok: true });
    expect(hashed.passwords).toBe(1);
    expect(await accountsFor(allowed.emails)).toBe(1);

    const refused = newcomers(2);
    expect(await importRosterAction({ sectionId: s.id, text: refused.text })).toEqual({
      ok: false,
      code: "invalid",
      formError: ROSTER_ACCOUNTS_PAUSED,
    });
    expect(hashed.passwords).toBe(1);
    expect(await accountsFor(refused.emails)).toBe(0);
  });
});
