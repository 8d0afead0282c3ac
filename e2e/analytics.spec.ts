import { devices, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { enrollments } from "../db/schema";
import type { Draft } from "../lib/validations/workspace";
import { expectNoViolations } from "./support/axe";
import { expect, expectNoHorizontalScroll, signIn, test, type Make } from "./support/fixtures";
import { draftFor, gradingData } from "./support/grading-data";
import { SubmissionsTable } from "./support/pages/grading";
import type { DB } from "../db";

// Class analytics for one assignment: the figures, each chart's table of numbers, who may see it.

const HOUR = 3_600_000;
const uid = () => Math.random().toString(36).slice(2, 8);

const withPicks = (...columnIds: string[]): Draft => ({
  ...draftFor(uid()),
  picks: columnIds.map((columnId) => ({ columnId, reason: "People like it." })),
});

/**
 * Due a day ago. Four active students: Ana (on time, 11 points) and Ben (on time, 8 points) are
 * graded; Cal was late and isn't graded; Dee never started. A removed student's graded work
 * must not count anywhere.
 */
async function classWithKnownNumbers(make: Make, db: DB) {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const dueAt = new Date(Date.now() - 24 * HOUR);
  const assignment = await data.assignment(section.id, { title: `Analytics ${uid()}`, dueAt });
  const student = async (name: string) => {
    const person = await make.student(`${name} ${uid()}`);
    await make.enroll(section.id, person.id);
    return person;
  };
  const handIn = async (studentId: string, draft: Draft, offset: number) => {
    const submittedAt = new Date(dueAt.getTime() + offset);
    return (
      await make.submission({ assignment, studentId, draft, submittedAt: [submittedAt], startedAt: new Date(submittedAt.getTime() - HOUR) })
    ).submission.id;
  };
  const submit = async (name: string, draft: Draft, offset: number) => await handIn((await student(name)).id, draft, offset);

  const ana = await submit("Ana", withPicks("drink", "spend", "month"), -27 * HOUR);
  await data.grade(ana, teacher.id, { ideation: 3, copywriting: 3, design: 2, reflection: 3 });
  const ben = await submit("Ben", withPicks("drink", "month", "pastry"), -2 * HOUR);
  await data.grade(ben, teacher.id, { ideation: 2, copywriting: 2, design: 1, reflection: 3 }, { returnedAt: new Date() });
  await submit("Cal", withPicks("drink", "visits", "month"), 3 * HOUR);
  const dee = await student("Dee");

  const gone = await student("Gone");
  await data.grade(await handIn(gone.id, withPicks("latest", "earliest", "purchases"), -HOUR), teacher.id, {
    ideation: 1,
    copywriting: 1,
    design: 1,
    reflection: 1,
  });
  await db
    .update(enrollments)
    .set({ removedAt: new Date() })
    .where(and(eq(enrollments.sectionId, section.id), eq(enrollments.studentId, gone.id)));

  return { teacher, section, assignment, dee, data, handIn, url: `/sections/${section.id}/assignments/${assignment.id}/analytics` };
}

/** Opens a chart's table of numbers and returns its body's cells, row by row, as text. */
async function numbers(page: Page, toggleFor: string, tableName: string): Promise<string[][]> {
  await page.locator("summary", { hasText: `for ${toggleFor}` }).click();
  const table = page.getByRole("table", { name: tableName });
  await expect(table).toBeVisible();
  return table
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent!.trim())));
}

const figure = (page: Page, id: string) => page.getByTestId(`figure-${id}-value`);

test("a teacher sees the class's figures, score spread, datapoints and submission times, each with its numbers", async ({
  page,
  make,
  db,
}) => {
  test.slow(); // five students' work, four tables opened one by one, then a full axe scan
  const room = await classWithKnownNumbers(make, db);
  await signIn(page, room.teacher.email);
  await page.goto(`/sections/${room.section.id}/assignments/${room.assignment.id}`);
  await page.getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(room.url);
  await expect(page.getByRole("heading", { level: 1, name: "Class analytics" })).toBeVisible();

  const expected = {
    enrolled: "4",
    submitted: "3",
    "on-time": "2",
    late: "1",
    missing: "1",
    graded: "2",
    average: "9.5 / 12",
    median: "9.5 / 12",
  };
  for (const [id, value] of Object.entries(expected)) await expect(figure(page, id), id).toHaveText(value);
  await expect(page.getByTestId("figure-missing")).toContainText("Missing");
  await expect(page.getByTestId("figure-missing")).toContainText("0 in progress, 1 not started");
  await expect(page.getByTestId("scores-basis")).toContainText("Based on 2 graded submissions");
  await expect(page.getByTestId("scores-basis")).toContainText("1 submission is waiting to be graded");

  // Every criterion of the rubric, each level counted (levels nobody got show 0).
  const levels = (strong: number, developing: number, beginning: number) =>
    [
      ["3 points · Strong", strong],
      ["2 points · Developing", developing],
      ["1 point · Beginning", beginning],
    ].map(([name, count]) => [String(name), String(count), `${(Number(count) / 2) * 100}%`]);
  expect(await numbers(page, "Ideation", "Ideation: students at each level")).toEqual(levels(1, 1, 0));
  expect(await numbers(page, "Copywriting", "Copywriting: students at each level")).toEqual(levels(1, 1, 0));
  expect(await numbers(page, "Design", "Design: students at each level")).toEqual(levels(0, 1, 1));
  expect(await numbers(page, "Reflection / Discussion", "Reflection / Discussion: students at each level")).toEqual(levels(2, 0, 0));
  await expect(page.getByTestId("criterion-design")).toContainText("Average 1.5 · median 1.5 (out of 3)");
  await expect(page.getByTestId("criterion-design").getByRole("img")).toHaveAccessibleName(
    "Design, 2 graded submissions: 3 points · Strong, 0 students; 2 points · Developing, 1 student; 1 point · Beginning, 1 student.",
  );

  // Datapoints: the three students who chose some; the removed student's picks count for nothing.
  await expect(page.getByTestId("picks-basis")).toContainText("3 students");
  expect(await numbers(page, "datapoints", "Students choosing each datapoint")).toEqual([
    ["Most Ordered Drink", "3", "100%"],
    ["Month with Most Visits", "3", "100%"],
    ["Total Spend (USD)", "1", "33%"],
    ["Most Visits in One Day", "1", "33%"],
    ["Most Ordered Pastry", "1", "33%"],
    ["Number of Purchases", "0", "0%"],
    ["Earliest Order (Time)", "0", "0%"],
    ["Latest Order (Time)", "0", "0%"],
  ]);

  // Submissions over time, in six-hour periods from the due date.
  await page.locator("summary", { hasText: "for submissions over time" }).click();
  const timeline = page.getByRole("table", { name: "Submissions in each period" });
  const periods = await timeline
    .locator("tbody tr")
    .evaluateAll((rows) =>
      rows.map((row) => [row.querySelector("th span")!.textContent, ...[...row.querySelectorAll("td")].map((cell) => cell.textContent)]),
    );
  expect(periods).toEqual([
    ["24–30 hours before the due date", "1", "1"],
    ["18–24 hours before the due date", "0", "1"],
    ["12–18 hours before the due date", "0", "1"],
    ["6–12 hours before the due date", "0", "1"],
    ["Within 6 hours before the due date", "1", "2"],
    ["Within 6 hours after the due date", "1", "3"],
  ]);
  await expect(page.getByTestId("timeline-chart").getByRole("img")).toHaveAccessibleName(/2 before the due date and 1 after it/);
  // The periods are shown in the reader's time zone once the page has hydrated.
  await expect(timeline.locator("time").first()).not.toContainText("UTC");

  await expectNoViolations(page);
});

test("“Go to grading” opens the Students list filtered to the work that needs grading", async ({ page, make, db }) => {
  const room = await classWithKnownNumbers(make, db);
  await signIn(page, room.teacher.email);
  await page.goto(room.url);
  await expect(page.getByTestId("scores-basis")).toContainText("1 submission is waiting to be graded");
  await page.getByTestId("scores-basis").getByRole("link", { name: "Go to grading" }).click();
  await expect(page).toHaveURL(`/sections/${room.section.id}/assignments/${room.assignment.id}?filter=needs`);
  await expect(page.getByLabel("Show")).toHaveValue("needs");
  // Cal's late work, the one the analytics page counted as waiting; Ana and Ben are graded.
  const table = new SubmissionsTable(page);
  await expect(table.rows).toHaveCount(1);
  await expect(table.rows).toContainText("Cal ");
});

test("work returned with criteria unscored is said to be left out, so the figures add up; returned fully scored, it counts", async ({
  page,
  make,
  db,
}) => {
  const room = await classWithKnownNumbers(make, db);
  await signIn(page, room.teacher.email);
  await page.goto(room.url);
  await expect(page.getByTestId("scores-basis")).toContainText("Based on 2 graded submissions");
  await expect(page.getByTestId("returned-partly")).toHaveCount(0);
  // Dee hands in, and is returned with two criteria scored (the teacher agreed to the question).
  const dee = await room.handIn(room.dee.id, withPicks("drink", "spend", "visits"), -HOUR);
  await room.data.grade(dee, room.teacher.id, { ideation: 3, copywriting: 2 }, { returnedAt: new Date() });
  await page.reload();
  await expect(figure(page, "submitted")).toHaveText("4");
  await expect(figure(page, "graded")).toHaveText("2");
  await expect(page.getByTestId("scores-basis")).toHaveText(
    "Based on 2 graded submissions: work counts once every criterion is scored. 1 submission returned with some criteria unscored isn't counted. 1 submission is waiting to be graded and not counted yet. Go to grading",
  );
  // Scored in full: graded, and nothing is left out.
  await room.data.grade(dee, room.teacher.id, { design: 2, reflection: 3 }, { returnedAt: new Date() });
  await page.reload();
  await expect(figure(page, "graded")).toHaveText("3");
  await expect(page.getByTestId("returned-partly")).toHaveCount(0);
});

test("before anything is submitted, each part says so", async ({ page, make, db }) => {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id, { dueAt: new Date(Date.now() + 48 * HOUR) });
  await make.enroll(section.id, (await make.student()).id);
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}/assignments/${assignment.id}/analytics`);

  await expect(figure(page, "enrolled")).toHaveText("1");
  await expect(page.getByTestId("figure-missing")).toContainText("Not submitted yet");
  await expect(figure(page, "missing")).toHaveText("1");
  await expect(figure(page, "average")).toHaveText("—");
  await expect(page.getByText("No graded work yet.")).toBeVisible();
  await expect(page.getByText("No one has chosen a datapoint yet.")).toBeVisible();
  await expect(page.getByText("Nothing has been submitted yet.")).toBeVisible();
  await expect(page.getByRole("img")).toHaveCount(0);
  await expectNoViolations(page);
});

test("a student, even in the class, and another teacher get the 404 page", async ({ page, make, db, newContext, consoleGuard }) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
  const room = await classWithKnownNumbers(make, db);
  const intruder = await make.teacher();

  await signIn(page, room.dee.email);
  const asStudent = await page.goto(room.url);
  expect(asStudent?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();

  const other = await (await newContext()).newPage();
  await signIn(other, intruder.email);
  const asOtherTeacher = await other.goto(room.url);
  expect(asOtherTeacher?.status()).toBe(404);
  await expect(other.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(other.getByText("Class analytics")).toHaveCount(0);
});

test.describe("on a phone", () => {
  // The phone project's device, without its browser type (which a describe group can't change).
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, userAgent: devices["Pixel 7"].userAgent });

  test("the analytics page fits the screen, tables open", async ({ page, make, db }) => {
    const room = await classWithKnownNumbers(make, db);
    await signIn(page, room.teacher.email);
    await page.goto(room.url);
    await expect(figure(page, "median")).toHaveText("9.5 / 12");
    await expectNoHorizontalScroll(page);
    for (const summary of await page.locator("summary").all()) await summary.tap();
    await expect(page.getByRole("table", { name: "Submissions in each period" })).toBeVisible();
    await expectNoHorizontalScroll(page);
  });
});
