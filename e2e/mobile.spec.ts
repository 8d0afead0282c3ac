import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { expect, expectNoHorizontalScroll, PASSWORD, signIn, test } from "./support/fixtures";
import { pastDueClass } from "./support/grading-data";
import { toast, waitForReady } from "./support/ui";

// Runs in the "phone" project (390×844, touch): see playwright.config.ts.

test("on a phone, a student joins a class by typing its code, without sideways scrolling", async ({ page, make }) => {
  const teacher = await make.teacher("Ms. Pocket");
  const student = await make.student();
  const section = await make.section(teacher.id, { name: "Phone-friendly class", term: "Fall 2026" });

  await page.goto("/sign-in");
  await expectNoHorizontalScroll(page);
  await signIn(page, student.email);
  await expect(page).toHaveURL(/\/classes$/);
  await expect(page.getByTestId("current-user")).toBeHidden(); // the name is dropped below the sm breakpoint
  await expect(page.getByRole("banner").getByRole("link", { name: "Account" })).toBeVisible();
  await expectNoHorizontalScroll(page);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Join a class" }).tap();
  await expect(page).toHaveURL(/\/join$/);
  await waitForReady(page);
  await expectNoHorizontalScroll(page);
  await page.getByLabel("Class code").fill(`${section.joinCode.slice(0, 4)} ${section.joinCode.slice(4)}`.toLowerCase());
  await page.getByRole("button", { name: "Join class" }).tap();

  await expect(page).toHaveURL(/\/classes$/);
  const card = page.getByTestId("class-list").getByRole("listitem").filter({ hasText: "Phone-friendly class" });
  await expect(card).toContainText("Teacher: Ms. Pocket");
  await expectNoHorizontalScroll(page);
});

test("on a phone, a teacher's section page fits the screen", async ({ page, make }) => {
  const teacher = await make.teacher();
  const name = "Period 3 — Introduction to Personalized Marketing and Consumer Data";
  const section = await make.section(teacher.id, { name, term: "Fall 2026 (second half)" });
  const longEmailStudent = await make.student("Maximiliana Alexandrovna Konstantinopoulou-Vanderbilt");
  const removed = await make.student();
  // One word wider than a phone: it wraps inside the name, rather than push the row's buttons off the screen.
  const longWord = await make.student("Hubert Wolfeschlegelsteinhausenbergerdorffvoralternwaren");
  await make.enroll(section.id, longWord.id);
  await make.enroll(section.id, longEmailStudent.id);
  await make.enroll(section.id, removed.id);
  await signIn(page, teacher.email);
  await expect(page).toHaveURL(/\/sections$/);
  await expectNoHorizontalScroll(page);

  await page
    .getByTestId("section-list")
    .getByRole("link", { name: new RegExp(name) })
    .tap();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("table", { name: "Students" })).toContainText(longEmailStudent.email);
  await expectNoHorizontalScroll(page);
  const table = page.getByRole("table", { name: "Students" });
  expect(
    await table.evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth),
    "the roster's box doesn't scroll sideways",
  ).toBe(true);

  // The states that add content: a removed student, the new-code confirmation, the rename form.
  await page.getByRole("button", { name: `Remove ${removed.name}` }).tap();
  await expect(toast(page, `${removed.name} removed. Their work is kept.`)).toBeVisible();
  await page.getByText("Removed students (1)").tap();
  await expect(page.getByRole("button", { name: `Restore ${removed.name}` })).toBeVisible();
  await page.getByRole("button", { name: "New code" }).tap();
  // The question takes the focus, and the browser may scroll to it: wait for that before the next tap,
  // or the tap can land where Rename was a moment before.
  await expect(page.getByRole("button", { name: "Make a new code" })).toBeFocused();
  await page.getByRole("button", { name: "Rename" }).tap();
  await expect(page.getByLabel("Section name")).toHaveValue(name);
  await expectNoHorizontalScroll(page);
});

test("on a phone, a student on a one-time password chooses their own, without sideways scrolling", async ({ page, make, db }) => {
  const student = await make.student();
  await db.update(users).set({ mustChangePassword: true }).where(eq(users.id, student.id));
  await signIn(page, student.email);
  await expect(page).toHaveURL(/\/account\/password/);
  await expect(page.getByRole("heading", { level: 1, name: "Choose your own password" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  await page.getByLabel("One-time password (from your slip)").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("pocket sized passphrase");
  await page.getByLabel("New password again").fill("pocket sized passphrase");
  await page.getByRole("button", { name: "Save new password" }).tap();
  await expect(page).toHaveURL(/\/classes$/);
  await expect(toast(page, "Your new password is saved: use it from now on.")).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test("on a phone, a student on a one-time password can sign out from the password page, where every page leads; with their own password, it isn't there", async ({
  page,
  make,
  db,
}) => {
  const student = await make.student();
  await db.update(users).set({ mustChangePassword: true }).where(eq(users.id, student.id));
  await signIn(page, student.email);
  await expect(page).toHaveURL(/\/account\/password/);
  // The header's Account leads back here on a phone, where Sign out lives on the account page.
  await page.getByRole("banner").getByRole("link", { name: "Account" }).tap();
  await expect(page).toHaveURL(/\/account\/password/);
  const notYou = page.getByTestId("not-you");
  await notYou.getByRole("button", { name: "Sign out" }).tap();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/classes");
  await expect(page).toHaveURL(/\/sign-in\?/);

  // With a password of their own, the page is a plain change of password, with no second Sign out.
  await db.update(users).set({ mustChangePassword: false }).where(eq(users.id, student.id));
  await signIn(page, student.email);
  await page.goto("/account/password");
  await expect(page.getByRole("heading", { level: 1, name: "Change your password" })).toBeVisible();
  await expect(page.getByTestId("not-you")).toHaveCount(0);
});

test("on a phone, the administrator's accounts, an account and the sections fit the screen", async ({ page, make }) => {
  const { teacher, student } = await make.studentInClass();
  const admin = await make.admin();
  await signIn(page, admin.email);
  await expectNoHorizontalScroll(page);
  for (const path of [`/admin/accounts?q=${encodeURIComponent(student.email)}`, `/admin/accounts/${teacher.id}`]) {
    await page.goto(path);
    await expectNoHorizontalScroll(page);
  }
  await page.goto(`/admin/sections?q=${encodeURIComponent(teacher.email)}`);
  await page.getByRole("button", { name: /^Transfer / }).click();
  await expect(page.getByLabel("New teacher's email")).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test("on a phone, an assignment's Students list fits the screen: when each student handed in, and their total, sit under the status", async ({
  page,
  make,
  db,
}) => {
  const { data, teacher, section, assignment, students } = await pastDueClass(make, db, [
    "Alexandra Featherstonehaugh-Montgomery",
    "Bo Graded",
    "Cy Handed",
  ]);
  const graded = await data.submitted(assignment, students[1]!.id);
  await data.grade(graded.id, teacher.id, { ideation: 3, copywriting: 2, design: 3, reflection: 1 });
  await data.submitted(assignment, students[2]!.id);
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}/assignments/${assignment.id}`);
  await waitForReady(page);
  const table = page.getByRole("table", { name: "Submissions" });
  const row = (name: string) => table.getByTestId("submission-row").filter({ hasText: name });
  await expect(row("Bo Graded").getByTestId("row-figures")).toHaveText(/^Submitted .+ · Total 9 of 12$/);
  await expect(row("Cy Handed").getByTestId("row-figures")).toHaveText(/^Submitted .+$/);
  await expect(row("Alexandra Featherstonehaugh-Montgomery").getByTestId("row-figures")).toHaveCount(0);
  await expect(table.getByRole("columnheader", { name: "Total" })).toBeHidden();
  // Nothing runs off the screen, nor scrolls inside the table's box.
  await expectNoHorizontalScroll(page);
  const box = await table.evaluate((element) => ({
    scroll: element.parentElement!.scrollWidth,
    width: element.parentElement!.clientWidth,
  }));
  expect(box.scroll).toBeLessThanOrEqual(box.width);
  // The columns' sorting, from a menu: highest total first puts the graded student on top.
  await page.getByLabel("Sort").selectOption({ label: "Total, highest first" });
  await expect(page).toHaveURL(/sort=total&dir=desc/);
  await expect(table.getByTestId("submission-row").first()).toContainText("Bo Graded");
  await waitForReady(page);
  // Ticking a student opens the bar's actions within the screen too.
  await row("Alexandra Featherstonehaugh-Montgomery").getByRole("checkbox").tap();
  await expect(page.getByRole("group", { name: "Selected students" }).getByRole("button", { name: "Give an extension" })).toBeVisible();
  await expectNoHorizontalScroll(page);
  // On a wider screen the columns come back, and the figures under the status and the menu go.
  await page.setViewportSize({ width: 800, height: 844 });
  await expect(table.getByRole("columnheader", { name: "Total" })).toBeVisible();
  await expect(row("Bo Graded").getByRole("cell").last()).toHaveText("9 / 12");
  await expect(row("Bo Graded").getByTestId("row-figures")).toBeHidden();
  await expect(page.getByLabel("Sort")).toBeHidden();
});
