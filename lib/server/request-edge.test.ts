import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import nextConfig from "../../next.config.js";
import { clientAddress, CLIENT_ADDRESS_HEADER, EDGE_TOKEN_ENV, EDGE_TOKEN_HEADER } from "../client-address";
import { IMAGE_LIMITS } from "../image-checks";
import {
  admit,
  BODY_LIMITS,
  BODY_TOO_SLOW,
  BodyBudget,
  BodyCollector,
  BUFFERED_BODIES_BUDGET,
  bodyPolicy,
  checkActionBody,
  NOT_FOUND_PATH,
  SERVER_BUSY,
  SERVER_TIMEOUTS,
  serverEnv,
  stampClientAddress,
  trustedClientAddress,
  TrustedProxies,
  UPLOAD_TOO_LARGE,
  type EdgeHeaders,
} from "./request-edge";

const UPLOAD = "/api/assignments/0b7c1f7e-9d55-4e8e-8a0e-3f4f3f3e1a11/images";
const HOST = "classroom.example:3000";

const post = (url: string, headers: EdgeHeaders = {}) => admit({ method: "POST", url, headers: { host: HOST, ...headers } });
/** Auth.js's endpoints take a form (the sign-in callback's, sign-out's). */
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const bytes = (text: string) => new TextEncoder().encode(text);
/** A server action's id as Next.js builds them (42 hexadecimal digits); OTHER_ACTION is a second one. */
const ACTION = `7f${"0a".repeat(20)}`;
const OTHER_ACTION = `7f${"0b".repeat(20)}`;

describe("body limits per route", () => {
  it.each([
    ["POST", UPLOAD, { limit: BODY_LIMITS.upload, read: "stream", action: false }],
    ["POST", "/api/auth/callback/credentials", { limit: BODY_LIMITS.auth, read: "buffer", action: false }],
    ["POST", "/api/auth/signout", { limit: BODY_LIMITS.auth, read: "buffer", action: false }],
    ["POST", "/", { limit: BODY_LIMITS.action, read: "buffer", action: true }],
    ["POST", "/sections/abc", { limit: BODY_LIMITS.action, read: "buffer", action: true }],
    ["PUT", "/sections/abc", { limit: BODY_LIMITS.action, read: "buffer", action: false }],
    // Next.js runs actions on the not-found page it renders for a path that matches nothing.
    ["POST", "/api/health", { limit: BODY_LIMITS.action, read: "buffer", action: true }],
    ["POST", "/api/no-such-route", { limit: BODY_LIMITS.action, read: "buffer", action: true }],
  ] as const)("%s %s", (method, path, expected) => {
    expect(bodyPolicy(method, path)).toMatchObject(expected);
  });

  it("reads no body for GET and HEAD", () => {
    expect(bodyPolicy("GET", UPLOAD)).toBeNull();
    expect(bodyPolicy("HEAD", "/")).toBeNull();
  });

  it("agrees with the image limit and with Next.js's own server-action limit", () => {
    expect(BODY_LIMITS.upload).toBe(IMAGE_LIMITS.maxBytes + 64 * 1024);
    const bytesParse = createRequire(import.meta.url)("next/dist/compiled/bytes").parse as (value: string) => number;
    expect(bytesParse(nextConfig.experimental!.serverActions!.bodySizeLimit as string)).toBe(BODY_LIMITS.action);
  });
});

describe("a declared Content-Length", () => {
  it.each([
    [UPLOAD, BODY_LIMITS.upload, UPLOAD_TOO_LARGE],
    ["/api/auth/callback/credentials", BODY_LIMITS.auth, "That request is too large: the limit here is 64 KB."],
    ["/join", BODY_LIMITS.action, "That request is too large: the limit here is 1 MB."],
  ])("over the limit of %s is refused with 413 before any body is read", (url, limit, error) => {
    expect(post(url, { ...FORM, "content-length": String(limit + 1) })).toEqual({ kind: "refuse", refusal: { status: 413, error } });
    expect(post(url, { ...FORM, "content-length": String(limit) })).toMatchObject({ kind: "pass", body: { limit } });
  });

  it("that is not a number is refused with 400", () => {
    expect(post("/join", { "content-length": "lots" })).toMatchObject({ kind: "refuse", refusal: { status: 400 } });
  });

  it("missing (chunked) passes to the bounded reader with the route's limit", () => {
    expect(post(UPLOAD, { "transfer-encoding": "chunked" })).toMatchObject({
      kind: "pass",
      body: { limit: BODY_LIMITS.upload, read: "stream" },
    });
    expect(post("/api/auth/callback/credentials", FORM)).toMatchObject({ kind: "pass", body: { limit: BODY_LIMITS.auth, read: "buffer" } });
  });
});

describe("a buffered body", () => {
  it("keeps nothing once it has passed the limit", () => {
    const collector = new BodyCollector(10);
    expect(collector.add(bytes("12345"))).toBe("kept");
    expect(collector.add(bytes("123456"))).toBe("too large");
    expect(collector.bytes().byteLength).toBe(0);
  });
});

describe("server actions from other sites", () => {
  const action = (origin: string | undefined, extra: EdgeHeaders = {}) =>
    post("/join", { "next-action": ACTION, ...(origin === undefined ? {} : { origin }), ...extra });

  it("pass from the same origin, or without an Origin header (as in Next.js)", () => {
    expect(action(`https://${HOST}`)).toMatchObject({ kind: "pass" });
    expect(action(undefined)).toMatchObject({ kind: "pass" });
    expect(action("https://public.example", { "x-forwarded-host": "public.example" })).toMatchObject({ kind: "pass" });
  });

  it.each(["https://evil.example", "null", "not a url", "https://classroom.example"])("are refused with 403 from Origin %j", (origin) => {
    expect(action(origin)).toEqual({ kind: "refuse", refusal: { status: 403, error: "Requests from other sites are not accepted." } });
  });

  it("applies to every POST but Auth.js's and the upload's, which have their own checks", () => {
    expect(post("/api/auth/signout", { ...FORM, origin: "https://evil.example" })).toMatchObject({ kind: "pass" });
    expect(post(UPLOAD, { origin: "https://evil.example" })).toMatchObject({ kind: "pass" });
    expect(post("/api/no-such-route", { origin: "https://evil.example" })).toMatchObject({ kind: "refuse", refusal: { status: 403 } });
  });

  it("leaves no other route handler that takes a POST (those two are the only ones that skip it)", () => {
    const routes = fs
      .readdirSync("app/api", { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith("route.ts"))
      .map((file) => `app/api/${file}`);
    const posting = routes.filter((file) =>
      /export (const|async function) POST\b|export const \{[^}]*\bPOST\b/.test(fs.readFileSync(file, "utf8")),
    );
    expect(posting.sort()).toEqual(["app/api/assignments/[assignmentId]/images/route.ts", "app/api/auth/[...nextauth]/route.ts"]);
    expect(routes.length).toBeGreaterThan(posting.length);
  });
});

describe("a server action's body", () => {
  const fetchAction = { "next-action": ACTION, "content-type": "text/plain;charset=UTF-8" };

  it("must be JSON when it is not multipart", async () => {
    expect(await checkActionBody(fetchAction, bytes('[{"code":"MKTG3PRD"}]'))).toBeNull();
    expect(await checkActionBody(fetchAction, bytes("this is not json"))).toEqual({ status: 400, error: "That request is malformed." });
    expect(await checkActionBody(fetchAction, bytes(""))).toMatchObject({ status: 400 });
    expect(await checkActionBody(fetchAction, new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d]))).toMatchObject({ status: 400 });
  });

  it("must be an argument list React can decode without other parts (Next.js answers a 500 otherwise)", async () => {
    const ok = [
      '[{"code":"MKTG3PRD","note":"$$5 off"}]',
      '["$undefined","$NaN","$-0","$Infinity","$D2026-01-01T00:00:00.000Z","$n12","$T"]',
      "[]",
      // 32 levels, arrays and objects: deeper than any of the app's own arguments.
      "[".repeat(32) + "]".repeat(32),
      `[${'{"a":'.repeat(31)}1${"}".repeat(31)}]`,
    ];
    for (const json of ok) expect(await checkActionBody(fetchAction, bytes(json)), json).toBeNull();
    const bad = [
      '"x"',
      "null",
      '{"a":1}',
      '["$@1"]',
      '[{"deep":["$Q1"]}]',
      '["$h1"]',
      '["$1"]',
      `["$n${"9".repeat(301)}"]`,
      JSON.stringify(new Array(1001).fill(0)),
      // Deeper: React's decoder recursed through 4,000 levels (8 KB) into a stack overflow, a 500.
      "[".repeat(33) + "]".repeat(33),
      "[".repeat(5000) + "]".repeat(5000),
      `[${'{"a":'.repeat(32)}1${"}".repeat(32)}]`,
      `[{"email":${'{"a":'.repeat(6000)}1${"}".repeat(6000)}}]`,
    ];
    for (const json of bad) expect(await checkActionBody(fetchAction, bytes(json)), json.slice(0, 40)).toMatchObject({ status: 400 });
  });

  type Field = string | File;
  const encode = async (fields: [string, Field][] | Record<string, Field>) => {
    const form = new FormData();
    for (const [name, value] of Array.isArray(fields) ? fields : Object.entries(fields)) form.append(name, value);
    const request = new Request("http://x/", { method: "POST", body: form });
    return { contentType: request.headers.get("content-type")!, body: new Uint8Array(await request.arrayBuffer()) };
  };
  const check = async (fields: [string, Field][] | Record<string, Field>, fetch: boolean) => {
    const { contentType, body } = await encode(fields);
    return checkActionBody({ "content-type": contentType, ...(fetch ? { "next-action": ACTION } : {}) }, body);
  };
  const malformed = { status: 400, error: "That request is malformed." };

  it("must parse when it is multipart, with the argument list in field 0 for a fetch action", async () => {
    expect(await check({ "0": '["$K1"]', "1_code": "MKTG3PRD" }, true)).toBeNull();
    expect(await check({ "0": '[{"code":"MKTG3PRD"},"$undefined"]' }, true)).toBeNull();
    for (const root of ["x", '"x"', "{}"]) expect(await check({ "0": root }, true), root).toEqual(malformed);
    expect(await checkActionBody({ "content-type": "multipart/form-data; boundary=x" }, bytes("garbage"))).toEqual(malformed);
    expect(await checkActionBody({ "content-type": "multipart/form-data" }, bytes("--x\r\n\r\n--x--"))).toEqual(malformed);
  });

  it("as multipart, refers to no part but a FormData argument's fields (a missing one is Next.js's 500)", async () => {
    for (const root of ['["$1"]', '["$@1"]', '[{"deep":["$Q1"]}]', '["$B1"]', '["$F1"]']) {
      expect(await check({ "0": root, "1": '"x"' }, true), root).toEqual(malformed);
    }
  });

  it("posted by the browser itself (no script) names one action and nothing React would decode as a reply", async () => {
    expect(await check({ [`$ACTION_ID_${ACTION}`]: "" }, false)).toBeNull();
    expect(await check({ [`$ACTION_ID_${ACTION}`]: "", code: "MKTG3PRD" }, false)).toBeNull();
    const refused: Record<string, Field>[] = [
      {},
      { code: "MKTG3PRD" },
      { [`$ACTION_ID_${ACTION}`]: "", [`$ACTION_ID_${OTHER_ACTION}`]: "" },
      { $ACTION_ID_not_hex: "" },
      { $ACTION_ID_7f00: "" }, // hexadecimal, but not the length of an id
      { $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"7f00","bound":"$@1"}' },
      { [`$ACTION_ID_${ACTION}`]: "", $ACTION_KEY: "k" },
      { "$ACTION_1:0": '{"id":"7f00","bound":null}', [`$ACTION_ID_${ACTION}`]: "" },
    ];
    for (const fields of refused) expect(await check(fields, false), JSON.stringify(fields)).toEqual(malformed);
  });

  it("carries no file: no action takes one (images have their own route)", async () => {
    const file = new File([new Uint8Array(10)], "card.png", { type: "image/png" });
    expect(await check({ [`$ACTION_ID_${ACTION}`]: "", picture: file }, false)).toEqual(malformed);
    expect(await check({ "0": '["$K1"]', "1_picture": file }, true)).toEqual(malformed);
    expect(await check({ "0": '["$K1"]', "1_picture": "text" }, true)).toBeNull();
  });

  it("has at most 64 parts, counted before anything parses it: thousands would hold the server for seconds", async () => {
    const fields = (n: number): [string, string][] => [
      [`$ACTION_ID_${ACTION}`, ""],
      ...Array.from({ length: n - 1 }, (_, i): [string, string] => [`f${i}`, ""]),
    ];
    expect(await check(fields(64), false)).toBeNull();
    expect(await check(fields(65), false)).toEqual(malformed);
    // Thousands of empty parts in under 1 MB: refused without parsing them.
    const many = await encode(fields(10_000));
    expect(many.body.byteLength).toBeLessThan(BODY_LIMITS.action);
    const parse = vi.spyOn(Response.prototype, "formData");
    try {
      expect(await checkActionBody({ "content-type": many.contentType }, many.body)).toEqual(malformed);
      expect(parse).not.toHaveBeenCalled();
      expect(await check(fields(2), false)).toBeNull();
      expect(parse).toHaveBeenCalledOnce();
    } finally {
      parse.mockRestore();
    }
  });

  it("finds a quoted boundary", async () => {
    const { contentType, body } = await encode({ [`$ACTION_ID_${ACTION}`]: "" });
    const boundary = contentType.split("boundary=")[1]!;
    expect(await checkActionBody({ "content-type": `multipart/form-data; boundary="${boundary}"` }, body)).toBeNull();
  });

  it("is not checked for a page POST that is not a fetch action", async () => {
    expect(await checkActionBody({ "content-type": "text/plain" }, bytes("anything"))).toBeNull();
  });
});

describe("the headers the request's own URL is built from", () => {
  const get = (headers: EdgeHeaders) => admit({ method: "GET", url: "/classes", headers });
  const malformed = { kind: "refuse", refusal: { status: 400, error: "That request is malformed." } };

  it.each([
    { host: "a b" },
    { host: "a, b" },
    { host: "[::1" },
    { host: "" },
    { host: "classroom.example:99999" },
    { host: HOST, "x-forwarded-host": "exa mple.com" },
    { host: HOST, "x-forwarded-host": "evil.example/path" },
    { host: HOST, "x-forwarded-host": "user@evil.example" },
    { host: HOST, "x-forwarded-host": "a\tb" },
    { host: HOST, "x-forwarded-proto": "javascript" },
    { host: HOST, "x-forwarded-proto": "ht tp" },
    { host: HOST, "x-forwarded-proto": "" },
  ])("refuses %j with 400 (Next.js and Auth.js answer it with a 500 on every page)", (headers) => {
    expect(get({ ...headers })).toEqual(malformed);
  });

  it("passes a host name, an address and a port, and no Host at all (HTTP/1.0)", () => {
    for (const host of [HOST, "localhost", "127.0.0.1:3210", "[::1]:3210", "school-server", "app_web:3000"]) {
      expect(get({ host }), host).toEqual({ kind: "pass", body: null });
    }
    expect(get({})).toEqual({ kind: "pass", body: null });
  });

  it("cuts what proxies appended to the first entry, the host and scheme the client asked for", () => {
    const headers: EdgeHeaders = {
      host: "10.0.0.5:3000",
      "x-forwarded-host": "Classroom.Example, 10.0.0.4",
      "x-forwarded-proto": "https, http",
    };
    expect(get(headers)).toEqual({ kind: "pass", body: null });
    expect(headers).toEqual({ host: "10.0.0.5:3000", "x-forwarded-host": "classroom.example", "x-forwarded-proto": "https" });
    const repeated: EdgeHeaders = { host: HOST, "x-forwarded-proto": ["HTTPS", "http"] };
    expect(get(repeated)).toEqual({ kind: "pass", body: null });
    expect(repeated["x-forwarded-proto"]).toBe("https");
  });
});

describe("methods", () => {
  it.each(["TRACE", "TRACK", "PUT", "PATCH", "DELETE", "PROPFIND"])("%s is refused with 405 and the methods the app takes", (method) => {
    expect(admit({ method, url: "/api/health", headers: {} })).toEqual({
      kind: "refuse",
      refusal: { status: 405, error: "That method is not allowed here.", allow: "GET, HEAD, POST, OPTIONS" },
    });
  });

  it("GET, HEAD, POST and OPTIONS pass", () => {
    for (const method of ["GET", "HEAD", "POST", "OPTIONS", "get"]) {
      expect(admit({ method, url: "/api/health", headers: {} }), method).toMatchObject({ kind: "pass" });
    }
  });
});

describe("Auth.js's endpoints", () => {
  const get = (url: string, headers: EdgeHeaders = {}) => admit({ method: "GET", url, headers: { host: HOST, ...headers } });
  const notFound = { kind: "refuse", refusal: { status: 404, error: "Not found" } };

  it("are the CSRF token, the providers and the sign-in redirect to GET; the credentials callback and sign-out to POST", () => {
    for (const url of ["/api/auth/csrf", "/api/auth/providers", "/api/auth/signin"]) {
      expect(get(url), url).toEqual({ kind: "pass", body: null });
    }
    expect(post("/api/auth/callback/credentials", FORM)).toMatchObject({ kind: "pass", body: { limit: BODY_LIMITS.auth } });
    expect(post("/api/auth/signout", { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" })).toMatchObject({
      kind: "pass",
      body: { limit: BODY_LIMITS.auth },
    });
  });

  it("answer 404 for a provider the app lacks, Auth.js's pages, another method and any other path", () => {
    for (const url of [
      "/api/auth",
      "/api/auth/",
      "/api/auth/signin/github",
      "/api/auth/signin/credentials",
      "/api/auth/callback/github",
      "/api/auth/callback/credentials", // a GET of it: Auth.js logs InvalidProvider
      "/api/auth/signout", // Auth.js's own sign-out page
      "/api/auth/session", // unused here, and it answered from the token alone (lib/server/request-edge.ts)
      "/api/auth/error",
      "/api/auth/nonsense",
    ]) {
      expect(get(url), url).toEqual(notFound);
    }
    expect(post("/api/auth/signin/github", FORM)).toEqual(notFound);
    expect(post("/api/auth/session", FORM)).toEqual(notFound);
    expect(admit({ method: "HEAD", url: "/api/auth/session", headers: { host: HOST } })).toEqual(notFound);
  });

  it("take a POST only as a form: Auth.js logs the parser's error, with its stack, for JSON it cannot parse", () => {
    const refused = { kind: "refuse", refusal: { status: 415, error: "Send this as a form (application/x-www-form-urlencoded)." } };
    for (const type of [undefined, "application/json", "text/plain", "multipart/form-data; boundary=x"]) {
      expect(post("/api/auth/signout", type === undefined ? {} : { "content-type": type }), String(type)).toEqual(refused);
    }
    expect(post("/api/auth/signout", { "content-type": "Application/X-WWW-Form-Urlencoded" })).toMatchObject({ kind: "pass" });
  });

  it("refuse a callbackUrl that Auth.js would answer with a 500, and pass one it takes", () => {
    const malformed = { kind: "refuse", refusal: { status: 400, error: "That request is malformed." } };
    for (const callbackUrl of ["foo", "javascript:alert(1)", "//[::1", "http://[::1"]) {
      expect(get(`/api/auth/csrf?callbackUrl=${encodeURIComponent(callbackUrl)}`), callbackUrl).toEqual(malformed);
    }
    expect(get("/api/auth/csrf?callbackUrl=%2Fclasses&callbackUrl=foo")).toEqual(malformed);
    expect(get("/api/auth/csrf?callbackUrl=")).toEqual({ kind: "pass", body: null }); // Auth.js ignores an empty one
    for (const callbackUrl of ["/classes", "https://elsewhere.example/x", `http://${HOST}/`]) {
      expect(get(`/api/auth/csrf?callbackUrl=${encodeURIComponent(callbackUrl)}`), callbackUrl).toEqual({ kind: "pass", body: null });
    }
    // Pages read their own callbackUrl (callbackUrlSchema), not Auth.js's.
    expect(get("/sign-in?callbackUrl=foo")).toEqual({ kind: "pass", body: null });
  });
});

describe("a callback-url cookie Auth.js would refuse", () => {
  const cookiesAfter = (cookie: string) => {
    const headers: EdgeHeaders = { host: HOST, cookie };
    expect(admit({ method: "GET", url: "/classes", headers })).toEqual({ kind: "pass", body: null });
    return headers.cookie;
  };

  it("is dropped, and the other cookies kept as they were", () => {
    expect(cookiesAfter("authjs.callback-url=foo; authjs.session-token=abc; recap-device=d")).toBe(
      " authjs.session-token=abc; recap-device=d",
    );
    expect(cookiesAfter("a=1;__Secure-authjs.callback-url=http%3A%2F%2F%5B%3A%3A1;b=2")).toBe("a=1;b=2");
    expect(cookiesAfter("authjs.callback-url=%ZZ")).toBeUndefined();
    // Auth.js trims only spaces and tabs: to it, this is "\u00a0/home", which is no URL.
    expect(cookiesAfter("authjs.callback-url=\u00a0/home; a=1")).toBe(" a=1");
  });

  it("is kept when Auth.js can read it: a path, or an absolute http(s) address", () => {
    for (const cookie of [
      "authjs.callback-url=http%3A%2F%2Fclassroom.example%3A3000",
      "authjs.callback-url=/classes; a=1",
      "a=1; b",
      "authjs.callback-url= /classes\t",
      "authjs.callback-url=",
    ]) {
      expect(cookiesAfter(cookie)).toBe(cookie);
    }
  });
});

describe("an App Router request's headers", () => {
  const rsc = (headers: EdgeHeaders) => admit({ method: "GET", url: "/classes?_rsc=abc", headers: { host: HOST, rsc: "1", ...headers } });
  const malformed = { kind: "refuse", refusal: { status: 400, error: "That request is malformed." } };
  const tree = encodeURIComponent(JSON.stringify(["", { children: ["classes", { children: ["__PAGE__", {}] }] }, null, "refetch", 1]));

  it("pass with a router-state tree Next.js can read, and as a prefetch", () => {
    expect(rsc({ "next-router-state-tree": tree })).toEqual({ kind: "pass", body: null });
    expect(rsc({ "next-router-state-tree": tree, "next-router-prefetch": "1" })).toEqual({ kind: "pass", body: null });
    expect(rsc({})).toEqual({ kind: "pass", body: null });
  });

  it("are refused with 400 for a tree Next.js cannot read (its plain-text 500 otherwise)", () => {
    for (const state of ["garbage", "%E0%A4%A", encodeURIComponent('{"children":1}'), "x".repeat(40_001)]) {
      expect(rsc({ "next-router-state-tree": state }), state.slice(0, 20)).toEqual(malformed);
    }
    // Without RSC: 1, Next.js does not read the tree.
    expect(admit({ method: "GET", url: "/classes", headers: { "next-router-state-tree": "garbage" } })).toEqual({
      kind: "pass",
      body: null,
    });
  });

  it("are checked on a path the edge sends to the 404 page too, which would read them", () => {
    for (const url of ["/_global-error", "/%E0", "/home.rsc"]) {
      expect(admit({ method: "GET", url, headers: { rsc: "1", "next-router-state-tree": "garbage" } }), url).toEqual(malformed);
      expect(admit({ method: "GET", url, headers: { rsc: "1", "next-router-state-tree": tree } }), url).toEqual({
        kind: "rewrite",
        url: NOT_FOUND_PATH,
      });
    }
  });

  it("ask for no runtime prefetch: the app does not enable Cache Components, which alone sends one", () => {
    expect(rsc({ "next-router-prefetch": "2" })).toEqual(malformed);
    expect(rsc({ "next-router-prefetch": "3" })).toEqual(malformed);
    expect(nextConfig).not.toHaveProperty("cacheComponents");
    expect(nextConfig.experimental ?? {}).not.toHaveProperty("ppr");
  });

  it("name a server action by an id Next.js can look up", () => {
    expect(post("/join", { "next-action": ACTION })).toMatchObject({ kind: "pass" });
    for (const id of ["zz", "7f00", `${ACTION}00`, ACTION.toUpperCase()])
      expect(post("/join", { "next-action": id }), id).toEqual(malformed);
  });
});

describe("Next.js's global-error page and image optimizer", () => {
  it("is not a page of its own: GET renders the 404 page, anything else is 404", () => {
    expect(admit({ method: "GET", url: "/_global-error", headers: {} })).toEqual({ kind: "rewrite", url: NOT_FOUND_PATH });
    expect(admit({ method: "GET", url: "/_global-error?x=1", headers: {} })).toEqual({ kind: "rewrite", url: NOT_FOUND_PATH });
    expect(admit({ method: "POST", url: "/_global-error", headers: {} })).toEqual({
      kind: "refuse",
      refusal: { status: 404, error: "Not found" },
    });
    expect(admit({ method: "GET", url: "/_not-found", headers: {} })).toEqual({ kind: "pass", body: null });
    // Nor is a path ending in .rsc, which Next.js reads as an App Router request whatever the headers say.
    for (const url of ["/home.rsc", "/x.segments/_tree.segment.rsc", "/classes.rsc?x=1"]) {
      expect(admit({ method: "GET", url, headers: { "next-router-state-tree": "garbage" } }), url).toEqual({
        kind: "rewrite",
        url: NOT_FOUND_PATH,
      });
    }
    expect(admit({ method: "POST", url: "/api/x.rsc", headers: {} })).toEqual({
      kind: "refuse",
      refusal: { status: 404, error: "Not found" },
    });
    // Nor is the image optimizer: the app has no next/image.
    const sources = ["app", "components", "lib"].flatMap((dir) =>
      fs
        .readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((file) => /\.tsx?$/.test(file))
        .map((file) => `${dir}/${file}`),
    );
    expect(sources.length).toBeGreaterThan(50);
    expect(sources.filter((file) => /from "next\/image"/.test(fs.readFileSync(file, "utf8")))).toEqual([]);
    expect(admit({ method: "GET", url: "/_next/image?url=%2Fx.png&w=64&q=75", headers: {} })).toEqual({
      kind: "rewrite",
      url: NOT_FOUND_PATH,
    });
    expect(admit({ method: "GET", url: "/_next/static/chunks/x.js", headers: {} })).toEqual({ kind: "pass", body: null });
  });
});

describe("paths that cannot be percent-decoded", () => {
  it.each([
    "/sections/%FF",
    "/join/%FF",
    "/join/%C0%AE",
    "/join/%",
    "/join/%E2%82",
    // Decodable, but to a NUL, which PostgreSQL refuses as a query parameter (a 500 on that database).
    "/sections/%00/assignments/%00/discussion",
    "/sections/a%00b",
    "/join/MKTG%00",
  ])("GET %s renders the app's 404 page", (url) => {
    expect(admit({ method: "GET", url, headers: {} })).toEqual({ kind: "rewrite", url: NOT_FOUND_PATH });
  });

  it("answer JSON 404 for API routes and for requests with a body", () => {
    const notFound = { kind: "refuse", refusal: { status: 404, error: "Not found" } };
    expect(admit({ method: "GET", url: "/api/images/%FF", headers: {} })).toEqual(notFound);
    expect(admit({ method: "GET", url: "/api/images/%00", headers: {} })).toEqual(notFound);
    expect(admit({ method: "POST", url: "/join/%FF", headers: { "next-action": ACTION } })).toEqual(notFound);
    expect(admit({ method: "OPTIONS", url: "*", headers: {} })).toEqual(notFound);
  });

  it("leave decodable paths and query strings alone", () => {
    expect(admit({ method: "GET", url: "/join/MKTG%203PRD?x=%FF", headers: {} })).toEqual({ kind: "pass", body: null });
    expect(admit({ method: "GET", url: "/sections/%25FF", headers: {} })).toEqual({ kind: "pass", body: null });
    expect(admit({ method: "GET", url: "/sections/%2500", headers: {} })).toEqual({ kind: "pass", body: null });
    expect(admit({ method: "GET", url: "/join/MKTG%E2%80%943PRD", headers: {} })).toEqual({ kind: "pass", body: null });
    expect(post(`http://${HOST}${UPLOAD}`)).toMatchObject({ kind: "pass", body: { read: "stream" } });
  });

  it("are matched the way Next.js resolves them (dot segments)", () => {
    expect(post("/api/assignments/x/images/..%2F..%2F..%2F..%2Fjoin")).toMatchObject({ kind: "pass", body: { read: "buffer" } });
    expect(post("/api/auth/../../join")).toMatchObject({ kind: "pass", body: { limit: BODY_LIMITS.action, action: true } });
  });
});

/** The proxy list for a TRUST_PROXY value that the tests know to be valid. */
function proxies(setting: string): TrustedProxies {
  const parsed = TrustedProxies.parse(setting);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

describe("the client address", () => {
  const none = TrustedProxies.none;
  const nginx = proxies("10.0.0.2");

  it("is the socket's peer, an IPv4 client on a dual-stack socket written as IPv4", () => {
    expect(trustedClientAddress("203.0.113.5", undefined, none)).toEqual({ address: "203.0.113.5" });
    expect(trustedClientAddress("::ffff:203.0.113.5", undefined, none)).toEqual({ address: "203.0.113.5" });
    expect(trustedClientAddress("2001:db8::1", undefined, none)).toEqual({ address: "2001:db8::1" });
  });

  it("ignores X-Forwarded-For when no proxy is trusted, saying so (a proxy whose TRUST_PROXY was forgotten shows up)", () => {
    expect(trustedClientAddress("10.0.0.2", "198.51.100.7", none)).toEqual({
      address: "10.0.0.2",
      untrustedPeer: expect.stringMatching(/^X-Forwarded-For from 10\.0\.0\.2 is ignored: TRUST_PROXY is not set/),
    });
    expect(trustedClientAddress("10.0.0.2", " ", none)).toEqual({ address: "10.0.0.2" });
  });

  it("believes X-Forwarded-For only from a listed proxy: anyone reaching the port directly can't pick their address", () => {
    expect(trustedClientAddress("10.0.0.2", "198.51.100.7", nginx)).toEqual({ address: "198.51.100.7" });
    const direct = trustedClientAddress("203.0.113.66", "198.51.100.7", nginx);
    expect(direct).toMatchObject({ address: "203.0.113.66" });
    expect(direct.untrustedPeer).toContain("203.0.113.66");
    // TRUST_PROXY=1: a proxy on this machine only, on either stack.
    const loopback = proxies("1");
    expect(trustedClientAddress("127.0.0.1", "198.51.100.7", loopback)).toEqual({ address: "198.51.100.7" });
    expect(trustedClientAddress("::ffff:127.0.0.1", "198.51.100.7", loopback)).toEqual({ address: "198.51.100.7" });
    expect(trustedClientAddress("::1", "198.51.100.7", loopback)).toEqual({ address: "198.51.100.7" });
    expect(trustedClientAddress("10.0.0.2", "198.51.100.7", loopback)).toMatchObject({ address: "10.0.0.2" });
  });

  it("behind a trusted proxy is the right-most X-Forwarded-For entry, the one the proxy added", () => {
    expect(trustedClientAddress("10.0.0.2", "1.1.1.1, 198.51.100.7", nginx)).toEqual({ address: "198.51.100.7" });
    expect(trustedClientAddress("10.0.0.2", ["1.1.1.1", "198.51.100.8"], nginx)).toEqual({ address: "198.51.100.8" });
    expect(trustedClientAddress("10.0.0.2", "::ffff:198.51.100.9", nginx)).toEqual({ address: "198.51.100.9" });
    expect(trustedClientAddress("10.0.0.2", undefined, nginx)).toEqual({ address: "10.0.0.2" });
    expect(trustedClientAddress("10.0.0.2", "", nginx)).toEqual({ address: "10.0.0.2" });
  });

  it("through a chain of trusted proxies is the right-most entry that is not one of them", () => {
    const chain = proxies("127.0.0.1, 10.0.0.0/8, 2001:db8:a::/48");
    // client 198.51.100.7 → load balancer 10.1.2.3 → nginx on this machine → app
    expect(trustedClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", chain)).toEqual({ address: "198.51.100.7" });
    expect(trustedClientAddress("127.0.0.1", "198.51.100.7, 2001:db8:a::5", chain)).toEqual({ address: "198.51.100.7" });
    // a proxy outside the list ends the chain: what it reports is not believed
    expect(trustedClientAddress("127.0.0.1", "198.51.100.7, 10.1.2.3, 192.0.2.50", chain)).toEqual({ address: "192.0.2.50" });
    // every hop trusted: the client is on the proxies' own network, the left-most entry
    expect(trustedClientAddress("127.0.0.1", "10.9.9.9, 10.1.2.3", chain)).toEqual({ address: "10.9.9.9" });
  });

  it("accepts entries written with a port, as some proxies send them", () => {
    expect(trustedClientAddress("10.0.0.2", "198.51.100.7:50312", nginx)).toEqual({ address: "198.51.100.7" });
    expect(trustedClientAddress("10.0.0.2", "[2001:db8::7]:443", nginx)).toEqual({ address: "2001:db8::7" });
    expect(trustedClientAddress("10.0.0.2", "[2001:db8::7]", nginx)).toEqual({ address: "2001:db8::7" });
  });

  it.each(["198.51.100.7, not-an-address", "unknown", "198.51.100.7,", "127.1", "1.2.3.4.5"])(
    "from a trusted proxy, malformed (%j), falls back to the proxy's address with one line for the log",
    (header) => {
      const result = trustedClientAddress("10.0.0.2", header, nginx);
      expect(result.address).toBe("10.0.0.2");
      expect(result.malformed).toMatch(/^X-Forwarded-For from proxy 10\.0\.0\.2 has ".*", which is not an address/);
      expect(result.malformed).not.toContain("\n");
    },
  );

  it("is malformed only where the walk reaches: a bad claim left of the proxy's entry is never read", () => {
    expect(trustedClientAddress("10.0.0.2", "not-an-address, 198.51.100.7", nginx)).toEqual({ address: "198.51.100.7" });
  });

  it("replaces whatever the client sent, and lib/client-address.ts trusts only the stamp", () => {
    const token = "edge-token-for-this-test";
    const forged: EdgeHeaders = { [CLIENT_ADDRESS_HEADER]: "1.2.3.4", [EDGE_TOKEN_HEADER]: "guess" };
    const env = { [EDGE_TOKEN_ENV]: token };
    expect(clientAddress(new Headers(forged as Record<string, string>), env)).toBe("unknown");

    stampClientAddress(forged, "203.0.113.5", token);
    expect(clientAddress(new Headers(forged as Record<string, string>), env)).toBe("203.0.113.5");

    const unstamped: EdgeHeaders = { [CLIENT_ADDRESS_HEADER]: "1.2.3.4", [EDGE_TOKEN_HEADER]: "guess" };
    stampClientAddress(unstamped, undefined, token);
    expect(unstamped).toEqual({});
  });

  it("keeps its own stamp on a request Next.js forwards back through it (a fetch action posted to a page without it)", () => {
    const token = "edge-token-for-this-test";
    const env = { [EDGE_TOKEN_ENV]: token };
    const forwarded: EdgeHeaders = {};
    stampClientAddress(forwarded, "203.0.113.5", token);
    // Next.js sends the same headers again, from the loopback address.
    stampClientAddress(forwarded, "127.0.0.1", token);
    expect(clientAddress(new Headers(forwarded as Record<string, string>), env)).toBe("203.0.113.5");
    // Another process's token (an earlier run, another instance) is not this one's.
    const other: EdgeHeaders = { [CLIENT_ADDRESS_HEADER]: "203.0.113.5", [EDGE_TOKEN_HEADER]: "another-token" };
    stampClientAddress(other, "127.0.0.1", token);
    expect(clientAddress(new Headers(other as Record<string, string>), env)).toBe("127.0.0.1");
  });
});

describe("server settings", () => {
  it("default to port 3000 on every interface, proxy headers not trusted, 1,000 connections", () => {
    const { TRUST_PROXY, ...defaults } = serverEnv({});
    expect(defaults).toEqual({ PORT: 3000, HOST: undefined, MAX_CONNECTIONS: 1000, RECAP_DIAGNOSTICS_DIR: undefined });
    expect(TRUST_PROXY.empty).toBe(true);
    expect(serverEnv({ PORT: "3311", HOST: "127.0.0.1", MAX_CONNECTIONS: "200" })).toMatchObject({
      PORT: 3311,
      HOST: "127.0.0.1",
      MAX_CONNECTIONS: 200,
    });
    expect(serverEnv({ PORT: "", MAX_CONNECTIONS: "", TRUST_PROXY: "" })).toMatchObject({ PORT: 3000, MAX_CONNECTIONS: 1000 });
  });

  it("refuse a port or a connection cap that is not one, naming the setting", () => {
    expect(() => serverEnv({ PORT: "http" })).toThrow(/^Invalid server settings: PORT: /);
    expect(() => serverEnv({ MAX_CONNECTIONS: "0" })).toThrow(/MAX_CONNECTIONS: /);
    expect(() => serverEnv({ MAX_CONNECTIONS: "lots" })).toThrow(/MAX_CONNECTIONS: /);
  });

  it("read TRUST_PROXY as a list of addresses and CIDR ranges", () => {
    expect(serverEnv({ TRUST_PROXY: "127.0.0.1,10.0.0.0/8,::1" }).TRUST_PROXY.ranges).toEqual(["127.0.0.1/32", "10.0.0.0/8", "::1/128"]);
    expect(serverEnv({ TRUST_PROXY: " 192.168.1.0/24 , fd00::/8, " }).TRUST_PROXY.ranges).toEqual(["192.168.1.0/24", "fd00::/8"]);
    expect(serverEnv({ TRUST_PROXY: "::ffff:10.0.0.0/104" }).TRUST_PROXY.ranges).toEqual(["10.0.0.0/8"]);
    const list = serverEnv({ TRUST_PROXY: "10.0.0.0/8,2001:db8::/32" }).TRUST_PROXY;
    expect(["10.255.0.1", "::ffff:10.0.0.1", "2001:db8:ffff::1"].map((a) => list.includes(a))).toEqual([true, true, true]);
    expect(["11.0.0.1", "2001:db9::1", "not-an-address"].map((a) => list.includes(a))).toEqual([false, false, false]);
  });

  it("keep TRUST_PROXY=1 (or true) meaning a proxy on this machine, and 0 (or false) none", () => {
    for (const on of ["1", "true", "TRUE", "yes"])
      expect(serverEnv({ TRUST_PROXY: on }).TRUST_PROXY.ranges, on).toEqual(["127.0.0.0/8", "::1/128"]);
    for (const off of ["0", "false", "no"]) expect(serverEnv({ TRUST_PROXY: off }).TRUST_PROXY.empty, off).toBe(true);
  });

  it.each([
    "10.0.0.0/33",
    "::1/129",
    "10.0.0.0/8/8",
    "10.0.0.0/x",
    "proxy.internal",
    "127.1",
    "0x7f.0.0.1",
    "10.0.0.1 10.0.0.2",
    "fe80::1%eth0",
    ",",
  ])("refuse TRUST_PROXY=%j at start, saying what is wrong and how to write it", (value) => {
    expect(() => serverEnv({ TRUST_PROXY: value })).toThrow(
      /^Invalid server settings: TRUST_PROXY: .*e\.g\. TRUST_PROXY=127\.0\.0\.1,10\.0\.0\.0\/8,::1/,
    );
  });
});

describe("connections, time and memory", () => {
  const seconds = (bytes: number, megabitsPerSecond: number) => (bytes * 8) / (megabitsPerSecond * 1_000_000);

  it("give a 10 MB upload at 1 Mbit/s time to arrive, and a buffered body at 1 Mbit/s too", () => {
    expect(seconds(BODY_LIMITS.upload, 1)).toBeLessThan(SERVER_TIMEOUTS.requestMs / 1000);
    expect(seconds(BODY_LIMITS.action, 1)).toBeLessThan(SERVER_TIMEOUTS.bufferedBodyMs / 1000 / 2);
  });

  it("are ordered as Node.js requires (headers within the request) and keep slow bodies short", () => {
    expect(SERVER_TIMEOUTS.headersMs).toBeLessThan(SERVER_TIMEOUTS.requestMs);
    expect(SERVER_TIMEOUTS.keepAliveMs).toBeLessThan(SERVER_TIMEOUTS.headersMs);
    expect(SERVER_TIMEOUTS.bufferedBodyMs).toBeLessThan(SERVER_TIMEOUTS.requestMs);
    expect(SERVER_TIMEOUTS.requestMs).toBeLessThan(300_000); // Node 20's default, which let slow clients hold memory for 5 minutes
  });

  it("let many full-size buffered bodies in at once", () => {
    expect(BUFFERED_BODIES_BUDGET / BODY_LIMITS.action).toBeGreaterThanOrEqual(64);
  });

  it("answer 503 with Retry-After past the buffered-bodies budget, and 408 for a slow body", () => {
    expect(SERVER_BUSY).toMatchObject({ status: 503, retryAfterSeconds: expect.any(Number) });
    expect(BODY_TOO_SLOW).toMatchObject({ status: 408 });
  });
});

describe("the budget for buffered bodies", () => {
  it("keeps bodies while they fit, and refuses the chunk that would pass it, holding nothing for that body", () => {
    const budget = new BodyBudget(10);
    const first = new BodyCollector(100, budget.reservation());
    expect(first.add(bytes("123456"))).toBe("kept");
    const second = new BodyCollector(100, budget.reservation());
    expect(second.add(bytes("1234"))).toBe("kept");
    expect(budget.inUse).toBe(10);

    const third = budget.reservation();
    const refused = new BodyCollector(100, third);
    expect(refused.add(bytes("1"))).toBe("busy");
    expect(refused.add(bytes("1"))).toBe("busy"); // stays refused
    expect(refused.bytes().byteLength).toBe(0);
    expect(budget.inUse).toBe(10);
  });

  it("takes a body back when its answer is done, so the next one fits", () => {
    const budget = new BodyBudget(10);
    const reservation = budget.reservation();
    const collector = new BodyCollector(100, reservation);
    collector.add(bytes("12345"));
    collector.add(bytes("67890"));
    expect(new TextDecoder().decode(collector.bytes())).toBe("1234567890");
    expect(new BodyCollector(100, budget.reservation()).add(bytes("x"))).toBe("busy");
    reservation.release();
    reservation.release(); // the answer's close may come after a refusal already released it
    expect(budget.inUse).toBe(0);
    expect(new BodyCollector(100, budget.reservation()).add(bytes("x"))).toBe("kept");
  });

  it("gives back what a body took as soon as it passes its own limit", () => {
    const budget = new BodyBudget(100);
    const collector = new BodyCollector(8, budget.reservation());
    expect(collector.add(bytes("12345"))).toBe("kept");
    expect(budget.inUse).toBe(5);
    expect(collector.add(bytes("6789"))).toBe("too large");
    expect(budget.inUse).toBe(0);
  });
});
