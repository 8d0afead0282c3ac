import type { Locator, Page } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { submissionImages, submissions } from "../db/schema";
import type { DB } from "../db";
import { expect, signIn, test, type Make } from "./support/fixtures";
import { draftFor, gradingData, type Points } from "./support/grading-data";
import { testImages } from "./support/images";
import { GradingView } from "./support/pages/grading";
import { StudentWorkspace } from "./support/pages/workspace";
import { holdScripts, toast, waitForReady } from "./support/ui";

// What a new student and teacher ran into on a laptop (issue 14): graphics listed in another order
// than picked, a customer table that scrolled sideways, a disabled "Start grading" that Tab reached
// and that opened "Page not found", returning work only by mouse, and a toast that followed the
// teacher around over the navigation.

const full = { ideation: 3, copywriting: 3, design: 3, reflection: 3 };

test("at 1280 px the customer table fits: no sideways scrolling, and its last column in view", async ({ page, make }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { student, assignment } = await make.studentInClass();
  await signIn(page, student.email);
  await new StudentWorkspace(page).open(assignment.id);

  const region = page.getByRole("region", { name: "Loyalty club members" });
  await region.scrollIntoViewIfNeeded();
  const size = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(size.scroll, "the table's width within its box").toBeLessThanOrEqual(size.client);
  const table = page.getByRole("table", { name: "Loyalty club members" });
  await expect(table.getByRole("columnheader", { name: "Month with Most Visits" })).toBeInViewport({ ratio: 1 });
  const lastCell = table.getByRole("cell", { name: "September" });
  await lastCell.scrollIntoViewIfNeeded();
  await expect(lastCell).toBeInViewport({ ratio: 1 });
});

test("two graphics picked at once are listed in the order they were picked, try after try, and stay so", async ({ page, make, db }) => {
  test.slow(); // four uploads, each checked and re-encoded on the server
  const images = await testImages();
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const student = await make.student();
  await make.enroll(section.id, student.id);
  // The big portrait takes longer on the server than the small square: picked first, it finishes last.
  // Both orders, each with the first pick's upload held back below, so the race goes the wrong way
  // every time (four tries of it took this test to 25 s on a busy machine, and proved nothing more).
  const tries = [
    [images.portrait, images.small],
    [images.small, images.portrait],
  ];
  // And to make the race certain, not just likely: the first upload of each pick reaches the
  // server a second after the second one.
  let holdNext = false;
  await page.route(/\/api\/assignments\/[^/]+\/images/, async (route) => {
    if (holdNext) {
      holdNext = false;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    await route.continue();
  });
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  for (const [n, files] of tries.entries()) {
    const assignment = await make.assignment(section.id, { title: `Order ${n}` });
    await work.open(assignment.id);
    await work.goTo("Design");
    holdNext = true;
    await work.imageInput.setInputFiles(files);
    await expect(work.uploadedImages).toHaveCount(2);
    await expect(work.uploads).toHaveCount(0);

    const expected = files.map((file) => (file === images.portrait ? "portrait" : "square"));
    const shown = async () => {
      const ids = await work.uploadedImages
        .locator("img")
        .evaluateAll((imgs) => imgs.map((img) => new URL((img as HTMLImageElement).src).pathname.split("/")[3]!));
      const rows = await db.select().from(submissionImages).where(inArray(submissionImages.id, ids));
      return ids.map((id) => {
        const row = rows.find((r) => r.id === id)!;
        return row.height > row.width ? "portrait" : "square";
      });
    };
    expect(await shown(), `try ${n + 1}: the list as the uploads finished`).toEqual(expected);
    await work.reload();
    await work.goTo("Design");
    await expect(work.uploadedImages).toHaveCount(2);
    expect(await shown(), `try ${n + 1}: the list as stored`).toEqual(expected);
  }
});

test("'Start grading' with nothing to grade is a disabled button Tab skips, with no 404; with work in, Tab reaches it", async ({
  page,
  make,
  db,
}) => {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  await signIn(page, teacher.email);

  // No students yet: nothing to grade.
  const responses: string[] = [];
  page.on("response", (response) => response.status() === 404 && responses.push(response.url()));
  await page.goto(base);
  await waitForReady(page);
  await page.waitForLoadState("networkidle");
  const start = page.getByRole("button", { name: "Start grading" });
  await expect(page.getByText("No students in this section yet.")).toBeVisible();
  await expect(start).toBeDisabled();
  await expect(start).toHaveAttribute("title", "Nobody is in this class yet");
  await expect(page.getByRole("link", { name: "Start grading" })).toHaveCount(0);
  const reached = await tabThrough(page, 40);
  expect(reached).not.toContain("Start grading");
  expect(reached, "Tab did walk the toolbar").toContain("Hide student names (anonymous grading)");
  expect(responses, "nothing answered 404").toEqual([]);

  // Once a student has submitted, it is a link Tab reaches, and it opens the grading view.
  const student = await make.student();
  await make.enroll(section.id, student.id);
  await data.submitted(assignment, student.id);
  await page.reload();
  await waitForReady(page);
  const link = page.getByRole("link", { name: "Start grading" });
  expect(await tabThrough(page, 40)).toContain("Start grading");
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`${base}/grade/${student.id}`);
  expect(responses).toEqual([]);
});

/** The names of the controls Tab lands on, from the top of the page, `count` presses. */
async function tabThrough(page: import("@playwright/test").Page, count: number) {
  await page.locator("body").focus();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press("Tab");
    names.push(
      await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return "";
        return (
          el.getAttribute("aria-label") ??
          (el instanceof HTMLInputElement ? (el.labels?.[0]?.textContent ?? "") : el.textContent) ??
          ""
        ).trim();
      }),
    );
  }
  return names;
}

/** One student's submitted work, graded by their teacher (fully, unless `points` says otherwise), who is signed in. */
async function gradedWork(page: Page, make: Make, db: DB, points: Points = full) {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id);
  const student = await make.student();
  await make.enroll(section.id, student.id);
  const submission = await data.submitted(assignment, student.id);
  await data.grade(submission.id, teacher.id, points);
  await signIn(page, teacher.email);
  return {
    data,
    submission,
    base: `/sections/${section.id}/assignments/${assignment.id}`,
    gradeUrl: `/sections/${section.id}/assignments/${assignment.id}/grade/${student.id}`,
  };
}

test("R returns the work from the keyboard, and N says 'All graded' when nothing is left", async ({ page, make, db }) => {
  const { submission, base, gradeUrl } = await gradedWork(page, make, db);
  const view = new GradingView(page);
  await view.open(gradeUrl);

  // The key is listed with the others. While the list is open, the page behind it is out of reach:
  // R returns nothing.
  // Server actions are the page's only POSTs to itself: counted by method, which is never provisional
  // (a request's headers can be, and under load came once without Next-Action).
  const actions: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === gradeUrl) actions.push(request.url());
  });
  await page.keyboard.press("?");
  await expect(view.shortcuts).toContainText("Return the work to the student");
  await expect(view.shortcuts.getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("r");
  await page.keyboard.press("Escape");
  await expect(view.shortcuts).toBeHidden();
  await expect(view.reopen).toHaveCount(0);
  expect((await db.select().from(submissions).where(eq(submissions.id, submission.id)))[0]!.returnedAt).toBeNull();
  // Opened from its button, closed: focus is back on the button.
  await view.shortcutsButton.click();
  await view.shortcuts.getByRole("button", { name: "Close" }).click();
  await expect(view.shortcuts).toBeHidden();
  await expect(view.shortcutsButton).toBeFocused();
  expect(actions, "no server action was called while the shortcut list was open").toEqual([]);

  await page.keyboard.press("r");
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  await expect(view.reopen).toBeVisible();
  const returnedAt = async () => (await db.select().from(submissions).where(eq(submissions.id, submission.id)))[0]!.returnedAt;
  expect(await returnedAt()).toBeInstanceOf(Date);
  // Once returned, R says so and changes nothing.
  const first = await returnedAt();
  await page.keyboard.press("r");
  await expect(toast(page, "This work has already been returned.")).toBeVisible();
  expect(await returnedAt()).toEqual(first);

  await page.keyboard.press("n");
  await expect(page).toHaveURL(`${base}?filter=needs`);
  await expect(page.getByText("All graded: nobody’s work is waiting for a grade.")).toBeVisible();
});

test("R with criteria still unscored asks first: staying returns nothing; agreeing returns the scores so far", async ({
  page,
  make,
  db,
}) => {
  const { submission, gradeUrl } = await gradedWork(page, make, db, { ideation: 2 });
  const view = new GradingView(page);
  await view.open(gradeUrl);
  const questions: string[] = [];
  let agree = false;
  page.on("dialog", (dialog) => {
    questions.push(dialog.message());
    void (agree ? dialog.accept() : dialog.dismiss());
  });
  const returnedAt = async () => (await db.select().from(submissions).where(eq(submissions.id, submission.id)))[0]!.returnedAt;
  const question =
    "Only 1 of 4 criteria are scored. Return this work anyway? The student sees the scores so far, and the gradebook export counts them as the grade.";

  await page.keyboard.press("r");
  await expect.poll(() => questions).toEqual([question]);
  await expect(view.returnToStudent).toBeVisible();
  expect(await returnedAt()).toBeNull();

  agree = true;
  await view.returnToStudent.click();
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  await expect(view.reopen).toBeVisible();
  expect(questions).toEqual([question, question]);
  expect(await returnedAt()).toBeInstanceOf(Date);
});

test("R pressed again after 'Returned' but before the page has refreshed says so, and returns nothing twice; Reopen shows at once too", async ({
  page,
  make,
  db,
}) => {
  const { submission, gradeUrl } = await gradedWork(page, make, db);
  const view = new GradingView(page);
  // The refresh after returning (or reopening) is held on its way: the page keeps its props from before.
  // Each hold catches the one refresh its action starts; the test waits for it to be caught before
  // letting it go, so that a refresh slow to leave is never caught by the next hold instead (the
  // router runs the next action only after it: Reopen waited forever once).
  let held: Promise<void> | null = null;
  let release = () => {};
  let caught = 0;
  const holdRefreshes = () => {
    held = new Promise<void>((resolve) => (release = resolve));
  };
  await page.route("**/grade/*", async (route) => {
    const request = route.request();
    const headers = request.headers();
    const hold = held;
    if (request.method() === "GET" && headers["rsc"] && !headers["next-router-prefetch"] && hold) {
      caught += 1;
      await hold;
    }
    await route.continue();
  });
  // Server actions are the page's only POSTs to itself, counted as they leave. Counted by the page's
  // request event, which every request gets: under load, a POST once reached the server without
  // passing the route above (CI, and 2 of 60 repeats under load, counted none there; the route was then set after the page loaded).
  const actions: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === gradeUrl) actions.push(request.method());
  });
  // Routed and listened to from before the page loads, as every other test that holds requests is.
  await view.open(gradeUrl);
  const returnedAt = async () => (await db.select().from(submissions).where(eq(submissions.id, submission.id)))[0]!.returnedAt;

  holdRefreshes();
  await page.keyboard.press("r");
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  await expect(view.reopen).toBeVisible(); // at once, not after the refresh
  await page.keyboard.press("r");
  await expect(toast(page, "This work has already been returned.")).toBeVisible();
  expect(actions).toEqual(["POST"]);
  await expect.poll(() => caught, { message: "the return's refresh, held" }).toBe(1);
  release();
  await expect(view.reopen).toBeVisible();
  expect(await returnedAt()).toBeInstanceOf(Date);

  holdRefreshes();
  await view.reopen.click();
  await expect(toast(page, "Reopened: the student can change and resubmit.")).toBeVisible();
  await expect(view.returnToStudent).toBeVisible(); // at once again
  await expect(view.reopen).toHaveCount(0);
  expect(actions).toEqual(["POST", "POST"]);
  await expect.poll(() => caught, { message: "the reopening's refresh, held" }).toBe(2);
  release();
  await expect(view.returnToStudent).toBeVisible();
  expect(await returnedAt()).toBeNull();
});

test("R pressed twice while a score is still saving returns the work once, without an error", async ({ page, make, db }) => {
  const { data, submission, gradeUrl } = await gradedWork(page, make, db);
  const view = new GradingView(page);
  // Saves are held on their way to the server: R waits for them before returning.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/grade/*", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  // Every toast shown, in order: one that comes and goes while the test looks elsewhere still counts.
  await page.addInitScript(() => {
    const shown: string[] = ((window as unknown as { shownToasts: string[] }).shownToasts = []);
    const seen = new WeakSet<Element>();
    new MutationObserver(() => {
      for (const el of document.querySelectorAll<HTMLElement>("[data-sonner-toast]")) {
        if (seen.has(el)) continue;
        seen.add(el);
        shown.push(`${el.dataset.type}: ${el.querySelector("[data-title]")?.textContent}`);
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const shownToasts = () => page.evaluate(() => (window as unknown as { shownToasts: string[] }).shownToasts);
  await view.open(gradeUrl);

  await page.keyboard.press("2"); // a change of mind on the first criterion, still saving…
  await expect(view.saveStatus).toHaveText("Saving…");
  await page.keyboard.press("r");
  await page.keyboard.press("r"); // …and R again, impatiently
  release();
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  await expect(view.reopen).toBeEnabled();
  const stored = (await db.select().from(submissions).where(eq(submissions.id, submission.id)))[0]!;
  expect(stored.returnedAt).toBeInstanceOf(Date);
  expect(await data.pointsOf(submission.id)).toEqual({ ...full, ideation: 2 });
  // Once it is returned, R says so (the one message expected here), and nothing came in between.
  await page.keyboard.press("r");
  await expect(toast(page, "This work has already been returned.")).toBeVisible();
  expect(await shownToasts()).toEqual(["success: Returned to the student.", "error: This work has already been returned."]);
});

test("'N' with work still to grade opens it instead of saying 'All graded'", async ({ page, make, db }) => {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id);
  const [done, waiting] = [await make.student("Ann Done"), await make.student("Ben Waiting")];
  for (const s of [done, waiting]) await make.enroll(section.id, s.id);
  await data.grade((await data.submitted(assignment, done.id)).id, teacher.id, full);
  await data.submitted(assignment, waiting.id);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  const view = new GradingView(page);
  await signIn(page, teacher.email);
  await view.open(`${base}/grade/${done.id}`);
  await page.keyboard.press("n");
  await expect(page).toHaveURL(`${base}/grade/${waiting.id}`);
  await expect(page.getByText(/All graded/)).toHaveCount(0);
});

test("'Section created' shows on the new section's page, below the navigation, and is gone after the next move", async ({ page, make }) => {
  const teacher = await make.teacher();
  await signIn(page, teacher.email);
  await waitForReady(page);
  await page.getByLabel("Section name").fill("Period 5 — Toasts");
  await page.getByRole("button", { name: "Create section" }).click();
  await expect(page).toHaveURL(/\/sections\/[^/]+$/);
  const created = toast(page, "Section created");
  await expect(created).toBeVisible();
  const nav = (await page.getByRole("navigation", { name: "Main" }).boundingBox())!;
  const box = (await created.boundingBox())!;
  expect(box.y, "the toast sits below the header's navigation").toBeGreaterThan(nav.y + nav.height);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My sections" }).click();
  await expect(page).toHaveURL(/\/sections$/);
  await expect(created).toHaveCount(0);
});

test("before the page hydrates, what only the page's script keeps waits for it: a grading comment, the late box, the sign-up role", async ({
  page,
  make,
}) => {
  const { teacher, section, student, assignment } = await make.studentInClass();
  await make.submission({ assignment, studentId: student.id, draft: draftFor("early"), submittedAt: [new Date()] });
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  const early = async (path: string, controls: Locator[]) => {
    const release = await holdScripts(page);
    await page.goto(path, { waitUntil: "domcontentloaded" });
    for (const control of controls) await expect(control, `${path} before hydration`).toBeDisabled();
    await release();
    for (const control of controls) await expect(control, `${path} once hydrated`).toBeEnabled();
  };
  // Typed before the grading view hydrates, a comment was wiped by it.
  await signIn(page, teacher.email);
  await early(`${base}/grade/${student.id}`, [page.getByLabel("Comment on Ideation"), page.getByLabel("Overall feedback")]);
  // Unticked before the settings hydrate, the late box skipped clearing the close date.
  await early(`${base}/setup`, [page.getByLabel("Accept late work")]);
  // Picked before sign-up hydrates, a role went back to the default.
  await page.context().clearCookies();
  await early("/sign-up", [page.getByRole("radio", { name: /I'm a teacher/ })]);
});
