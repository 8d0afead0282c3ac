import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { getDatabase } from "@/db";
import { endSession } from "@/db/queries/accounts";
import { users } from "@/db/schema";
import { action, route } from "./action";
import { getCurrentUser, userFromClaims } from "./authz";
import { FieldError, NotFoundError } from "@/lib/errors";
import { user } from "@/lib/test/factories";

const session = vi.hoisted(() => ({ claims: null as null | { uid: string; role: string; sv: number; sid: string; st: number } }));
vi.mock("@/lib/server/auth", () => ({ auth: async () => (session.claims ? { claims: session.claims } : null) }));

beforeEach(() => {
  session.claims = null;
});

const nowSeconds = () => Math.floor(Date.now() / 1000);
/** A session just signed in: its random id and start, as lib/server/auth.ts mints them. */
const newSession = () => ({ sid: crypto.randomUUID(), st: nowSeconds() });

const signInAs = (row: { id: string; role: string; sessionVersion: number }) => {
  session.claims = { uid: row.id, role: row.role, sv: row.sessionVersion, ...newSession() };
};

describe("userFromClaims (the per-request database re-check)", () => {
  it("returns the user behind a current token, without the password hash", async () => {
    const { row } = await user("teacher");
    const found = await userFromClaims({ uid: row.id, sv: row.sessionVersion, ...newSession() });
    expect(found).toEqual({
      id: row.id,
      name: row.name,
      email: row.email,
      role: "teacher",
      mustChangePassword: false,
      approval: "approved",
    });
    expect(found).not.toHaveProperty("passwordHash");
  });

  it("refuses a deactivated account at once, even with an unexpired token", async () => {
    const { row } = await user("student");
    await (await getDatabase()).writer.update(users).set({ active: false }).where(eq(users.id, row.id));
    expect(await userFromClaims({ uid: row.id, sv: row.sessionVersion, ...newSession() })).toBeNull();
  });

  it("refuses a token from before 'sign out everywhere'", async () => {
    const { row } = await user("student");
    await (
      await getDatabase()
    ).writer
      .update(users)
      .set({ sessionVersion: row.sessionVersion + 1 })
      .where(eq(users.id, row.id));
    expect(await userFromClaims({ uid: row.id, sv: row.sessionVersion, ...newSession() })).toBeNull();
    expect(await userFromClaims({ uid: row.id, sv: row.sessionVersion + 1, ...newSession() })).not.toBeNull();
  });

  it("refuses a token without a session id (it could not be signed out), and one whose session was signed out", async () => {
    const { row } = await user("teacher");
    const sid = crypto.randomUUID();
    const st = nowSeconds();
    expect(await userFromClaims({ uid: row.id, sv: row.sessionVersion, st })).toBeNull();
    expect(await userFromClaims({ uid: row.id, sv: row.sessionVersion, sid })).toBeNull();
    expect(await userFromClaims({ uid: row.id, sv: row.sessionVersion, sid, st })).not.toBeNull();
    await endSession({ userId: row.id, sessionId: sid }, new Date(Date.now() + 60_000));
    expect(await userFromClaims({ uid: row.id, sv: row.sessionVersion, sid, st })).toBeNull();
  });

  it("refuses a session older than 30 days, however often its token was re-encoded since", async () => {
    const { row } = await user("student");
    const claims = (daysAgo: number) => ({
      uid: row.id,
      sv: row.sessionVersion,
      sid: crypto.randomUUID(),
      st: nowSeconds() - daysAgo * 86_400,
    });
    expect(await userFromClaims(claims(29.9))).not.toBeNull();
    expect(await userFromClaims(claims(30))).toBeNull();
    // A start in the future is no start at all.
    expect(await userFromClaims(claims(-1))).toBeNull();
  });

  it("takes the role from the database, not from the token", async () => {
    const { row } = await user("student");
    expect((await userFromClaims({ uid: row.id, role: "teacher", sv: row.sessionVersion, ...newSession() }))?.role).toBe("student");
  });

  it("refuses missing or malformed claims and unknown users", async () => {
    expect(await userFromClaims(null)).toBeNull();
    expect(await userFromClaims({ uid: "x" })).toBeNull();
    expect(await userFromClaims({ uid: crypto.randomUUID(), sv: 1, ...newSession() })).toBeNull();
  });

  it("is what getCurrentUser answers from the session", async () => {
    const { row } = await user("teacher");
    expect(await getCurrentUser()).toBeNull();
    signInAs(row);
    expect((await getCurrentUser())?.id).toBe(row.id);
  });
});

describe("the action wrapper", () => {
  const schema = z.object({ title: z.string().min(1, "Title is required.") });
  const handler = vi.fn((input: { title: string }) => `ok:${input.title}`);
  const teacherOnly = action("teacher", schema, handler);
  const anyone = action("user", schema, handler);

  beforeEach(() => {
    handler.mockClear();
  });

  it("refuses anonymous callers before parsing or running anything", async () => {
    expect(await teacherOnly({ title: "x" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await anyone(undefined as never)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers another role as if the endpoint did not exist, before parsing anything; its own role gets in", async () => {
    for (const role of ["student", "admin"] as const) {
      signInAs((await user(role)).row);
      expect(await teacherOnly({ title: "x" })).toEqual({
        ok: false,
        code: "not_found",
        formError: "That page no longer exists or isn't yours.",
      });
      expect(await teacherOnly({ title: "" }), "not even its input is checked").toMatchObject({ code: "not_found" });
    }
    expect(handler).not.toHaveBeenCalled();
    signInAs((await user("teacher")).row);
    expect(await teacherOnly({ title: "x" })).toEqual({ ok: true, data: "ok:x" });
  });

  it("returns field errors for bad input without running the handler", async () => {
    signInAs((await user("teacher")).row);
    expect(await teacherOnly({ title: "" })).toEqual({
      ok: false,
      code: "invalid",
      fieldErrors: { title: ["Title is required."] },
      formError: "Some fields need your attention.",
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("runs the handler with the parsed input and the acting user", async () => {
    const { row } = await user("teacher");
    signInAs(row);
    expect(await teacherOnly({ title: "Hi" })).toEqual({ ok: true, data: "ok:Hi" });
    expect(handler).toHaveBeenCalledWith({ title: "Hi" }, expect.objectContaining({ id: row.id }));
  });

  it("turns expected failures into field errors, and a foreign row into not_found (as data)", async () => {
    signInAs((await user("teacher")).row);
    const taken = action("teacher", schema, () => {
      throw new FieldError("title", "That title is taken.");
    });
    expect(await taken({ title: "x" })).toMatchObject({ ok: false, fieldErrors: { title: ["That title is taken."] } });
    const foreign = action("teacher", schema, () => {
      throw new NotFoundError();
    });
    expect(await foreign({ title: "x" })).toEqual({ ok: false, code: "not_found", formError: "That no longer exists or isn't yours." });
  });

  it("lets an account on a one-time password do nothing but change it (or sign out)", async () => {
    const { row } = await user("teacher");
    await (await getDatabase()).writer.update(users).set({ mustChangePassword: true }).where(eq(users.id, row.id));
    signInAs(row);
    expect(await teacherOnly({ title: "x" })).toMatchObject({
      ok: false,
      code: "forbidden",
      formError: "Choose a new password before you continue.",
    });
    expect(await anyone({ title: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(handler).not.toHaveBeenCalled();
    const passwordChange = action("self", schema, handler);
    expect(await passwordChange({ title: "new" })).toEqual({ ok: true, data: "ok:new" });
    await (await getDatabase()).writer.update(users).set({ mustChangePassword: false }).where(eq(users.id, row.id));
    expect(await teacherOnly({ title: "x" })).toEqual({ ok: true, data: "ok:x" });
  });

  it("lets a teacher an administrator has not approved do nothing, until approved", async () => {
    const { row } = await user("teacher");
    const writer = (await getDatabase()).writer;
    signInAs(row);
    for (const approval of ["pending", "refused"] as const) {
      await writer.update(users).set({ approval }).where(eq(users.id, row.id));
      expect(await teacherOnly({ title: "x" })).toMatchObject({
        ok: false,
        code: "forbidden",
        formError: expect.stringMatching(/approval/),
      });
      expect(await anyone({ title: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(handler).not.toHaveBeenCalled();
    // Signing out stays possible.
    expect(await action("self", schema, handler)({ title: "out" })).toEqual({ ok: true, data: "ok:out" });
    await writer.update(users).set({ approval: "approved" }).where(eq(users.id, row.id));
    expect(await teacherOnly({ title: "x" })).toEqual({ ok: true, data: "ok:x" });
  });

  it("answers everyone but an administrator as not found on the administrator's actions", async () => {
    const adminOnly = action("admin", schema, handler);
    for (const role of ["teacher", "student"] as const) {
      signInAs((await user(role)).row);
      expect(await adminOnly({ title: "x" })).toMatchObject({ ok: false, code: "not_found" });
    }
    // Nor does an account held at a one-time password or awaiting approval learn more.
    const pending = (await user("teacher")).row;
    await (await getDatabase()).writer.update(users).set({ approval: "pending" }).where(eq(users.id, pending.id));
    signInAs(pending);
    expect(await adminOnly({ title: "x" })).toMatchObject({ ok: false, code: "not_found" });
    const onOneTime = (await user("student")).row;
    await (await getDatabase()).writer.update(users).set({ mustChangePassword: true }).where(eq(users.id, onOneTime.id));
    signInAs(onOneTime);
    expect(await adminOnly({ title: "x" })).toMatchObject({ ok: false, code: "not_found" });
    expect(handler).not.toHaveBeenCalled();
    signInAs((await user("admin")).row);
    expect(await adminOnly({ title: "x" })).toEqual({ ok: true, data: "ok:x" });
  });

  it("routes: a signed-in route started by another site is refused before anything runs; from the app's pages, a bookmark or curl it runs", async () => {
    const { row } = await user("teacher");
    signInAs(row);
    const download = route("teacher", schema, (input) => new Response(`file:${input.title}`));
    const get = (site?: string) =>
      download(new Request("http://localhost/x?title=T", { headers: site ? { "sec-fetch-site": site } : {} }), {
        params: Promise.resolve({}),
      });
    for (const site of ["cross-site", "same-site"]) {
      const refused = await get(site);
      expect(refused.status, site).toBe(403);
      expect(await refused.json()).toEqual({ error: "Open this from Recap Classroom's own pages.", code: "forbidden" });
    }
    for (const site of ["same-origin", "none", undefined]) {
      const allowed = await get(site);
      expect(allowed.status, site).toBe(200);
      expect(await allowed.text()).toBe("file:T");
    }
    // A public route (the health check) answers anyone.
    const health = route("public", z.object({}), () => new Response("ok"));
    expect(
      (await health(new Request("http://localhost/h", { headers: { "sec-fetch-site": "cross-site" } }), { params: Promise.resolve({}) }))
        .status,
    ).toBe(200);
  });

  it("lets unexpected errors through to the error page", async () => {
    signInAs((await user("teacher")).row);
    const broken = action("teacher", schema, () => {
      throw new Error("boom");
    });
    await expect(broken({ title: "x" })).rejects.toThrow("boom");
  });
});
