import { and, eq } from "drizzle-orm";
import { submissions } from "../db/schema";
import { expect, expectNoHorizontalScroll, expectNoZoomingFields, signIn, test } from "./support/fixtures";
import { draftFor } from "./support/grading-data";
import { testImages } from "./support/images";
import { assignmentStatus, StudentWorkspace } from "./support/pages/workspace";
import { holdScripts, toast, waitForReady } from "./support/ui";
import type { Locator } from "@playwright/test";

// Runs in the "phone" project (390×844, touch): see playwright.config.ts.

/** Every one of these controls is at least 40 px tall (the app's buttons) and 8 px clear of the others: a thumb hits the one it aims at. */
async function expectThumbSized(controls: Locator) {
  const boxes = await controls.evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.textContent ?? "", left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );
  expect(boxes.length).toBeGreaterThan(1);
  for (const [i, a] of boxes.entries()) {
    expect(a.bottom - a.top, `${a.name} is thumb-sized`).toBeGreaterThanOrEqual(40);
    for (const b of boxes.slice(i + 1)) {
      const apart = Math.max(b.left - a.right, a.left - b.right, b.top - a.bottom, a.top - b.bottom);
      expect(apart, `${a.name} and ${b.name} are apart`).toBeGreaterThanOrEqual(8);
    }
  }
}

test("on a phone, a student does the whole assignment, uploads a graphic and submits, without sideways scrolling", async ({
  page,
  make,
  db,
}) => {
  test.slow();
  const images = await testImages();
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Phone class" });
  const student = await make.student();
  await make.enroll(section.id, student.id);
  const assignment = await make.assignment(section.id, { title: "Recap on the go" });

  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await expect(assignmentStatus(page, "Recap on the go")).toHaveText("Not started");
  await expectNoHorizontalScroll(page);
  await page.getByRole("link", { name: /Recap on the go/ }).tap();
  await expect(page.getByRole("heading", { level: 1, name: "Recap on the go" })).toBeVisible();
  await waitForReady(page);
  await expectNoHorizontalScroll(page);

  // On a slow phone, the step's controls wait for the page to hydrate: a box ticked before then would
  // show as ticked without being in the work that is saved.
  const release = await holdScripts(page);
  await page.reload({ waitUntil: "domcontentloaded" });
  await expect(work.datapoint("Most Ordered Pastry")).toBeDisabled();
  await expect(work.newIdea).toBeDisabled();
  await release();
  await waitForReady(page);

  // Ideation, with the customer table on screen.
  await expect(page.getByRole("table", { name: "Loyalty club members" })).toBeVisible();
  await work.newIdea.fill("Their favourite pastry");
  await page.getByRole("button", { name: "Add idea" }).tap();
  await expect(work.idea(1)).toHaveValue("Their favourite pastry");
  const reasons: [string, string][] = [
    ["Most Ordered Pastry", "Pastry lovers will smile."],
    ["Earliest Order (Time)", "Early birds are proud of it."],
    ["Number of Purchases", "A big number to brag about."],
  ];
  for (const [column, reason] of reasons) {
    await work.datapoint(column).tap();
    await work.reasonFor(column).fill(reason);
  }
  await expect(work.stepTab("Ideation")).toHaveAccessibleName("Ideas (done)"); // a phone names it as it shows it
  await expectNoHorizontalScroll(page);
  await expectNoZoomingFields(page); // the idea, the new idea and the three reasons

  // Copywriting, with a placeholder button and the per-customer preview.
  await work.goTo("Copywriting", { tap: true });
  await work.copy.fill("Hi ! [Number of Purchases] visits, first coffee at [Earliest Order], and a soft spot for [Pastry].");
  await work.insertPlaceholder("[Name]", 3, { tap: true });
  await expect(work.copy).toHaveValue(
    "Hi [Name]! [Number of Purchases] visits, first coffee at [Earliest Order], and a soft spot for [Pastry].",
  );
  await expect(work.copyIssues.getByRole("listitem")).toHaveCount(0);
  await expectThumbSized(page.getByRole("group", { name: "Insert a placeholder" }).getByRole("button"));
  const preview = work.preview;
  await preview.getByRole("button", { name: "Next customer" }).tap();
  await expect(preview.getByTestId("preview-customer")).toHaveText("2 of 5: James Miller");
  await expect(preview.getByTestId("merged-copy")).toHaveText(
    "Hi James Miller! 98 visits, first coffee at 6:45 AM, and a soft spot for Blueberry Muffin.",
  );
  await expectNoHorizontalScroll(page);

  // The checklist's links to the steps left are thumb-sized too; Design's leads there.
  await work.goTo("Review & submit", { tap: true });
  const checklist = page.getByTestId("review-issues").getByRole("button");
  await expect(checklist.first()).toBeVisible();
  await expectThumbSized(checklist);

  // Design: a real portrait graphic, uploaded from the phone.
  await checklist.filter({ hasText: "Design" }).first().tap();
  // A touch screen is not told to drag files; it is told what it can pick.
  await expect(page.getByText("Drag images here, or")).toBeHidden();
  await expect(page.getByText("Add a photo or a saved graphic (PNG, JPEG or WebP).")).toBeVisible();
  await work.imageInput.setInputFiles(images.portrait);
  const card = work.uploadedImages;
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId("image-checks").getByRole("listitem")).toHaveText([
    "✓ Vertical: fits a phone screen.",
    "✓ 1080 px wide: text will stay sharp.",
  ]);
  await expect.poll(() => card.getByRole("img").evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1))).toBe(480);
  await expect(work.phonePreview.getByRole("img")).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoZoomingFields(page); // the graphic's caption, among others

  // Reflection.
  await work.goTo("Reflection", { tap: true });
  for (const n of [1, 2, 3]) await work.question(n).fill(`Answer ${n}, typed on a phone.`);
  await expect(work.stepTab("Reflection")).toHaveAccessibleName("Reflect (done)");
  await expect(work.saveStatus).toHaveText("Saved");
  await expectNoHorizontalScroll(page);

  // Review and submit.
  await work.goTo("Review & submit", { tap: true });
  await expect(page.getByText("Everything is in place.")).toBeVisible();
  await work.submitButton("Submit my work").tap();
  await expect(toast(page, "Submitted. This is attempt 1.")).toBeVisible();
  await expect(work.attemptList).toContainText("Attempt 1:");
  await expectNoHorizontalScroll(page);
  const stored = (
    await db
      .select()
      .from(submissions)
      .where(and(eq(submissions.assignmentId, assignment.id), eq(submissions.studentId, student.id)))
  )[0];
  expect(stored).toMatchObject({ attemptCount: 1, late: false });
  expect(stored!.draft.answers).toEqual({
    q1: "Answer 1, typed on a phone.",
    q2: "Answer 2, typed on a phone.",
    q3: "Answer 3, typed on a phone.",
  });

  await page.goto("/classes");
  await expect(assignmentStatus(page, "Recap on the go")).toHaveText("Submitted");
  await expectNoHorizontalScroll(page);
});

test("on a short phone screen, a field Shift+Tab reaches under the step bar is scrolled out from under it", async ({ page, make }) => {
  const { section, student } = await make.studentInClass();
  const assignment = await make.assignment(section.id);
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  // 390×500: a phone in landscape, or text zoomed to 200% on a small laptop.
  await page.setViewportSize({ width: 390, height: 500 });
  await work.open(assignment.id);
  await work.goTo("Reflection", { tap: true });
  const stepBar = page.locator(".sticky").filter({ has: page.getByRole("tablist", { name: "Steps" }) });
  await work.question(3).focus();
  // The student has scrolled up a little: question 2 is on screen, its top just under the bar.
  await work.question(2).evaluate((field) => window.scrollBy(0, field.getBoundingClientRect().top - 20));
  const bar = (await stepBar.boundingBox())!;
  expect((await work.question(2).boundingBox())!.y).toBeLessThan(bar.y + bar.height);
  await page.keyboard.press("Shift+Tab");
  await expect(work.question(2)).toBeFocused();
  // The browser counts the bar's height as off screen, so it scrolls the field to just below it.
  await expect.poll(async () => (await work.question(2).boundingBox())!.y).toBeGreaterThanOrEqual(bar.y + bar.height);
});

/** Where a box ends on screen, as drawn. */
const bottomOf = async (locator: Locator) => {
  const box = (await locator.boundingBox())!;
  return box.y + box.height;
};

test("on a 360 px phone, an Undo toast never covers the focused field: the one focus moves to, or the one Tab reaches", async ({
  page,
  make,
}) => {
  const { student, assignment } = await make.studentInClass();
  await make.submission({ assignment, studentId: student.id, draft: draftFor("toast") });
  const work = new StudentWorkspace(page);
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Ideation", { tap: true });
  // The only idea at the foot of the screen: removing it sends the focus to the new-idea box in its place.
  const remove = page.getByRole("button", { name: "Remove idea 1" });
  await remove.evaluate((button) => window.scrollBy(0, button.getBoundingClientRect().bottom - (window.innerHeight - 12)));
  expect(await bottomOf(remove)).toBeGreaterThan(700);
  // When the page scrolls, and when the toast's slide ends.
  await page.evaluate(() => {
    const seen = { scrolls: [] as number[], slid: [] as number[] };
    Object.assign(window, { seen });
    window.addEventListener("scroll", () => seen.scrolls.push(performance.now()));
    document.addEventListener("transitionend", (event) => {
      if (event.target instanceof Element && event.target.matches("[data-sonner-toast]")) seen.slid.push(performance.now());
    });
  });
  await remove.tap();
  await expect(work.newIdea).toBeFocused();
  // The toast's top once it has slid in, its close button (which sticks out above it) included.
  const undo = toast(page, /^Idea removed/);
  let top = Infinity;
  await expect
    .poll(async () => {
      const [box, close] = await Promise.all([undo.boundingBox(), undo.getByRole("button", { name: "Close toast" }).boundingBox()]);
      const settled = box !== null && close !== null && Math.min(box.y, close.y) === top;
      top = Math.min(box?.y ?? Infinity, close?.y ?? Infinity);
      return settled;
    })
    .toBe(true);
  await expect.poll(() => bottomOf(work.newIdea)).toBeLessThanOrEqual(top);
  // The field moved clear as the toast arrived, measured where it would come to rest: not again once
  // its slide ended, when a finger may already be on its way to something else on the page.
  const seen = await page.evaluate(() => (window as unknown as { seen: { scrolls: number[]; slid: number[] } }).seen);
  expect(seen.slid.length).toBeGreaterThan(0);
  expect(seen.scrolls.length).toBeGreaterThan(0);
  expect(Math.max(...seen.scrolls)).toBeLessThan(Math.min(...seen.slid));

  // A field under the toast, reached with Tab: the browser scrolls it to just above the toast.
  const reason = work.reasonFor("Most Ordered Drink");
  await work.datapoint("Most Ordered Drink").focus();
  await reason.evaluate((field) => window.scrollBy(0, field.getBoundingClientRect().bottom - (window.innerHeight - 12)));
  expect(await bottomOf(reason)).toBeGreaterThan(top);
  await page.keyboard.press("Tab");
  await expect(reason).toBeFocused();
  await expect.poll(() => bottomOf(reason)).toBeLessThanOrEqual(top);
  await expect(undo).toBeVisible(); // still there: an Undo toast stays until dismissed
});

test("on a 320 px phone, the Review & submit step wraps a long word or link in the work instead of scrolling sideways", async ({
  page,
  make,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const { student, assignment } = await make.studentInClass();
  const long = `Sooooooooooooooooooooooooooooooooooooooooooooooooooo-fun${"!".repeat(40)}`;
  const link = "https://open.spotify.com/wrapped/2026/top-songs-of-the-year-for-you";
  const draft = draftFor(long);
  draft.picks[0]!.reason = `${long} ${link}`;
  draft.ideas = [{ id: "idea-1", text: link }];
  await make.submission({ assignment, studentId: student.id, draft });
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Review & submit", { tap: true });
  await expect(page.getByRole("heading", { name: "Datapoints" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: link })).toBeVisible();
  await expectNoHorizontalScroll(page);
});
