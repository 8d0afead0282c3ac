import { redirect } from "next/navigation";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { action, route } from "./action";
import { FieldError, FormError, NotFoundError } from "@/lib/errors";
import { user } from "@/lib/test/factories";
import { UNSTORABLE_TEXT } from "@/lib/validations/common";

// The error contract of ADR 007, as the wrapper keeps it (access checks: lib/authz.test.ts).
const session = vi.hoisted(() => ({ claims: null as null | { uid: string; role: string; sv: number; sid: string; st: number }, reads: 0 }));
vi.mock("@/lib/server/auth", () => ({
  auth: async () => {
    session.reads += 1;
    return session.claims ? { claims: session.claims } : null;
  },
}));

const schema = z.object({ id: z.string() });
const throwing = (error: unknown) => () => {
  throw error;
};
const asAction = (fail: () => never) => action("teacher", schema, fail)({ id: "x" });
async function asRoute(fail: () => never) {
  const response = await route("teacher", schema, fail)(new Request("http://localhost/api/thing?id=x"), { params: Promise.resolve({}) });
  return { status: response.status, body: await response.json() };
}

beforeEach(async () => {
  const { row } = await user("teacher");
  session.claims = { uid: row.id, role: row.role, sv: row.sessionVersion, sid: crypto.randomUUID(), st: Math.floor(Date.now() / 1000) };
  session.reads = 0;
});

describe("a public endpoint", () => {
  it("never reads the session, signed in or not: its handler gets no user", async () => {
    const seen: unknown[] = [];
    const health = route("public", z.object({}), (_input, user) => {
      seen.push(user);
      return Response.json({ ok: true });
    });
    const signIn = action("public", schema, (_input, user) => seen.push(user));
    expect((await health(new Request("http://localhost/api/health"), { params: Promise.resolve({}) })).status).toBe(200);
    expect(await signIn({ id: "x" })).toEqual({ ok: true, data: 2 });
    expect(seen).toEqual([null, null]);
    expect(session.reads).toBe(0);
  });

  it("while every other access level does", async () => {
    expect(await action("teacher", schema, () => "done")({ id: "x" })).toEqual({ ok: true, data: "done" });
    expect(session.reads).toBe(1);
  });
});

describe("a missing or foreign row", () => {
  it("comes back from an action as data, with a message that names the thing and says no more", async () => {
    expect(await asAction(throwing(new NotFoundError("section")))).toEqual({
      ok: false,
      code: "not_found",
      formError: "That section no longer exists or isn't yours.",
    });
  });

  it("still answers 404 JSON from a route handler", async () => {
    expect(await asRoute(throwing(new NotFoundError("image")))).toEqual({ status: 404, body: { error: "Not found", code: "not_found" } });
  });
});

describe("expected refusals", () => {
  it("pass their code and message through unchanged; a plain FormError is invalid", async () => {
    expect(await asAction(throwing(new FormError("This section is archived.", "archived")))).toEqual({
      ok: false,
      code: "archived",
      formError: "This section is archived.",
    });
    expect(await asAction(throwing(new FormError("Choose an image file to upload.")))).toEqual({
      ok: false,
      code: "invalid",
      formError: "Choose an image file to upload.",
    });
    expect(await asAction(throwing(new FieldError("email", "Taken.")))).toEqual({
      ok: false,
      code: "invalid",
      fieldErrors: { email: ["Taken."] },
    });
  });

  it("answer a route with 409 for a state that refuses the request, 400 for bad input", async () => {
    expect(await asRoute(throwing(new FormError("Your graphics changed in another tab.", "stale")))).toEqual({
      status: 409,
      body: { error: "Your graphics changed in another tab.", code: "stale" },
    });
    expect(await asRoute(throwing(new FormError("Too many.")))).toEqual({ status: 400, body: { error: "Too many.", code: "invalid" } });
  });
});

describe("text a database can't store", () => {
  // Plain z.string(), as a schema that forgot storableText would have it.
  const careless = z.object({
    name: z.string(),
    tags: z.array(z.string()).optional(),
    answers: z.record(z.string(), z.string()).optional(),
  });

  it("is refused next to its field even by a schema that doesn't check it, before the handler runs", async () => {
    const handler = vi.fn(() => "saved");
    const save = action("teacher", careless, handler);
    for (const [input, field] of [
      [{ name: "Eve\u0000" }, "name"],
      [{ name: "Eve", tags: ["ok", "Hi \ud800"] }, "tags"],
      [{ name: "Eve", answers: { q1: "\udc00" } }, "answers"],
      [{ name: "Eve", answers: { "q\u0000": "fine" } }, "answers"],
    ] as [z.input<typeof careless>, string][]) {
      expect(await save(input)).toEqual({
        ok: false,
        code: "invalid",
        fieldErrors: { [field]: [UNSTORABLE_TEXT] },
        formError: "Some fields need your attention.",
      });
    }
    expect(handler).not.toHaveBeenCalled();
    const respond = vi.fn(() => Response.json({ saved: true }));
    const response = await route(
      "teacher",
      careless,
      respond,
    )(new Request("http://localhost/api/thing?name=a%00"), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "invalid", fieldErrors: { name: [UNSTORABLE_TEXT] } });
    expect(respond).not.toHaveBeenCalled();
  });

  it("leaves ordinary text alone, accents, emoji and paired surrogates included", async () => {
    const input = { name: "Zoë 🎉", tags: ["naïve", "𝒳"], answers: { "q-é": "café ☕" } };
    expect(await action("teacher", careless, (parsed) => parsed)(input)).toEqual({ ok: true, data: input });
  });
});

describe("a request another site started", () => {
  const download = vi.fn(() => new Response("name,score\n"));
  const grades = route("teacher", z.object({ format: z.string() }), download);
  const from = (site: string, fetch: Record<string, string> = {}, method = "GET") =>
    grades(
      new Request("http://localhost/sections/s1/grades.csv?format=simple", {
        method,
        headers: { "Sec-Fetch-Site": site, ...fetch },
      }),
      { params: Promise.resolve({}) },
    );
  const followed = { "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document" };
  beforeEach(() => download.mockClear());

  it("as a link the reader followed goes to the page that offers the same link from here, percent-encoded", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const response = await from(site, followed);
      expect(response.status, site).toBe(303);
      expect(response.headers.get("location")).toBe("/continue?to=%2Fsections%2Fs1%2Fgrades.csv%3Fformat%3Dsimple");
    }
    expect(download).not.toHaveBeenCalled();
  });

  it("as an image, a script's fetch or a form is refused", async () => {
    for (const [fetch, method] of [
      [{ "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image" }, "GET"],
      [{ "Sec-Fetch-Mode": "cors", "Sec-Fetch-Dest": "empty" }, "GET"],
      [followed, "POST"],
    ] as const) {
      const response = await from("cross-site", fetch, method);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ code: "forbidden" });
    }
    expect(download).not.toHaveBeenCalled();
  });

  it("runs as usual from the app's own pages and from the address bar", async () => {
    for (const site of ["same-origin", "none"]) expect((await from(site, followed)).status, site).toBe(200);
    expect(download).toHaveBeenCalledTimes(2);
  });
});

describe("anything else", () => {
  it("is rethrown as it was, for Next.js to log once and show by its digest (nothing logged here)", async () => {
    const error = Object.assign(new Error("boom"), { detail: "secret" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(asAction(throwing(error))).rejects.toBe(error);
      await expect(asRoute(throwing(error))).rejects.toBe(error);
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it("includes redirect(), which is control flow rather than a failure", async () => {
    await expect(asAction(() => redirect("/home"))).rejects.toThrow(/NEXT_REDIRECT/);
  });
});
