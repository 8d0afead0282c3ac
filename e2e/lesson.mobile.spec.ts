import { defaultLessonContent } from "../lib/lesson/default-lesson";
import { expect, expectNoHorizontalScroll, signIn, test } from "./support/fixtures";
import { StudentWorkspace } from "./support/pages/workspace";

// Runs in the "phone" project (390×844, touch): see playwright.config.ts.

test("on a phone, a student reads the whole case study and sees the worked example beside the copy editor, without sideways scrolling", async ({
  page,
  make,
}) => {
  const { student, assignment } = await make.studentInClass();
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);

  await page.getByText("The case study: Spotify Wrapped and personalized marketing").tap();
  const caseStudy = page.getByTestId("case-study");
  await expect(caseStudy).toBeVisible();
  // Its sections, as headings, and the facts at both ends of it.
  for (const heading of [
    "From a year-end e-mail to Wrapped",
    "What is personalized marketing?",
    "Four things AI targeting does well",
    "Four ways AI targeting goes wrong, and the fixes",
    "Year in Review everywhere",
  ]) {
    await expect(caseStudy.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(caseStudy.getByRole("heading", { level: 3 })).toHaveCount(8);
  for (const fact of [
    "2013",
    "2016",
    "21%",
    "Bloomreach",
    "Klaviyo",
    "Netflix",
    "anchoring",
    "audit their data",
    "diverse, representative",
    "Peloton",
    "Duolingo",
  ]) {
    await expect(caseStudy).toContainText(fact);
  }
  const words = (await caseStudy.innerText()).split(/\s+/).filter(Boolean).length;
  expect(words).toBeGreaterThan(1500);
  await caseStudy.getByRole("heading", { name: "Sources" }).scrollIntoViewIfNeeded();
  await expectNoHorizontalScroll(page);

  await work.goTo("Copywriting", { tap: true });
  const example = page.getByTestId("copy-example");
  await expect(example.getByRole("heading", { name: "Worked example" })).toBeVisible();
  await expect(example.getByTestId("copy-example-template")).toHaveText(defaultLessonContent().copyExample);
  await expect(example.getByTestId("copy-example-filled")).toContainText("Hey Sarah Johns!");
  await expect(example.getByTestId("copy-example-filled")).toContainText("156 orders");
  // Right by the editor: the example ends less than a screen above the text box.
  const exampleBox = (await example.boundingBox())!;
  const editorBox = (await work.copy.boundingBox())!;
  expect(editorBox.y - (exampleBox.y + exampleBox.height)).toBeLessThan(page.viewportSize()!.height);
  await expectNoHorizontalScroll(page);
});

test("on a phone, the rubric the work is graded on stays inside its box: a wide table scrolls within it", async ({ page, make }) => {
  const { student, assignment } = await make.studentInClass();
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);
  await page.getByText("How your work will be graded").tap();
  const details = page.locator("details").filter({ hasText: "How your work will be graded" });
  const table = details.getByRole("table");
  await expect(table.getByRole("rowheader")).toHaveCount(4);
  const box = (await details.boundingBox())!;
  const shown = (await table.locator("xpath=..").boundingBox())!; // the table's scrolling frame
  expect(shown.x).toBeGreaterThanOrEqual(box.x);
  expect(shown.x + shown.width).toBeLessThanOrEqual(box.x + box.width);
  await expectNoHorizontalScroll(page);

  // On a 320 px phone each criterion stacks above its levels, which get the box's whole width (a
  // column for the criteria left them 90 px), and it is still a table of four criteria with headers.
  await page.setViewportSize({ width: 320, height: 640 });
  const ideation = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: /^Ideation/ }) });
  const levels = ideation.getByRole("cell").getByRole("listitem");
  await expect(levels).toHaveCount(3);
  const frame = (await table.locator("xpath=..").boundingBox())!;
  for (const level of await levels.all()) expect((await level.boundingBox())!.width).toBeGreaterThan(frame.width * 0.9);
  expect(await table.locator("xpath=..").evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  await expect(table.getByRole("columnheader")).toHaveText(["Criterion", "Levels"]);
  await expect(table.getByRole("rowheader")).toHaveCount(4);
  await expectNoHorizontalScroll(page);
});

test("on a phone, the customer table scrolls sideways with each customer's name held beside their values", async ({ page, make }) => {
  const { student, assignment } = await make.studentInClass();
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);
  const frame = page.getByRole("region", { name: "Loyalty club members" });
  const sarah = frame.getByRole("rowheader", { name: "Sarah Johns" });
  await sarah.scrollIntoViewIfNeeded();
  // Wider than the screen, so it scrolls; scrolled to its last column, the names are still at its left edge.
  expect(await frame.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
  await frame.evaluate((e) => (e.scrollLeft = e.scrollWidth));
  await expect.poll(() => frame.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
  const [box, name] = [(await frame.boundingBox())!, (await sarah.boundingBox())!];
  expect(Math.abs(name.x - box.x)).toBeLessThanOrEqual(1);
  // And nothing scrolled under it shows through: the cell at that spot is the name's.
  expect(
    await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.textContent, { x: name.x + 4, y: name.y + name.height / 2 }),
  ).toBe("Sarah Johns");
  await expectNoHorizontalScroll(page);
});
