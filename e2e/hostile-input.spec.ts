import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { DB } from "../db";
import { databaseDialect } from "../db/dialect";
import { assignments, enrollments } from "../db/schema";
import { AFTER_BURSTS, MEMORY_RELEASES_LOG, MEMORY_REPORTS_LOG, type LiveMemory } from "../lib/server/memory-release";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";
import { UPLOAD_TOO_LARGE } from "../lib/server/request-edge";
import { findServerAction, postAction } from "./support/actions";
import { expect, PASSWORD, signIn, signInWithPassword, test, type Make } from "./support/fixtures";
import { testImages } from "./support/images";
import { toast, waitForReady } from "./support/ui";
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";

// Crafted requests at the request edge (scripts/server.mjs, lib/server/request-edge.ts): oversized and
// chunked bodies, undecodable paths, malformed and cross-site server actions. Each answers
// 400/403/404/413 with the app's own JSON or 404 page, never a 500, and the server logs no error;
// each refusal is paired with the ordinary request that must still work.

const MB = 1024 * 1024;
const BIG = 50 * MB;
/**
 * What the server may still hold after a 50 MB body, once garbage is collected. The route reads at
 * most its limit (10 MB for an upload) and the edge drops the rest as it arrives, so nothing of the
 * body should stay; keeping the dropped tail (~36 MB or more) or the route's 10 MB must fail.
 */
const MAX_KEPT_MB = 5;

// The server writes these when RECAP_DIAGNOSTICS_DIR asks (playwright.config.ts: the run's data dir).
const diagnostics = path.dirname(process.env.DATABASE_PATH!);
const serverLog = path.join(diagnostics, "server-stderr.log");

function serverPid(): number {
  return Number(fs.readFileSync(path.join(diagnostics, "server.pid"), "utf8"));
}

/**
 * What the server still holds, in MB, after a full garbage collection: V8's heap and the buffers
 * outside it (SIGUSR2 → MEMORY_REPORTS_LOG, scripts/server.mjs). Unlike the resident size, this
 * does not move with garbage not yet collected or with memory the allocator has not given back;
 * null where there are no signals (Windows).
 */
async function serverLiveMemory(): Promise<{ liveMb: number; rssMb: number } | null> {
  if (process.platform === "win32") return null;
  const log = path.join(diagnostics, MEMORY_REPORTS_LOG);
  const reports = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : []);
  const before = reports().length;
  process.kill(serverPid(), "SIGUSR2");
  await expect.poll(() => reports().length, { timeout: 10_000 }).toBeGreaterThan(before);
  const report = JSON.parse(reports().at(-1)!) as LiveMemory;
  expect(report.collected, "the server can run a full collection").toBe(true);
  return { liveMb: (report.heapUsed + report.external) / MB, rssMb: report.rss / MB };
}

function logSize() {
  return fs.existsSync(serverLog) ? fs.statSync(serverLog).size : 0;
}

// One worker runs this file's tests in order, so one test's memory use does not show up in another's.
test.describe.configure({ mode: "default" });

let logStart = 0;
/** Set by a test that breaks the server on purpose: its error must be logged exactly once, under this reference. */
let expectedReference: string | null = null;
test.beforeEach(() => {
  logStart = logSize();
  expectedReference = null;
});
test.afterEach(() => {
  expect(fs.existsSync(serverLog), "the server records its stderr (RECAP_DIAGNOSTICS_DIR)").toBe(true);
  const written = fs.readFileSync(serverLog).subarray(logStart).toString("utf8");
  if (expectedReference) {
    const plain = written.replace(/\x1b\[[0-9;]*m/g, ""); // the log's colours
    expect(plain.split(`digest: '${expectedReference}'`).length - 1, `the error with reference ${expectedReference} is logged once`).toBe(
      1,
    );
    return;
  }
  // Next.js marks errors with ⨯; anything logged with a stack has "    at …" lines.
  const errors = written.split("\n").filter((line) => /⨯|\bError\b|^\s+at |uncaught|unhandled/i.test(line));
  expect(errors, "the server logged errors during this test").toEqual([]);
});

/** The answer, and (for a request with a body) how many bytes the client had sent when it arrived. */
type Sent = { status: number; contentType: string; body: string; sentBeforeAnswer?: number };

/** Status, content type and body of one HTTP/1.1 answer in `raw`, or null while it is incomplete. */
function parseAnswer(raw: Buffer): Sent | null {
  const headEnd = raw.indexOf("\r\n\r\n");
  if (headEnd < 0) return null;
  const [statusLine, ...lines] = raw.subarray(0, headEnd).toString("latin1").split("\r\n");
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]),
  );
  let rest = raw.subarray(headEnd + 4);
  const body: Buffer[] = [];
  if (headers["transfer-encoding"] === "chunked") {
    for (;;) {
      const lineEnd = rest.indexOf("\r\n");
      if (lineEnd < 0) return null;
      const size = parseInt(rest.subarray(0, lineEnd).toString(), 16);
      if (size === 0) break;
      if (rest.length < lineEnd + 2 + size + 2) return null;
      body.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
  } else {
    const length = Number(headers["content-length"] ?? 0);
    if (rest.length < length) return null;
    body.push(rest.subarray(0, length));
  }
  return {
    status: Number(statusLine!.split(" ")[1]),
    contentType: headers["content-type"] ?? "",
    body: Buffer.concat(body).toString("utf8"),
  };
}

/**
 * A request over a raw socket, as a hostile client sends it: `size` bytes in 64 KB chunks with no
 * Content-Length (chunked), all of them, whatever the server answers meanwhile; or, with
 * `declared`, only the headers announcing that length. Resolves with the server's answer once it
 * is complete and the client is done sending (or the server closed the connection).
 */
function rawRequest(
  baseURL: string,
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; size?: number; declared?: number },
): Promise<Sent> {
  const url = new URL(baseURL);
  const socket = net.connect(Number(url.port), url.hostname);
  const headers = {
    Host: url.host,
    ...options.headers,
    ...(options.declared === undefined ? { "Transfer-Encoding": "chunked" } : { "Content-Length": String(options.declared) }),
  };
  return new Promise<Sent>((resolve, reject) => {
    let received = Buffer.alloc(0);
    let answer: Sent | null = null;
    let sent = options.declared !== undefined; // with a declared length, nothing is sent
    let written = 0; // body bytes handed to the socket so far
    const settle = () => {
      if (!answer || !sent) return;
      socket.destroy();
      resolve(answer);
    };
    socket.on("data", (data) => {
      received = Buffer.concat([received, data]);
      if (!answer) {
        answer = parseAnswer(received);
        if (answer) answer.sentBeforeAnswer = written;
      }
      settle();
    });
    socket.on("error", () => undefined);
    socket.on("close", () => (answer ? ((sent = true), settle()) : reject(new Error(`${pathname}: connection closed without an answer`))));
    socket.write(
      `${options.method ?? "POST"} ${pathname} HTTP/1.1\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join("")}\r\n`,
    );
    if (sent) return;
    const chunk = Buffer.concat([Buffer.from("10000\r\n"), Buffer.alloc(64 * 1024, "a"), Buffer.from("\r\n")]);
    const pump = () => {
      while (written < (options.size ?? 0)) {
        written += 64 * 1024;
        if (!socket.write(chunk)) return void socket.once("drain", pump);
      }
      socket.write("0\r\n\r\n", () => ((sent = true), settle()));
    };
    pump();
  });
}

async function cookieHeader(page: Page) {
  return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/**
 * serverLiveMemory() once it has settled: two readings 100 ms apart within 1 MB of each other (or the
 * last of 5 s of readings). Right after a big body the server is still reading, and dropping, what
 * the sockets' buffers hold (10 to 20 MB here) for a few tens of milliseconds.
 */
async function settledLiveMemory() {
  const deadline = Date.now() + 5_000;
  let last = await serverLiveMemory();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = await serverLiveMemory();
    if (!last || !next || Math.abs(next.liveMb - last.liveMb) < 1 || Date.now() > deadline) return next;
    last = next;
  }
}

/** Sends 50 MB chunked and checks that the server kept none of it. */
async function sendBig(baseURL: string, pathname: string, headers: Record<string, string>, label: string) {
  const before = await settledLiveMemory();
  const answer = await rawRequest(baseURL, pathname, { headers, size: BIG });
  const after = await settledLiveMemory();
  test.info().annotations.push({
    type: "answered after",
    description: `${label}: ${((answer.sentBeforeAnswer ?? 0) / MB).toFixed(1)} MB of ${BIG / MB} MB sent`,
  });
  if (before && after) {
    const kept = after.liveMb - before.liveMb;
    test.info().annotations.push({
      type: "server memory",
      description: `${label}: kept ${kept.toFixed(1)} MB after a full collection (${before.liveMb.toFixed(1)} → ${after.liveMb.toFixed(1)} MB; resident ${before.rssMb.toFixed(0)} → ${after.rssMb.toFixed(0)} MB)`,
    });
    expect(kept, `${label}: the server kept ${kept.toFixed(1)} MB of the body`).toBeLessThan(MAX_KEPT_MB);
  }
  // Cut off while it streams: the answer came once about the route's limit (at most 10 MB, plus what
  // the sockets' buffers hold) had been sent, not after the server had read all 50 MB.
  expect(answer.sentBeforeAnswer, `${label}: answered only after the whole body was sent`).toBeLessThan(BIG / 2);
  return answer;
}

/** A response from Playwright's request client, read as a Sent. */
async function sent(response: APIResponse): Promise<Sent> {
  return { status: response.status(), contentType: response.headers()["content-type"] ?? "", body: await response.text() };
}

const expectJsonError = (answer: Sent, status: number, error: string | RegExp) => {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toContain("application/json");
  expect((JSON.parse(answer.body) as { error: string }).error).toMatch(error);
};

const ACTION_HEADERS = { "Next-Action": "", Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8" };

for (const visitor of ["anonymous", "student"] as const) {
  test.describe(`${visitor} visitor`, () => {
    /** The visitor's request context and, for the student, a section with an assignment to work on. */
    async function setUp(page: Page, request: APIRequestContext, make: Make) {
      const teacher = await make.teacher();
      const section = await make.section(teacher.id, { name: "Edge Section" });
      const assignment = await make.assignment(section.id);
      if (visitor === "anonymous") return { http: request, section, assignment, student: null, cookie: "" };
      const student = await make.student();
      await make.enroll(section.id, student.id);
      await signIn(page, student.email);
      return { http: page.request, section, assignment, student, cookie: await cookieHeader(page) };
    }

    test("a path that cannot be percent-decoded gets the app's 404 page or JSON; a real one still opens", async ({
      page,
      request,
      make,
      consoleGuard,
      baseURL,
    }) => {
      consoleGuard.allow(/status of 404/);
      const { http: client, section } = await setUp(page, request, make);
      for (const pathname of ["/sections/%FF", "/join/%FF", "/join/%C0%AE", "/join/%"]) {
        const response = await page.goto(pathname);
        expect(response?.status(), pathname).toBe(404);
        await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      }
      const api = await client.get("/api/images/%FF");
      expectJsonError(await sent(api), 404, "Not found");

      const real = await page.goto(`${baseURL}/join/${section.joinCode}`);
      expect(real?.status()).toBe(200);
      await expect(page.getByText("Edge Section")).toBeVisible();
    });

    test("a server action that is not an argument list in JSON (400), over 1 MB (413) or from another site (403) is refused; from the app it runs", async ({
      page,
      request,
      make,
      db,
      baseURL,
    }) => {
      const { http: client, section, student } = await setUp(page, request, make);
      const join = findServerAction("joinSectionAction");
      const headers = { ...ACTION_HEADERS, "Next-Action": join.id };
      const enrolled = async () =>
        student
          ? (
              await db
                .select()
                .from(enrollments)
                .where(and(eq(enrollments.sectionId, section.id), eq(enrollments.studentId, student.id)))
            ).length
          : 0;
      const before = await enrolled();

      const other = await make.section((await make.teacher()).id, { name: "Other Section" });
      const args = JSON.stringify([{ code: other.joinCode }]);

      // Not JSON; JSON but not an argument list; a reference to a part a JSON body does not have.
      for (const data of ["this is not JSON", '"x"', '["$@1"]']) {
        expectJsonError(await sent(await client.post("/join", { headers, data })), 400, "That request is malformed.");
      }
      expectJsonError(await sent(await client.post("/join", { headers, data: `["${"a".repeat(2 * MB)}"]` })), 413, /too large/);
      for (const origin of ["https://evil.example", "null", "not a url"]) {
        const response = await client.post("/join", { headers: { ...headers, Origin: origin }, data: args });
        expectJsonError(await sent(response), 403, "Requests from other sites are not accepted.");
      }
      expect(await enrolled(), "a refused action must not run").toBe(before);

      // The same action, same origin, as the app's own pages send it.
      const { response, body } = await postAction(client, join, [{ code: other.joinCode }], "/join");
      expect(response.status()).toBe(200);
      if (student) {
        expect(body).toContain('"ok":true');
        expect(
          await db
            .select()
            .from(enrollments)
            .where(and(eq(enrollments.sectionId, other.id), eq(enrollments.studentId, student.id))),
        ).toHaveLength(1);
      } else {
        expect(body).toContain('"code":"unauthenticated"');
      }
      const sameOrigin = await client.post("/join", { headers: { ...headers, Origin: new URL(baseURL!).origin }, data: args });
      expect(sameOrigin.status()).toBe(200);
    });

    test("50 MB chunked bodies are cut off at their limit and the server keeps none of them; ordinary requests still work", async ({
      page,
      request,
      make,
      baseURL,
    }) => {
      test.setTimeout(90_000);
      const { http: client, assignment, cookie } = await setUp(page, request, make);
      const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
      const upload = `/api/assignments/${assignment.id}/images`;
      const images = await testImages();

      // The allowed uploads first: they also load everything the route needs before memory is measured.
      const small = await client.post(upload, {
        multipart: { file: { name: "card.png", mimeType: "image/png", buffer: fs.readFileSync(images.small) } },
      });
      if (visitor === "student") {
        expect(small.status()).toBe(201);
        const { image } = (await small.json()) as { image: { id: string; width: number } };
        expect(image.width).toBe(400);
        expect((await client.get(`/api/images/${image.id}`)).status()).toBe(200);
      } else {
        expect(small.status()).toBe(401); // the session is checked before any of the body is read
      }

      const join = findServerAction("joinSectionAction");
      const targets = {
        upload: { pathname: upload, headers: { ...headers, "Content-Type": "multipart/form-data; boundary=edge" } },
        credentials: {
          pathname: "/api/auth/callback/credentials",
          headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        },
        action: { pathname: "/join", headers: { ...headers, ...ACTION_HEADERS, "Next-Action": join.id } },
      };
      // Each refusal once with 12 MB first, so that the code it runs is loaded and compiled before
      // the server's memory is measured around it.
      for (const { pathname, headers: sent } of Object.values(targets)) {
        expect((await rawRequest(baseURL!, pathname, { headers: sent, size: 12 * MB })).status).toBe(
          visitor === "anonymous" && pathname === upload ? 401 : 413,
        );
      }

      const big = await sendBig(baseURL!, targets.upload.pathname, targets.upload.headers, "upload route");
      if (visitor === "student") expectJsonError(big, 413, UPLOAD_TOO_LARGE);
      else expectJsonError(big, 401, "Your session has ended. Sign in again to continue.");

      const credentials = await sendBig(baseURL!, targets.credentials.pathname, targets.credentials.headers, "credentials callback");
      expectJsonError(credentials, 413, "That request is too large: the limit here is 64 KB.");

      const action = await sendBig(baseURL!, targets.action.pathname, targets.action.headers, "server action");
      expectJsonError(action, 413, "That request is too large: the limit here is 1 MB.");

      // The server is still in working order for the same visitor.
      expect((await client.get("/api/health")).status()).toBe(200);
    });

    test("a declared Content-Length over the limit is refused before any of the body is sent", async ({ page, request, make, baseURL }) => {
      const { assignment, cookie } = await setUp(page, request, make);
      const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
      const join = findServerAction("joinSectionAction");
      const cases = [
        {
          pathname: `/api/assignments/${assignment.id}/images`,
          headers: { "Content-Type": "multipart/form-data; boundary=edge" },
          error: UPLOAD_TOO_LARGE,
        },
        {
          pathname: "/api/auth/callback/credentials",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          error: /too large/,
        },
        { pathname: "/join", headers: { ...ACTION_HEADERS, "Next-Action": join.id }, error: /too large/ },
      ];
      for (const { pathname, headers: extra, error } of cases) {
        expectJsonError(await rawRequest(baseURL!, pathname, { headers: { ...headers, ...extra }, declared: BIG }), 413, error);
      }
    });
  });
}

test("after a burst of uploads the server gives the memory they fragmented back to the machine", async ({ page, make, baseURL }) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Burst Section" });
  const assignment = await make.assignment(section.id);
  const student = await make.student();
  await make.enroll(section.id, student.id);
  await signIn(page, student.email);
  const headers = { Cookie: await cookieHeader(page), "Content-Type": "multipart/form-data; boundary=edge" };
  const log = path.join(diagnostics, MEMORY_RELEASES_LOG);
  const releases = () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : []);
  const before = releases().length;

  // A class's worth of bodies at once (AFTER_BURSTS.minBytes): four 12 MB uploads, each read up to the
  // route's 10 MB limit and refused.
  const answers = await Promise.all(
    Array.from({ length: 4 }, () => rawRequest(baseURL!, `/api/assignments/${assignment.id}/images`, { headers, size: 12 * MB })),
  );
  for (const answer of answers) expectJsonError(answer, 413, UPLOAD_TOO_LARGE);

  // Once nothing with a body has been in flight for AFTER_BURSTS.quietMs, the server collects and trims.
  await expect.poll(() => releases().length, { timeout: 15_000 }).toBeGreaterThan(before);
  const release = JSON.parse(releases().at(-1)!) as { bodyBytes: number; collected: boolean; trimmed: boolean };
  expect(release.bodyBytes).toBeGreaterThanOrEqual(AFTER_BURSTS.minBytes);
  expect(release).toMatchObject({ collected: true, trimmed: process.platform === "linux" });
  // And it goes on answering, the same student's upload included.
  const images = await testImages();
  const upload = await page.request.post(`/api/assignments/${assignment.id}/images`, {
    multipart: { file: { name: "card.png", mimeType: "image/png", buffer: fs.readFileSync(images.small) } },
  });
  expect(upload.status()).toBe(201);
});

test("a server action's own form as a browser posts it (no script): Sign out's signs out and stays on this site; crafted ones get 400, not a 500", async ({
  page,
  make,
  baseURL,
}) => {
  const student = await make.student();
  await signIn(page, student.email);
  const client = page.request;
  const signOut = findServerAction("signOutAction");
  const join = findServerAction("joinSectionAction");
  const signedIn = async () => (await client.get("/classes", { maxRedirects: 0 })).status() === 200;
  const picture = { name: "card.png", mimeType: "image/png", buffer: fs.readFileSync((await testImages()).small) };

  // What React decodes as more replies (bound arguments pointing at a part that is not there, a form
  // state key), a file, thousands of empty parts; and, sent by script, a reference to a missing part.
  const crafted: Record<string, string | typeof picture>[] = [
    { $ACTION_REF_1: "", "$ACTION_1:0": JSON.stringify({ id: join.id, bound: "$@1" }) },
    { [`$ACTION_ID_${signOut.id}`]: "", $ACTION_KEY: "k", $ACTION_REF_2: "" },
    { [`$ACTION_ID_${signOut.id}`]: "", picture },
    Object.fromEntries([[`$ACTION_ID_${signOut.id}`, ""], ...Array.from({ length: 5_000 }, (_, i) => [`f${i}`, ""])]),
  ];
  for (const multipart of crafted) {
    expectJsonError(await sent(await client.post("/classes", { multipart, maxRedirects: 0 })), 400, "That request is malformed.");
  }
  const missingPart = await client.post("/classes", {
    headers: { "Next-Action": join.id, Accept: "text/x-component" },
    multipart: { "0": '["$1"]' },
  });
  expectJsonError(await sent(missingPart), 400, "That request is malformed.");
  // A path under /api that matches nothing: Next.js would run the action on its not-found page.
  expectJsonError(await sent(await client.post("/api/no-such-route", { multipart: crafted[0]! })), 400, "That request is malformed.");
  for (const pathname of ["/classes", "/api/no-such-route"]) {
    const forged = await client.post(pathname, {
      headers: { Origin: "https://evil.example" },
      multipart: { [`$ACTION_ID_${signOut.id}`]: "" },
      maxRedirects: 0,
    });
    expectJsonError(await sent(forged), 403, "Requests from other sites are not accepted.");
  }
  expect(await signedIn(), "nothing refused signed the student out").toBe(true);

  // Sign out's form, as the browser posts it before the page has hydrated: a redirect within the site.
  const out = await client.post("/classes", {
    headers: { Origin: new URL(baseURL!).origin },
    multipart: { [`$ACTION_ID_${signOut.id}`]: "" },
    maxRedirects: 0,
  });
  expect([out.status(), out.headers()["location"]]).toEqual([303, "/sign-in"]);
  expect(await signedIn()).toBe(false);
});

test("an X-Forwarded-Host or X-Forwarded-Proto no URL can be made of gets 400, not a 500 on every page; a proxy's list of them still opens the page", async ({
  request,
}) => {
  const malformed: Record<string, string>[] = [
    { "X-Forwarded-Host": "exa mple.com" },
    { "X-Forwarded-Host": "[::1" },
    { "X-Forwarded-Proto": "ht tp" },
  ];
  for (const headers of malformed) {
    expectJsonError(await sent(await request.get("/sign-in", { headers })), 400, "That request is malformed.");
  }
  const listed = await request.get("/sign-in", {
    headers: { "X-Forwarded-Host": "localhost, 10.0.0.4", "X-Forwarded-Proto": "http, https" },
  });
  expect(listed.status()).toBe(200);
  expect(await listed.text()).toContain("Sign in");
});

test("headers, cookies and paths that made Next.js or Auth.js fail with a 500 get 4xx; the ordinary requests beside them still work", async ({
  page,
  make,
  baseURL,
  consoleGuard,
}) => {
  consoleGuard.allow(/status of 404/);
  const student = await make.student();
  await signIn(page, student.email);
  const client = page.request;
  const malformed = "That request is malformed.";

  // A callback-url cookie Auth.js cannot read: it failed every session check, so the student
  // looked signed out on every page and Auth.js's endpoints answered 500.
  await page.context().addCookies([{ name: "authjs.callback-url", value: "foo", url: baseURL! }]);
  expect((await client.get("/classes", { maxRedirects: 0 })).status(), "still signed in").toBe(200);
  await page.goto("/classes");
  await expect(page.getByTestId("current-user")).toHaveText(student.name);
  expect((await client.get("/api/auth/csrf")).status()).toBe(200);

  // A callbackUrl Auth.js cannot read (its 500), and one it can.
  expectJsonError(await sent(await client.get("/api/auth/csrf?callbackUrl=foo")), 400, malformed);
  expect((await client.get("/api/auth/csrf?callbackUrl=%2Fclasses")).status()).toBe(200);

  // Auth.js's own pages and providers the app lacks (its error page answered 500; each unknown provider logged an error).
  for (const pathname of ["/api/auth/error?error=Configuration", "/api/auth/signin/github"]) {
    expectJsonError(await sent(await client.get(pathname)), 404, "Not found");
  }
  expectJsonError(await sent(await client.post("/api/auth/signin/github")), 404, "Not found");
  expectJsonError(await sent(await client.get("/api/auth/callback/credentials")), 404, "Not found"); // Auth.js logged InvalidProvider
  expect((await client.get("/api/auth/providers")).status()).toBe(200);
  // A body Auth.js cannot parse (it logged the parser's error with its stack), and a callbackUrl in
  // a form it could not (a TypeError from its redirect callback): now read as a path on this site.
  const json = await client.post("/api/auth/callback/credentials", { headers: { "Content-Type": "application/json" }, data: "{" });
  expectJsonError(await sent(json), 415, /as a form/);
  const other = await page.context().browser()!.newContext({ baseURL });
  const { csrfToken } = (await (await other.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const out = await other.request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "foo" }, maxRedirects: 0 });
  expect([out.status(), out.headers()["location"]]).toEqual([302, `${new URL(baseURL!).origin}/foo`]);
  const away = await other.request.post("/api/auth/signout", {
    form: { csrfToken, callbackUrl: "https://evil.example/" },
    maxRedirects: 0,
  });
  expect([away.status(), away.headers()["location"]]).toEqual([302, new URL(baseURL!).origin]); // another site: home
  await other.close();

  // An App Router navigation with a router-state tree Next.js cannot parse (its plain-text 500),
  // or asking for a runtime prefetch this app never sends (an error logged per request); the same
  // navigation as the app's client sends it still answers.
  const navigate = async (headers: Record<string, string>) => {
    const prefetch = headers["Next-Router-Prefetch"] as "1" | "2" | "3" | undefined;
    const hash = await computeCacheBustingSearchParam(prefetch, undefined, headers["Next-Router-State-Tree"], undefined);
    return client.get(`/classes?_rsc=${hash}`, { headers: { RSC: "1", ...headers }, maxRedirects: 0 });
  };
  const tree = encodeURIComponent(JSON.stringify(["", { children: ["classes", { children: ["__PAGE__", {}] }] }]));
  expectJsonError(await sent(await navigate({ "Next-Router-State-Tree": "garbage" })), 400, malformed);
  expectJsonError(await sent(await navigate({ "Next-Router-Prefetch": "2" })), 400, malformed);
  // A path ending in .rsc is an App Router request to Next.js whatever the headers say, and the
  // edge's 404 page reads the headers too.
  for (const pathname of ["/classes.rsc", "/_global-error"]) {
    const answer = await client.get(pathname, { headers: { RSC: "1", "Next-Router-State-Tree": "garbage" } });
    expectJsonError(await sent(answer), 400, malformed);
  }
  expect((await client.get("/classes.rsc", { headers: { "Next-Router-State-Tree": "garbage" } })).status()).toBe(404);
  for (const headers of [{ "Next-Router-State-Tree": tree }, { "Next-Router-Prefetch": "1" }] as Record<string, string>[]) {
    const ok = await navigate(headers);
    expect([ok.status(), ok.headers()["content-type"]]).toEqual([200, "text/x-component"]);
  }

  // TRACE (undici refused to build the route's Request: a 500); GET still answers.
  const trace = await client.fetch("/api/health", { method: "TRACE" });
  expectJsonError(await sent(trace), 405, "That method is not allowed here.");
  expect(trace.headers()["allow"]).toBe("GET, HEAD, POST, OPTIONS");
  expect((await client.get("/api/health")).status()).toBe(200);

  // Next.js's global-error page as a path of its own (a 500 though nothing failed) and its image
  // optimizer, which the app does not use (an error logged per miss).
  for (const pathname of ["/_global-error", "/_next/image?url=%2Fx.png&w=64&q=75"]) {
    expect((await page.goto(pathname))?.status(), pathname).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  }

  // A server action id Next.js cannot look up by its form (a 400 in plain text, and an error logged).
  const join = findServerAction("joinSectionAction");
  const badId = await client.post("/join", { headers: { ...ACTION_HEADERS, "Next-Action": "zz" }, data: "[]" });
  expectJsonError(await sent(badId), 400, malformed);
  const realId = await client.post("/join", {
    headers: { ...ACTION_HEADERS, "Next-Action": join.id },
    data: JSON.stringify([{ code: "ZZZZZZZZ" }]),
  });
  expect(realId.status()).toBe(200);

  // A session cookie this server cannot open: signed out, with one plain line in the log (no stack).
  await page.context().clearCookies();
  await page.context().addCookies([{ name: "authjs.session-token", value: "garbage", url: baseURL! }]);
  const signedOut = await client.get("/classes", { maxRedirects: 0 });
  expect([signedOut.status(), signedOut.headers()["location"]]).toEqual([307, "/sign-in?callbackUrl=%2Fclasses"]);
});

test("Auth.js's own callback sends a refused sign-in to the app's sign-in page, which says so", async ({ page, make, request }) => {
  const student = await make.student();
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const refused = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: student.email, password: "not the password" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(302);
  const location = new URL(refused.headers()["location"]!);
  expect(location.pathname).toBe("/sign-in");
  expect(location.searchParams.get("error")).toBe("CredentialsSignin");
  await page.goto(`${location.pathname}${location.search}`);
  const notice = page.getByRole("alert").filter({ hasText: "Signing in did not work. Check your email and password, then try again." });
  await expect(notice).toBeVisible();
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in to Recap Classroom" })).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test("signing in still works through the form and through Auth.js's own callback", async ({ page, make, request }) => {
  const student = await make.student();
  await signInWithPassword(page, student.email);
  await expect(page).toHaveURL(/\/classes$/);

  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: student.email, password: PASSWORD },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).not.toContain("error");
  expect(response.headers()["set-cookie"]).toContain("authjs.session-token=");
});

// ADR 007: anything unexpected reaches the error page (or the form) with a reference, never a stack,
// and the server logs it once under that reference.
test.describe("unexpected errors", () => {
  test("a page that fails shows the error page with a reference and no stack", async ({ page, make, db, consoleGuard }) => {
    consoleGuard.allow(/status of 500/);
    // React's production message for a server render error: "the specific message is omitted …, a digest is included".
    consoleGuard.allow(/Minified React error #441/);
    const teacher = await make.teacher();
    const section = await make.section(teacher.id);
    const student = await make.student();
    await make.enroll(section.id, student.id);
    const assignment = await make.assignment(section.id);
    // A lesson the code can't read: the workspace page throws while rendering.
    await db
      .update(assignments)
      .set({ content: sql`'{}'` })
      .where(eq(assignments.id, assignment.id));
    await signIn(page, student.email);

    const response = await page.goto(`/assignments/${assignment.id}`);
    expect(response?.status()).toBe(500);
    await expect(page.getByRole("heading", { level: 1, name: "Something went wrong" })).toBeVisible();
    const reference = /Reference: (\S+)/.exec((await page.getByTestId("error-reference").textContent()) ?? "")?.[1];
    expect(reference).toBeTruthy();
    const html = await page.content();
    expect(html).not.toMatch(/TypeError|\n\s+at /);
    expectedReference = reference!;
  });

  test("an action that fails says so with a reference, and the page and its input stay", async ({ page, make, db, consoleGuard }) => {
    consoleGuard.allow(/status of 500/);
    const teacher = await make.teacher();
    const section = await make.section(teacher.id, { name: "Will not archive" });
    const trigger = `fail_${section.id.replaceAll("-", "_")}`;
    for (const statement of failingUpdate(trigger, section.id)) await runSql(db, statement);
    try {
      await signIn(page, teacher.email);
      await page.goto(`/sections/${section.id}`);
      await waitForReady(page);
      await page.getByRole("button", { name: "Archive section" }).click();
      const shown = toast(page, /Something went wrong \(reference \S+\)/);
      await expect(shown).toBeVisible();
      const reference = /reference (\S+?)\)/.exec((await shown.textContent()) ?? "")?.[1];
      expect(reference).toBeTruthy();
      await expect(page.getByRole("button", { name: "Archive section" })).toBeVisible();
      expect(await page.content()).not.toContain("disk on fire");
      expectedReference = reference!;
    } finally {
      for (const statement of droppingFailingUpdate(trigger)) await runSql(db, statement);
    }
  });
});

/** A trigger that makes any update of this section fail, in the dialect the app runs on. */
function failingUpdate(name: string, sectionId: string): string[] {
  if (databaseDialect() === "sqlite") {
    return [`create trigger ${name} before update on sections when new.id = '${sectionId}' begin select raise(abort, 'disk on fire'); end`];
  }
  return [
    `create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'disk on fire'; end $$`,
    `create trigger ${name} before update on sections for each row when (new.id = '${sectionId}') execute function ${name}()`,
  ];
}

function droppingFailingUpdate(name: string): string[] {
  if (databaseDialect() === "sqlite") return [`drop trigger if exists ${name}`];
  return [`drop trigger if exists ${name} on sections`, `drop function if exists ${name}()`];
}

/** One raw statement on the test's own connection (better-sqlite3 runs, PostgreSQL executes). */
async function runSql(db: DB, statement: string) {
  if (databaseDialect() === "sqlite") db.run(sql.raw(statement));
  else await (db as unknown as { execute(query: SQL): Promise<unknown> }).execute(sql.raw(statement));
}
