import fs from "node:fs";
import { and, eq, isNull } from "drizzle-orm";
import { SAMPLE_DRAFTS } from "../db/sample-work";
import { assignments, attempts, submissionImages, submissions } from "../db/schema";
import { DEFAULT_CARD } from "../lib/studio/card";
import { WORK_LIMITS } from "../lib/validations/limits";
import { emptyDraft } from "../lib/validations/workspace";
import { findServerAction, holdServerAction, postAction } from "./support/actions";
import { expect, signIn, test, type Make } from "./support/fixtures";
import { storedImage, testImages } from "./support/images";
import { assignmentStatus, STEPS, StudentWorkspace } from "./support/pages/workspace";
import { USE_CARDS_ID } from "../components/workspace/step-props";
import { dropServerActions, leavingAsks, toast, waitForReady } from "./support/ui";
import type { DB } from "../db";
import type { Locator, Page } from "@playwright/test";

// The student workspace at /assignments/<id>: the four steps, autosave, uploads, submitting,
// the assignment's time window, who may see what, and what the teacher sees afterwards.

const DAY = 86_400_000;
/** The page's own header (title and status badge), not the site banner: here, on the teacher's view of a student. */
const pageHeader = (page: Page) => page.getByRole("main").locator("header");
const workOf = async (db: DB, assignmentId: string, studentId: string) =>
  (
    await db
      .select()
      .from(submissions)
      .where(and(eq(submissions.assignmentId, assignmentId), eq(submissions.studentId, studentId)))
  )[0];
const liveImagesOf = async (db: DB, submissionId: string) =>
  await db
    .select()
    .from(submissionImages)
    .where(and(eq(submissionImages.submissionId, submissionId), isNull(submissionImages.deletedAt)));

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should answer 404`).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
}

/** Opens a <details> by clicking its summary, unless it is open already. */
async function openDetails(details: Locator) {
  if (!(await details.evaluate((el: HTMLDetailsElement) => el.open))) await details.locator("summary").click();
  await expect(details).toHaveJSProperty("open", true);
}

/** Whether an <img> really loaded (the image route answered with a decodable image), and how wide it is. */
const naturalWidth = (img: Locator) => img.evaluate((el: HTMLImageElement) => (el.complete ? el.naturalWidth : -1));

/** A finished draft, for tests about what happens around submitting rather than about writing it. */
const FINISHED = SAMPLE_DRAFTS.complete;

/** A student in a class, with finished work (no card) holding these graphics: width, height, caption. */
async function workWithGraphics(make: Make, graphics: [number, number, string][]) {
  const { student, assignment } = await make.studentInClass();
  const images = await Promise.all(graphics.map(([width, height, caption]) => storedImage(width, height, caption)));
  const { submission } = await make.submission({ assignment, studentId: student.id, draft: FINISHED, images });
  return { student, assignment, submission };
}

test(
  "a student does all four steps, everything survives a reload, submits twice, and the teacher sees both attempts",
  { tag: "@scale" },
  async ({ page, make, db, newContext }) => {
    test.slow(); // the whole assignment, end to end, plus the teacher's view
    const images = await testImages();
    const teacher = await make.teacher();
    const section = await make.section(teacher.id, { name: "Period 2 marketing" });
    const student = await make.student("Robin Writer");
    await make.enroll(section.id, student.id);
    const assignment = await make.assignment(section.id, { title: "Recap for the corner café" });

    const work = new StudentWorkspace(page);
    await signIn(page, student.email);
    await expect(assignmentStatus(page, "Recap for the corner café")).toHaveText("Not started");
    await page.getByRole("link", { name: /Recap for the corner café/ }).click();
    await expect(page).toHaveURL(`/assignments/${assignment.id}`);
    await waitForReady(page);
    await expect(page.getByRole("heading", { level: 1, name: "Recap for the corner café" })).toBeVisible();
    await expect(work.timeLeft).toHaveText("7 days left");
    await expect(work.header.getByText("Not started")).toBeVisible();
    // Nothing is saved yet, so the status says how saving works rather than "Saved".
    await expect(work.saveStatus).toHaveText("Saves as you type");
    const grading = work.gradingGuide;
    await expect(grading.getByRole("table")).toBeHidden();
    await grading.getByText("How your work will be graded").click();
    await expect(grading.getByRole("table")).toContainText("Clear and engaging, and it uses all three datapoints.");
    for (const step of STEPS) await expect(work.stepTab(step)).toHaveAccessibleName(`${step} (not done)`);

    // Ideation: brainstorm (button and Enter), remove one, then three datapoints with reasons.
    await work.addIdea("Their go-to drink", "button");
    await work.addIdea("How early they come in", "Enter");
    await work.addIdea("A throwaway idea", "Enter");
    await expect(work.idea(3)).toHaveValue("A throwaway idea");
    await page.getByRole("button", { name: "Remove idea 3" }).click();
    await expect(work.idea(3)).toHaveCount(0);
    await expect(work.idea(1)).toHaveValue("Their go-to drink");
    await expect(work.idea(2)).toHaveValue("How early they come in");
    // Once the first change is saved, the title's status follows without a reload.
    await expect(work.header.getByText("In progress")).toBeVisible();
    await expect(work.header.getByText("Not started")).toHaveCount(0);
    await expect(work.saveStatus).toHaveText("Saved");

    await expect(work.picks.getByRole("checkbox", { name: "Name", exact: true })).toHaveCount(0);
    for (const column of ["Most Ordered Drink", "Number of Purchases", "Total Spend (USD)"]) await work.datapoint(column).check();
    await expect(work.datapoint("Month with Most Visits")).toBeDisabled(); // three is the limit
    await work.datapoint("Number of Purchases").uncheck(); // change of mind
    await expect(work.reasonFor("Number of Purchases")).toHaveCount(0);
    await work.datapoint("Month with Most Visits").check();
    await expect(work.datapoint("Number of Purchases")).toBeDisabled();
    await expect(work.stepTab("Ideation")).toHaveAccessibleName("Ideation (not done)"); // reasons still missing
    await work.reasonFor("Most Ordered Drink").fill("Everyone has a drink they're known for.");
    await work.reasonFor("Total Spend (USD)").fill("A big total feels like an achievement.");
    await work.reasonFor("Month with Most Visits").fill("It shows their favourite season.");
    await expect(work.stepTab("Ideation")).toHaveAccessibleName("Ideation (done)");

    // Copywriting: a placeholder inserted at the cursor, an unknown one flagged then fixed, the preview.
    await work.goTo("Copywriting");
    const copy = work.copy;
    const issues = work.copyIssues;
    await copy.fill("Hi ! Your usual was a [Drink], you spent $[Total Spend (USD)] and [Coffee] was your month.");
    await expect(issues).toContainText("Greet each customer with [Name].");
    await work.insertPlaceholder("[Name]", 3); // right after "Hi "
    await expect(copy).toHaveValue("Hi [Name]! Your usual was a [Drink], you spent $[Total Spend (USD)] and [Coffee] was your month.");
    await expect(issues).not.toContainText("Greet each customer");
    await expect(issues).toContainText("[Coffee] isn't a column of the table.");
    await expect(issues).toContainText("Your copy doesn't use your datapoint [Month with Most Visits] yet.");
    // Read out with the box (its description), not at every key typed: the list is not a live region.
    await expect(copy).toHaveAccessibleDescription(/\[Coffee\] isn't a column of the table\./);
    await expect(issues).not.toHaveAttribute("aria-live");
    await expect(work.stepTab("Copywriting")).toHaveAccessibleName("Copywriting (not done)");

    const preview = work.preview;
    await expect(preview.getByTestId("merged-copy")).toHaveText(
      "Hi Sarah Johns! Your usual was a Latte, you spent $624 and [Coffee] (unknown placeholder) was your month.",
    );
    // The same typo twice is named once; a bracket left open is pointed out (it would print as typed).
    await copy.press("End");
    await copy.pressSequentially(" [coffee] again, [Most Ordered Pastry");
    await expect(issues).toContainText("A square bracket here isn't part of a placeholder");
    await expect(issues.getByRole("listitem").filter({ hasText: "isn't a column of the table" })).toHaveCount(1);
    await copy.fill("Hi [Name]! Your usual was a [Drink], you spent $[Total Spend (USD)] and [Month] was your month.");
    await expect(issues.getByRole("listitem")).toHaveCount(0);
    await expect(work.stepTab("Copywriting")).toHaveAccessibleName("Copywriting (done)");
    await expect(preview.getByTestId("preview-customer")).toHaveText("1 of 5: Sarah Johns");
    await expect(preview.getByTestId("merged-copy")).toHaveText(
      "Hi Sarah Johns! Your usual was a Latte, you spent $624 and October was your month.",
    );
    await preview.getByRole("button", { name: "Next customer" }).click();
    await expect(preview.getByTestId("preview-customer")).toHaveText("2 of 5: James Miller");
    await expect(preview.getByTestId("merged-copy")).toHaveText(
      "Hi James Miller! Your usual was a Cappuccino, you spent $390 and December was your month.",
    );
    await preview.getByRole("button", { name: "Previous customer" }).click();
    await preview.getByRole("button", { name: "Previous customer" }).click();
    await expect(preview.getByTestId("preview-customer")).toHaveText("5 of 5: Olivia Patel"); // wraps around
    await expect(preview.getByTestId("merged-copy")).toContainText("Pumpkin Spice Latte");
    await preview.getByRole("radio", { name: "All customers" }).click();
    await expect(preview.getByTestId("merged-copy")).toHaveCount(5);
    await expect(preview.getByTestId("merged-copy").nth(2)).toHaveText(
      "Hi Emily Chen! Your usual was a Iced Americano, you spent $525 and July was your month.",
    );

    // Design: a real portrait PNG passes both checks; a landscape JPEG is warned about.
    await work.goTo("Design");
    const cards = work.uploadedImages;
    await work.imageInput.setInputFiles(images.portrait);
    await expect(cards).toHaveCount(1);
    await expect(cards.nth(0).getByTestId("image-checks").getByRole("listitem")).toHaveText([
      "✓ Vertical: fits a phone screen.",
      "✓ 1080 px wide: text will stay sharp.",
    ]);
    await expect.poll(() => naturalWidth(cards.nth(0).getByRole("img"))).toBe(480); // the thumbnail, served by the image route
    await work.imageInput.setInputFiles(images.landscape);
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(1).getByTestId("image-checks")).toContainText(
      "Landscape: wide images get shrunk on phones. Try square or vertical.",
    );
    await expect(cards.nth(1).getByTestId("image-checks")).toContainText("1600 px wide: text will stay sharp.");
    const phone = work.phonePreview;
    await expect.poll(() => naturalWidth(phone.getByRole("img"))).toBe(1600); // the newest upload, full size
    await page.getByRole("button", { name: "Show graphic 1 in the phone preview" }).click();
    await expect.poll(() => naturalWidth(phone.getByRole("img"))).toBe(1080);
    await cards.nth(0).getByLabel("Caption (optional)").fill("  My café card  ");
    await cards.nth(0).getByLabel("Caption (optional)").blur();
    const stored = async () => (await workOf(db, assignment.id, student.id))!;
    await expect.poll(async () => (await liveImagesOf(db, (await stored()).id)).map((i) => i.caption).sort()).toEqual(["", "My café card"]);
    await page.getByRole("button", { name: "Move graphic 2 earlier" }).click();
    await expect(cards.nth(0).getByTestId("image-checks")).toContainText("Landscape");
    await expect
      .poll(async () => (await liveImagesOf(db, (await stored()).id)).sort((a, b) => a.position - b.position).map((i) => i.width))
      .toEqual([1600, 1080]);
    await expect(work.stepTab("Design")).toHaveAccessibleName("Design (done)");

    // The student's own image is served to them, with the headers that stop it being sniffed as HTML.
    const [first] = await liveImagesOf(db, (await stored()).id);
    const own = await page.request.get(`/api/images/${first!.id}?variant=full`);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toBe(first!.mime);
    expect(own.headers()["x-content-type-options"]).toBe("nosniff");

    // Reflection: three answers with live counters.
    await work.goTo("Reflection");
    const answers = [
      "A bakery sent me a birthday muffin.",
      "Music, maps and my school's apps.",
      "Offers on drinks I like; not where I live.",
    ];
    for (const [i, answer] of answers.entries()) await work.question(i + 1).fill(answer);
    await expect(page.getByText(`${answers[0]!.length} / 5000 characters`)).toBeVisible();
    for (const step of STEPS) await expect(work.stepTab(step)).toHaveAccessibleName(`${step} (done)`);
    await expect(work.saveStatus).toHaveText("Saved");
    expect((await stored()).draft.answers).toEqual({ q1: answers[0], q2: answers[1], q3: answers[2] });

    // A reload brings back everything, from the server.
    await page.evaluate(() => localStorage.clear()); // prove it is the server's copy, not this browser's
    await work.reload();
    await expect(work.header.getByText("In progress")).toBeVisible();
    await expect(work.idea(1)).toHaveValue("Their go-to drink");
    await expect(work.idea(2)).toHaveValue("How early they come in");
    for (const column of ["Most Ordered Drink", "Total Spend (USD)", "Month with Most Visits"])
      await expect(work.datapoint(column)).toBeChecked();
    await expect(work.reasonFor("Total Spend (USD)")).toHaveValue("A big total feels like an achievement.");
    await work.goTo("Copywriting");
    await expect(copy).toHaveValue("Hi [Name]! Your usual was a [Drink], you spent $[Total Spend (USD)] and [Month] was your month.");
    await work.goTo("Design");
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(0).getByTestId("image-checks")).toContainText("Landscape");
    await expect(cards.nth(1).getByLabel("Caption (optional)")).toHaveValue("My café card");
    await expect(cards.nth(1).getByRole("img", { name: "My café card" })).toBeVisible();
    await work.goTo("Reflection");
    for (const [i, answer] of answers.entries()) await expect(work.question(i + 1)).toHaveValue(answer);

    // Review and submit: only warnings left, so no "submit anyway" needed.
    await work.goTo("Review & submit");
    await expect(work.reviewIssues).toHaveText(/Graphic 1 is landscape/);
    await expect(work.reviewIssues.getByRole("listitem")).toHaveCount(1);
    await expect(work.submitAnyway).toHaveCount(0);
    await work.submitButton("Submit my work").click();
    await expect(toast(page, "Submitted. This is attempt 1.")).toBeVisible();
    await expect(work.attempts).toHaveCount(1);
    await expect(work.attemptList).toContainText("Attempt 1:");
    await expect(work.attemptList).not.toContainText("Late");
    await expect(work.header.getByText("Submitted", { exact: true })).toBeVisible();

    // Improve one answer and submit again.
    await work.goTo("Reflection");
    await work.question(3).fill(`${answers[2]} Also not my messages.`);
    await expect(work.saveStatus).toHaveText("Saved");
    await work.goTo("Review & submit");
    // From the keyboard: once handed in, the button no longer submits but keeps the focus, and says why.
    await work.submitButton("Submit again").focus();
    await page.keyboard.press("Enter");
    await expect(toast(page, "Submitted. This is attempt 2.")).toBeVisible();
    await expect(work.attempts).toHaveCount(2);
    await expect(work.submitButton("Submit again")).toBeFocused();
    await expect(work.submitButton("Submit again")).toHaveAccessibleDescription(/^Nothing has changed since attempt 2/);
    await expect(work.attempts.first()).toContainText("Attempt 2:");
    expect(await stored()).toMatchObject({ attemptCount: 2, late: false });

    // With nothing changed since, the review step says so and Submit again waits for a change; the
    // server refuses the same work too, were it sent anyway: no third copy.
    await expect(page.getByTestId("nothing-new")).toHaveText(/^Nothing has changed since attempt 2/);
    await expect(work.submitButton("Submit again")).toBeDisabled();
    const sentAnyway = await postAction(page.request, findServerAction("submitWorkAction"), [
      { assignmentId: assignment.id, baseVersion: (await stored()).version, confirmIncomplete: true },
    ]);
    expect(sentAnyway.body).toContain("Nothing has changed since attempt 2, so there is nothing new to submit");
    await expect(work.attempts).toHaveCount(2);
    expect(await stored()).toMatchObject({ attemptCount: 2, late: false });
    // A change brings the button back.
    await work.goTo("Reflection");
    await work.question(1).fill(`${answers[0]} Really.`);
    await expect(work.saveStatus).toHaveText("Saved");
    await work.goTo("Review & submit");
    await expect(page.getByTestId("nothing-new")).toHaveCount(0);
    await expect(work.submitButton("Submit again")).toBeEnabled();

    await page.goto("/classes");
    await expect(assignmentStatus(page, "Recap for the corner café")).toHaveText("Submitted");

    // The teacher's view of this student: the current draft and both attempts, newest first.
    const teacherPage = await (await newContext()).newPage();
    await signIn(teacherPage, teacher.email);
    await teacherPage.goto(`/sections/${section.id}/assignments/${assignment.id}/students/${student.id}`);
    await expect(teacherPage.getByRole("heading", { level: 1, name: "Robin Writer" })).toBeVisible();
    const history = teacherPage.getByTestId("teacher-attempts").locator("details");
    await expect(history).toHaveCount(2);
    await expect(history.nth(0).locator("summary")).toContainText("Attempt 2 ·");
    await expect(history.nth(1).locator("summary")).toContainText("Attempt 1 ·");
    await expect(teacherPage.getByTestId("teacher-attempts").getByText("Late")).toHaveCount(0);
    await openDetails(history.nth(0));
    await expect(history.nth(0)).toContainText("Also not my messages.");
    await expect(history.nth(0).getByTestId("merged-copy")).toHaveText(
      "Hi Sarah Johns! Your usual was a Latte, you spent $624 and October was your month.",
    );
    await openDetails(history.nth(1));
    await expect(history.nth(1)).toContainText(answers[2]!);
    await expect(history.nth(1)).not.toContainText("Also not my messages.");
    await expect.poll(() => naturalWidth(history.nth(0).getByRole("img", { name: "My café card" }))).toBe(1080); // the teacher may see the image
  },
);

test(
  "uploads: an SVG named .png is refused by the server, and a sixth graphic is refused",
  { tag: "@scale" },
  async ({ page, make, db, consoleGuard }) => {
    consoleGuard.allow(/Failed to load resource: the server responded with a status of 400/);
    const work = new StudentWorkspace(page);
    const images = await testImages();
    const { student, assignment } = await make.studentInClass();
    const { submission } = await make.submission({
      assignment,
      studentId: student.id,
      draft: FINISHED,
      images: await Promise.all([1, 2, 3, 4].map(() => storedImage())),
    });
    await signIn(page, student.email);
    await work.open(assignment.id);
    await work.goTo("Design");
    const cards = work.uploadedImages;
    await expect(cards).toHaveCount(4);
    // With a mouse, files can be dragged in (a touch screen is told what it can pick instead).
    await expect(page.getByText("Drag images here, or")).toBeVisible();
    await expect(page.getByText("Add a photo or a saved graphic (PNG, JPEG or WebP).")).toBeHidden();

    // The browser is told it is a PNG, so only the server's look at the bytes can catch it.
    await work.imageInput.setInputFiles({ name: "sneaky.png", mimeType: "image/png", buffer: images.svgBytes });
    const uploads = work.uploads;
    await expect(uploads.getByRole("alert")).toHaveText("Only PNG, JPEG or WebP images can be uploaded (whatever the file name says).");
    await expect(uploads).toContainText("sneaky.png");
    await expect(cards).toHaveCount(4);
    expect(await liveImagesOf(db, submission.id)).toHaveLength(4);
    // Named for its file, and big enough for a finger (24 px, WCAG 2.5.8).
    const dismiss = uploads.getByRole("button", { name: "Dismiss sneaky.png" });
    const box = (await dismiss.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
    await dismiss.click();
    await expect(uploads).toHaveCount(0);

    // A fifth (small, square) one is fine, with a warning about its size.
    await work.imageInput.setInputFiles(images.small);
    await expect(cards).toHaveCount(5);
    await expect(cards.nth(4).getByTestId("image-checks").getByRole("listitem")).toHaveText([
      "✓ Square: fits a phone screen.",
      "! Only 400 px wide: text may be hard to read on a phone (aim for 1080 px or more).",
    ]);
    await expect(work.chooseImages).toBeDisabled();
    await expect(page.getByText("5 of 5 used")).toBeVisible();

    // A sixth: refused in the browser, and by the server for a client that skips the browser's check.
    await work.imageInput.setInputFiles(images.portrait);
    await expect(uploads.getByRole("alert")).toHaveText("You can upload up to 5 graphics.");
    const sixth = await page.request.post(`/api/assignments/${assignment.id}/images`, {
      multipart: { file: { name: "sixth.png", mimeType: "image/png", buffer: fs.readFileSync(images.portrait) } },
    });
    expect(sixth.status()).toBe(400);
    expect((await sixth.json()).error).toBe("You can upload up to 5 graphics. Delete one to add another.");
    expect(await liveImagesOf(db, submission.id)).toHaveLength(5);

    // Deleting one makes room again.
    await page.getByRole("button", { name: "Delete graphic 1" }).click();
    await page.getByRole("button", { name: "Delete graphic", exact: true }).click();
    await expect(toast(page, "Graphic deleted.")).toBeVisible();
    await expect(cards).toHaveCount(4);
    await expect(work.chooseImages).toBeEnabled();
    expect(await liveImagesOf(db, submission.id)).toHaveLength(4);
  },
);

test("the review open as the due date passes says, before Submit, that the work will be marked late; with no late work accepted it never does", async ({
  page,
  make,
}) => {
  const work = new StudentWorkspace(page);
  const { student, section } = await make.studentInClass();
  const soon = (acceptLate: boolean, title: string) =>
    make.assignment(section.id, { title, dueAt: new Date(Date.now() + 5 * 60_000), acceptLate });
  const lateAccepted = await soon(true, "Due in five minutes");
  const noLateWork = await soon(false, "Due in five minutes, no late work");
  await signIn(page, student.email);
  const late = page.getByText("The due date has passed: this submission will be marked late.");
  for (const [assignment, marked] of [
    [lateAccepted, true],
    [noLateWork, false],
  ] as const) {
    await page.clock.install();
    await work.open(assignment.id);
    await work.goTo("Review & submit");
    await expect(work.submitButton("Submit my work")).toBeVisible();
    await expect(late).toHaveCount(0);
    // Six minutes on, with the page still open.
    await page.clock.fastForward("06:00");
    if (marked) await expect(late).toBeVisible();
    else await expect(late).toHaveCount(0);
  }
});

test("a graphic still uploading holds back Submit, which says why and lists it, and the checklist says it is on its way; once it is in, the work handed in has it", async ({
  page,
  make,
  db,
}) => {
  const work = new StudentWorkspace(page);
  const images = await testImages();
  const { student, assignment, submission } = await workWithGraphics(make, []);
  // The upload is held back on its way to the server until the test lets it go.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/assignments\/[^/]+\/images/, async (route) => {
    await released;
    await route.continue();
  });
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Design");
  await work.imageInput.setInputFiles(images.landscape);
  await expect(work.uploads.getByRole("status")).toHaveText("Uploading…");
  // The graphic on its way already takes a place: the studio counts it (one coming, of five).
  await expect(page.getByTestId("cards-needed")).toHaveText("1 picture; your design has room for 4 more.");

  // On to the review while it is on its way: Submit waits for it, and says so.
  await work.goTo("Review & submit");
  const pendingNote = page.getByTestId("uploads-pending");
  await expect(pendingNote).toHaveText("A graphic is still uploading. You can hand in once it has finished.");
  await expect(work.submitButton("Submit my work")).toBeDisabled();
  await expect(work.submitButton("Submit my work")).toHaveAccessibleDescription(
    "A graphic is still uploading. You can hand in once it has finished.",
  );
  const notYet = page.getByRole("list", { name: "Graphics not uploaded yet" });
  await expect(notYet.getByRole("listitem")).toHaveText(["landscape.jpg: uploading…"]);
  // The checklist does not ask for a graphic that is on its way.
  await expect(page.getByTestId("review-issues")).toHaveText(["✕ Design: Your graphic is still uploading: wait for it to finish."]);
  // Leaving would stop it: a reload asks, and so does a link, which stays put when the student cancels.
  expect(await leavingAsks(page)).toBe(true);
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My classes" }).click();
  await expect.poll(() => asked).toEqual(["A graphic is still uploading, and leaving this page stops it. Leave anyway?"]);
  await expect(page).toHaveURL(new RegExp(`/assignments/${assignment.id}`));

  // It arrives while the review is open: the note goes, the graphic is shown, and Submit hands it in.
  release();
  await expect(notYet).toHaveCount(0);
  await expect(pendingNote).toHaveCount(0);
  await expect(page.getByRole("img", { name: "Graphic 1" })).toBeVisible();
  await expect(page.getByTestId("review-issues")).toHaveText(["! Design: Graphic 1 is landscape; square or vertical suits phones better."]);
  await expect(work.submitButton("Submit my work")).toBeEnabled();
  expect(await leavingAsks(page)).toBe(false);
  await work.submitButton("Submit my work").click();
  await expect(toast(page, "Submitted. This is attempt 1.")).toBeVisible();
  const [attempt] = await db.select().from(attempts).where(eq(attempts.submissionId, submission.id));
  expect(attempt!.snapshot.images.map((i) => i.width)).toEqual([1600]);
});

test("a graphic the server refuses stays refused, with its reason, after the student visits other steps; the allowed one beside it is kept", async ({
  page,
  make,
  db,
  consoleGuard,
}) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 400/);
  const work = new StudentWorkspace(page);
  const images = await testImages();
  const { student, assignment, submission } = await workWithGraphics(make, [[1080, 1350, "Tall card"]]);
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Design");
  // Picked together: a real PNG, and an SVG named .png that only the server's look at the bytes catches.
  await work.imageInput.setInputFiles([
    { name: "portrait.png", mimeType: "image/png", buffer: fs.readFileSync(images.portrait) },
    { name: "sneaky.png", mimeType: "image/png", buffer: images.svgBytes },
  ]);
  const refusal = "Only PNG, JPEG or WebP images can be uploaded (whatever the file name says).";
  await expect(work.uploads.getByRole("alert")).toHaveText(refusal);
  await expect(work.uploadedImages).toHaveCount(2);
  await expect.poll(async () => (await liveImagesOf(db, submission.id)).length).toBe(2);

  // Away to the review, which names the file that was not uploaded; Submit is not held back by it.
  await work.goTo("Review & submit");
  await expect(page.getByRole("list", { name: "Graphics not uploaded yet" }).getByRole("listitem")).toHaveText([
    `sneaky.png was not uploaded: ${refusal}`,
  ]);
  await expect(page.getByTestId("uploads-pending")).toHaveCount(0);
  await expect(work.submitButton("Submit my work")).toBeEnabled();

  // Back on Design (by keyboard, along the step bar), the refusal is still there to read and dismiss.
  await work.stepTab("Review & submit").focus();
  await page.keyboard.press("Home"); // Home and End go to the first and the last step
  await expect(work.stepTab("Ideation")).toBeFocused();
  await page.keyboard.press("End");
  await expect(work.stepTab("Review & submit")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(work.stepTab("Design")).toBeFocused();
  await expect(work.uploads).toContainText("sneaky.png");
  await expect(work.uploads.getByRole("alert")).toHaveText(refusal);
  await expect(work.uploadedImages).toHaveCount(2);
  await work.uploads.getByRole("button", { name: "Dismiss sneaky.png" }).click();
  await expect(work.uploads).toHaveCount(0);
  await work.goTo("Review & submit");
  await expect(page.getByRole("list", { name: "Graphics not uploaded yet" })).toHaveCount(0);
});

test("a graphic is deleted only after asking; a move that can't be saved goes back where it was, and the student is told", async ({
  page,
  make,
  db,
  consoleGuard,
}) => {
  const { student, assignment, submission } = await workWithGraphics(make, [
    [1080, 1350, "Tall card"],
    [1080, 1080, "Square card"],
  ]);
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Design");
  const onScreen = () =>
    work.uploadedImages.getByLabel("Caption (optional)").evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const stored = async () => (await liveImagesOf(db, submission.id)).sort((a, b) => a.position - b.position).map((image) => image.caption);
  await expect.poll(onScreen).toEqual(["Tall card", "Square card"]);

  // Delete asks first; Escape backs out and keeps the graphic.
  await page.getByRole("button", { name: "Delete graphic 2" }).click();
  const asking = page.getByRole("group", { name: /^Delete graphic 2 \(“Square card”\)\? It can't be brought back/ });
  await expect(asking.getByRole("button", { name: "Delete graphic", exact: true })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(asking).toHaveCount(0);
  await expect(work.uploadedImages).toHaveCount(2);
  expect(await stored()).toEqual(["Tall card", "Square card"]);

  // The connection drops: the move is not saved, so the screen goes back to the order the server has.
  const connection = await dropServerActions(page, consoleGuard);
  await page.getByRole("button", { name: "Move graphic 2 earlier" }).click();
  await expect(toast(page, "That didn't reach the server. Check your connection and try again.")).toBeVisible();
  await expect.poll(onScreen).toEqual(["Tall card", "Square card"]);
  expect(await stored()).toEqual(["Tall card", "Square card"]);

  // Back online: the same move is saved, and a confirmed delete removes the graphic.
  await connection.reconnect();
  await page.getByRole("button", { name: "Move graphic 2 earlier" }).click();
  await expect.poll(stored).toEqual(["Square card", "Tall card"]);
  await expect.poll(onScreen).toEqual(["Square card", "Tall card"]);
  await page.getByRole("button", { name: "Delete graphic 2" }).click();
  await page
    .getByRole("group", { name: /^Delete graphic 2 \(“Tall card”\)\?/ })
    .getByRole("button", { name: "Delete graphic", exact: true })
    .click();
  await expect(toast(page, "Graphic deleted.")).toBeVisible();
  await expect.poll(onScreen).toEqual(["Square card"]);
  expect(await stored()).toEqual(["Square card"]);
  // Focus stays in place, on the graphic before the deleted one, not lost to the page.
  await expect(page.getByRole("button", { name: "Show graphic 1 in the phone preview" })).toBeFocused();
  // The last one, by keyboard: focus goes to the upload button.
  await page.getByRole("button", { name: "Delete graphic 1" }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(work.uploadedImages).toHaveCount(0);
  await expect(work.chooseImages).toBeFocused();
  expect(await stored()).toEqual([]);
});

test("a caption is saved after a pause in typing, without leaving the field; until it is, leaving the page asks first", async ({
  page,
  make,
  db,
}) => {
  const { student, assignment, submission } = await workWithGraphics(make, [[1080, 1350, "Tall card"]]);
  const stored = async () => (await liveImagesOf(db, submission.id)).map((image) => image.caption);
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await page.clock.install();
  await work.open(assignment.id);
  await work.goTo("Design");
  const caption = work.uploadedImages.getByLabel("Caption (optional)");
  await expect(caption).toHaveValue("Tall card");
  expect(await leavingAsks(page)).toBe(false);

  // The page's clock stands still: typed, still in the field, and not saved yet, so a reload or a
  // closed tab would ask first.
  await page.clock.pauseAt(Date.now() + 60_000);
  await caption.fill("Sam's year in coffee");
  await expect(caption).toBeFocused();
  expect(await leavingAsks(page)).toBe(true);
  expect(await stored()).toEqual(["Tall card"]);

  // The pause ends: saved while the student is still in the field, and leaving no longer asks.
  await page.clock.runFor(1000);
  await expect.poll(stored).toEqual(["Sam's year in coffee"]);
  await expect.poll(() => leavingAsks(page)).toBe(false);
  await expect(caption).toBeFocused();
  await page.clock.resume();
  await page.reload();
  await work.goTo("Design");
  await expect(caption).toHaveValue("Sam's year in coffee");
});

test("the step bar stays at the top of a screen 420 px tall or more; on a shorter one (text zoomed 200-400%) it scrolls away", async ({
  page,
  make,
}) => {
  const { section, student } = await make.studentInClass();
  const assignment = await make.assignment(section.id);
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  // The bar itself (the tablist sits inside its padding).
  const stepBar = page.locator(".sticky").filter({ has: page.getByRole("tablist", { name: "Steps" }) });
  const padding = () => page.evaluate(() => document.documentElement.style.scrollPaddingTop);
  // A 1280×720 laptop at 200% and at 400%: 640×360 and 320×180 of CSS pixels. Then a tall window again.
  for (const [width, height, stuck] of [
    [640, 360, false],
    [320, 180, false],
    [640, 800, true],
  ] as const) {
    await page.setViewportSize({ width, height });
    await work.open(assignment.id);
    await work.goTo("Reflection");
    await work.question(3).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 200));
    const bar = (await stepBar.boundingBox())!;
    if (stuck) {
      expect(bar.y, `${width}×${height}`).toBe(0);
      await expect.poll(padding).toBe(`${Math.ceil(bar.height) + 8}px`);
    } else {
      expect(bar.y + bar.height, `${width}×${height}`).toBeLessThanOrEqual(0);
      await expect.poll(padding).toBe("");
    }
  }
});

test("a step named in the review's checklist opens with focus at its start, by keyboard as by click", async ({ page, make }) => {
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  await make.submission({ assignment, studentId: student.id, draft: FINISHED }); // no graphic yet
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Review & submit");
  await expect(work.reviewIssues).toContainText("Add at least one graphic: use your card from the studio, or upload one.");
  // Each item's button is described by the item, so that two going to one step can be told apart.
  await expect(work.reviewIssues.getByRole("button", { name: "Design" })).toHaveAccessibleDescription(
    "Add at least one graphic: use your card from the studio, or upload one.",
  );

  // A target a finger hits (24 px, WCAG 2.5.8), as is the breadcrumb back to My classes.
  for (const target of [
    work.reviewIssues.getByRole("button", { name: "Design" }),
    page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "My classes" }),
  ])
    expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(24);
  await work.reviewIssues.getByRole("button", { name: "Design" }).focus();
  await page.keyboard.press("Enter");
  await expect(work.stepTab("Design")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: /^Design/ })).toBeFocused();
  // The next Tab goes into the step, not back to the top of the page. (The step's code loads on
  // demand: with a core kept busy it was not there yet, and Tab went past the empty panel.)
  await expect(work.chooseImages).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("tabpanel", { name: /^Design/ }).locator(":focus")).toHaveCount(1);
  // "Choose images" is the way to the file picker: the 1-pixel input behind it is no Tab stop of its own.
  await work.chooseImages.focus();
  await page.keyboard.press("Tab");
  await expect(work.chooseImages).not.toBeFocused();
  await expect(work.imageInput).not.toBeFocused();
  // Nor is it a second button to a screen reader: the panel has one way to upload.
  const panel = page.getByRole("tabpanel", { name: /^Design/ });
  await expect(panel.getByRole("button", { name: "Choose images" })).toHaveCount(1);
  await expect(panel.getByRole("button", { name: "Upload images" })).toHaveCount(0);
  await expect(work.imageInput).toHaveCount(1);
});

test("an idea removed by mistake comes back in its place with Undo; focus moves to the idea that took its place", async ({
  page,
  make,
  db,
}) => {
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  await signIn(page, student.email);
  await page.clock.install(); // the page's time runs as usual, and can be moved on (below)
  await work.open(assignment.id);
  for (const idea of ["Their go-to drink", "How early they come in", "Their busiest month"]) await work.addIdea(idea, "Enter");

  await page.getByRole("button", { name: "Remove idea 2" }).click();
  await expect(work.idea(3)).toHaveCount(0);
  await expect(work.idea(2)).toHaveValue("Their busiest month");
  await expect(page.getByRole("button", { name: "Remove idea 2" })).toBeFocused();
  const removed = toast(page, "Idea removed: “How early they come in”");
  await expect(removed).toBeVisible();
  await expect(work.saveStatus).toHaveText("Saved");
  expect((await workOf(db, assignment.id, student.id))!.draft.ideas.map((i) => i.text)).toEqual([
    "Their go-to drink",
    "Their busiest month",
  ]);

  // Undo has no time limit (a keyboard takes a while to reach it): still there after sonner's own 4 s.
  await page.clock.fastForward(5_000);
  await expect(removed).toBeVisible();
  await removed.getByRole("button", { name: "Undo" }).click();
  await expect(work.idea(2)).toHaveValue("How early they come in");
  await expect(work.idea(2)).toBeFocused(); // the toast's button is gone: the focus goes to the idea it brought back
  await expect(work.idea(3)).toHaveValue("Their busiest month");
  await expect(work.saveStatus).toHaveText("Saved");
  await expect
    .poll(async () => (await workOf(db, assignment.id, student.id))!.draft.ideas.map((i) => i.text))
    .toEqual(["Their go-to drink", "How early they come in", "Their busiest month"]);

  // The last one removed: focus goes to the box for a new idea.
  await page.getByRole("button", { name: "Remove idea 3" }).click();
  await expect(page.getByRole("textbox", { name: "New idea" })).toBeFocused();
  // Its Undo lasts as long as the step is there to put the idea back into.
  await expect(toast(page, "Idea removed: “Their busiest month”")).toBeVisible();
  await work.goTo("Copywriting");
  await expect(toast(page, "Idea removed")).toHaveCount(0);
});

test("Undo with a full list of ideas says so and changes nothing; with room again, the idea comes back", async ({ page, make, db }) => {
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  const ideas = Array.from({ length: WORK_LIMITS.ideas }, (_, i) => ({ id: `idea-${i + 1}`, text: `Idea number ${i + 1}` }));
  await make.submission({ assignment, studentId: student.id, draft: { ...emptyDraft(), ideas } });
  await signIn(page, student.email);
  await work.open(assignment.id);
  const stored = async () => (await workOf(db, assignment.id, student.id))!.draft.ideas.map((i) => i.text);

  // Idea 5 removed, and the list filled up again before Undo: refused, with the reason, nothing changes.
  await page.getByRole("button", { name: "Remove idea 5", exact: true }).click();
  const removed = toast(page, "Idea removed: “Idea number 5”");
  await expect(removed).toBeVisible();
  await removed.hover(); // held on screen while the list fills
  await work.addIdea("A new thirtieth idea", "Enter");
  await expect(work.idea(WORK_LIMITS.ideas)).toHaveValue("A new thirtieth idea");
  await removed.getByRole("button", { name: "Undo" }).click();
  await expect(toast(page, `You already have ${WORK_LIMITS.ideas} ideas: remove one to bring this one back.`)).toBeVisible();
  await expect(work.idea(5)).toHaveValue("Idea number 6");
  await expect(work.saveStatus).toHaveText("Saved");
  const full = [...ideas.filter((i) => i.text !== "Idea number 5").map((i) => i.text), "A new thirtieth idea"];
  expect(await stored()).toEqual(full);

  // With room again, Undo brings it back in its place.
  await page.getByRole("button", { name: `Remove idea ${WORK_LIMITS.ideas}` }).click();
  await page.getByRole("button", { name: "Remove idea 1", exact: true }).click();
  const again = toast(page, "Idea removed: “Idea number 1”");
  await again.getByRole("button", { name: "Undo" }).click();
  await expect(work.idea(1)).toHaveValue("Idea number 1");
  await expect(work.saveStatus).toHaveText("Saved");
  await expect.poll(stored).toEqual(full.slice(0, -1));
});

test("a datapoint ticked again gets back the reason it had; one never ticked starts with an empty reason", async ({ page, make, db }) => {
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  await signIn(page, student.email);
  await work.open(assignment.id);

  const reason = "Everyone has a drink they're known for.";
  await work.datapoint("Most Ordered Drink").check();
  await work.reasonFor("Most Ordered Drink").fill(reason);
  await work.datapoint("Most Ordered Drink").uncheck(); // a change of mind…
  await expect(work.reasonFor("Most Ordered Drink")).toHaveCount(0);
  await work.goTo("Copywriting"); // (a look at another step on the way closes this one)
  await work.goTo("Ideation");
  await work.datapoint("Most Ordered Drink").check(); // …and back: the reason was not lost
  await expect(work.reasonFor("Most Ordered Drink")).toHaveValue(reason);
  await work.datapoint("Total Spend (USD)").check();
  await expect(work.reasonFor("Total Spend (USD)")).toHaveValue("");
  await expect(work.saveStatus).toHaveText("Saved");
  expect((await workOf(db, assignment.id, student.id))!.draft.picks.map((p) => p.reason)).toEqual([reason, ""]);
});

test("a datapoint whose column the teacher removed no longer counts: the student can tick another and finish Ideation", async ({
  page,
  make,
  db,
}) => {
  const { student, assignment } = await make.studentInClass();
  await make.submission({ assignment, studentId: student.id, draft: FINISHED }); // three picks, "month" among them
  // The teacher then takes "Month with Most Visits" out of the table.
  const { dataset } = assignment.content;
  const content = {
    ...assignment.content,
    dataset: {
      ...dataset,
      columns: dataset.columns.filter((c) => c.id !== "month"),
      rows: dataset.rows.map((r) => ({ ...r, values: Object.fromEntries(Object.entries(r.values).filter(([id]) => id !== "month")) })),
    },
  };
  await db.update(assignments).set({ content }).where(eq(assignments.id, assignment.id));

  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Ideation");
  await expect(page.getByText("2 of 3 chosen.")).toBeVisible();
  await expect(work.datapoint("Month with Most Visits")).toHaveCount(0);
  // Allowed: a third datapoint; the removed one's pick goes, so three are saved, all in the table.
  await expect(work.datapoint("Most Visits in One Day")).toBeEnabled();
  await work.datapoint("Most Visits in One Day").check();
  await expect(page.getByText("3 of 3 chosen.")).toBeVisible();
  // Refused, as before: a fourth.
  await expect(work.datapoint("Total Spend (USD)")).toBeDisabled();
  await expect(work.saveStatus).toHaveText("Saved");
  const picks = (await workOf(db, assignment.id, student.id))!.draft.picks.map((p) => p.columnId);
  expect(picks).toEqual(["drink", "earliest", "visits"]);
});

test("a link followed within a second of typing still saves the last words; offline, the link asks first and staying keeps them", async ({
  page,
  make,
  db,
  consoleGuard,
}) => {
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Copywriting");
  const nav = page.getByRole("navigation", { name: "Breadcrumb" });

  // Allowed: the link goes at once, and the words typed just before reach the server.
  const words = `Hi [Name], see you soon ${Math.random().toString(36).slice(2, 8)}`;
  await work.copy.fill(words);
  await nav.getByRole("link", { name: "My classes" }).click();
  await expect(page).toHaveURL(/\/classes$/);
  await expect.poll(async () => (await workOf(db, assignment.id, student.id))?.draft.copy).toBe(words);

  // Refused without asking: with no connection, leaving would keep the words in this browser only.
  await work.open(assignment.id);
  await work.goTo("Copywriting");
  const offline = await dropServerActions(page, consoleGuard);
  await work.copy.fill(`${words}, offline`);
  await expect(work.saveStatus).toContainText(/retrying/i);
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.dismiss();
  });
  await nav.getByRole("link", { name: "My classes" }).click();
  await expect.poll(() => asked).toMatch(/unsaved changes/);
  await expect(page).toHaveURL(new RegExp(`/assignments/${assignment.id}`));
  await expect(work.copy).toHaveValue(`${words}, offline`);
  await offline.reconnect();
});

/** A student of a fresh class with this draft saved, on the design step, where the studio is. */
async function openStudio(page: Page, make: Make, draft = FINISHED) {
  const { student, assignment } = await make.studentInClass();
  const { submission } = await make.submission({ assignment, studentId: student.id, draft });
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Design");
  return { work, submission, studio: page.getByTestId("card-studio") };
}

test("a headline placeholder that matches no column is flagged beside the headline and in the checklist; corrected, both clear", async ({
  page,
  make,
}) => {
  const { work } = await openStudio(page, make);
  const headline = page.getByTestId("card-studio").getByRole("textbox", { name: "Headline" });
  const issues = page.getByTestId("headline-issues");
  await headline.fill("[Name], your year in [Coffe]");
  await expect(issues).toHaveText(
    "✕ [Coffe] isn't a column of the table, so it would be printed on the card as it is. Check the spelling.",
  );
  await expect(headline).toHaveAttribute("aria-invalid", "true");
  await work.goTo("Review & submit");
  await expect(work.reviewIssues).toContainText("[Coffe] in your card's headline doesn't match any column of the table.");

  await work.goTo("Design");
  await headline.fill("[Name], your year of [Most Ordered Drink]");
  await expect(issues).toHaveCount(0);
  await expect(headline).not.toHaveAttribute("aria-invalid");
  await work.goTo("Review & submit");
  await expect(work.reviewIssues).not.toContainText("headline");
});

test("a headline cleared to be rewritten, or run over the limit, is saved as it is and flagged beside the box; the work stays editable", async ({
  page,
  make,
  db,
}) => {
  const { work, submission, studio } = await openStudio(page, make);
  const headline = studio.getByRole("textbox", { name: "Headline" });
  const issues = page.getByTestId("headline-issues");
  const saved = async () =>
    (await db.select({ draft: submissions.draft }).from(submissions).where(eq(submissions.id, submission.id)))[0]!.draft.card?.headline;
  await headline.fill("");
  await expect(issues).toHaveText("Give the card a headline.");
  await expect(work.saveStatus).toHaveText("Saved");
  expect(await saved()).toBe("");
  await expect(headline).toBeEditable();
  await expect(studio.getByRole("button", { name: "Use these cards" })).toBeDisabled();

  await headline.fill(`[Name], ${"what a year ".repeat(12)}`);
  await expect(issues).toHaveText("Keep the headline under 120 characters.");
  await expect(work.saveStatus).toHaveText("Saved");
  expect((await saved())!.length).toBeGreaterThan(120);

  await headline.fill("Cheers to your year, [Name]");
  await expect(issues).toHaveCount(0);
  await expect(work.saveStatus).toHaveText("Saved");
  await work.reload();
  await work.goTo("Design");
  await expect(headline).toHaveValue("Cheers to your year, [Name]");
  await expect(studio.getByRole("button", { name: "Use these cards" })).toBeEnabled();
});

test("a placeholder that no longer fits in the copy is not inserted, and nothing at the end is cut off to make room", async ({
  page,
  make,
  db,
}) => {
  const { work, submission } = await openStudio(page, make);
  await work.goTo("Copywriting");
  // 4,990 characters, ending in an emoji (a surrogate pair) that a cut would split.
  const long = `Hi [Name]! ${"What a year of coffee. ".repeat(220)}`.slice(0, 4988) + "🎉";
  expect(long.length).toBe(4990);
  await work.copy.fill(long);
  await work.insertPlaceholder("[Most Ordered Drink]", 0);
  await expect(
    toast(page, "There's no room for [Most Ordered Drink]: your copy is at its limit of 5,000 characters. Shorten it first."),
  ).toBeVisible();
  await expect(work.copy).toHaveValue(long);
  // One that fits goes in where the cursor is.
  await work.insertPlaceholder("[Name]", 0);
  await expect(work.copy).toHaveValue(`[Name]${long}`);
  await expect(work.saveStatus).toHaveText("Saved");
  expect((await db.select({ draft: submissions.draft }).from(submissions).where(eq(submissions.id, submission.id)))[0]!.draft.copy).toBe(
    `[Name]${long}`,
  );
});

test("the card the studio first shows can be used as it is, before the student changes anything", async ({ page, make, db }) => {
  const { student, assignment } = await make.studentInClass();
  const { submission } = await make.submission({ assignment, studentId: student.id, draft: FINISHED });
  expect(FINISHED.card).toBeUndefined(); // no card saved yet
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Design");
  const studio = page.getByTestId("card-studio");
  await expect(page.getByRole("heading", { level: 3, name: "Make your card here" })).toBeVisible();
  await expect(page.getByText(/Cards you use appear here\. Or upload the graphic/)).toBeVisible();
  await expect(page.getByTestId("cards-needed")).toHaveText("1 picture; your design has room for 5 more.");
  // Beside the controls on a laptop, the preview needs no small copy following the scroll (a phone's, studio.mobile.spec.ts).
  await expect(page.getByTestId("studio-preview")).toBeVisible();
  await expect(page.getByTestId("studio-mini")).toBeHidden();
  const use = studio.getByRole("button", { name: "Use these cards" });
  await use.focus();
  await page.keyboard.press("Enter");
  await expect(toast(page, "Your card was added to your design.")).toBeVisible();
  await expect(work.uploadedImages).toHaveCount(1);
  // From the keyboard too: the focus goes on to the new card rather than stay on the button, now disabled.
  await expect(work.uploadedImages.getByRole("button", { name: "Show graphic 1 in the phone preview" })).toBeFocused();
  expect(await liveImagesOf(db, submission.id)).toHaveLength(1);
  // The design used is saved as the card: the cards are a studio campaign (the teacher's preview, the Class Recap).
  const saved = (await db.select({ draft: submissions.draft }).from(submissions).where(eq(submissions.id, submission.id)))[0]!;
  expect(saved.draft.card).toEqual(DEFAULT_CARD);

  // The picture is the card as it was: once the headline changes, it says so, here and before handing in.
  const outdated = work.uploadedImages.getByTestId("card-outdated");
  await expect(outdated).toHaveCount(0);
  const headline = studio.getByRole("textbox", { name: "Headline" });
  const original = await headline.inputValue();
  await headline.fill("[Name], what a year");
  await expect(outdated).toHaveText(
    /Drawn before your latest changes to the card, copy or datapoints\. To show it as it is now, delete it/,
  );
  await work.goTo("Review & submit");
  await expect(work.reviewIssues).toContainText("Graphic 1 shows your card as it was before your last changes.");
  // Still so once saved and read back from the server; and the old headline makes it current again.
  await expect(work.saveStatus).toHaveText("Saved");
  await work.reload();
  await work.goTo("Design");
  await expect(outdated).toBeVisible();
  await headline.fill(original);
  await expect(outdated).toHaveCount(0);
  await work.goTo("Review & submit");
  await expect(page.getByRole("heading", { level: 2, name: "Review & submit" })).toBeVisible();
  await expect(page.getByText(/Graphic 1 shows your card/)).toHaveCount(0); // nothing left to fix: no list at all
});

test("'Use these cards' clicked twice while the draft is still saving draws the cards once; a later click adds another set", async ({
  page,
  make,
  db,
}) => {
  const { work, submission, studio } = await openStudio(page, make);
  // The draft's saves are held on their way to the server: "Use these cards" waits for its save first.
  const release = await holdServerAction(page, "saveDraftAction");
  // By its id: its name says "Drawing…" while the cards are on their way.
  const use = studio.locator(`#${USE_CARDS_ID}`);
  await studio.getByRole("radio", { name: "Midnight" }).check();
  await expect(page.getByTestId("cards-needed")).toHaveText("1 picture; your design has room for 5 more.");
  await use.click();
  // While the first click waits for the save, a second can't be made: the button is drawing.
  await expect(use).toHaveText("Drawing…");
  await expect(use).toBeDisabled();
  release();
  await expect(toast(page, "Your card was added to your design.")).toBeVisible();
  await expect(use).toHaveText("Use these cards"); // nothing is drawing any more
  await expect(work.uploadedImages).toHaveCount(1);
  expect(await liveImagesOf(db, submission.id)).toHaveLength(1);

  // Once the first set is in, no customer is ticked: using the cards again is a new choice.
  const customers = studio.getByRole("group", { name: "Customers" }).getByRole("checkbox");
  await expect(studio.getByRole("group", { name: "Customers" }).getByRole("checkbox", { checked: true })).toHaveCount(0);
  await expect(use).toBeDisabled();
  // What was just done, rather than what reads like a mistake ("Choose at least one customer").
  const needed = page.getByTestId("cards-needed");
  await expect(needed).toHaveText("Added 1 picture to your design (room for 4 more). Tick customers to draw more.");
  await customers.first().check();
  await expect(needed).toHaveText("1 picture; your design has room for 4 more.");
  await customers.first().uncheck();
  await expect(needed).toHaveText("Choose at least one customer.");
  await customers.first().check();
  await use.click();
  await expect(work.uploadedImages).toHaveCount(2);
  await expect(use).toBeDisabled(); // nothing ticked again
  expect(await liveImagesOf(db, submission.id)).toHaveLength(2);
  // Filled to the limit: the line says so, rather than to tick more customers.
  await studio.getByRole("radio", { name: /One datapoint per card/ }).check();
  await customers.first().check();
  await expect(needed).toHaveText("3 pictures; your design has room for 3 more.");
  await use.click();
  await expect(work.uploadedImages).toHaveCount(5);
  await expect(needed).toHaveText("Added 3 pictures to your design, which is now full. Delete a graphic there to draw more.");
});

test("cards still being drawn when the student goes to another step: 'Drawing…' on coming back, and the review waits for them", async ({
  page,
  make,
  db,
}) => {
  const { work, submission, studio } = await openStudio(page, make);
  const release = await holdServerAction(page, "addCardsAction");
  const use = studio.locator(`#${USE_CARDS_ID}`);
  await use.click();
  await expect(use).toHaveText("Drawing…");

  // Away and back while the cards are drawn: still drawing, so no second set can be started.
  await work.goTo("Reflection");
  await work.goTo("Design");
  await expect(use).toHaveText("Drawing…");
  await expect(use).toBeDisabled();
  // The review waits for them, and says why.
  await work.goTo("Review & submit");
  const submit = work.submitButton("Submit my work");
  await expect(submit).toBeDisabled();
  await expect(page.getByTestId("uploads-pending")).toHaveText(
    "Your cards are still being drawn. You can hand in once they are in your design.",
  );
  await expect(submit).toHaveAccessibleDescription("Your cards are still being drawn. You can hand in once they are in your design.");

  release();
  await expect(toast(page, "Your card was added to your design.")).toBeVisible();
  await expect(page.getByTestId("uploads-pending")).toHaveCount(0);
  await expect(submit).toBeEnabled();
  await work.goTo("Design");
  await expect(work.uploadedImages).toHaveCount(1);
  await expect(use).toHaveText("Use these cards");
  expect(await liveImagesOf(db, submission.id)).toHaveLength(1);
});

test("the studio's customers: the previewed one is ticked until the student chooses, none may be, and a headline with an unknown placeholder draws nothing", async ({
  page,
  make,
}) => {
  const { studio } = await openStudio(page, make);
  const use = studio.getByRole("button", { name: "Use these cards" });
  const customers = studio.getByRole("group", { name: "Customers" }).getByRole("checkbox");
  const needed = page.getByTestId("cards-needed");
  await expect(studio.getByRole("group", { name: "Customers" }).getByRole("checkbox", { checked: true })).toHaveCount(1);
  await expect(customers.first()).toBeChecked();
  // Unticking the only one leaves none (it used to stay ticked), and nothing to draw.
  await customers.first().uncheck();
  await expect(customers.first()).not.toBeChecked();
  await expect(needed).toHaveText("Choose at least one customer.");
  await expect(use).toBeDisabled();
  await customers.nth(1).check();
  await customers.nth(2).check();
  await expect(needed).toHaveText("2 pictures; your design has room for 5 more.");
  await expect(use).toBeEnabled();
  // Three cards each, one datapoint per card: six don't fit, and the box says what to do.
  await studio.getByRole("radio", { name: /One datapoint per card/ }).check();
  await expect(needed).toHaveText("6 pictures; your design has room for 5 more. Untick a customer, or delete a graphic from your design.");
  await expect(use).toBeDisabled();
  await customers.nth(2).uncheck();
  await expect(needed).toHaveText("3 pictures; your design has room for 5 more.");
  await studio.getByRole("radio", { name: /All three on one card/ }).check();
  await customers.nth(2).check();
  // A placeholder no column matches would be printed on the cards as it is: fix it first.
  const headline = studio.getByRole("textbox", { name: "Headline" });
  await headline.fill("[Name], your [Pastri] year");
  await expect(use).toBeDisabled();
  await expect(needed).toContainText("Fix the headline first.");
  await headline.fill("[Name], your year");
  await expect(use).toBeEnabled();
});

test("copy with a placeholder that matches no column, or a stray bracket, is flagged in the studio, which draws no cards until the placeholder is fixed", async ({
  page,
  make,
}) => {
  const { studio } = await openStudio(page, make, { ...FINISHED, copy: "Hey [Nmae]! Your [Most Ordered Drink] kept you going." });
  const use = studio.getByRole("button", { name: "Use these cards" });
  const checks = page.getByTestId("card-checks");
  await expect(checks).toContainText(
    "Your copy has [Nmae], which isn't a column of the table: every card would print it as typed. Check the spelling in the Copywriting step.",
  );
  await expect(checks).not.toContainText("Yes, for all");
  await expect(page.getByTestId("cards-needed")).toContainText("Fix the copy's placeholders first (in the Copywriting step).");
  await expect(use).toBeDisabled();
  // Spelled right, with a bracket left open: a warning, and the cards can be drawn.
  await new StudentWorkspace(page).goTo("Copywriting");
  await page.getByRole("textbox", { name: "Your copy" }).fill("Hey [Name]! Your [Most Ordered Drink] kept you going [all year.");
  await new StudentWorkspace(page).goTo("Design");
  await expect(checks).toContainText("Your copy has a [ or ] that isn't part of a placeholder: every card would print it.");
  await expect(checks).not.toContainText("isn't a column");
  await expect(use).toBeEnabled();
});

test("the studio draws no cards before any datapoint is chosen: they would show the headline alone", async ({ page, make }) => {
  const { studio } = await openStudio(page, make, { ...FINISHED, picks: [] });
  await expect(page.getByTestId("cards-needed")).toHaveText("Choose your datapoints in the Ideation step first: the cards show them.");
  await expect(studio.getByRole("button", { name: "Use these cards" })).toBeDisabled();
});

test("a student's class list says which unfinished work is past due or closed, and nothing for work that is open or handed in", async ({
  page,
  make,
}) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const student = await make.student();
  await make.enroll(section.id, student.id);
  const past = new Date(Date.now() - 2 * DAY);
  const open = await make.assignment(section.id, { title: "Open work", dueAt: new Date(Date.now() + 2 * DAY) });
  const late = await make.assignment(section.id, { title: "Late work", dueAt: past, acceptLate: true });
  const closed = await make.assignment(section.id, { title: "Closed work", dueAt: past, acceptLate: false });
  const handedIn = await make.assignment(section.id, { title: "Handed-in work", dueAt: past, acceptLate: true });
  await make.submission({ assignment: handedIn, studentId: student.id, draft: FINISHED, submittedAt: [new Date(past.getTime() - DAY)] });
  await signIn(page, student.email);
  await page.goto("/classes");
  const windowOf = (title: string) => page.getByRole("link", { name: new RegExp(title) }).getByTestId("assignment-window");
  await expect(windowOf(late.title)).toHaveText("Past due · late work accepted");
  await expect(windowOf(closed.title)).toHaveText("Closed");
  await expect(windowOf(open.title)).toHaveText("");
  await expect(windowOf(handedIn.title)).toHaveCount(0);
  await expect(assignmentStatus(page, handedIn.title)).toHaveText("Submitted");
});

test("after the due date, a submission is marked late for the student and for the teacher", async ({ page, make, newContext }) => {
  const work = new StudentWorkspace(page);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const student = await make.student("Lee Late");
  await make.enroll(section.id, student.id);
  const assignment = await make.assignment(section.id, {
    title: "Late but accepted",
    dueAt: new Date(Date.now() - 2 * DAY),
    acceptLate: true,
  });
  await make.submission({ assignment, studentId: student.id, draft: FINISHED }); // no graphic: incomplete
  const teacherPage = await (await newContext()).newPage();
  await Promise.all([signIn(page, student.email), signIn(teacherPage, teacher.email)]);

  await work.open(assignment.id);
  await expect(work.timeLeft).toHaveText("due 2 days ago");
  await expect(work.readOnlyReason).toHaveCount(0);
  await expect(work.idea(1)).toBeEditable();
  await work.goTo("Review & submit");
  await expect(work.reviewIssues).toContainText("Add at least one graphic: use your card from the studio, or upload one.");
  await expect(page.getByText("The due date has passed: this submission will be marked late.")).toBeVisible();
  const submit = work.submitButton("Submit my work");
  await expect(submit).toBeDisabled();
  await work.submitAnyway.check();
  await submit.click();
  await expect(toast(page, "Submitted (late). This is attempt 1.")).toBeVisible();
  await expect(work.attempts).toHaveText(/^Attempt 1: .+Late$/);
  await page.goto("/classes");
  await expect(assignmentStatus(page, "Late but accepted")).toHaveText("Submitted late");

  await teacherPage.goto(`/sections/${section.id}/assignments/${assignment.id}/students/${student.id}`);
  await expect(pageHeader(teacherPage).getByText("Submitted late")).toBeVisible();
  const history = teacherPage.getByTestId("teacher-attempts").locator("details");
  await expect(history).toHaveCount(1);
  await expect(history.locator("summary")).toHaveText(/^Attempt 1 · .+Late$/);
});

test("a closed assignment keeps the draft but refuses changes, in the page and on the server", async ({ page, make, db }) => {
  const work = new StudentWorkspace(page);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const student = await make.student();
  await make.enroll(section.id, student.id);
  const closed = await make.assignment(section.id, { dueAt: new Date(Date.now() - 3 * DAY), closeAt: new Date(Date.now() - DAY) });
  const noLate = await make.assignment(section.id, { dueAt: new Date(Date.now() - DAY), acceptLate: false });
  // A long reason: read-only, it is shown whole, not cut to the width of a one-line field.
  const longReason = `${FINISHED.picks[0]!.reason} And when it is a drink they order every single morning, seeing it named feels like the shop really knows them.`;
  const draft = {
    ...FINISHED,
    ideas: [...FINISHED.ideas, { id: "blank", text: " " }], // an idea left empty says so
    picks: [{ ...FINISHED.picks[0]!, reason: longReason }, ...FINISHED.picks.slice(1)],
  };
  const { submission } = await make.submission({ assignment: closed, studentId: student.id, draft });
  await signIn(page, student.email);

  await work.open(closed.id);
  await expect(work.header).toContainText(/· closed \w/); // not "closes", a date gone by
  await expect(work.readOnlyReason).toHaveText(
    "This assignment is closed, so nothing more can be saved or submitted. Your work so far is kept.",
  );
  await expect(work.saveStatus).toHaveCount(0);
  // Ideas and reasons are text, shown whole; nothing to type into.
  await expect(work.shownIdeas).toHaveText([...FINISHED.ideas.map((i) => i.text), "Empty idea"]);
  await expect(work.idea(1)).toHaveCount(0);
  await expect(work.newIdea).toHaveCount(0);
  await expect(work.reasonFor("Most Ordered Drink")).toHaveCount(0);
  await expect(work.shownReason("drink")).toHaveText(longReason);
  expect(await work.shownReason("drink").evaluate((e) => e.scrollWidth <= e.clientWidth && e.clientHeight > 40)).toBe(true);
  await expect(work.shownReason("earliest")).toHaveText(FINISHED.picks[1]!.reason);
  await work.goTo("Copywriting");
  await expect(work.copy).toHaveValue(FINISHED.copy);
  await expect(work.copy).not.toBeEditable();
  await expect(work.placeholders).toHaveCount(0);
  await work.goTo("Design");
  await expect(work.imageInput).toHaveCount(0);
  // The card is shown, not offered for making; nothing invites an upload.
  await expect(page.getByRole("heading", { level: 3, name: "Your card" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Make your card here" })).toHaveCount(0);
  await expect(page.getByText(/Or upload the graphic/)).toHaveCount(0);
  await work.goTo("Reflection");
  await expect(work.question(1)).toHaveValue(FINISHED.answers.q1!);
  await expect(work.question(1)).not.toBeEditable();
  await work.goTo("Review & submit");
  await expect(work.submitButton()).toHaveCount(0);

  // Straight to the server, as a script would: nothing is submitted or saved.
  const submitted = await postAction(page.request, findServerAction("submitWorkAction"), [
    { assignmentId: closed.id, baseVersion: submission.version, confirmIncomplete: true },
  ]);
  expect(submitted.body).toContain('"ok":false');
  expect(submitted.body).toContain("This assignment is closed, so nothing more can be saved or submitted. Your work so far is kept.");
  const saved = await postAction(page.request, findServerAction("saveDraftAction"), [
    { assignmentId: closed.id, baseVersion: submission.version, draft: { ...FINISHED, copy: "Changed after closing" } },
  ]);
  expect(saved.body).toContain('"ok":false');
  expect(await workOf(db, closed.id, student.id)).toEqual(submission);
  expect(await db.select().from(attempts).where(eq(attempts.submissionId, submission.id))).toHaveLength(0);

  // Past the due date without late work accepted: read-only too, with its own reason. Nothing was
  // saved here, so nothing is said to be kept.
  await work.open(noLate.id);
  await expect(work.readOnlyReason).toHaveText("The due date has passed and this assignment doesn't accept late work.");
  await expect(work.newIdea).toHaveCount(0);
  await work.goTo("Review & submit");
  await expect(work.submitButton()).toHaveCount(0);
});

test(
  "only the student sees their work: classmates, other classes and other teachers get nothing",
  { tag: "@scale" },
  async ({ page, make, newContext, consoleGuard }) => {
    test.slow(); // three browsers signed in at once, each checked against the same work
    consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
    const work = new StudentWorkspace(page);
    const teacher = await make.teacher();
    const otherTeacher = await make.teacher();
    const section = await make.section(teacher.id);
    const otherSection = await make.section(teacher.id);
    const [author, classmate, outsider] = [await make.student(), await make.student(), await make.student()];
    await make.enroll(section.id, author.id);
    await make.enroll(section.id, classmate.id);
    await make.enroll(otherSection.id, outsider.id);
    const assignment = await make.assignment(section.id, { title: "Private work" });
    const secret = "Hi [Name]! This copy is the author's secret.";
    const { images } = await make.submission({
      assignment,
      studentId: author.id,
      draft: { ...FINISHED, copy: secret },
      images: [await storedImage(1080, 1350, "Author's graphic")],
    });
    const imageUrl = `/api/images/${images[0]!.id}`;

    const outsiderPage = await (await newContext()).newPage();
    const teacherPage = await (await newContext()).newPage();
    await Promise.all([signIn(page, classmate.email), signIn(outsiderPage, outsider.email), signIn(teacherPage, otherTeacher.email)]);

    // A classmate opens the same assignment and finds only their own, empty, draft.
    await work.open(assignment.id);
    await expect(page.getByRole("heading", { level: 1, name: "Private work" })).toBeVisible();
    await expect(work.header.getByText("Not started")).toBeVisible();
    await expect(work.idea(1)).toHaveCount(0);
    await work.goTo("Copywriting");
    await expect(work.copy).toHaveValue("");
    await expect(page.getByText("the author's secret")).toHaveCount(0);
    await work.goTo("Design");
    await expect(work.uploadedImages).toHaveCount(0);
    for (const variant of ["full", "thumb"])
      expect((await page.request.get(`${imageUrl}?variant=${variant}`)).status(), `classmate, ${variant}`).toBe(404);

    // A student of another class, and another teacher: no assignment page, no image.
    await expectNotFound(outsiderPage, `/assignments/${assignment.id}`);
    await expect(outsiderPage.getByText("Private work")).toHaveCount(0);
    expect((await outsiderPage.request.get(imageUrl)).status()).toBe(404);
    await expectNotFound(teacherPage, `/assignments/${assignment.id}`);
    expect((await teacherPage.request.get(imageUrl)).status()).toBe(404);
    await expectNotFound(teacherPage, `/sections/${section.id}/assignments/${assignment.id}/students/${author.id}`);
  },
);

test("a submit refused while changes wait offline says so, and the message goes once they are saved; then it submits", async ({
  page,
  context,
  make,
  consoleGuard,
}) => {
  consoleGuard.allow(/ERR_INTERNET_DISCONNECTED/);
  const { student, assignment } = await make.studentInClass();
  await make.submission({ assignment, studentId: student.id, draft: FINISHED });
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);
  // Each step's code is fetched once, online.
  await work.goTo("Review & submit");
  await work.goTo("Copywriting");
  await context.setOffline(true);
  await work.copy.fill("Hi [Name]! Written on the bus.");
  await expect(work.saveStatus).toHaveText("Not saved — retrying");
  await work.goTo("Review & submit");
  await work.submitAnyway.check();
  const submit = work.submitButton("Submit my work");
  await submit.click();
  const refused = page.getByText("Your latest changes aren't saved yet, so they can't be submitted.");
  await expect(refused).toBeVisible();
  // Refused no longer once the connection is back and the change is saved.
  await context.setOffline(false);
  await expect(work.saveStatus).toHaveText("Saved");
  await expect(refused).toHaveCount(0);
  await submit.click();
  await expect(toast(page, "Submitted. This is attempt 1.")).toBeVisible();
});

test(
  "autosave: offline edits retry and reach the server; a second tab's outdated save asks which version to keep",
  { tag: "@scale" },
  async ({ page, context, make, db, consoleGuard }) => {
    test.slow(); // a save retried after going offline, then two tabs saving against each other
    consoleGuard.allow(/ERR_INTERNET_DISCONNECTED/);
    const work = new StudentWorkspace(page);
    const { student, assignment } = await make.studentInClass();
    await signIn(page, student.email);
    await work.open(assignment.id);
    await work.goTo("Copywriting");
    const copy = work.copy;
    const savedCopy = async () => (await workOf(db, assignment.id, student.id))?.draft.copy;

    // Offline: the change waits on this device and is retried once the network is back.
    await context.setOffline(true);
    await copy.fill("Hi [Name]! Written on the bus.");
    await expect(work.saveStatus).toHaveText("Not saved — retrying");
    expect(await savedCopy()).toBeUndefined();
    const local = await page.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith("recap:draft:"))?.[1]);
    expect(JSON.parse(local!).draft.copy).toBe("Hi [Name]! Written on the bus.");
    await context.setOffline(false);
    await expect(work.saveStatus).toHaveText("Saved");
    expect(await savedCopy()).toBe("Hi [Name]! Written on the bus.");
    await work.reload();
    await work.goTo("Copywriting");
    await expect(copy).toHaveValue("Hi [Name]! Written on the bus.");

    // Two tabs on the same work. Tab A saves first; tab B, still on the old version, must not overwrite it.
    const tabB = await context.newPage();
    const workB = new StudentWorkspace(tabB);
    await workB.open(assignment.id);
    await workB.goTo("Copywriting");
    await copy.fill("Hi [Name]! Tab A's version.");
    await expect(work.saveStatus).toHaveText("Saved");
    await workB.copy.fill("Hi [Name]! Tab B's version.");
    const conflict = workB.conflict;
    await expect(conflict).toContainText("This work was changed in another tab or on another device.");
    await expect(workB.saveStatus).toHaveText("Changed elsewhere: see why");
    await expect(conflict).toContainText("Tab A's version."); // the other version, shown for comparison
    await expect(conflict.locator("dt")).toHaveText(["Copy", "Copy"]); // only the part that differs, on each side
    await expect(conflict).toBeInViewport();
    // Scrolled away from it, the status line brings it back.
    await tabB.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await workB.saveStatus.getByRole("button", { name: "Changed elsewhere: see why" }).click();
    await expect(conflict).toBeInViewport();
    await expect(tabB.getByTestId("save-trouble")).toBeFocused();
    expect(await savedCopy()).toBe("Hi [Name]! Tab A's version."); // nothing overwritten before the choice

    // Keep B's: it now replaces A's on the server. Then A, now outdated, gets the choice and takes B's.
    await conflict.getByRole("button", { name: "Keep this tab's version" }).click();
    await expect(conflict).toHaveCount(0);
    await expect(workB.saveStatus).toHaveText("Saved");
    expect(await savedCopy()).toBe("Hi [Name]! Tab B's version.");
    await copy.fill("Hi [Name]! Tab A, second try.");
    await expect(work.conflict).toBeVisible();
    expect(await savedCopy()).toBe("Hi [Name]! Tab B's version.");
    await work.conflict.getByRole("button", { name: "Use the other version" }).click();
    await expect(work.conflict).toHaveCount(0);
    await expect(copy).toHaveValue("Hi [Name]! Tab B's version.");
    await expect(work.saveStatus).toHaveText("Saved");
    // And A keeps working normally from the version it took.
    await copy.fill("Hi [Name]! Tab A, after choosing.");
    await expect(work.saveStatus).toHaveText("Saved");
    expect(await savedCopy()).toBe("Hi [Name]! Tab A, after choosing.");
  },
);

test("when the session ends, typing is stopped with the reason in view and a link to sign in again that comes back to the work", async ({
  page,
  make,
}) => {
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  await make.submission({ assignment, studentId: student.id, draft: FINISHED });
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Reflection");
  await expect(work.saveStatus).toHaveText("Saved");
  await page.context().clearCookies({ name: /session-token/ });
  await work.question(3).fill("Written after the session ended.");
  await expect(work.saveStatus).toHaveText("Not saved: see why");
  const reason = page.getByRole("alert").filter({ hasText: "Your session has ended. Sign in again to continue." });
  await expect(reason).toBeInViewport();
  await expect(work.question(3)).not.toBeEditable();
  await reason.getByRole("link", { name: "Sign in again" }).click();
  await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(`/assignments/${assignment.id}`)}`);
});

test("closed by the teacher while the student types: what was saved stays saved, and the page says the newest words exist only on it", async ({
  page,
  make,
  db,
}) => {
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  await make.submission({ assignment, studentId: student.id, draft: FINISHED });
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Reflection");
  // Allowed while open: saved.
  await work.question(3).fill("Saved before the close.");
  await expect(work.saveStatus).toHaveText("Saved");
  // The teacher closes the assignment; the next words are refused.
  await db
    .update(assignments)
    .set({ closeAt: new Date(Date.now() - 1000) })
    .where(eq(assignments.id, assignment.id));
  await work.question(3).fill("Saved before the close. Typed after it.");
  await expect(work.saveStatus).toHaveText("Not saved: see why");
  const reason = page.getByRole("alert").filter({ hasText: "This assignment is closed, so nothing more can be saved" });
  await expect(reason).toContainText(
    "What you changed since it was last saved is still on this page but was not saved: copy anything you want to keep before you leave.",
  );
  await expect(reason).toBeInViewport();
  await expect(work.question(3)).toHaveValue("Saved before the close. Typed after it.");
  await expect(work.question(3)).not.toBeEditable();
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.assignmentId, assignment.id), eq(submissions.studentId, student.id)));
  expect(row!.draft.answers.q3).toBe("Saved before the close.");
});

test("on a shared computer, a picture a student opened is not shown again from the browser's copy once they sign out", async ({
  page,
  make,
  consoleGuard,
}) => {
  consoleGuard.allow(/status of 401/);
  // Chromium's own viewer for an image opened in a tab styles and scripts its page; the image route's
  // policy (default-src 'none'; sandbox) refuses both, and the console says so.
  consoleGuard.allow(/on http:\/\/[^ ]+\/api\/images\/[^ ]+: (Applying inline style violates|Blocked script execution)/);
  const { student, assignment } = await make.studentInClass();
  const { images } = await make.submission({
    assignment,
    studentId: student.id,
    draft: FINISHED,
    images: [await storedImage(1080, 1350, "Mine")],
  });
  const imageUrl = `/api/images/${images[0]!.id}`;
  await signIn(page, student.email);
  const opened = await page.goto(imageUrl);
  expect([opened?.status(), opened?.headers()["content-type"]]).toEqual([200, "image/png"]);

  // Signed out, the same address (from the history, say) reaches the server, which refuses: with
  // max-age the browser showed its copy. (Back shows a cached copy even when it is marked no-cache,
  // so the route sends no-store: its unit test holds it to that.)
  await page.goto("/classes");
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.goto(imageUrl))?.status()).toBe(401);

  // Signed in again, it shows.
  await signIn(page, student.email);
  const again = await page.goto(imageUrl);
  expect([again?.status(), again?.headers()["content-type"]]).toEqual([200, "image/png"]);
});

test("a network that drops while the page loads: the later steps fail to fetch without an error, and open once it is back", async ({
  page,
  make,
  consoleGuard,
}) => {
  consoleGuard.allow(/ERR_INTERNET_DISCONNECTED/);
  const { student, assignment } = await make.studentInClass();
  await signIn(page, student.email);
  // The page's first load is what its HTML names; the later steps are fetched after it, ahead of
  // use. Here they are refused (each twice: the runtime retries a chunk once) until the network is back.
  // (The stylesheet the HTML names is part of the first load too: without it the page is unstyled.)
  const chunk = (url: string) => /static\/chunks\/([\w.-]+\.(?:js|css))/.exec(url)?.[1];
  const html = await (await page.request.get(`/assignments/${assignment.id}`)).text();
  const firstLoad = new Set([...html.matchAll(/static\/chunks\/[\w.-]+\.(?:js|css)/g)].map((m) => chunk(m[0])));
  const refused = new Map<string, number>();
  let online = false;
  await page.route("**/_next/static/chunks/**", (route) => {
    const name = chunk(route.request().url())!;
    if (online || firstLoad.has(name)) return route.continue();
    refused.set(name, (refused.get(name) ?? 0) + 1);
    return route.abort("internetdisconnected");
  });
  const work = new StudentWorkspace(page);
  await work.open(assignment.id);
  await expect.poll(() => [...refused.values()].filter((times) => times >= 2).length).toBeGreaterThan(0);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100))); // the refusals reach the page
  await expect(work.newIdea).toBeEditable(); // the open step works on

  // The network is back, and the browser says so: what was waiting is fetched again at once.
  online = true;
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await work.goTo("Copywriting");
  await expect(work.copy).toBeEditable();
  await work.goTo("Design");
  await expect(work.chooseImages).toBeVisible();
  await work.goTo("Reflection");
  await expect(
    page
      .getByRole("tabpanel", { name: /^Reflection/ })
      .getByRole("textbox")
      .first(),
  ).toBeEditable();
  // (the guard fails the test on any uncaught error: a refused fetch ahead of use is none)
});

test("signing out of a shared computer removes changes still waiting in this browser, in every tab, after asking; cancelling keeps them", async ({
  page,
  context,
  make,
  db,
  consoleGuard,
}) => {
  consoleGuard.allow(/Failed to load resource: net::ERR_FAILED/);
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Copywriting");
  // Another student's waiting changes in the same browser are theirs to keep.
  const othersKey = "recap:draft:someone-else:an-assignment";
  await page.evaluate((key) => localStorage.setItem(key, "{}"), othersKey);
  const waiting = () =>
    page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith("recap:draft:"))
        .sort(),
    );
  const mine = `recap:draft:${student.id}:${assignment.id}`;

  // The draft saves fail on their way out, in every tab, so the change waits in this browser.
  const save = findServerAction("saveDraftAction").id;
  await context.route("**/*", (route) => (route.request().headers()["next-action"] === save ? route.abort("failed") : route.continue()));
  await work.copy.fill("Hi [Name]! Not on the server yet.");
  await expect(work.saveStatus).toHaveText("Not saved — retrying");
  expect(await waiting()).toEqual([mine, othersKey].sort());
  // The same work open in a second tab, which would write its own waiting change back.
  const tabB = new StudentWorkspace(await context.newPage());
  await tabB.open(assignment.id);
  await tabB.goTo("Copywriting");

  const signOut = page.getByRole("banner").getByRole("button", { name: "Sign out" });
  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await signOut.click();
  await expect.poll(() => asked).toEqual([expect.stringContaining("Some of your changes have not reached the server yet.")]);
  await expect(page).toHaveURL(new RegExp(`/assignments/${assignment.id}`));
  expect(await waiting(), "cancelled: nothing removed").toEqual([mine, othersKey].sort());

  page.once("dialog", (dialog) => void dialog.accept());
  await signOut.click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await waiting(), "this student's waiting change is gone; the other student's stays").toEqual([othersKey]);
  // The other tab, opened before the sign-out, keeps nothing more in this browser.
  await tabB.copy.fill("Hi [Name]! Typed in the other tab afterwards.");
  await expect(tabB.saveStatus).toHaveText("Not saved — retrying");
  expect(await waiting()).toEqual([othersKey]);
  expect((await workOf(db, assignment.id, student.id))?.draft.copy).toBeUndefined();

  // Signed in again, a workspace opened now keeps its waiting changes as before.
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Copywriting");
  await work.copy.fill("Hi [Name]! After signing in again.");
  await expect(work.saveStatus).toHaveText("Not saved — retrying");
  expect(await waiting()).toEqual([mine, othersKey].sort());
});

test("an idea typed but not added joins the list when the student goes to another step or reloads; an empty box adds nothing", async ({
  page,
  make,
  db,
}) => {
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.addIdea("Their go-to drink", "Enter");
  // Typed, then off to another step without Add idea: it is in the list on coming back, and saved.
  await work.newIdea.fill("Most visits on a rainy day");
  await work.goTo("Reflection");
  await work.goTo("Ideation");
  await expect(work.idea(2)).toHaveValue("Most visits on a rainy day");
  await expect(work.newIdea).toHaveValue("");
  await expect(work.saveStatus).toHaveText("Saved");
  // Typed, then the page reloads: it comes back in the list.
  await work.newIdea.fill("The first order of the year");
  await work.reload();
  await expect(work.idea(3)).toHaveValue("The first order of the year");
  await expect(work.saveStatus).toHaveText("Saved");
  expect((await workOf(db, assignment.id, student.id))!.draft.ideas.map((i) => i.text)).toEqual([
    "Their go-to drink",
    "Most visits on a rainy day",
    "The first order of the year",
  ]);
  // Typed, then a link to another page of the app: in the list on coming back.
  await work.newIdea.fill("A thought before leaving");
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "My classes" }).click();
  await expect(page).toHaveURL(/\/classes$/);
  await work.open(assignment.id);
  await expect(work.idea(4)).toHaveValue("A thought before leaving");
  // Nothing typed (or only spaces): nothing added.
  await work.newIdea.fill("   ");
  await work.goTo("Reflection");
  await work.goTo("Ideation");
  await expect(work.idea(5)).toHaveCount(0);
  await expect(work.saveStatus).toHaveText("Saved");
  expect((await workOf(db, assignment.id, student.id))!.draft.ideas).toHaveLength(4);
});

test("with the list of ideas full, Enter in the box keeps what was typed", async ({ page, make }) => {
  const work = new StudentWorkspace(page);
  const { student, assignment } = await make.studentInClass();
  const ideas = Array.from({ length: WORK_LIMITS.ideas }, (_, i) => ({ id: `idea-${i}`, text: `Idea ${i + 1}` }));
  await make.submission({ assignment, studentId: student.id, draft: { ...emptyDraft(), ideas } });
  await signIn(page, student.email);
  await work.open(assignment.id);
  await expect(work.idea(WORK_LIMITS.ideas)).toHaveValue(`Idea ${WORK_LIMITS.ideas}`);
  await work.newIdea.fill("One too many");
  await work.newIdea.press("Enter");
  await expect(work.newIdea).toHaveValue("One too many");
  await expect(work.idea(WORK_LIMITS.ideas + 1)).toHaveCount(0);
});
