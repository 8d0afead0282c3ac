import { eq } from "drizzle-orm";
import { bankedComments, users } from "../db/schema";
import { criterionKey } from "../lib/grading";
import { expectNoViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { draftFor, gradingData } from "./support/grading-data";
import { GradingView } from "./support/pages/grading";
import { StudentWorkspace } from "./support/pages/workspace";
import { toast } from "./support/ui";
import type { Locator } from "@playwright/test";

test("signed-out pages: sign-in, sign-up, join and a join link", async ({ page, make }) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Accessible class", term: "Fall 2026" });
  for (const path of ["/sign-in", "/join", `/join/${section.joinCode}`]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
  // Sign-up with its errors showing.
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 8 characters\./);
  await expectNoViolations(page);
});

test("teacher pages: My sections, a section with a roster, one closed to joining, and an assignment nobody has started", async ({
  page,
  make,
}) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Accessible section", term: "Fall 2026" });
  const quiet = await make.section(teacher.id, { name: "Quiet section", joinEnabled: false });
  await make.section(teacher.id, { name: "Old section", archivedAt: new Date() });
  const removed = await make.student();
  await make.enroll(section.id, (await make.student()).id);
  await make.enroll(section.id, removed.id);
  await signIn(page, teacher.email);
  await expectNoViolations(page);
  // The header's account link: name and role read apart, not "Dana Riverateacher".
  const account = page.getByRole("banner").getByRole("link", { name: `${teacher.name}, teacher: your account`, exact: true });
  await expect(account).toBeVisible();
  await expect(account).toHaveText(`${teacher.name}, teacher`);

  await page.goto(`/sections/${section.id}`);
  await page.getByRole("button", { name: `Remove ${removed.name}` }).click();
  await expect(page.getByText(`Removed students (1)`)).toBeVisible();
  await page.getByText("Removed students (1)").click();
  await page.getByRole("button", { name: "New code" }).click();
  await expectNoViolations(page);

  await page.getByRole("button", { name: "Rename" }).click();
  await expectNoViolations(page);

  // The closed section's struck-through code, and the Students list's counts of zero, stay legible.
  await page.goto(`/sections/${quiet.id}`);
  await expect(page.getByTestId("join-code")).toHaveClass(/line-through/);
  await expectNoViolations(page);
  const assignment = await make.assignment(section.id);
  await page.goto(`/sections/${section.id}/assignments/${assignment.id}`);
  await expect(page.getByTestId("count-submitted")).toContainText("0");
  await expectNoViolations(page);
  // axe leaves text of one character out of its contrast check ("too short to determine"): measured here.
  expect(await contrastOnCard(page.getByTestId("count-submitted").locator("dd"))).toBeGreaterThanOrEqual(4.5);
});

/** The contrast ratio (WCAG 2) of an element's text colour against its parent's background. */
function contrastOnCard(text: Locator) {
  return text.evaluate((element) => {
    const canvas = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    // The browser converts any CSS colour (Tailwind 4 writes lab() and oklch()) to sRGB on a canvas.
    const luminance = (css: string) => {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = css;
      canvas.fillRect(0, 0, 1, 1);
      const [r, g, b] = Array.from(canvas.getImageData(0, 0, 1, 1).data.slice(0, 3), (v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const [fg, bg] = [luminance(getComputedStyle(element).color), luminance(getComputedStyle(element.parentElement!).backgroundColor)];
    return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  });
}

test("student pages: My classes and a join page", async ({ page, make }) => {
  const teacher = await make.teacher();
  const student = await make.student();
  const section = await make.section(teacher.id, { name: "Student view", term: "Fall 2026" });
  await make.enroll(section.id, student.id);
  await make.enroll((await make.section(teacher.id, { name: "Archived view", archivedAt: new Date() })).id, student.id);
  await signIn(page, student.email);
  await expect(page.getByTestId("class-list")).toContainText("Student view");
  await expectNoViolations(page);

  await page.goto(`/join/${section.joinCode}`);
  await expect(page.getByText("You're already in this class.")).toBeVisible();
  await expectNoViolations(page);
  await page.goto("/account");
  await expectNoViolations(page);
  // Change password, with its errors showing.
  await page.getByRole("link", { name: "Change password" }).click();
  await page.getByRole("button", { name: "Save new password" }).click();
  await expect(page.getByLabel("Current password")).toHaveAccessibleDescription("Enter your current password.");
  await expectNoViolations(page);
});

test("administrator pages: overview, accounts, an account with its confirmations, sections with a transfer, the waiting page", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // six pages
  const { teacher, student } = await make.studentInClass();
  const admin = await make.admin();
  await signIn(page, admin.email);
  await expectNoViolations(page);
  await page.goto(`/admin/accounts?q=${encodeURIComponent(student.email)}`);
  await expectNoViolations(page);
  await page.goto(`/admin/accounts/${student.id}`);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("button", { name: "Deactivate account" })).toBeFocused();
  await expectNoViolations(page);
  await page.goto(`/admin/sections?q=${encodeURIComponent(teacher.email)}`);
  await page.getByRole("button", { name: /^Transfer / }).click();
  await page.getByRole("button", { name: "Transfer", exact: true }).click();
  await expect(page.getByLabel("New teacher's email")).toHaveAccessibleDescription("Enter the new teacher's email.");
  await expectNoViolations(page);

  const waiting = await make.teacher();
  await db.update(users).set({ approval: "pending" }).where(eq(users.id, waiting.id));
  const waitingPage = await (await newContext()).newPage();
  await signIn(waitingPage, waiting.email);
  await expect(waitingPage.getByRole("heading", { level: 1, name: "Waiting for approval" })).toBeVisible();
  await expectNoViolations(waitingPage);
});

/** WCAG 2.5.8 (Target Size, Minimum): a pointer target at least 24 by 24 CSS pixels, as drawn. */
async function expectTargetSize(target: Locator, name: string) {
  const box = (await target.boundingBox())!;
  expect.soft(box.width, `${name} is ${box.width} px wide`).toBeGreaterThanOrEqual(24);
  expect.soft(box.height, `${name} is ${box.height} px tall`).toBeGreaterThanOrEqual(24);
}

test("targets are at least 24 by 24 px (WCAG 2.5.8): the copy preview's customer arrows and a toast's close button", async ({
  page,
  make,
}) => {
  const { student, assignment } = await make.studentInClass();
  await make.submission({ assignment, studentId: student.id, draft: draftFor("targets") });
  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await work.open(assignment.id);
  await work.goTo("Copywriting");
  for (const name of ["Previous customer", "Next customer"]) await expectTargetSize(work.preview.getByRole("button", { name }), name);

  await work.goTo("Ideation");
  await page.getByRole("button", { name: "Remove idea 1" }).click();
  const close = toast(page, /^Idea removed/).getByRole("button", { name: "Close toast" });
  await expect(close).toBeVisible();
  await expectTargetSize(close, "The toast's close button");
});

test("targets are at least 24 by 24 px (WCAG 2.5.8): the grading view's comment bank and its comments' buttons", async ({
  page,
  make,
  db,
}) => {
  const data = gradingData(db);
  const { teacher, section, student } = await make.studentInClass();
  const assignment = await data.assignment(section.id);
  await data.submitted(assignment, student.id);
  const text = "Greet the customer by name.";
  await db.insert(bankedComments).values({ teacherId: teacher.id, criterionKey: criterionKey("Copywriting"), text });
  const view = new GradingView(page);
  await signIn(page, teacher.email);
  await view.open(`/sections/${section.id}/assignments/${assignment.id}/grade/${student.id}`);
  await view.comment("copywriting").fill("Lovely."); // "Save comment to bank" is enabled by a comment
  await expectTargetSize(view.bankButton("copywriting", 1), "Comment bank");
  await expectTargetSize(view.saveToBank("copywriting"), "Save comment to bank");
  await view.bankButton("copywriting", 1).click();
  for (const name of [`Insert: ${text}`, `Edit banked comment: ${text}`, `Delete banked comment: ${text}`])
    await expectTargetSize(view.bank("copywriting").getByRole("button", { name }), name);
});

test("the skip link takes the keyboard to the page's content without outlining the whole page; what Tab reaches next shows its ring", async ({
  page,
  make,
}) => {
  const { student } = await make.studentInClass();
  await signIn(page, student.email);
  await expect(page.getByTestId("class-list")).toBeVisible();
  // (A plain link to #main: it works before the page hydrates.)
  const outline = () => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  expect(await outline()).toBe("solid");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  expect(await outline()).toBe("none");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("main").getByRole("link").first()).toBeFocused();
  expect(await outline()).toBe("solid");
});
