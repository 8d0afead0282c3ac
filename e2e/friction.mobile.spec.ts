import type { Page } from "@playwright/test";
import { makeUser } from "../db/factories";
import { DEFAULT_QUESTIONS } from "../lib/lesson/default-lesson";
import { hashPassword } from "../lib/password";
import { DiscussionBoard } from "./support/pages/discussion";
import { StudentWorkspace } from "./support/pages/workspace";
import { expect, expectNoHorizontalScroll, signIn, test, uniqueEmail } from "./support/fixtures";

// Runs in the "phone" project (390×844, touch): see playwright.config.ts. What a new student and
// teacher ran into on a phone (issue 14): a three-row header, a step bar that hid two steps, and a
// projector whose question header was squeezed to one letter a line.

/** The header is one row: it took about 130 px in three rows; a row of 40 px controls is ~56 px. */
async function expectOneRowHeader(page: Page, links: string[]) {
  const banner = page.getByRole("banner");
  const height = (await banner.boundingBox())!.height;
  expect(height, `the header is ${height}px tall on ${page.url()}`).toBeLessThanOrEqual(72);
  for (const name of links) await expect(banner.getByRole("link", { name, exact: true })).toBeInViewport({ ratio: 1 });
  await expectNoHorizontalScroll(page);
}

test("on a phone, the header is one row for a visitor, a student, a teacher and an admin, with every link in view", async ({
  page,
  make,
  db,
}) => {
  await page.goto("/sign-in");
  await expectOneRowHeader(page, ["Recap Classroom", "Sign in", "Sign up"]);

  const student = await make.student();
  await signIn(page, student.email);
  await expectOneRowHeader(page, ["Recap Classroom", "My classes", "Join a class", "Account"]);
  // Signing out, which the header has no room for on a phone, is on the Account page.
  await page.getByRole("banner").getByRole("link", { name: "Account" }).tap();
  await expect(page.getByRole("main").getByRole("button", { name: "Sign out", exact: true })).toBeVisible();

  const teacher = await make.teacher();
  await page.context().clearCookies();
  await signIn(page, teacher.email);
  await expectOneRowHeader(page, ["Recap Classroom", "My sections", "Account"]);

  // The admin's three links fit too.
  const admin = await makeUser(db, {
    role: "admin",
    name: "Ada Admin",
    email: uniqueEmail("admin"),
    passwordHash: await hashPassword("x".repeat(12)),
  });
  await page.context().clearCookies();
  await signIn(page, admin.email);
  await page.goto("/account");
  await expectOneRowHeader(page, ["Accounts", "Sections", "Access log", "Account"]);
});

test("on a phone, all five steps of the workspace are in view, in order, and the arrow keys walk them", async ({ page, make }) => {
  const { student, assignment } = await make.studentInClass();
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);

  await page.getByRole("tablist", { name: "Steps" }).scrollIntoViewIfNeeded();
  const tabs = page.getByRole("tablist", { name: "Steps" }).getByRole("tab");
  await expect(tabs).toHaveCount(5);
  // Each is named by the label it shows (WCAG 2.5.3: a voice-control user says what they see).
  const names = ["Ideas (not done)", "Copy (not done)", "Design (not done)", "Reflect (not done)", "Submit"];
  let left = -1;
  for (const [i, name] of names.entries()) {
    const tab = tabs.nth(i);
    await expect(tab).toHaveAccessibleName(name);
    await expect(tab.getByText(name.replace(/ \(.*/, ""), { exact: true }).filter({ visible: true })).toHaveCount(1);
    await expect(tab).toBeInViewport({ ratio: 1 });
    const box = (await tab.boundingBox())!;
    expect(box.x, `${name} sits right of the step before it`).toBeGreaterThan(left);
    left = box.x;
  }
  // Nothing hides off to the side: the bar doesn't scroll.
  const bar = await page.getByRole("tablist", { name: "Steps" }).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(bar.scroll).toBeLessThanOrEqual(bar.client);
  await expectNoHorizontalScroll(page);

  // A tap opens the last step; the arrow keys go through them in order.
  await work.goTo("Review & submit", { tap: true });
  await expect(tabs.nth(4)).toHaveAttribute("aria-selected", "true");
  await tabs.nth(4).press("ArrowRight");
  await expect(tabs.nth(0)).toBeFocused();
  await expect(tabs.nth(0)).toHaveAttribute("aria-selected", "true");
  await tabs.nth(0).press("ArrowRight");
  await expect(tabs.nth(1)).toBeFocused();
});

test("on a phone, the projector's question gets the full width, with the toolbar below it", async ({ page, make }) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await make.assignment(section.id);
  const student = await make.student();
  await make.enroll(section.id, student.id);
  await make.submission({
    assignment,
    studentId: student.id,
    draft: { ideas: [], picks: [], copy: "", answers: { [DEFAULT_QUESTIONS[0]!.id]: "Seeing my own numbers made me want to share it." } },
    submittedAt: [new Date(Date.now() - 60_000)],
  });
  const board = new DiscussionBoard(page);
  await signIn(page, teacher.email);
  await board.open(`/sections/${section.id}/assignments/${assignment.id}/discussion`);
  await board.projectorButton.tap();
  await expect(board.projector.dialog).toBeVisible();

  const question = board.projector.question;
  await expect(question).toBeVisible();
  const width = (await question.boundingBox())!.width;
  // 390 px less the padding: it was a column one letter wide.
  expect(width, "the question's width").toBeGreaterThan(300);
  const exit = board.projector.dialog.getByRole("button", { name: /Exit/ });
  await expect(exit).toBeInViewport({ ratio: 1 });
  expect((await exit.boundingBox())!.y, "the toolbar wraps below the question").toBeGreaterThan((await question.boundingBox())!.y);
});
