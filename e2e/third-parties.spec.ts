import type { BrowserContext, Page } from "@playwright/test";
import { documentPolicy, NON_DOCUMENT_POLICY } from "../lib/server/csp";
import { DEFAULT_CARD } from "../lib/studio/card";
import { expect, signIn, test, type Make } from "./support/fixtures";
import { draftFor, gradingData } from "./support/grading-data";
import { storedImage, testImages } from "./support/images";
import { GradingView } from "./support/pages/grading";
import { RosterImport } from "./support/pages/roster";
import { StudentWorkspace } from "./support/pages/workspace";
import type { DB } from "../db";

// Issue 13, "no third parties" (ADR 011): every page each role can reach loads from the app's own
// origin only, and the browser reports no Content-Security-Policy violation on any of them; and the
// policy is enforced, not only sent: a script it did not allow is refused and reported.

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

/**
 * A section with a returned, a submitted (with stored images and a studio card) and a not-started
 * student, and a second section to join.
 */
async function school(make: Make, db: DB) {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Privacy class" });
  const other = await make.section(teacher.id, { name: "Another class" });
  const assignment = await data.assignment(section.id, { title: "Year in Review" });
  const [returned, submitted, idle] = [
    await make.student("Ana Returned"),
    await make.student("Ben Submitted"),
    await make.student("Cal Idle"),
  ];
  for (const student of [returned, submitted, idle]) await make.enroll(section.id, student.id);
  const graded = await data.submitted(assignment, returned.id, "ana");
  await data.grade(
    graded.id,
    teacher.id,
    { ideation: 3, copywriting: 2, design: 3, reflection: 2 },
    { feedback: "Lovely work.", returnedAt: new Date() },
  );
  const work = await make.submission({
    assignment,
    studentId: submitted.id,
    draft: { ...draftFor("ben"), card: DEFAULT_CARD },
    images: [await storedImage(1080, 1350, "Ben's card")],
    submittedAt: [new Date(Date.now() - 3_600_000)],
  });
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  return { teacher, section, other, assignment, returned, submitted, idle, work, base };
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

test("a teacher's pages, from My sections to grading, analytics, discussion and setup, load nothing from elsewhere", async ({
  page,
  context,
  make,
  db,
  baseURL,
}) => {
  test.slow(); // sixteen pages, each until its last script has run
  const watch = await watchBrowser(context, new URL(baseURL!).origin);
  const room = await school(make, db);
  await signIn(page, room.teacher.email);
  await settle(page, watch, "My sections");

  await visit(page, watch, `/sections/${room.section.id}`);
  await visit(page, watch, `/sections/${room.section.id}/roster/import`);
  await new RosterImport(page).preview("Dee New\tdee.new@example.com");
  await expect(page.getByRole("table", { name: "What the import will do" })).toBeVisible();
  await watch.record(page, "roster import preview");
  await visit(page, watch, `/sections/${room.section.id}/assignments/new`);

  // The Students tab, with its exports; a student's work, with its image; grading.
  await visit(page, watch, room.base);
  await visit(page, watch, `${room.base}/students/${room.submitted.id}`);
  await visit(page, watch, `${room.base}/grade/${room.submitted.id}`);
  const image = page.getByRole("img", { name: "Ben's card" }).first();
  await expect(image).toBeVisible();
  const imageUrl = (await image.getAttribute("src"))!;
  // Ben's studio card (current work and attempt 1), drawn in the page; another customer's needs the
  // layout code, loaded after the page.
  const studioCards = page.getByTestId("studio-cards").first();
  await expect(studioCards.getByRole("img", { name: /^Sarah's card: / })).toBeVisible();
  await page.locator("[data-testid=studio-cards][data-ready]").first().waitFor();
  await studioCards.getByLabel("The studio card for").selectOption({ label: "Emily Chen" });
  await expect(studioCards.getByRole("img", { name: /^Emily's card: / })).toBeVisible();
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/grade/"));
  await new GradingView(page).level("ideation", 3).click(); // saved through a server action
  expect((await saved).status()).toBe(200);
  await watch.record(page, "grading after a save");
  await visit(page, watch, `${room.base}/analytics`);
  await visit(page, watch, `${room.base}/discussion`);
  await page.getByRole("button", { name: "Projector mode" }).click();
  await expect(page.getByRole("dialog", { name: "Projector mode" })).toBeVisible();
  await watch.record(page, "projector mode");
  await page.keyboard.press("Escape");
  // The Class Recap (cards drawn in the page, with the app's own font) and the lesson plan's timer.
  await visit(page, watch, `${room.base}/recap`);
  await expect(page.getByTestId("recap-card").first().getByRole("img")).toBeVisible();
  await page.getByRole("button", { name: "Present on the projector" }).click();
  await expect(page.getByTestId("recap-projector")).toBeVisible();
  await watch.record(page, "Class Recap on the projector");
  await page.keyboard.press("Escape");
  await visit(page, watch, `${room.base}/lesson`);

  await visit(page, watch, `${room.base}/setup`);
  for (const tab of ["Lesson", "Rubric", "Settings"]) {
    await page.getByRole("tablist", { name: "Assignment" }).getByRole("tab", { name: tab }).click();
    await watch.record(page, `setup, ${tab} tab`);
  }
  await visit(page, watch, "/account");
  await visit(page, watch, "/account/password");
  watch.expectClean();

  // Downloads and images are no documents: the exports get the policy that lets nothing load, and
  // the image route keeps its own sandbox (one policy each, never two).
  for (const path of [
    `${room.base}/grades.csv?format=detailed`,
    `/sections/${room.section.id}/grades.csv`,
    `/sections/${room.section.id}/roster.csv`,
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    expect(
      response
        .headersArray()
        .filter((h) => h.name.toLowerCase() === "content-security-policy")
        .map((h) => h.value),
      path,
    ).toEqual([NON_DOCUMENT_POLICY]);
  }
  const served = await page.request.get(imageUrl);
  expect(
    served
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "content-security-policy")
      .map((h) => h.value),
  ).toEqual(["default-src 'none'; sandbox"]);
});

test("a student's pages, the workspace with an upload and a submit, and returned feedback, load nothing from elsewhere", async ({
  page,
  context,
  make,
  db,
  baseURL,
}) => {
  test.slow(); // an upload through the image worker, a submit, and seven pages
  const watch = await watchBrowser(context, new URL(baseURL!).origin);
  const room = await school(make, db);
  const images = await testImages();
  await signIn(page, room.idle.email);
  await settle(page, watch, "My classes");
  await visit(page, watch, "/join");
  await visit(page, watch, `/join/${room.other.joinCode}`);

  const work = new StudentWorkspace(page);
  await visit(page, watch, `/assignments/${room.assignment.id}`);
  await work.addIdea("Their first order of the year"); // autosaved through a server action
  for (const step of ["Copywriting", "Reflection"] as const) {
    await work.goTo(step);
    await watch.record(page, `workspace, ${step}`);
  }
  await work.goTo("Design");
  // The studio draws its cards in the page, with the app's own copy of Inter.
  await expect(page.getByTestId("studio-preview").getByRole("img")).toBeVisible();
  await work.imageInput.setInputFiles(images.portrait); // sent with XMLHttpRequest, with progress
  await expect(work.uploadedImages).toHaveCount(1);
  await expect(work.phonePreview.getByRole("img")).toBeVisible();
  await watch.record(page, "workspace, Design with an upload");
  await work.goTo("Review & submit");
  await work.submitAnyway.check();
  await work.submitButton("Submit my work").click();
  await expect(work.attempts).toHaveCount(1);
  await watch.record(page, "workspace after submitting");
  await visit(page, watch, "/account");

  // The returned student's feedback.
  await page.context().clearCookies();
  await signIn(page, room.returned.email);
  await visit(page, watch, `/assignments/${room.assignment.id}`);
  await expect(work.feedback).toBeVisible();
  await watch.record(page, "returned feedback");
  watch.expectClean();
});

test("the administrator's pages, accounts to sections, load nothing from elsewhere", async ({ page, context, make, db, baseURL }) => {
  test.slow(); // nine pages and two client forms
  const watch = await watchBrowser(context, new URL(baseURL!).origin);
  const room = await school(make, db);
  const admin = await make.admin();
  await signIn(page, admin.email);
  await settle(page, watch, "/admin");
  for (const path of [
    "/admin/accounts",
    `/admin/accounts?q=${encodeURIComponent(room.teacher.email)}&role=teacher&state=active`,
    `/admin/accounts/${room.teacher.id}`,
    `/admin/accounts/${room.returned.id}`,
    "/admin/access-log",
    `/admin/access-log?student=${encodeURIComponent(room.returned.email)}&action=grade&from=2026-01-01`,
    // Last: the transfer form below is on this page.
    `/admin/sections?q=${encodeURIComponent(room.teacher.email)}&state=active`,
  ])
    await visit(page, watch, path);
  // The client forms: a transfer and a confirmation, opened (not sent).
  await page.getByRole("button", { name: "Transfer Privacy class" }).click();
  await expect(page.getByLabel("New teacher's email")).toBeFocused();
  await watch.record(page, "transfer form");
  await visit(page, watch, `/admin/accounts/${room.idle.id}`);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("button", { name: "Deactivate account" })).toBeFocused();
  await watch.record(page, "deactivate confirmation");
  watch.expectClean();
});

test("the policy is enforced: a nonce per response on the page's own scripts, and a script without it is refused and reported", async ({
  page,
  context,
  baseURL,
  consoleGuard,
}) => {
  consoleGuard.allow(/Content Security Policy/);
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
