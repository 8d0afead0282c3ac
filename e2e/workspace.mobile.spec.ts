import { and, eq } from "drizzle-orm";
import { submissions } from "../db/schema";
import { expect, expectNoHorizontalScroll, signIn, test } from "./support/fixtures";
import { testImages } from "./support/images";
import type { Page } from "@playwright/test";

// Runs in the "phone" project (390×844, touch): see playwright.config.ts.

const stepTab = (page: Page, title: string) => page.getByRole("tablist", { name: "Steps" }).getByRole("tab", { name: new RegExp(`^${title}`) });

test("on a phone, a student does the whole assignment, uploads a graphic and submits, without sideways scrolling", async ({ page, make, db }) => {
  test.slow();
  const images = await testImages();
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Phone class" });
  const student = await make.student();
  await make.enroll(section.id, student.id);
  const assignment = make.assignment(section.id, { title: "Recap on the go" });

  await signIn(page, student.email);
  await expect(page.getByRole("link", { name: /Recap on the go/ }).getByTestId("assignment-status")).toHaveText("Not started");
  await expectNoHorizontalScroll(page);
  await page.getByRole("link", { name: /Recap on the go/ }).tap();
  await expect(page.getByRole("heading", { level: 1, name: "Recap on the go" })).toBeVisible();
  await expectNoHorizontalScroll(page);

  // Ideation, with the customer table on screen.
  await expect(page.getByRole("table", { name: "Loyalty club members" })).toBeVisible();
  await page.getByLabel("New idea").fill("Their favourite pastry");
  await page.getByRole("button", { name: "Add idea" }).tap();
  await expect(page.getByRole("textbox", { name: "Idea 1", exact: true })).toHaveValue("Their favourite pastry");
  const picks = page.getByRole("group", { name: "Choose three datapoints" });
  const reasons: [string, string][] = [
    ["Most Ordered Pastry", "Pastry lovers will smile."],
    ["Earliest Order (Time)", "Early birds are proud of it."],
    ["Number of Purchases", "A big number to brag about."],
  ];
  for (const [column, reason] of reasons) {
    await picks.getByRole("checkbox", { name: column }).tap();
    await page.getByLabel(`Why would customers enjoy “${column}”?`).fill(reason);
  }
  await expect(stepTab(page, "Ideation")).toHaveAccessibleName("Ideation (done)");
  await expectNoHorizontalScroll(page);

  // Copywriting, with a placeholder button and the per-customer preview.
  await stepTab(page, "Copywriting").tap();
  const copy = page.getByLabel("Your copy");
  await copy.fill("Hi ! [Number of Purchases] visits, first coffee at [Earliest Order], and a soft spot for [Pastry].");
  await copy.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(3, 3));
  await page.getByRole("group", { name: "Insert a placeholder" }).getByRole("button", { name: "[Name]", exact: true }).tap();
  await expect(copy).toHaveValue("Hi [Name]! [Number of Purchases] visits, first coffee at [Earliest Order], and a soft spot for [Pastry].");
  await expect(page.getByTestId("copy-issues").getByRole("listitem")).toHaveCount(0);
  const preview = page.getByRole("region", { name: "Preview for each customer" });
  await preview.getByRole("button", { name: "Next customer" }).tap();
  await expect(preview.getByTestId("preview-customer")).toHaveText("2 of 5: James Miller");
  await expect(preview.getByTestId("merged-copy")).toHaveText("Hi James Miller! 98 visits, first coffee at 6:45 AM, and a soft spot for Blueberry Muffin.");
  await expectNoHorizontalScroll(page);

  // Design: a real portrait graphic, uploaded from the phone.
  await stepTab(page, "Design").tap();
  await page.getByTestId("image-input").setInputFiles(images.portrait);
  const card = page.getByTestId("uploaded-image");
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId("image-checks").getByRole("listitem")).toHaveText(["✓ Portrait: fits a phone screen.", "✓ 1080 px wide: text will stay sharp."]);
  await expect.poll(() => card.getByRole("img").evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : -1))).toBe(480);
  await expect(page.getByRole("figure", { name: "Phone preview" }).getByRole("img")).toBeVisible();
  await expectNoHorizontalScroll(page);

  // Reflection.
  await stepTab(page, "Reflection").tap();
  for (const n of [1, 2, 3]) await page.getByLabel(new RegExp(`^${n}\\. `)).fill(`Answer ${n}, typed on a phone.`);
  await expect(stepTab(page, "Reflection")).toHaveAccessibleName("Reflection (done)");
  await expect(page.getByTestId("save-status")).toHaveText("Saved");
  await expectNoHorizontalScroll(page);

  // Review and submit.
  await stepTab(page, "Review & submit").tap();
  await expect(page.getByText("Everything is in place.")).toBeVisible();
  await page.getByRole("button", { name: "Submit my work" }).tap();
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Submitted. This is attempt 1." })).toBeVisible();
  await expect(page.getByTestId("attempt-list")).toContainText("Attempt 1:");
  await expectNoHorizontalScroll(page);
  const work = db.select().from(submissions).where(and(eq(submissions.assignmentId, assignment.id), eq(submissions.studentId, student.id))).get();
  expect(work).toMatchObject({ attemptCount: 1, late: false });
  expect(work!.draft.answers).toEqual({ q1: "Answer 1, typed on a phone.", q2: "Answer 2, typed on a phone.", q3: "Answer 3, typed on a phone." });

  await page.goto("/classes");
  await expect(page.getByRole("link", { name: /Recap on the go/ }).getByTestId("assignment-status")).toHaveText("Submitted");
  await expectNoHorizontalScroll(page);
});
