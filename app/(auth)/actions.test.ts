import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";

const signIn = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock("@/lib/auth", () => ({ auth: async () => null, signIn, INVALID_CREDENTIALS: "Email or password is incorrect." }));

const { signUpAction } = await import("./actions");

const teacher = (email: string, teacherCode?: string) => ({ name: "T", email, password: "a-long-password", role: "teacher" as const, teacherCode });
const accountExists = (email: string) => Boolean(getDb().select().from(users).where(eq(users.email, email)).get());

describe("teacher sign-up code", () => {
  beforeEach(() => signIn.mockClear());
  afterEach(() => {
    delete process.env.TEACHER_SIGNUP_CODE;
  });

  it("is not needed when TEACHER_SIGNUP_CODE is unset", async () => {
    await expect(signUpAction(teacher("open@unit.test"))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(accountExists("open@unit.test")).toBe(true);
    expect(signIn).toHaveBeenCalledWith("credentials", expect.objectContaining({ email: "open@unit.test" }));
  });

  it("is required when set: a wrong or missing code creates nothing", async () => {
    process.env.TEACHER_SIGNUP_CODE = "school-2026";
    expect(await signUpAction(teacher("nocode@unit.test"))).toMatchObject({ ok: false, fieldErrors: { teacherCode: [expect.stringMatching(/not right/)] } });
    expect(await signUpAction(teacher("wrong@unit.test", "school-2025"))).toMatchObject({ ok: false, code: "invalid" });
    expect(accountExists("nocode@unit.test") || accountExists("wrong@unit.test")).toBe(false);
    await expect(signUpAction(teacher("right@unit.test", "school-2026"))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(accountExists("right@unit.test")).toBe(true);
  });

  it("never applies to students", async () => {
    process.env.TEACHER_SIGNUP_CODE = "school-2026";
    await expect(signUpAction({ ...teacher("pupil@unit.test"), role: "student" })).rejects.toThrow(/NEXT_REDIRECT/);
    expect(getDb().select().from(users).where(eq(users.email, "pupil@unit.test")).get()?.role).toBe("student");
  });
});
