import { eq } from "drizzle-orm";
import { assignments } from "../db/schema";
import { DEFAULT_LESSON_PLAN, defaultLessonContent } from "../lib/lesson/default-lesson";
import { promptLines } from "../lib/lesson/lesson-text";
import { expectNoViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { AssignmentSetup } from "./support/pages/setup";
import { StudentWorkspace } from "./support/pages/workspace";
import { waitForReady } from "./support/ui";

// The teacher's lesson plan (three timed parts, a projector timer for each, the discussion prompts)
// and a teacher's edit of the lesson's newer texts reaching the student.

const uid = () => Math.random().toString(36).slice(2, 8);

test("the teacher's lesson plan shows the three 30-minute parts and the discussion, and passes axe", async ({
  page,
  make,
  consoleGuard,
}) => {
  const { teacher, section, assignment } = await make.studentInClass();
  await signIn(page, teacher.email);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;

  // Reached from the assignment's Students list.
  await page.goto(base);
  await page.getByRole("main").getByRole("link", { name: "Lesson plan", exact: true }).click();
  await expect(page).toHaveURL(`${base}/lesson`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Lesson plan: ${assignment.title}`);
  await expect(page.getByTestId("plan-summary")).toContainText("About 90 minutes in 3 parts (30 + 30 + 30 minutes)");

  const parts = page.getByTestId("plan-part");
  await expect(parts).toHaveCount(3);
  for (const [i, part] of DEFAULT_LESSON_PLAN.parts.entries()) {
    const card = parts.nth(i);
    await expect(card.getByRole("heading", { level: 2 })).toHaveText(`Part ${i + 1}: ${part.title}`);
    await expect(card).toContainText("30 minutes");
    await expect(card.getByRole("button", { name: `Project a 30-minute timer for part ${i + 1}` })).toBeVisible();
  }

  const discussion = page.getByRole("region", { name: "The class discussion" });
  await expect(discussion).toContainText(DEFAULT_LESSON_PLAN.discussionNote);
  await expect(discussion.getByTestId("discussion-prompts").getByRole("listitem")).toHaveText(
    promptLines(DEFAULT_LESSON_PLAN.discussionPrompts),
  );
  await expect(discussion.getByRole("heading", { name: "Whole class or small groups" })).toBeVisible();
  await expect(discussion).toContainText(DEFAULT_LESSON_PLAN.grouping);
  await expectNoViolations(page);

  // Students never see it.
  consoleGuard.allow(/status of 404/);
  const student = await make.student();
  await make.enroll(section.id, student.id);
  await signIn(page, student.email);
  const response = await page.goto(`${base}/lesson`);
  expect(response?.status()).toBe(404);
});

test("a part's timer runs in projector mode from the keyboard: start, pause, reset, exit", async ({ page, make }) => {
  const { teacher, section, assignment } = await make.studentInClass();
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}/assignments/${assignment.id}/lesson`);
  await waitForReady(page);

  const opener = page.getByRole("button", { name: "Project a 30-minute timer for part 2" });
  await opener.focus();
  await page.keyboard.press("Enter");
  const projector = page.getByRole("dialog", { name: `Part 2: ${DEFAULT_LESSON_PLAN.parts[1]!.title}` });
  await expect(projector).toBeVisible();
  const digits = projector.getByRole("timer");
  const state = projector.getByTestId("timer-state");
  const said = projector.getByTestId("timer-announcement");
  await expect(digits).toHaveText("30:00");
  await expect(state).toHaveText("Ready");
  // Projector-sized digits: at least a fifth of the screen's height.
  const box = (await digits.boundingBox())!;
  expect(box.height).toBeGreaterThan(page.viewportSize()!.height / 5);

  // Start: focus is on Start, and Space presses it.
  await expect(projector.getByRole("button", { name: "Start" })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(state).toHaveText("Running");
  await expect(said).toHaveText("Started. 30 minutes left.");
  await expect(said).toHaveAttribute("aria-live", "polite");
  await expect(digits).toHaveText(/^29:5\d$/, { timeout: 4_000 });

  // K pauses wherever focus is; the time holds.
  await projector.getByRole("button", { name: "Reset" }).focus();
  await page.keyboard.press("k");
  await expect(state).toHaveText("Paused");
  await expect(said).toContainText("Paused. 29 minutes");
  const held = await digits.textContent();
  await page.waitForTimeout(1_200);
  await expect(digits).toHaveText(held!);
  await expect(projector.getByRole("button", { name: "Resume" })).toBeVisible();

  // R resets, Esc leaves and gives focus back to the button that opened it.
  await page.keyboard.press("r");
  await expect(digits).toHaveText("30:00");
  await expect(state).toHaveText("Ready");
  await expect(said).toHaveText("Reset. 30 minutes left.");
  await expectNoViolations(page);
  await page.keyboard.press("Escape");
  await expect(projector).toBeHidden();
  await expect(opener).toBeFocused();
});

test("the teacher edits the worked example and the lesson plan; the student and the plan show the edit", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // two saves, then the student's workspace
  const { teacher, section, student, assignment } = await make.studentInClass();
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  const s = uid();
  const setup = new AssignmentSetup(page);
  await signIn(page, teacher.email);
  await setup.open(base, "lesson");

  // The worked example, with the texts.
  const example = `Hello [Name]! Your go-to drink was [Drink] (${s})!`;
  const exampleBox = setup.texts.getByRole("textbox", { name: "Worked example of copy" });
  await expect(exampleBox).toHaveValue(defaultLessonContent().copyExample);
  await exampleBox.fill(example);
  await setup.saveButton(setup.texts, "Save texts").click();
  await expect(setup.saveState(setup.texts)).toHaveText("Saved");

  // The lesson plan: bad minutes are refused beside the field, then a good edit saves.
  const minutes = setup.lessonPlan.getByRole("spinbutton", { name: "Part 3 minutes" });
  await minutes.fill("0");
  await setup.saveButton(setup.lessonPlan, "Save lesson plan").click();
  await expect(setup.lessonPlan.getByText("Minutes must be a whole number from 1 to 240.")).toBeVisible();
  await expect(minutes).toBeFocused();
  await minutes.fill("25");
  // Lines the teacher breaks stay broken where the plan is read; a note left empty leaves no bare "Tip:".
  const grouping = `Pairs first.\nThen the whole class (${s}).`;
  await setup.lessonPlan.getByRole("textbox", { name: "Whole class or small groups" }).fill(grouping);
  await setup.lessonPlan.getByRole("textbox", { name: "Note for the class discussion" }).fill("");
  await setup.saveButton(setup.lessonPlan, "Save lesson plan").click();
  await expect(setup.saveState(setup.lessonPlan)).toHaveText("Saved");

  const stored = (await db.select().from(assignments).where(eq(assignments.id, assignment.id)))[0]!.content;
  expect(stored).toMatchObject({ copyExample: example, lessonPlan: { grouping } });
  expect(stored.lessonPlan!.parts.map((p) => p.minutes)).toEqual([30, 30, 25]);

  await page.goto(`${base}/lesson`);
  await expect(page.getByTestId("plan-summary")).toContainText("About 85 minutes in 3 parts (30 + 30 + 25 minutes)");
  await expect(page.getByRole("button", { name: "Project a 25-minute timer for part 3" })).toBeVisible();
  const discussion = page.getByRole("region", { name: "The class discussion" });
  expect(await discussion.getByText(`Then the whole class (${s}).`).innerText()).toBe(grouping);
  await page.goto(`${base}/discussion`);
  const tip = page.getByRole("link", { name: "Prompts and grouping in the lesson plan" }).locator("..");
  await expect(tip).toHaveText("Prompts and grouping in the lesson plan");

  // The student sees the new example beside the copy editor, filled in for the first customer.
  const studentPage = await (await newContext()).newPage();
  const work = new StudentWorkspace(studentPage);
  await signIn(studentPage, student.email);
  await work.open(assignment.id);
  await work.goTo("Copywriting");
  const shown = studentPage.getByTestId("copy-example");
  await expect(shown.getByTestId("copy-example-template")).toHaveText(example);
  await expect(shown.getByTestId("copy-example-filled")).toHaveText(`Hello Sarah Johns! Your go-to drink was Latte (${s})!`);
});

test("when a part's time runs out the timer says so, stops at 0:00, and R starts the part over", async ({ page, make }) => {
  const { teacher, section, assignment } = await make.studentInClass();
  await page.clock.install();
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}/assignments/${assignment.id}/lesson`);
  await waitForReady(page);
  await page.getByRole("button", { name: "Project a 30-minute timer for part 3" }).click();
  const projector = page.getByRole("dialog", { name: `Part 3: ${DEFAULT_LESSON_PLAN.parts[2]!.title}` });
  await page.keyboard.press("Space");
  await expect(projector.getByTestId("timer-state")).toHaveText("Running");

  await page.clock.runFor("29:30");
  await expect(projector.getByRole("timer")).toHaveText("0:30");
  await expect(projector.getByTestId("timer-announcement")).toHaveText("30 seconds left.");
  await page.clock.runFor("00:31");
  await expect(projector.getByRole("timer")).toHaveText("0:00");
  await expect(projector.getByTestId("timer-state")).toHaveText("Time's up");
  await expect(projector.getByTestId("timer-announcement")).toHaveText("Time's up.");
  await expect(projector.getByRole("button", { name: "Start" })).toBeDisabled();

  await page.keyboard.press("r");
  await expect(projector.getByRole("timer")).toHaveText("30:00");
  await expect(projector.getByRole("button", { name: "Start" })).toBeEnabled();
});
