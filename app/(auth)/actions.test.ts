import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { verifySignIn } from "@/db/queries/accounts";
import { users } from "@/db/schema";
import { CLIENT_ADDRESS_HEADER, EDGE_TOKEN_ENV, EDGE_TOKEN_HEADER } from "@/lib/client-address";
import { THROTTLE } from "@/lib/sign-in-throttle";
import { UNSTORABLE_TEXT } from "@/lib/validations/common";

const signIn = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock("@/lib/server/auth", () => ({
  auth: async () => null,
  signIn,
  endSessionOf: async () => undefined,
  INVALID_CREDENTIALS: "Email or password is incorrect.",
}));

/** What the request edge stamps on each request (lib/client-address.ts); empty: no trusted address. */
const stamped = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({ headers: async () => stamped.headers }));

const { signUpAction } = await import("./actions");

const PASSWORD = "a-long-password";
const teacher = (email: string, teacherCode?: string) => ({ name: "T", email, password: PASSWORD, role: "teacher" as const, teacherCode });
/** The account can sign in with the password it was created with; returns its role. */
const signedUpAs = async (email: string) => {
  const result = await verifySignIn({ email, password: PASSWORD, address: "unknown" });
  return result.ok ? result.user.role : null;
};

describe("teacher sign-up code", () => {
  beforeEach(() => signIn.mockClear());
  afterEach(() => {
    delete process.env.TEACHER_SIGNUP_CODE;
    delete process.env.TEACHER_SIGNUP;
  });

  it("is not needed when TEACHER_SIGNUP_CODE is unset", async () => {
    await expect(signUpAction(teacher("open@unit.test"))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await signedUpAs("open@unit.test")).toBe("teacher");
    expect(signIn).toHaveBeenCalledWith("credentials", expect.objectContaining({ email: "open@unit.test" }));
  });

  it("is required when set: a wrong or missing code creates nothing", async () => {
    process.env.TEACHER_SIGNUP_CODE = "school-2026";
    expect(await signUpAction(teacher("nocode@unit.test"))).toMatchObject({
      ok: false,
      fieldErrors: { teacherCode: [expect.stringMatching(/not right/)] },
    });
    expect(await signUpAction(teacher("wrong@unit.test", "school-2025"))).toMatchObject({ ok: false, code: "invalid" });
    expect(await signedUpAs("nocode@unit.test")).toBeNull();
    expect(await signedUpAs("wrong@unit.test")).toBeNull();
    await expect(signUpAction(teacher("right@unit.test", "school-2026"))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await signedUpAs("right@unit.test")).toBe("teacher");
  });

  it("never applies to students", async () => {
    process.env.TEACHER_SIGNUP_CODE = "school-2026";
    await expect(signUpAction({ ...teacher("pupil@unit.test"), role: "student" })).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await signedUpAs("pupil@unit.test")).toBe("student");
  });

  it("with TEACHER_SIGNUP=approval, makes a teacher wait for an administrator (and never a student)", async () => {
    process.env.TEACHER_SIGNUP = "approval";
    await expect(signUpAction(teacher("waits@unit.test"))).rejects.toThrow(/NEXT_REDIRECT/);
    await expect(signUpAction({ ...teacher("kid@unit.test"), role: "student" })).rejects.toThrow(/NEXT_REDIRECT/);
    const approvals = await (
      await getDb()
    )
      .select({ email: users.email, approval: users.approval })
      .from(users)
      .where(inArray(users.email, ["waits@unit.test", "kid@unit.test"]));
    expect(Object.fromEntries(approvals.map((r) => [r.email, r.approval]))).toEqual({
      "waits@unit.test": "pending",
      "kid@unit.test": "approved",
    });
  });

  it("with TEACHER_SIGNUP=code, requires TEACHER_SIGNUP_CODE, and says so", async () => {
    process.env.TEACHER_SIGNUP = "code";
    await expect(signUpAction(teacher("nothing@unit.test"))).rejects.toThrow(/TEACHER_SIGNUP=code needs TEACHER_SIGNUP_CODE/);
    process.env.TEACHER_SIGNUP_CODE = "school-2026";
    expect(await signUpAction(teacher("nocode2@unit.test"))).toMatchObject({ ok: false, code: "invalid" });
    await expect(signUpAction(teacher("right2@unit.test", "school-2026"))).rejects.toThrow(/NEXT_REDIRECT/);
  });

  it("with TEACHER_SIGNUP=open, ignores a leftover TEACHER_SIGNUP_CODE", async () => {
    process.env.TEACHER_SIGNUP = "open";
    process.env.TEACHER_SIGNUP_CODE = "school-2026";
    await expect(signUpAction(teacher("open2@unit.test"))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await signedUpAs("open2@unit.test")).toBe("teacher");
  });
});

describe("sign-up from one address", () => {
  afterEach(() => {
    stamped.headers = new Headers();
    delete process.env[EDGE_TOKEN_ENV];
  });

  it("says beside the email that it has an account, until too many such answers pause sign-up from that address", async () => {
    process.env[EDGE_TOKEN_ENV] = "edge-token";
    const from = (address: string) =>
      (stamped.headers = new Headers({ [EDGE_TOKEN_HEADER]: "edge-token", [CLIENT_ADDRESS_HEADER]: address }));
    const student = (email: string) => ({ ...teacher(email), role: "student" as const });
    from("198.51.100.7");
    await expect(signUpAction(student("taken@unit.test"))).rejects.toThrow(/NEXT_REDIRECT/);
    for (let i = 0; i < THROTTLE.takenEmailsPerAddress; i++) {
      expect(await signUpAction(student("taken@unit.test"))).toMatchObject({
        ok: false,
        fieldErrors: { email: [expect.stringMatching(/already exists/)] },
      });
    }
    expect(await signUpAction(student("fresh@unit.test"))).toMatchObject({ ok: false, formError: expect.stringMatching(/paused/) });
    expect(await signedUpAs("fresh@unit.test")).toBeNull();
    from("198.51.100.8");
    await expect(signUpAction(student("fresh@unit.test"))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await signedUpAs("fresh@unit.test")).toBe("student");
  });
});

describe("a name no database could store", () => {
  it("is refused next to the name and creates nothing, while a name with accents and emoji signs up", async () => {
    const student = (name: string, email: string) => ({ ...teacher(email), name, role: "student" as const });
    for (const name of ["Eve\u0000", "Eve \ud800"]) {
      expect(await signUpAction(student(name, "eve@unit.test"))).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { name: [UNSTORABLE_TEXT] },
      });
    }
    expect(await signedUpAs("eve@unit.test")).toBeNull();
    await expect(signUpAction(student("Zoë 🎉", "zoe@unit.test"))).rejects.toThrow(/NEXT_REDIRECT/);
    expect(
      await (
        await getDb()
      )
        .select({ name: users.name })
        .from(users)
        .where(inArray(users.email, ["zoe@unit.test"])),
    ).toEqual([{ name: "Zoë 🎉" }]);
  });
});
