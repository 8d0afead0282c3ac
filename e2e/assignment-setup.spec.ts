import { RUBRIC_LOCKED } from "../lib/grading";
import { devices, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { assignments, extensions } from "../db/schema";
import {
  DEFAULT_DATASET,
  DEFAULT_LESSON_PLAN,
  DEFAULT_QUESTIONS,
  DEFAULT_RUBRIC,
  defaultLessonContent,
  withLessonDefaults,
} from "../lib/lesson/default-lesson";
import { LESSON_CHANGED_ELSEWHERE, partVersion, rubricVersion, settingsVersion, type LessonPart } from "../lib/lesson/part-version";
import type { DB } from "../db";
import { findServerAction, postAction } from "./support/actions";
import { expectNoViolations } from "./support/axe";
import { expect, expectNoHorizontalScroll, signIn, test, type Make } from "./support/fixtures";
import { gradingData } from "./support/grading-data";
import { SubmissionsTable } from "./support/pages/grading";
import { AssignmentSetup, SETUP_TABS, type SetupTab } from "./support/pages/setup";
import { StudentWorkspace } from "./support/pages/workspace";
import { leavingAsks, toast, waitForReady } from "./support/ui";

// An assignment's setup (…/setup): Settings, Lesson and Rubric as tabs, apart from its Students list.
// Each editor's save is read back from the database and from the student's workspace.

// Dates are typed in the teacher's own zone and stored as instants: a zone that isn't UTC proves it.
test.use({ timezoneId: "America/Chicago" });

const uid = () => Math.random().toString(36).slice(2, 8);
const LEAVE_QUESTION = "You have unsaved changes on this page. Leave without saving them?";

/** A teacher, a section with one enrolled student, and an assignment of the built-in lesson. */
async function classroom(make: Make, db: DB) {
  const teacher = await make.teacher(`Ms. Setup ${uid()}`);
  const section = await make.section(teacher.id);
  const student = await make.student(`Student ${uid()}`);
  await make.enroll(section.id, student.id);
  const assignment = await make.assignment(section.id, { title: `Year in Review ${uid()}` });
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  const stored = async () => (await db.select().from(assignments).where(eq(assignments.id, assignment.id)))[0]!;
  return { teacher, section, student, assignment, base, stored };
}

/** The settings as the editor sends them (dates as ISO instants). */
function settingsOf(assignment: { title: string; instructions: string; dueAt: Date; acceptLate: boolean; closeAt: Date | null }) {
  return {
    title: assignment.title,
    instructions: assignment.instructions,
    dueAt: assignment.dueAt.toISOString(),
    acceptLate: assignment.acceptLate,
    closeAt: assignment.closeAt?.toISOString() ?? "",
  };
}

/** The page's HTML as the server sends it: hidden panels and all. */
async function html(page: Page, path: string) {
  const response = await page.request.get(path);
  expect(response.status(), path).toBe(200);
  return response.text();
}

/** Exactly this tab is chosen and shows its panel; the others' panels are hidden. */
async function expectTabOpen(setup: AssignmentSetup, name: SetupTab, { focused = false } = {}) {
  for (const other of SETUP_TABS) {
    await expect(setup.tab(other)).toHaveAttribute("aria-selected", String(other === name));
    // Only the chosen tab is in the Tab order; the arrow keys reach the others.
    await expect(setup.tab(other)).toHaveAttribute("tabindex", other === name ? "0" : "-1");
    await (other === name ? expect(setup.panel(other)).toBeVisible() : expect(setup.panel(other)).toBeHidden());
  }
  if (focused) await expect(setup.tab(name)).toBeFocused();
}

// What each editor puts in the page: their save buttons, and text only the Lesson tab shows.
const EDITOR_MARKS = ["Save settings", "Save texts", "Save table", "Save questions", "Save lesson plan", "Save rubric"];

test("the Students list links to the setup and back, and only the setup carries the editors", async ({ page, make, db }) => {
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);

  await page.goto(room.base);
  await expect(page.getByRole("heading", { level: 1, name: room.assignment.title })).toBeVisible();
  await expect(page.getByTestId("submission-row").filter({ hasText: room.student.name })).toBeVisible();
  // No editor on the Students list, not even hidden: the split is what makes that page light.
  await expect(setup.tablist).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Save / })).toHaveCount(0);
  const listHtml = await html(page, room.base);
  for (const mark of EDITOR_MARKS) expect(listHtml, `the Students list has "${mark}"`).not.toContain(mark);

  await page.getByRole("link", { name: "Settings, lesson and rubric" }).click();
  await expect(page).toHaveURL(`${room.base}/setup`);
  await setup.ready();
  await expect(setup.heading).toHaveText(`Set up: ${room.assignment.title}`);
  await expect(setup.tab("Settings")).toHaveAttribute("aria-selected", "true");
  await expect(setup.settings.getByRole("textbox", { name: "Title", exact: true })).toHaveValue(room.assignment.title);
  await expect(page.getByTestId("submission-row")).toHaveCount(0);
  // Every editor is rendered by the server, in its panel, whichever tab is open.
  const setupHtml = await html(page, `${room.base}/setup`);
  for (const mark of EDITOR_MARKS) expect(setupHtml, `the setup lacks "${mark}"`).toContain(mark);

  await setup.studentsLink.click();
  await expect(page).toHaveURL(room.base);
  await expect(page.getByRole("heading", { level: 1, name: room.assignment.title })).toBeVisible();
  await expect(page.getByTestId("submission-row").filter({ hasText: room.student.name })).toBeVisible();
});

test("the tabs follow the arrow keys, Home and End, the address follows the tab and a reload opens it", async ({ page, make, db }) => {
  test.slow(); // every key press checks all three tabs and panels, then a reload
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base);

  await expectTabOpen(setup, "Settings");
  await expect(setup.settings).toBeVisible();
  await expect(setup.texts).toBeHidden();
  await setup.tab("Settings").focus();
  await page.keyboard.press("ArrowRight");
  await expectTabOpen(setup, "Lesson", { focused: true });
  await expect(page).toHaveURL(`${room.base}/setup?tab=lesson`);
  await expect(setup.texts).toBeVisible();
  await expect(setup.dataset).toBeVisible();
  await expect(setup.questions).toBeVisible();
  await expect(setup.lessonPlan).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expectTabOpen(setup, "Rubric", { focused: true });
  await expect(page).toHaveURL(`${room.base}/setup?tab=rubric`);
  await expect(setup.rubric).toBeVisible();
  await page.keyboard.press("ArrowRight"); // past the last: back to the first
  await expectTabOpen(setup, "Settings", { focused: true });
  await expect(page).toHaveURL(`${room.base}/setup?tab=settings`);
  await page.keyboard.press("ArrowLeft"); // before the first: the last
  await expectTabOpen(setup, "Rubric", { focused: true });
  await page.keyboard.press("Home");
  await expectTabOpen(setup, "Settings", { focused: true });
  await page.keyboard.press("End");
  await expectTabOpen(setup, "Rubric", { focused: true });
  await expect(page).toHaveURL(`${room.base}/setup?tab=rubric`);
  await page.keyboard.press("ArrowLeft");
  await expectTabOpen(setup, "Lesson", { focused: true });
  await expect(page).toHaveURL(`${room.base}/setup?tab=lesson`);
  // A click chooses too, and the address follows.
  await setup.tab("Rubric").click();
  await expectTabOpen(setup, "Rubric", { focused: true });
  await expect(page).toHaveURL(`${room.base}/setup?tab=rubric`);

  // A reload opens the tab in the address.
  await setup.reload();
  await expectTabOpen(setup, "Rubric");
  await expect(setup.rubric).toBeVisible();
});

test("old ?tab= addresses of the assignment land on the setup's tab; unknown tabs don't", async ({ page, make, db }) => {
  test.slow(); // six page loads, three of them through a redirect
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);

  // The addresses from before the split open the setup on the same tab…
  for (const [tab, name] of [
    ["lesson", "Lesson"],
    ["rubric", "Rubric"],
    ["settings", "Settings"],
  ] as const) {
    await page.goto(`${room.base}?tab=${tab}`);
    await expect(page).toHaveURL(`${room.base}/setup?tab=${tab}`);
    await setup.ready();
    await expectTabOpen(setup, name);
  }
  // …but a ?tab= that was never a setup tab leaves the Students list where it is.
  await page.goto(`${room.base}?tab=grades`);
  await expect(page).toHaveURL(`${room.base}?tab=grades`);
  await expect(page.getByTestId("submission-row")).toHaveCount(1);
  await expect(setup.tablist).toHaveCount(0);

  // An unknown tab on the setup falls back to Settings.
  for (const tab of ["grades", "Rubric"]) {
    await setup.open(room.base, tab);
    await expectTabOpen(setup, "Settings");
    await expect(setup.settings).toBeVisible();
  }
});

test("unsaved edits survive switching tabs and saving another editor, and stay marked as unsaved until saved", async ({
  page,
  make,
  db,
}) => {
  test.slow(); // edits in three tabs, a save, then leaving the page three ways
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base);

  const instructions = setup.settings.getByRole("textbox", { name: "Instructions" });
  const newInstructions = `Read the brief first ${uid()}.`;
  await expect(setup.saveState(setup.settings)).toHaveText("Saved");
  await instructions.fill(newInstructions);
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");

  await setup.tab("Rubric").click();
  const label = setup.level(1, 1, "Label");
  await expect(setup.saveState(setup.rubric)).toHaveText("Saved");
  await label.fill("Outstanding");
  await expect(setup.saveState(setup.rubric)).toHaveText("Unsaved changes");

  await setup.tab("Lesson").click();
  const brief = setup.texts.getByRole("textbox", { name: "Brief" });
  const newBrief = `A brief not saved yet ${uid()}.`;
  await brief.fill(newBrief);
  await expect(setup.saveState(setup.texts)).toHaveText("Unsaved changes");
  await expect(setup.saveState(setup.dataset)).toHaveText("Saved"); // each editor keeps its own state

  // Back on Settings: the typing is still there, still unsaved, and nothing reached the server.
  await setup.tab("Settings").click();
  await expect(instructions).toHaveValue(newInstructions);
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");
  expect((await room.stored()).instructions).toBe(room.assignment.instructions);

  // Saving Settings keeps the other tabs' unsaved edits as they are.
  await setup.saveButton(setup.settings, "Save settings").click();
  await expect(setup.saveState(setup.settings)).toHaveText("Saved");
  expect((await room.stored()).instructions).toBe(newInstructions);
  await setup.tab("Rubric").click();
  await expect(label).toHaveValue("Outstanding");
  await expect(setup.saveState(setup.rubric)).toHaveText("Unsaved changes");
  await setup.tab("Lesson").click();
  await expect(brief).toHaveValue(newBrief);
  await expect(setup.saveState(setup.texts)).toHaveText("Unsaved changes");
  expect((await room.stored()).rubric).toEqual(DEFAULT_RUBRIC);
  expect((await room.stored()).content.brief).toBe(room.assignment.content.brief);

  // Leaving with unsaved changes asks first (the page cancels beforeunload, which is what makes the
  // browser ask "Leave site?"); leaving anyway drops them, and then nothing is left to ask about.
  // The handler is checked with an event of our own rather than by counting Chromium's dialogs: with
  // a core kept busy, a starved Chromium asked twice for one reload (the app router's prefetches
  // were still arriving) or closed the page without asking, in two fresh-clone runs of eight.
  expect(await leavingAsks(page)).toBe(true);
  await expect(brief).toHaveValue(newBrief);
  page.on("dialog", (d) => void d.accept());
  await page.reload();
  await setup.ready();
  await expect(brief).toHaveValue(room.assignment.content.brief);
  await expect(setup.saveState(setup.texts)).toHaveText("Saved");
  expect(await leavingAsks(page)).toBe(false);
});

test("what is typed while a save is on its way stays unsaved, and the next save sends it", async ({ page, make, db }) => {
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base);
  // The save is held on its way to the server while the teacher types on.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/setup*", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  const instructions = setup.settings.getByRole("textbox", { name: "Instructions" });
  const save = setup.saveButton(setup.settings, "Save settings");
  const sent = `Sent with the save ${uid()}.`;
  const typedMeanwhile = `Typed while it was saving ${uid()}.`;
  await instructions.fill(sent);
  await save.click();
  await expect(save).toHaveAttribute("aria-busy", "true");
  await instructions.fill(typedMeanwhile);
  release();
  // The answer has been read once the button is no longer busy: it was about what was sent.
  await expect(save).not.toHaveAttribute("aria-busy");
  await page.unroute("**/setup*");
  expect((await room.stored()).instructions).toBe(sent);
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");
  expect(await leavingAsks(page)).toBe(true);

  await save.click();
  await expect(setup.saveState(setup.settings)).toHaveText("Saved");
  expect((await room.stored()).instructions).toBe(typedMeanwhile);
});

test("a link to another page asks first while an editor is unsaved: staying keeps the edit, leaving goes; with nothing unsaved it just goes", async ({
  page,
  make,
  db,
}) => {
  const { room, setup, questions, answer } = await setupWithLeaveQuestions(page, make, db);
  const sectionLink = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: room.section.name, exact: true });

  // Nothing unsaved: the link simply goes, and nobody is asked.
  await sectionLink.click();
  await page.waitForURL((url) => url.pathname === `/sections/${room.section.id}`);
  expect(questions).toEqual([]);

  await setup.open(room.base);
  const instructions = setup.settings.getByRole("textbox", { name: "Instructions" });
  const typed = `Look at the drinks column first ${uid()}.`;
  await instructions.fill(typed);
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");

  // Unsaved: asked once; staying keeps the page and the typing as they were.
  await sectionLink.click();
  await expect.poll(() => questions).toEqual([LEAVE_QUESTION]);
  expect(new URL(page.url()).pathname).toBe(`${room.base}/setup`);
  await expect(instructions).toHaveValue(typed);
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");

  // Asked again, and leaving goes where the link pointed; the edit was never saved.
  answer.leave = true;
  await sectionLink.click();
  await page.waitForURL((url) => url.pathname === `/sections/${room.section.id}`);
  expect(questions).toHaveLength(2);
  expect((await room.stored()).instructions).toBe(room.assignment.instructions);
});

test("Back and Forward ask first while an editor is unsaved: staying keeps the edit, leaving goes; with nothing unsaved they just go", async ({
  page,
  make,
  db,
}) => {
  const { room, setup, questions, answer } = await setupWithLeaveQuestions(page, make, db);
  const sectionPage = (url: URL) => url.pathname === `/sections/${room.section.id}`;
  const setupPage = (url: URL) => url.pathname === `${room.base}/setup`;

  // Nothing unsaved: into the section and Back again (the app router's own history entries), unasked.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: room.section.name, exact: true }).click();
  await page.waitForURL(sectionPage);
  await page.goBack();
  await page.waitForURL(setupPage);
  await setup.ready();
  expect(questions).toEqual([]);

  const instructions = setup.settings.getByRole("textbox", { name: "Instructions" });
  await instructions.click();
  await page.keyboard.press("End");
  await page.keyboard.type(` And look at the drinks column first ${uid()}.`); // the reader's own keys: see below
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");
  const edited = await instructions.inputValue();

  // Forward, unsaved: asked; staying keeps the page and the typing. The browser's own button, as a
  // reader presses it: a page may stop it once per click or key press of the reader's (and
  // history.forward() from a script is ignored once a page has stopped one). Playwright waits for a
  // navigation that does not come, so that call is left to time out.
  void page.goForward({ timeout: 3000 }).catch(() => undefined);
  await expect.poll(() => questions).toEqual([LEAVE_QUESTION]);
  expect(setupPage(new URL(page.url()))).toBe(true);
  await expect(instructions).toHaveValue(edited);
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");

  // Asked again, and leaving goes; the edit was never saved.
  answer.leave = true;
  await instructions.click();
  await page.goForward();
  await page.waitForURL(sectionPage);
  expect(questions).toEqual([LEAVE_QUESTION, LEAVE_QUESTION]);
  expect((await room.stored()).instructions).toBe(room.assignment.instructions);
});

test("Sign out asks first while an editor is unsaved: staying keeps the session and the typing; agreeing signs out", async ({
  page,
  make,
  db,
}) => {
  const { room, setup, questions, answer } = await setupWithLeaveQuestions(page, make, db);
  const instructions = setup.settings.getByRole("textbox", { name: "Instructions" });
  const edited = `Look at the drinks column first ${uid()}.`;
  await instructions.fill(edited);
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");

  const signOut = page.getByRole("banner").getByRole("button", { name: "Sign out" });
  await signOut.click();
  await expect.poll(() => questions).toEqual([LEAVE_QUESTION]);
  await expect(page.getByTestId("current-user")).toHaveText(room.teacher.name);
  await expect(instructions).toHaveValue(edited);

  answer.leave = true;
  await signOut.click();
  await page.waitForURL(/\/sign-in$/);
  expect(questions).toEqual([LEAVE_QUESTION, LEAVE_QUESTION]);
  expect((await room.stored()).instructions).toBe(room.assignment.instructions);
});

/**
 * The teacher on a fresh assignment's setup, with the browser's questions recorded and answered:
 * Cancel (stay) until `answer.leave` is set.
 */
async function setupWithLeaveQuestions(page: Page, make: Make, db: DB) {
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base);
  const questions: string[] = [];
  const answer = { leave: false };
  page.on("dialog", (dialog) => {
    questions.push(dialog.message());
    void (answer.leave ? dialog.accept() : dialog.dismiss());
  });
  return { room, setup, questions, answer };
}

test("settings: an empty title is refused beside the field with nothing lost, then title, due date and late rule are saved", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // four saves, a reload, then the student's workspace
  const room = await classroom(make, db);
  expect(room.assignment.acceptLate).toBe(true);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base, "settings");

  const title = setup.settings.getByRole("textbox", { name: "Title", exact: true });
  const instructions = setup.settings.getByRole("textbox", { name: "Instructions" });
  const dueDate = setup.settings.getByLabel("Due date", { exact: true });
  const acceptLate = setup.settings.getByRole("checkbox", { name: "Accept late work" });
  const save = setup.saveButton(setup.settings, "Save settings");
  const newInstructions = `Bring your own mug ${uid()}.`;

  // A due date that has passed is allowed, with a word on what it means; a future one needs none.
  await dueDate.fill("2020-01-20T14:30");
  await expect(dueDate).toHaveAccessibleDescription(/This date has passed: everything handed in from now on is marked late\./);
  // A close date that has passed says the assignment is closed; a future one says what it does.
  const closeDate = setup.settings.getByLabel("Close date (optional)", { exact: true });
  await closeDate.fill("2020-01-21T14:30");
  await expect(closeDate).toHaveAccessibleDescription(/This date has passed: the assignment is closed/);
  await closeDate.fill("2031-01-21T14:30");
  await expect(closeDate).toHaveAccessibleDescription(/Late work is accepted until then\./);
  await setup.settings.getByRole("button", { name: "Clear close date" }).click();
  await expect(closeDate).toHaveValue("");
  await expect(closeDate).toBeFocused(); // the button went with the date
  // Without late work, a due date that has passed closes it.
  await acceptLate.uncheck();
  await expect(dueDate).toHaveAccessibleDescription(/without late work, students can't save or hand in any more/);
  await acceptLate.check();
  // Refused: an empty title, said beside the field; what else was typed stays, nothing is stored.
  await title.fill("   ");
  await instructions.fill(newInstructions);
  await dueDate.fill("2031-01-20T14:30");
  await expect(dueDate).not.toHaveAccessibleDescription(/has passed/);
  await save.click();
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toHaveAccessibleDescription("Title is required.");
  await expect(title).toBeFocused();
  await expect(instructions).toHaveValue(newInstructions);
  await expect(dueDate).toHaveValue("2031-01-20T14:30");
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");
  expect(await room.stored()).toMatchObject({
    title: room.assignment.title,
    instructions: room.assignment.instructions,
    dueAt: room.assignment.dueAt,
  });
  // The server refuses it as well, were the browser's check skipped.
  const ref = { sectionId: room.section.id, assignmentId: room.assignment.id };
  const raw = await postAction(page.request, findServerAction("updateSettingsAction"), [
    { ...ref, base: settingsVersion(room.assignment), settings: { ...settingsOf(room.assignment), title: "   " } },
  ]);
  expect(raw.body).toContain('"code":"invalid"');
  expect(raw.body).toContain("Title is required.");
  expect((await room.stored()).title).toBe(room.assignment.title);

  // Allowed: a real title; the due date typed in Chicago's winter (UTC−6) is stored as that instant.
  const newTitle = `Loyalty recap ${uid()}`;
  await title.fill(newTitle);
  await expect(title).not.toHaveAttribute("aria-invalid");
  await acceptLate.uncheck();
  await expect(setup.settings.getByLabel("Close date (optional)")).toHaveCount(0);
  await save.click();
  await expect(setup.saveState(setup.settings)).toHaveText("Saved");
  expect(await room.stored()).toMatchObject({
    title: newTitle,
    instructions: newInstructions,
    dueAt: new Date("2031-01-20T20:30:00Z"),
    acceptLate: false,
    closeAt: null,
  });

  // The shared header follows at once (the save refreshes the page's server parts)…
  await expect(setup.heading).toHaveText(`Set up: ${newTitle}`);
  await expect(page.getByTestId("assignment-summary")).toContainText("Not accepted");
  // …and after a reload the form shows what was stored.
  await setup.reload();
  await expect(title).toHaveValue(newTitle);
  await expect(dueDate).toHaveValue("2031-01-20T14:30");
  await expect(acceptLate).not.toBeChecked();

  // Late work back on, with a close date a week after the due date, saved from the keyboard: the
  // focus stays on the button through the save (a button disabled while busy dropped it to the page).
  await acceptLate.check();
  await setup.settings.getByLabel("Close date (optional)").fill("2031-01-27T09:00");
  await save.focus();
  await page.keyboard.press("Enter");
  await expect(setup.saveState(setup.settings)).toHaveText("Saved");
  expect(await room.stored()).toMatchObject({ acceptLate: true, closeAt: new Date("2031-01-27T15:00:00Z") });
  await expect(save).toBeFocused();
  // Unticked by mistake and ticked again: the close date comes back (unticking clears it, as above).
  await acceptLate.uncheck();
  await expect(setup.settings.getByLabel("Close date (optional)")).toHaveCount(0);
  await acceptLate.check();
  await expect(setup.settings.getByLabel("Close date (optional)")).toHaveValue("2031-01-27T09:00");

  // A close date before the due date is refused beside it.
  await setup.settings.getByLabel("Close date (optional)").fill("2031-01-10T09:00");
  await save.click();
  await expect(setup.settings.getByLabel("Close date (optional)")).toHaveAccessibleDescription(
    /The close date can't be before the due date\./,
  );
  expect((await room.stored()).closeAt).toEqual(new Date("2031-01-27T15:00:00Z"));

  // The student sees the new title and instructions.
  const studentPage = await (await newContext({ timezoneId: "America/Chicago" })).newPage();
  const workspace = new StudentWorkspace(studentPage);
  await signIn(studentPage, room.student.email);
  await workspace.open(room.assignment.id);
  await expect(studentPage.getByRole("heading", { level: 1 })).toHaveText(newTitle);
  await expect(workspace.header).toContainText(newInstructions);
  await expect(workspace.header).toContainText("closes");
});

test("settings: Close now closes the assignment as the teacher saves, by the server's clock, and Discard takes it back; students can't change their work, one with an extension of their own still can", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // a save, then two students' workspaces
  const room = await classroom(make, db);
  expect(room.assignment.acceptLate).toBe(true);
  expect(room.assignment.dueAt.getTime()).toBeGreaterThan(Date.now());
  // A second student with a due date of their own, a week after the class's.
  const extended = await make.student(`Student ${uid()}`);
  await make.enroll(room.section.id, extended.id);
  const ownDueAt = new Date(room.assignment.dueAt.getTime() + 7 * 86_400_000);
  await db.insert(extensions).values({ assignmentId: room.assignment.id, studentId: extended.id, dueAt: ownDueAt });
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base, "settings");
  const dueDate = setup.settings.getByLabel("Due date", { exact: true });
  const closeDate = setup.settings.getByLabel("Close date (optional)", { exact: true });
  const closeNow = setup.settings.getByRole("button", { name: "Close now" });
  const save = setup.saveButton(setup.settings, "Save settings");
  await expect(closeNow).toHaveAttribute("aria-pressed", "false");
  await expect(closeNow).toHaveAccessibleDescription(
    /^Press it, then save, to close the assignment\. The close date, and the due date if it is later, become the time you save/,
  );
  const dueBefore = await dueDate.inputValue();
  expect(dueBefore).not.toBe("");
  await expectNoViolations(page);

  // Pressed: it says the assignment closes when saved; the dates stay as they are until then.
  await closeNow.click();
  await expect(closeNow).toHaveAttribute("aria-pressed", "true");
  await expect(closeNow).toHaveAccessibleDescription(/^Closes when you save\./);
  await expect(closeNow).toBeFocused();
  await expect(dueDate).toHaveValue(dueBefore);
  await expect(closeDate).toHaveValue("");
  await expect(setup.saveState(setup.settings)).toHaveText("Unsaved changes");
  await closeNow.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("close-now.png") });
  // Nothing is stored until Save. Discard changes takes it back; so does pressing it again.
  expect(await room.stored()).toMatchObject({ dueAt: room.assignment.dueAt, closeAt: null });
  await setup.settings.getByRole("button", { name: "Discard changes" }).click();
  await expect(closeNow).toHaveAttribute("aria-pressed", "false");
  await closeNow.click();
  await closeNow.click();
  await expect(closeNow).toHaveAttribute("aria-pressed", "false");
  await expect(setup.saveState(setup.settings)).toHaveText("Saved");

  // Refused: a close date typed before the due date, beside it…
  const dayBefore = new Date(Date.parse(`${dueBefore}Z`) - 86_400_000).toISOString().slice(0, 16);
  await closeDate.fill(dayBefore);
  await save.click();
  await expect(closeDate).toHaveAccessibleDescription(/The close date can't be before the due date\./);
  // …allowed once Close now is pressed: the server replaces both dates, which can't be changed meanwhile.
  await closeNow.click();
  await expect(closeDate).not.toHaveAccessibleDescription(/can't be before/);
  await expect(dueDate).not.toBeEditable();
  await expect(closeDate).not.toBeEditable();
  await expect(setup.settings.getByRole("button", { name: "Clear close date" })).toHaveCount(0);

  // Allowed: pressed, then saved from the keyboard a moment later: it closes at the save, not the press.
  await page.waitForTimeout(500); // the teacher reads what it says
  const saving = Date.now();
  await save.focus();
  await page.keyboard.press("Enter");
  await expect(toast(page, /^Closed: students can no longer change their work/)).toBeVisible();
  await expect(setup.saveState(setup.settings)).toHaveText("Saved");
  const stored = await room.stored();
  expect(stored.closeAt).not.toBeNull();
  expect(stored.dueAt).toEqual(stored.closeAt);
  expect(stored.closeAt!.getTime()).toBeGreaterThanOrEqual(saving - 50);
  expect(stored.closeAt!.getTime()).toBeLessThanOrEqual(Date.now());
  // The form shows the dates saved, says the assignment is closed, and Close now has nothing left to do.
  await expect(closeDate).not.toHaveValue("");
  await expect(dueDate).toHaveValue(await closeDate.inputValue());
  await expect(closeDate).toHaveAccessibleDescription(/This date has passed: the assignment is closed/);
  await expect(dueDate).not.toHaveAccessibleDescription(/marked late/);
  await expect(closeNow).toHaveCount(0);
  await setup.reload();
  await expect(closeDate).not.toHaveValue("");
  await expect(closeNow).toHaveCount(0);

  // Refused: the class's student can't change their work any more…
  const studentPage = await (await newContext({ timezoneId: "America/Chicago" })).newPage();
  const workspace = new StudentWorkspace(studentPage);
  await signIn(studentPage, room.student.email);
  await workspace.open(room.assignment.id);
  await expect(workspace.readOnlyReason).toHaveText("This assignment is closed, so nothing more can be saved or submitted.");
  await expect(workspace.newIdea).toHaveCount(0);
  // …allowed: the student with an extension of their own still can, and saves.
  const extendedPage = await (await newContext({ timezoneId: "America/Chicago" })).newPage();
  const theirs = new StudentWorkspace(extendedPage);
  await signIn(extendedPage, extended.email);
  await theirs.open(room.assignment.id);
  await expect(theirs.readOnlyReason).toHaveCount(0);
  await theirs.newIdea.fill("Their favourite pastry");
  await theirs.newIdea.press("Enter");
  await expect(theirs.saveStatus).toHaveText("Saved");
});

test("settings: Close now is not offered where the dates already close the assignment, and is where they don't", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  // Refused: closed yesterday, with late work accepted until then.
  await db
    .update(assignments)
    .set({ dueAt: new Date(Date.now() - 2 * 86_400_000), closeAt: new Date(Date.now() - 86_400_000) })
    .where(eq(assignments.id, room.assignment.id));
  await setup.open(room.base, "settings");
  const closeNow = setup.settings.getByRole("button", { name: "Close now" });
  await expect(setup.settings.getByLabel("Close date (optional)", { exact: true })).not.toHaveValue("");
  await expect(closeNow).toHaveCount(0);
  // Clearing the close date opens it again (late work, at any time): the button is back.
  await setup.settings.getByRole("button", { name: "Clear close date" }).click();
  await expect(closeNow).toBeVisible();
  // Allowed: a close date typed before the (past) due date closes nothing (it is refused on its own),
  // so Close now stays, and pressed, it saves.
  const due = await setup.settings.getByLabel("Due date", { exact: true }).inputValue();
  await setup.settings
    .getByLabel("Close date (optional)", { exact: true })
    .fill(new Date(Date.parse(`${due}Z`) - 3_600_000).toISOString().slice(0, 16));
  await expect(closeNow).toBeVisible();
  await closeNow.click();
  await setup.saveButton(setup.settings, "Save settings").click();
  await expect(toast(page, /^Closed: students can no longer change their work/)).toBeVisible();
  const closed = await room.stored();
  expect(closed.closeAt!.getTime()).toBeGreaterThanOrEqual(closed.dueAt.getTime());
  await setup.reload();
  await setup.settings.getByRole("button", { name: "Clear close date" }).click();
  await expect(closeNow).toBeVisible();
  // Refused: without late work, a due date gone by closes it. Pressed first, the button stays until
  // it is taken back; then the focus goes to the date that closes the assignment.
  await closeNow.click();
  await setup.settings.getByRole("checkbox", { name: "Accept late work" }).uncheck();
  await expect(closeNow).toHaveAttribute("aria-pressed", "true");
  await closeNow.focus();
  await page.keyboard.press("Enter");
  await expect(closeNow).toHaveCount(0);
  await expect(setup.settings.getByLabel("Due date", { exact: true })).toBeFocused();
  // Allowed: without late work and due later, it is offered, for the due date alone.
  await setup.settings.getByLabel("Due date", { exact: true }).fill("2031-01-20T14:30");
  await expect(closeNow).toHaveAccessibleDescription(
    /^Press it, then save, to close the assignment\. The due date becomes the time you save/,
  );
});

test("lesson: texts, a table edit and a reflection question are saved, and the student sees them; bad input is refused beside it", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // five saves, a reload, then the student's workspace and its reflection step
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base, "lesson");
  const s = uid();

  // Texts.
  const newCaseStudy = `A bakery sends a recap ${s}.\n\nIt is shared widely ${s}.`;
  const newBrief = `Plan a recap for the tea room ${s}.`;
  await setup.texts.getByRole("textbox", { name: "Case study" }).fill(newCaseStudy);
  await setup.texts.getByRole("textbox", { name: "Brief" }).fill(newBrief);
  await setup.saveButton(setup.texts, "Save texts").click();
  await expect(setup.saveState(setup.texts)).toHaveText("Saved");
  expect((await room.stored()).content).toMatchObject({ caseStudy: newCaseStudy, brief: newBrief });

  // The table: refused while a column has no name (nothing stored, nothing lost)…
  const drink = setup.cell("Sarah Johns — Most Ordered Drink");
  const monthName = setup.dataset.getByRole("textbox", { name: "Column 9 name" });
  await drink.fill(`Flat White ${s}`);
  await monthName.fill("");
  await setup.saveButton(setup.dataset, "Save table").click();
  await expect(monthName).toHaveAttribute("aria-invalid", "true");
  await expect(setup.dataset.getByTestId("form-error")).toHaveText("Every column needs a name.");
  await expect(drink).toHaveValue(`Flat White ${s}`);
  await expect(setup.saveState(setup.dataset)).toHaveText("Unsaved changes");
  expect((await room.stored()).content.dataset).toEqual(DEFAULT_DATASET);
  // …and saved once it has one.
  await monthName.fill(`Favourite Month ${s}`);
  await setup.saveButton(setup.dataset, "Save table").click();
  await expect(setup.saveState(setup.dataset)).toHaveText("Saved");
  const dataset = (await room.stored()).content.dataset;
  expect(dataset.columns.find((c) => c.id === "month")?.name).toBe(`Favourite Month ${s}`);
  expect(dataset.rows.find((r) => r.id === "c1")?.values.drink).toBe(`Flat White ${s}`);
  expect(dataset.rows).toHaveLength(DEFAULT_DATASET.rows.length);
  // Back to the coffee-shop table: shown as unsaved, then saved.
  await setup.dataset.getByRole("button", { name: "Reset to the coffee-shop table" }).click();
  await expect(drink).toHaveValue(DEFAULT_DATASET.rows.find((r) => r.id === "c1")!.values.drink!);
  await expect(setup.saveState(setup.dataset)).toHaveText("Unsaved changes");
  await setup.saveButton(setup.dataset, "Save table").click();
  await expect(setup.saveState(setup.dataset)).toHaveText("Saved");
  expect((await room.stored()).content.dataset).toEqual(DEFAULT_DATASET);
  // And changed again from there, which saves on top of it.
  await drink.fill(`Flat White ${s}`);
  await monthName.fill(`Favourite Month ${s}`);
  await setup.saveButton(setup.dataset, "Save table").click();
  await expect(setup.saveState(setup.dataset)).toHaveText("Saved");
  expect((await room.stored()).content.dataset.rows.find((r) => r.id === "c1")?.values.drink).toBe(`Flat White ${s}`);

  // Questions: refused while one is empty, beside it…
  const q2 = setup.questions.getByRole("textbox", { name: "Question 2", exact: true });
  const newQ2 = `Which app knows you best, ${s}?`;
  await setup.questions.getByRole("button", { name: "Add question" }).click();
  const q4 = setup.questions.getByRole("textbox", { name: "Question 4", exact: true });
  await q2.fill(newQ2);
  await setup.saveButton(setup.questions, "Save questions").click();
  await expect(q4).toHaveAccessibleDescription("A question can't be empty.");
  await expect(q4).toBeFocused();
  await expect(q2).toHaveValue(newQ2);
  expect((await room.stored()).content.questions).toEqual(DEFAULT_QUESTIONS);
  // …and saved once it is written.
  const newQ4 = `What would you never share, ${s}?`;
  await q4.fill(newQ4);
  await setup.saveButton(setup.questions, "Save questions").click();
  await expect(setup.saveState(setup.questions)).toHaveText("Saved");
  const questions = (await room.stored()).content.questions;
  expect(questions.map((q) => q.prompt)).toEqual([DEFAULT_QUESTIONS[0]!.prompt, newQ2, DEFAULT_QUESTIONS[2]!.prompt, newQ4]);
  expect(questions[1]!.id).toBe("q2"); // an edited question keeps its id, so answers stay attached

  // A reload shows what was stored.
  await setup.reload();
  await expect(setup.tab("Lesson")).toHaveAttribute("aria-selected", "true");
  await expect(setup.texts.getByRole("textbox", { name: "Brief" })).toHaveValue(newBrief);
  await expect(drink).toHaveValue(`Flat White ${s}`);
  await expect(q4).toHaveValue(newQ4);

  // The student's lesson is the edited one.
  const studentPage = await (await newContext()).newPage();
  const workspace = new StudentWorkspace(studentPage);
  await signIn(studentPage, room.student.email);
  await workspace.open(room.assignment.id);
  await expect(studentPage.getByText(newBrief)).toBeVisible();
  await expect(studentPage.getByRole("main")).toContainText(`It is shared widely ${s}.`);
  const table = studentPage.getByRole("region", { name: "Loyalty club members" });
  await expect(table.getByRole("columnheader", { name: `Favourite Month ${s}` })).toBeVisible();
  await expect(table.getByRole("row", { name: /Sarah Johns/ })).toContainText(`Flat White ${s}`);
  await expect(workspace.datapoint(`Favourite Month ${s}`)).toBeVisible();
  await workspace.goTo("Reflection");
  await expect(workspace.question(2)).toBeVisible();
  await expect(studentPage.getByText(`2. ${newQ2}`)).toBeVisible();
  await expect(studentPage.getByText(`4. ${newQ4}`)).toBeVisible();
});

test("lesson: an empty case study or brief is refused beside it, nothing lost; Discard changes puts back what was saved; the lesson's own texts and questions come back as unsaved changes", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base, "lesson");
  const lesson = defaultLessonContent();
  const caseStudy = setup.texts.getByRole("textbox", { name: "Case study" });
  const brief = setup.texts.getByRole("textbox", { name: "Brief" });

  // Emptied: refused beside each field, the brief's edit kept, nothing stored.
  const ownBrief = `Plan a recap for the tea room ${uid()}.`;
  await caseStudy.fill("");
  await brief.fill("  ");
  await setup.saveButton(setup.texts, "Save texts").click();
  await expect(caseStudy).toHaveAccessibleDescription(
    /Students read the case study first: write one, or reset the texts to the lesson's own\.$/,
  );
  await expect(brief).toHaveAccessibleDescription(/The brief frames the activity: write one, or reset the texts to the lesson's own\.$/);
  await expect(caseStudy).toBeFocused();
  expect((await room.stored()).content).toMatchObject({ caseStudy: lesson.caseStudy, brief: lesson.brief });
  // Discarded: what was saved is back, and nothing is unsaved.
  await setup.texts.getByRole("button", { name: "Discard changes" }).click();
  await expect(caseStudy).toHaveValue(lesson.caseStudy);
  await expect(setup.saveState(setup.texts)).toHaveText("Saved");
  await expect(setup.texts.getByRole("button", { name: "Discard changes" })).toHaveCount(0);
  await expect(setup.saveButton(setup.texts, "Save texts")).toBeFocused(); // the button went with the changes

  // A reset over typing not yet saved asks first: refused, the typing stays.
  const questions: string[] = [];
  let agree = false;
  page.on("dialog", (dialog) => {
    questions.push(dialog.message());
    void (agree ? dialog.accept() : dialog.dismiss());
  });
  await brief.fill(ownBrief);
  await setup.texts.getByRole("button", { name: "Reset to the lesson's texts" }).click();
  await expect.poll(() => questions).toEqual(["Replace your unsaved changes with the lesson's own? They can't be brought back."]);
  await expect(brief).toHaveValue(ownBrief);
  agree = true;

  // A brief of the teacher's own is saved; the lesson's own comes back as an unsaved change, and is saved.
  await brief.fill(ownBrief);
  await setup.saveButton(setup.texts, "Save texts").click();
  await expect(setup.saveState(setup.texts)).toHaveText("Saved");
  expect((await room.stored()).content.brief).toBe(ownBrief);
  await setup.texts.getByRole("button", { name: "Reset to the lesson's texts" }).click();
  await expect(brief).toHaveValue(lesson.brief);
  await expect(setup.saveState(setup.texts)).toHaveText("Unsaved changes");
  expect((await room.stored()).content.brief).toBe(ownBrief);
  await setup.saveButton(setup.texts, "Save texts").click();
  await expect(setup.saveState(setup.texts)).toHaveText("Saved");
  expect((await room.stored()).content.brief).toBe(lesson.brief);

  // Questions: one removed and saved, then the lesson's own three are back (their ids too, so answers stay attached).
  await setup.questions.getByRole("button", { name: "Remove question 2" }).click();
  await setup.saveButton(setup.questions, "Save questions").click();
  await expect(setup.saveState(setup.questions)).toHaveText("Saved");
  expect((await room.stored()).content.questions).toHaveLength(DEFAULT_QUESTIONS.length - 1);
  await setup.questions.getByRole("button", { name: "Reset to the lesson's questions" }).click();
  await expect(setup.questions.getByRole("textbox", { name: "Question 2", exact: true })).toHaveValue(DEFAULT_QUESTIONS[1]!.prompt);
  await setup.saveButton(setup.questions, "Save questions").click();
  await expect(setup.saveState(setup.questions)).toHaveText("Saved");
  expect((await room.stored()).content.questions).toEqual(DEFAULT_QUESTIONS);
  expect(questions).toHaveLength(1); // nothing unsaved to replace: no question
});

test("rubric: an empty descriptor is refused beside it, an edited one is saved and shown to the student; a removal keeps the focus and is discarded", async ({
  page,
  make,
  db,
  newContext,
}) => {
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base, "rubric");
  await expect(setup.rubricLocked).toHaveCount(0);
  const s = uid();

  const strong = setup.level(1, 1, "Descriptor");
  const developing = setup.level(1, 2, "Descriptor");
  await expect(strong).toHaveValue(DEFAULT_RUBRIC.criteria[0]!.levels[0]!.descriptor);
  const newStrong = `Each datapoint would delight the customer ${s}.`;
  await strong.fill(newStrong);
  await developing.fill("");
  await setup.saveButton(setup.rubric, "Save rubric").click();
  await expect(developing).toHaveAccessibleDescription("Every level needs a descriptor.");
  await expect(developing).toHaveAttribute("aria-invalid", "true");
  await expect(strong).toHaveValue(newStrong);
  await expect(setup.saveState(setup.rubric)).toHaveText("Unsaved changes");
  expect((await room.stored()).rubric).toEqual(DEFAULT_RUBRIC);

  const newDeveloping = `Two datapoints would delight ${s}.`;
  await developing.fill(newDeveloping);
  await setup.saveButton(setup.rubric, "Save rubric").click();
  await expect(setup.saveState(setup.rubric)).toHaveText("Saved");
  const rubric = (await room.stored()).rubric;
  expect(rubric.criteria[0]!.levels.map((l) => l.descriptor)).toEqual([
    newStrong,
    newDeveloping,
    DEFAULT_RUBRIC.criteria[0]!.levels[2]!.descriptor,
  ]);
  expect(rubric.criteria.slice(1)).toEqual(DEFAULT_RUBRIC.criteria.slice(1));

  await setup.reload();
  await expect(strong).toHaveValue(newStrong);

  // Removing a criterion or a level moves the focus to the one that took its place (the button went
  // with it), or the one before at the end; "Discard changes" puts what was removed back.
  const title = (n: number) => setup.rubric.getByLabel(`Criterion ${n} Title`, { exact: true });
  await setup.rubric.getByRole("button", { name: "Remove criterion 2" }).click();
  await expect(title(2)).toHaveValue(DEFAULT_RUBRIC.criteria[2]!.title);
  await expect(title(2)).toBeFocused();
  await setup.rubric.getByRole("button", { name: "Remove level 3 of criterion 1" }).click();
  await expect(setup.level(1, 2, "Label")).toBeFocused();
  await setup.rubric.getByRole("button", { name: "Discard changes" }).click();
  await expect(title(2)).toHaveValue(DEFAULT_RUBRIC.criteria[1]!.title);
  await expect(setup.level(1, 3, "Descriptor")).toHaveValue(DEFAULT_RUBRIC.criteria[0]!.levels[2]!.descriptor);
  await expect(setup.saveState(setup.rubric)).toHaveText("Saved");

  const studentPage = await (await newContext()).newPage();
  const workspace = new StudentWorkspace(studentPage);
  await signIn(studentPage, room.student.email);
  await workspace.open(room.assignment.id);
  await expect(workspace.gradingGuide).toContainText(newStrong);
  await expect(workspace.gradingGuide).toContainText(newDeveloping);
  await expect(workspace.gradingGuide).not.toContainText(DEFAULT_RUBRIC.criteria[0]!.levels[0]!.descriptor);
});

test("the rubric locks once any work is scored: read-only with the notice, and the server refuses a rubric sent anyway", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make, db);
  const data = gradingData(db);
  const submission = await data.submitted(room.assignment, room.student.id);
  await data.grade(submission.id, room.teacher.id, { design: 2 });
  // An assignment of the same teacher with nothing scored: the same calls are allowed there.
  const open = await make.assignment(room.section.id, { title: `Unscored ${uid()}` });
  const openBase = `/sections/${room.section.id}/assignments/${open.id}`;
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);

  await setup.open(room.base, "rubric");
  await expect(setup.rubricLocked).toBeVisible();
  await expect(setup.rubricLocked).toHaveText(RUBRIC_LOCKED);
  const view = setup.panel("Rubric").getByRole("table");
  await expect(view).toContainText(DEFAULT_RUBRIC.criteria[0]!.levels[0]!.descriptor);
  await expect(view.getByRole("rowheader")).toHaveCount(DEFAULT_RUBRIC.criteria.length);
  await expect(setup.rubric).toHaveCount(0);
  await expect(page.getByTestId("rubric-editor")).toHaveCount(0);
  await expect(setup.panel("Rubric").getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save rubric" })).toHaveCount(0);
  // The rest of the setup is still editable.
  await setup.tab("Lesson").click();
  await expect(setup.saveButton(setup.texts, "Save texts")).toBeEnabled();

  await setup.open(openBase, "rubric");
  await expect(setup.rubric).toBeVisible();
  await expect(setup.rubricLocked).toHaveCount(0);

  // Straight to the server action with the teacher's own session.
  const updateRubric = findServerAction("updateRubricAction");
  const edited = structuredClone(DEFAULT_RUBRIC);
  edited.criteria[2]!.levels[0]!.descriptor = `Sent anyway ${uid()}`;
  const refused = await postAction(page.request, updateRubric, [
    { sectionId: room.section.id, assignmentId: room.assignment.id, base: rubricVersion(DEFAULT_RUBRIC), rubric: edited },
  ]);
  expect(refused.body).toContain('"code":"locked"');
  expect(refused.body).not.toContain('"ok":true');
  expect((await room.stored()).rubric).toEqual(DEFAULT_RUBRIC);

  const allowed = await postAction(page.request, updateRubric, [
    { sectionId: room.section.id, assignmentId: open.id, base: rubricVersion(open.rubric), rubric: edited },
  ]);
  expect(allowed.body).toContain('"ok":true');
  expect((await db.select().from(assignments).where(eq(assignments.id, open.id)))[0]!.rubric).toEqual(edited);
});

test.describe("access", () => {
  test("another teacher and a student get the 404 page for a real setup, and their saves are refused", async ({
    page,
    make,
    db,
    newContext,
    consoleGuard,
  }) => {
    test.slow(); // three browsers, four 404 pages and twelve raw action calls
    consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
    const room = await classroom(make, db);
    const intruder = await make.teacher();
    const ref = { sectionId: room.section.id, assignmentId: room.assignment.id };
    // The version of each part as the owner's page has it: what a form sends back.
    const base = (part: LessonPart) => partVersion(withLessonDefaults(room.assignment.content), part);
    const rubric = structuredClone(DEFAULT_RUBRIC);
    rubric.criteria[0]!.title = "Hijacked";
    const attempts = [
      [
        "updateSettingsAction",
        { ...ref, base: settingsVersion(room.assignment), settings: { ...settingsOf(room.assignment), title: "Hijacked" } },
      ],
      ["updateTextsAction", { ...ref, base: base("texts"), caseStudy: "Hijacked", brief: "Hijacked", copyExample: "Hijacked [Name]" }],
      ["updateQuestionsAction", { ...ref, base: base("questions"), questions: [{ id: "q1", prompt: "Hijacked" }] }],
      ["updateLessonPlanAction", { ...ref, base: base("lessonPlan"), lessonPlan: { ...DEFAULT_LESSON_PLAN, grouping: "Hijacked" } }],
      ["updateRubricAction", { ...ref, base: rubricVersion(room.assignment.rubric), rubric }],
    ] as const;

    // The owner: the page opens (and one of the same calls goes through, so the refusals below are about who asks).
    await signIn(page, room.teacher.email);
    const own = await page.goto(`${room.base}/setup`);
    expect(own?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: `Set up: ${room.assignment.title}` })).toBeVisible();

    for (const who of [intruder, room.student]) {
      const other = await (await newContext()).newPage();
      await signIn(other, who.email);
      for (const path of [`${room.base}/setup`, `${room.base}/setup?tab=rubric`]) {
        const response = await other.goto(path);
        expect(response?.status(), `${who.role} at ${path}`).toBe(404);
        await expect(other.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
        await expect(other.getByText(room.assignment.title)).toHaveCount(0);
        await expect(other.getByRole("tablist")).toHaveCount(0);
      }
      for (const [name, input] of attempts) {
        const { body } = await postAction(other.request, findServerAction(name), [input]);
        expect(body, `${who.role}: ${name}`).not.toContain('"ok":true');
        expect(body, `${who.role}: ${name}`).toContain('"code":"not_found"');
      }
    }
    expect(await room.stored()).toEqual(room.assignment);

    const { body } = await postAction(page.request, findServerAction("updateTextsAction"), [
      { ...ref, base: base("texts"), caseStudy: "The owner's own", brief: "The owner's brief" },
    ]);
    expect(body).toContain('"ok":true');
    expect((await room.stored()).content).toMatchObject({ caseStudy: "The owner's own", brief: "The owner's brief" });
    const plan = await postAction(page.request, findServerAction("updateLessonPlanAction"), [
      { ...ref, base: base("lessonPlan"), lessonPlan: { ...DEFAULT_LESSON_PLAN, grouping: "The owner's groups" } },
    ]);
    expect(plan.body).toContain('"ok":true');
    expect((await room.stored()).content).toMatchObject({ caseStudy: "The owner's own", lessonPlan: { grouping: "The owner's groups" } });
  });

  test("anonymous visitors are sent to sign-in and come back to the setup after signing in", async ({ page, make, db }) => {
    test.slow(); // through the sign-in form and its deliberately slow password hash
    const room = await classroom(make, db);
    const path = `${room.base}/setup`;
    await page.goto(path);
    await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
    await page.getByLabel("Email").fill(room.teacher.email);
    await page.getByLabel("Password").fill("correct-horse-battery");
    await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(path);
    await expect(page.getByRole("heading", { level: 1, name: `Set up: ${room.assignment.title}` })).toBeVisible();
    await expect(new AssignmentSetup(page).tab("Settings")).toHaveAttribute("aria-selected", "true");
  });
});

test("axe finds nothing on the setup's three tabs", async ({ page, make, db }) => {
  test.slow(); // three axe runs on a page holding every editor
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base);
  await expectNoViolations(page);
  await setup.tab("Lesson").click();
  await expect(setup.texts).toBeVisible();
  await expectNoViolations(page);
  await setup.tab("Rubric").click();
  await expect(setup.rubric).toBeVisible();
  await expectNoViolations(page);
});

test("axe finds nothing on the setup with field errors showing, or on the locked rubric", async ({ page, make, db }) => {
  test.slow(); // three axe runs on a page holding every editor
  const room = await classroom(make, db);
  const setup = new AssignmentSetup(page);
  await signIn(page, room.teacher.email);
  await setup.open(room.base, "rubric");
  await setup.level(1, 1, "Descriptor").fill("");
  await setup.saveButton(setup.rubric, "Save rubric").click();
  await expect(setup.level(1, 1, "Descriptor")).toHaveAccessibleDescription("Every level needs a descriptor.");
  await setup.tab("Settings").click();
  await setup.settings.getByRole("textbox", { name: "Title", exact: true }).fill("");
  await setup.saveButton(setup.settings, "Save settings").click();
  await expect(setup.settings.getByRole("textbox", { name: "Title", exact: true })).toHaveAccessibleDescription("Title is required.");
  await expectNoViolations(page);

  const data = gradingData(db);
  await data.grade((await data.submitted(room.assignment, room.student.id)).id, room.teacher.id, { ideation: 3 });
  page.on("dialog", (dialog) => void dialog.accept()); // leave the unsaved edits behind
  await setup.open(room.base, "rubric");
  await expect(setup.rubricLocked).toBeVisible();
  await expectNoViolations(page);
});

test.describe("on a phone", () => {
  const phone = devices["Pixel 7"];
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, userAgent: phone.userAgent, deviceScaleFactor: 2.625 });

  test("every tab of the setup, and the locked rubric, fit the screen without sideways scrolling", async ({ page, make, db }) => {
    const room = await classroom(make, db);
    const setup = new AssignmentSetup(page);
    await signIn(page, room.teacher.email);
    await setup.open(room.base);
    await expect(setup.settings).toBeVisible();
    await expectNoHorizontalScroll(page);
    for (const [tab, editor] of [
      ["Lesson", setup.dataset],
      ["Rubric", setup.rubric],
      ["Settings", setup.settings],
    ] as const) {
      await setup.tab(tab).tap();
      await expect(editor).toBeVisible();
      await expectNoHorizontalScroll(page);
    }
    // A wider customer table still scrolls inside its own box, not the page.
    await setup.tab("Lesson").tap();
    await setup.dataset.getByRole("button", { name: "Add column" }).tap();
    await setup.dataset.getByRole("button", { name: "Add customer" }).tap();
    await expect(setup.saveState(setup.dataset)).toHaveText("Unsaved changes");
    await expectNoHorizontalScroll(page);

    const data = gradingData(db);
    await data.grade((await data.submitted(room.assignment, room.student.id)).id, room.teacher.id, { copywriting: 1 });
    page.on("dialog", (dialog) => void dialog.accept()); // leave the unsaved table behind
    await setup.open(room.base, "rubric");
    await expect(setup.rubricLocked).toBeVisible();
    await expectNoHorizontalScroll(page);
  });

  test("at 360 px, Tab and Shift+Tab along a customer row keep each focused cell clear of the sticky name and remove columns", async ({
    page,
    make,
    db,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const room = await classroom(make, db);
    const setup = new AssignmentSetup(page);
    await signIn(page, room.teacher.email);
    await setup.open(room.base, "lesson");
    const region = setup.dataset.getByRole("region", { name: "Customer table editor" });
    const [first] = DEFAULT_DATASET.rows;
    const labels = DEFAULT_DATASET.columns.slice(1).map((column) => `${first!.values.name} — ${column.name}`);
    // The whole cell in the table's box, right of the name column (stuck to its left edge) and left
    // of the remove buttons (stuck to its right edge), as drawn.
    const expectClear = async (label: string) => {
      const cell = setup.cell(label);
      await expect(cell).toBeFocused();
      const row = cell.locator("xpath=ancestor::tr[1]");
      const box = (await cell.boundingBox())!;
      const name = (await row.locator("th").first().boundingBox())!;
      const edge = (await row.locator("td").last().boundingBox())!;
      const view = (await region.boundingBox())!;
      expect.soft(box.x, `${label} starts under the name column`).toBeGreaterThanOrEqual(Math.max(name.x + name.width, view.x));
      expect.soft(box.x + box.width, `${label} ends under the remove column`).toBeLessThanOrEqual(Math.min(edge.x, view.x + view.width));
    };
    await setup.cell("Customer 1 — Name").focus();
    for (const label of labels) {
      await page.keyboard.press("Tab");
      await expectClear(label);
    }
    for (const label of [...labels].reverse().slice(1)) {
      await page.keyboard.press("Shift+Tab");
      await expectClear(label);
    }
  });
});

test("moving the due date later marks the work already in again: a late hand-in it now covers is on time, as the field says before saving", async ({
  page,
  make,
  db,
}) => {
  const data = gradingData(db);
  const teacher = await make.teacher(`Ms. Dates ${uid()}`);
  const section = await make.section(teacher.id);
  const student = await make.student(`Lee Tardy ${uid()}`);
  await make.enroll(section.id, student.id);
  const assignment = await data.assignment(section.id, { dueAt: new Date(Date.now() - 24 * 3_600_000) });
  await data.submitted(assignment, student.id); // an hour ago: a day after the due date
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  await signIn(page, teacher.email);
  const table = new SubmissionsTable(page);
  await table.open(base);
  await expect(table.row(student.name)).toContainText("Submitted late");

  const setup = new AssignmentSetup(page);
  await setup.open(base, "settings");
  const dueDate = setup.settings.getByLabel("Due date", { exact: true });
  const remark = /Saving marks the work already handed in again against this date: late only if it came in after it\./;
  await expect(dueDate).not.toHaveAccessibleDescription(remark);
  await dueDate.fill("2031-01-20T14:30");
  await expect(dueDate).toHaveAccessibleDescription(remark);
  await setup.saveButton(setup.settings, "Save settings").click();
  await expect(setup.saveState(setup.settings)).toHaveText("Saved");
  await expect(dueDate).not.toHaveAccessibleDescription(remark); // the date saved is the date shown

  await table.open(base);
  await expect(table.row(student.name)).toContainText("Submitted");
  await expect(table.row(student.name)).not.toContainText("late");
});

test("two tabs on the same setup: a save over a part the other tab saved meanwhile is refused, with what was typed kept; reloaded, it saves", async ({
  page,
  make,
  db,
}) => {
  test.slow(); // two tabs
  const room = await classroom(make, db);
  await signIn(page, room.teacher.email);
  const tabA = new AssignmentSetup(page);
  const tabB = new AssignmentSetup(await page.context().newPage());
  await tabA.open(room.base, "lesson");
  await tabB.open(room.base, "lesson");
  const caseStudy = (tab: AssignmentSetup) => tab.texts.getByRole("textbox", { name: "Case study" });
  const brief = (tab: AssignmentSetup) => tab.texts.getByRole("textbox", { name: "Brief" });
  const original = await caseStudy(tabA).inputValue();

  // A saves a new case study, twice (each save is based on the one before).
  for (const text of [`A's case study ${uid()}`, `A's case study, revised ${uid()}`]) {
    await caseStudy(tabA).fill(text);
    await tabA.saveButton(tabA.texts, "Save texts").click();
    await expect(tabA.saveState(tabA.texts)).toHaveText("Saved");
    expect((await room.stored()).content.caseStudy).toBe(text);
  }
  const fromA = (await room.stored()).content.caseStudy;

  // B, opened before, still shows the old case study: its save of a new brief would put it back.
  const fromB = `B's brief ${uid()}`;
  await expect(caseStudy(tabB)).toHaveValue(original);
  await brief(tabB).fill(fromB);
  await tabB.saveButton(tabB.texts, "Save texts").click();
  await expect(tabB.texts.getByTestId("form-error")).toHaveText(LESSON_CHANGED_ELSEWHERE);
  await expect(brief(tabB)).toHaveValue(fromB);
  await expect(tabB.saveState(tabB.texts)).toHaveText("Unsaved changes");
  expect((await room.stored()).content).toMatchObject({ caseStudy: fromA, brief: room.assignment.content.brief });

  // Another part of the same page, not saved meanwhile, saves from B as before.
  const grouping = `B's groups ${uid()}`;
  await tabB.lessonPlan.getByRole("textbox", { name: "Whole class or small groups" }).fill(grouping);
  await tabB.saveButton(tabB.lessonPlan, "Save lesson plan").click();
  await expect(tabB.saveState(tabB.lessonPlan)).toHaveText("Saved");

  // Reloaded, B shows A's case study, and its brief saves beside it.
  tabB.page.once("dialog", (dialog) => void dialog.accept()); // "unsaved changes": B's typed brief goes
  await tabB.reload();
  await expect(caseStudy(tabB)).toHaveValue(fromA);
  await brief(tabB).fill(fromB);
  await tabB.saveButton(tabB.texts, "Save texts").click();
  await expect(tabB.saveState(tabB.texts)).toHaveText("Saved");
  expect((await room.stored()).content).toMatchObject({ caseStudy: fromA, brief: fromB, lessonPlan: { grouping } });
});

test("two tabs on the same setup: settings and the rubric saved in one tab twice refuse the other tab's older copy, with what was typed kept", async ({
  page,
  make,
  db,
}) => {
  test.slow(); // two tabs, six saves
  const room = await classroom(make, db);
  await signIn(page, room.teacher.email);
  const tabA = new AssignmentSetup(page);
  const tabB = new AssignmentSetup(await page.context().newPage());
  await tabA.open(room.base, "settings");
  await tabB.open(room.base, "settings");
  const instructions = (tab: AssignmentSetup) => tab.settings.getByRole("textbox", { name: "Instructions" });
  const title = (tab: AssignmentSetup) => tab.settings.getByRole("textbox", { name: "Title", exact: true });

  // A moves the due date, then saves again (each save is based on the one before).
  const dueDate = tabA.settings.getByLabel("Due date", { exact: true });
  await dueDate.fill("2031-02-03T10:00");
  await tabA.saveButton(tabA.settings, "Save settings").click();
  await expect(tabA.saveState(tabA.settings)).toHaveText("Saved");
  const fromA = `A's instructions ${uid()}`;
  await instructions(tabA).fill(fromA);
  await tabA.saveButton(tabA.settings, "Save settings").click();
  await expect(tabA.saveState(tabA.settings)).toHaveText("Saved");
  expect(await room.stored()).toMatchObject({ dueAt: new Date("2031-02-03T16:00:00Z"), instructions: fromA });

  // B, opened before, would put the old due date back with its new title: refused, the title kept.
  const fromB = `B's title ${uid()}`;
  await title(tabB).fill(fromB);
  await tabB.saveButton(tabB.settings, "Save settings").click();
  await expect(tabB.settings.getByTestId("form-error")).toHaveText(LESSON_CHANGED_ELSEWHERE);
  await expect(title(tabB)).toHaveValue(fromB);
  await expect(tabB.saveState(tabB.settings)).toHaveText("Unsaved changes");
  expect(await room.stored()).toMatchObject({ title: room.assignment.title, dueAt: new Date("2031-02-03T16:00:00Z") });

  // The rubric, the same way: A saves two descriptors one after the other, B's older copy is refused.
  await tabA.tab("Rubric").click();
  await tabB.tab("Rubric").click();
  const first = `A's first ${uid()}`;
  const second = `A's second ${uid()}`;
  await tabA.level(1, 1, "Descriptor").fill(first);
  await tabA.saveButton(tabA.rubric, "Save rubric").click();
  await expect(tabA.saveState(tabA.rubric)).toHaveText("Saved");
  await tabA.level(2, 1, "Descriptor").fill(second);
  await tabA.saveButton(tabA.rubric, "Save rubric").click();
  await expect(tabA.saveState(tabA.rubric)).toHaveText("Saved");
  const fromBRubric = `B's descriptor ${uid()}`;
  await tabB.level(3, 1, "Descriptor").fill(fromBRubric);
  await tabB.saveButton(tabB.rubric, "Save rubric").click();
  await expect(tabB.rubric.getByTestId("form-error")).toHaveText(LESSON_CHANGED_ELSEWHERE);
  await expect(tabB.level(3, 1, "Descriptor")).toHaveValue(fromBRubric);
  const rubric = (await room.stored()).rubric;
  expect(rubric.criteria.map((c) => c.levels[0]!.descriptor).slice(0, 3)).toEqual([
    first,
    second,
    DEFAULT_RUBRIC.criteria[2]!.levels[0]!.descriptor,
  ]);

  // Reloaded, B saves its title beside A's settings.
  tabB.page.once("dialog", (dialog) => void dialog.accept()); // "unsaved changes": B's typing goes
  await tabB.open(room.base, "settings");
  await title(tabB).fill(fromB);
  await tabB.saveButton(tabB.settings, "Save settings").click();
  await expect(tabB.saveState(tabB.settings)).toHaveText("Saved");
  expect(await room.stored()).toMatchObject({ title: fromB, instructions: fromA, dueAt: new Date("2031-02-03T16:00:00Z") });
});

/** A new teacher's new section's Assign lesson form, ready, with the due date it offers filled in. */
async function openAssignLesson(page: Page, make: Make) {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}/assignments/new`);
  await waitForReady(page);
  const form = page.getByRole("form", { name: "Assign lesson" });
  const dueDate = form.getByLabel("Due date", { exact: true });
  await expect(dueDate).not.toHaveValue("");
  return { section, form, dueDate };
}

test("assigning the lesson: a due date already passed is asked about beside the field first, and assigned once pressed again; one ahead is assigned at once", async ({
  page,
  make,
  db,
}) => {
  const { section, form, dueDate } = await openAssignLesson(page, make);
  const assignmentsOf = async () => await db.select().from(assignments).where(eq(assignments.sectionId, section.id));
  const title = form.getByLabel("Title");
  const assign = form.getByRole("button", { name: "Assign lesson" });

  // Refused at first: a year typed wrong puts the due date in the past.
  await title.fill("Wrong year");
  await dueDate.fill("2025-12-14T23:59");
  await assign.click();
  await expect(dueDate).toHaveAccessibleDescription(/This date has already passed: every student would be missing from the start\./);
  await expect(dueDate).toBeFocused();
  expect(await assignmentsOf()).toHaveLength(0);
  // Another date: the question goes; another date gone by is asked about again.
  await dueDate.fill("2025-12-15T23:59");
  await expect(dueDate).not.toHaveAccessibleDescription(/already passed/);
  await assign.click();
  await expect(dueDate).toHaveAccessibleDescription(/This date has already passed/);
  expect(await assignmentsOf()).toHaveLength(0);
  // Allowed: pressed again with that date, it is assigned as it is.
  await assign.click();
  await expect(toast(page, "Lesson assigned. Students in the section can start now.")).toBeVisible();
  await expect(page).toHaveURL(/\/assignments\/[^/]+$/);
  const [wrong] = await assignmentsOf();
  expect(wrong).toMatchObject({ title: "Wrong year" });
  expect(wrong!.dueAt.getTime()).toBeLessThan(Date.now());

  // Allowed at once: the date it offers, next week.
  await page.goto(`/sections/${section.id}/assignments/new`);
  await title.fill("Next week");
  await assign.click();
  await expect(toast(page, "Lesson assigned. Students in the section can start now.")).toBeVisible();
  await expect.poll(async () => (await assignmentsOf()).map((a) => a.title).sort()).toEqual(["Next week", "Wrong year"]);
});

test("a due date typed from the keyboard, part by part, is kept as typed and assigned: the year's first digits don't empty the field", async ({
  page,
  make,
  db,
}) => {
  const { section, form, dueDate } = await openAssignLesson(page, make);
  // The month comes first (US English), then the day, the year, hours, minutes and AM/PM.
  await dueDate.focus();
  await page.keyboard.press("Shift+Tab"); // any part the focus landed on: back out, then in at the first
  await page.keyboard.press("Tab");
  for (const keys of ["03", "16", "2", "0", "2", "7", "09", "30", "A"]) {
    await page.keyboard.type(keys);
    await expect(dueDate, `after ${keys}`).not.toHaveValue("");
  }
  await expect(dueDate).toHaveValue("2027-03-16T09:30");
  await form.getByLabel("Title").fill("Typed by hand");
  await form.getByRole("button", { name: "Assign lesson" }).click();
  await expect(toast(page, "Lesson assigned. Students in the section can start now.")).toBeVisible();
  const [assigned] = await db.select().from(assignments).where(eq(assignments.sectionId, section.id));
  expect(assigned!.dueAt.toISOString()).toBe(await page.evaluate(() => new Date("2027-03-16T09:30").toISOString()));
});
