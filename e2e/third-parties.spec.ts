import type { BrowserContext, Page } from "@playwright/test";
import { imageUrl } from "../lib/image-url";
import { documentPolicy, NON_DOCUMENT_POLICY } from "../lib/server/csp";
import { DEFAULT_CARD } from "../lib/studio/card";
import { expect, signIn, test, type Make } from "./support/fixtures";
import { draftFor, gradingData } from "./support/grading-data";
import { storedImage } from "./support/images";
import type { DB } from "../db";

// Issue 13, "no third parties" (ADR 011): every page loads from the app's own origin only, and the
// browser reports no Content-Security-Policy violation on it (here for the signed-out pages; every
// other spec's pages through the shared console guard, e2e/support/fixtures.ts, which fails a test
// on a console error or a request to another host); and the policy is enforced, not only sent: a
// script it did not allow is refused and reported.

type Violation = { directive: string; blocked: string; source: string; sample: string };

/**
 * Watches a browser: every request its pages and their workers make (data: and blob: are the
 * page's own bytes), every CSP violation a page's document sees (recorded by an init script, so
 * from before the page's own scripts run), and every console line about the policy.
 */
async function watchBrowser(context: BrowserContext, origin: string) {
  const foreign: string[] = [];
  const reported: string[] = [];
  await context.addInitScript(() => {
    const seen: Violation[] = [];
    Object.defineProperty(window, "__cspViolations", { value: seen });
    window.addEventListener(
      "securitypolicyviolation",
      (event) =>
        seen.push({
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: `${event.sourceFile}:${event.lineNumber}`,
          sample: event.sample,
        }),
      true,
    );
  });
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== origin)
      foreign.push(`${request.resourceType()} ${request.url()}`);
  });
  context.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) reported.push(`console on ${message.page()?.url() ?? "?"}: ${message.text()}`);
  });

  /** The violations the page's document has recorded so far. */
  const violationsOn = async (page: Page) =>
    await page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? []);

  return {
    foreign,
    reported,
    violationsOn,
    /** Notes the page's violations under its name; call once the page is settled, before leaving it. */
    async record(page: Page, where: string) {
      for (const v of await violationsOn(page))
        reported.push(`${where}: ${v.directive} refused ${v.blocked || "inline"} (${v.source}) ${v.sample}`);
    },
    /** Nothing from elsewhere and no violation, anywhere this browser went. */
    expectClean() {
      expect(foreign, "requests to another origin").toEqual([]);
      expect(reported, "Content-Security-Policy violations").toEqual([]);
    },
  };
}

type Watch = Awaited<ReturnType<typeof watchBrowser>>;

/**
 * Settled: the toaster is in place. It is loaded after the page has hydrated, the last script every
 * page fetches, and inserts its own stylesheet; then the page's violations are recorded.
 */
async function settle(page: Page, watch: Watch, where: string) {
  await page.locator('section[aria-label^="Notifications"]').waitFor({ state: "attached" });
  await watch.record(page, where);
}

async function visit(page: Page, watch: Watch, path: string, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  await settle(page, watch, path);
}

/** A section whose one student handed in work with a stored image. */
async function school(make: Make, db: DB) {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Privacy class" });
  const assignment = await data.assignment(section.id, { title: "Year in Review" });
  const submitted = await make.student("Ben Submitted");
  await make.enroll(section.id, submitted.id);
  const work = await make.submission({
    assignment,
    studentId: submitted.id,
    draft: { ...draftFor("ben"), card: DEFAULT_CARD },
    images: [await storedImage(1080, 1350, "Ben's card")],
    submittedAt: [new Date(Date.now() - 3_600_000)],
  });
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  return { teacher, section, work, base };
}

test("signed out: the home, sign-in, sign-up, join and privacy pages, a join link and the 404 page load nothing from elsewhere", async ({
  page,
  context,
  make,
  baseURL,
  consoleGuard,
}) => {
  consoleGuard.allow(/status of 404/);
  const watch = await watchBrowser(context, new URL(baseURL!).origin);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  for (const path of ["/", "/sign-in", "/sign-up", "/join", `/join/${section.joinCode}`, "/privacy"]) await visit(page, watch, path);
  await visit(page, watch, "/no-such-page", 404);
  watch.expectClean();
});

// Every other test's pages are watched for loads from elsewhere by the shared console guard
// (e2e/support/fixtures.ts), so each role's pages are covered where their own specs open them.

test("downloads and images are no documents: the exports get the policy that lets nothing load, the image route its own sandbox", async ({
  page,
  make,
  db,
}) => {
  const room = await school(make, db);
  await signIn(page, room.teacher.email);
  const policies = async (path: string) => {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    return response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "content-security-policy")
      .map((h) => h.value);
  };
  // One policy each, never two.
  for (const path of [
    `${room.base}/grades.csv?format=detailed`,
    `/sections/${room.section.id}/grades.csv`,
    `/sections/${room.section.id}/roster.csv`,
  ])
    expect(await policies(path), path).toEqual([NON_DOCUMENT_POLICY]);
  expect(await policies(imageUrl(room.work.images[0]!.id))).toEqual(["default-src 'none'; sandbox"]);
});

test("the policy is enforced: a nonce per response on the page's own scripts, and a script without it is refused and reported", async ({
  page,
  context,
  baseURL,
  consoleGuard,
}) => {
  consoleGuard.allow(/Content Security Policy/);
  consoleGuard.allow(/request to another origin/); // the loads from elsewhere this test injects
  const watch = await watchBrowser(context, new URL(baseURL!).origin);

  // Two loads of the same page: two nonces, each on every script of its own HTML.
  const nonces = [];
  for (let i = 0; i < 2; i++) {
    const response = await page.request.get("/sign-in");
    const policies = response.headersArray().filter((h) => h.name.toLowerCase() === "content-security-policy");
    expect(policies).toHaveLength(1);
    const nonce = /'nonce-([^']+)'/.exec(policies[0]!.value)?.[1];
    expect(policies[0]!.value).toBe(documentPolicy(nonce!));
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);

  // Markup injected into the page on its way (as a stored script or a compromised template would):
  // scripts and styles without the nonce and anything from elsewhere are refused and reported,
  // while a script carrying this response's nonce runs, so it is the nonce that decides.
  const stopped: string[] = [];
  context.on("requestfailed", (request) => {
    if (new URL(request.url()).origin !== new URL(baseURL!).origin)
      stopped.push(`${new URL(request.url()).host} ${request.failure()?.errorText}`);
  });
  await page.route("**/sign-in", async (route) => {
    const response = await route.fetch();
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"]!)![1]!;
    const injected = [
      '<script>window.injected = "inline"</script>',
      '<script src="https://cdn.example.com/analytics.js"></script>',
      "<style>body { background: rgb(255, 0, 0) }</style>",
      '<link rel="stylesheet" href="https://fonts.example.com/css2">',
      `<script nonce="${nonce}">window.injectedWithNonce = true</script>`,
    ].join("");
    const headers = response.headers();
    delete headers["content-encoding"];
    delete headers["content-length"];
    await route.fulfill({ response, headers, body: (await response.text()).replace("<head>", `<head>${injected}`) });
  });
  await page.goto("/sign-in");
  await settle(page, watch, "/sign-in with injected markup");
  const outcome = await page.evaluate(async () => {
    const flags = window as unknown as Record<string, unknown>;
    const pixel = new Image();
    pixel.src = "https://tracker.example.com/pixel.gif";
    document.body.append(pixel);
    const sent = await fetch("https://api.example.com/collect").then(
      () => "sent",
      () => "refused",
    );
    return {
      inline: flags.injected ?? "did not run",
      withNonce: flags.injectedWithNonce,
      red: getComputedStyle(document.body).backgroundColor === "rgb(255, 0, 0)",
      sent,
    };
  });
  expect(outcome).toEqual({ inline: "did not run", withNonce: true, red: false, sent: "refused" });
  const refused = async () =>
    (await watch.violationsOn(page))
      .map((v) => `${v.directive} ${v.blocked.startsWith("http") ? new URL(v.blocked).host : v.blocked}`)
      .sort();
  await expect
    .poll(refused)
    .toEqual([
      "connect-src api.example.com",
      "img-src tracker.example.com",
      "script-src-elem cdn.example.com",
      "script-src-elem inline",
      "style-src-elem fonts.example.com",
      "style-src-elem inline",
    ]);
  expect(watch.reported.length, "the console says so too").toBeGreaterThan(0);
  // The browser announces the three loads from elsewhere, then stops each for the policy ("csp") before it leaves.
  expect(watch.foreign.sort()).toEqual([
    "image https://tracker.example.com/pixel.gif",
    "script https://cdn.example.com/analytics.js",
    "stylesheet https://fonts.example.com/css2",
  ]);
  await expect.poll(() => stopped.sort()).toEqual(["cdn.example.com csp", "fonts.example.com csp", "tracker.example.com csp"]);
  // And the page still works: it hydrated with its own scripts.
  await expect(page.locator("[data-ready]").first()).toBeAttached();
});
