import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { sections, users } from "../db/schema";
import { expect, PASSWORD, signIn, signInWithPassword, test } from "./support/fixtures";
import { findServerAction, postAction } from "./support/actions";
import { SignInForm } from "./support/pages/sign-in";
import { toast, waitForReady } from "./support/ui";

/** Opens an account's page from the accounts search, as an administrator would. */
async function openAccount(page: Page, email: string) {
  await page.goto(`/admin/accounts?q=${encodeURIComponent(email)}`);
  await page.getByTestId("account-row").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await waitForReady(page, page.getByTestId("account-actions"));
}

test.describe("the administrator's accounts", () => {
  test("search by name or email, filter by role and state, paged", async ({ page, make }) => {
    const tag = `zq${Date.now().toString(36)}`;
    for (let i = 0; i < 27; i++) await make.student(`Pupil ${tag} ${i}`);
    const teacher = await make.teacher(`Teacher ${tag}`);
    const admin = await make.admin();
    await signIn(page, admin.email);
    await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();

    await page.goto("/admin/accounts");
    await page.getByLabel("Name or email").fill(tag.toUpperCase());
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByTestId("result-count")).toHaveText("1–25 of 28 accounts");
    await expect(page.getByTestId("account-row")).toHaveCount(25);
    await page.getByRole("link", { name: "Next page" }).press("Enter");
    await expect(page.getByTestId("result-count")).toHaveText("26–28 of 28 accounts");
    await expect(page.getByTestId("account-row")).toHaveCount(3);
    // The last page has no Next page: the count takes the focus the link had, and is read out. Back, the same.
    await expect(page.getByTestId("result-count")).toBeFocused();
    await page.getByRole("link", { name: "Previous page" }).press("Enter");
    await expect(page.getByTestId("result-count")).toHaveText("1–25 of 28 accounts");
    await expect(page.getByTestId("result-count")).toBeFocused();

    await page.getByLabel("Role").selectOption("teacher");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/role=teacher/);
    await expect(page.getByTestId("account-row")).toHaveCount(1);
    await expect(page.getByTestId("account-row")).toContainText(teacher.email);

    // By email, and by state: nobody of these is deactivated.
    await page.goto(`/admin/accounts?q=${encodeURIComponent(teacher.email)}&state=deactivated`);
    await expect(page.getByText("No account matches.")).toBeVisible();
    await expect(page.getByTestId("result-count")).toHaveCount(0); // said once, not again as "No accounts"
    await page.goto(`/admin/accounts?q=${encodeURIComponent(teacher.email)}&state=active`);
    await expect(page.getByTestId("account-row")).toHaveCount(1);
  });

  test("deactivate signs the user out on their next request; reactivate lets them back in", async ({ page, make, newContext }) => {
    const { student } = await make.studentInClass();
    const admin = await make.admin();
    const studentPage = await (await newContext()).newPage();
    // With the form, as a student does: this browser becomes a known device of the account.
    await signInWithPassword(studentPage, student.email);
    await expect(studentPage).toHaveURL("/classes");

    await signIn(page, admin.email);
    await openAccount(page, student.email);
    await page.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("button", { name: "Deactivate account" })).toBeFocused();
    await page.getByRole("button", { name: "Deactivate account" }).click();
    await expect(toast(page, "is deactivated")).toBeVisible();
    await expect(page.getByTestId("account-state")).toContainText("Deactivated");

    await studentPage.reload();
    await expect(studentPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fclasses$/);
    const form = new SignInForm(studentPage);
    await form.open();
    // The right password learns why; a wrong one learns nothing about the account.
    await form.signIn(student.email, PASSWORD);
    await expect(form.error).toHaveText("This account has been deactivated. Ask your school's administrator to reactivate it.");
    await form.signIn(student.email, "not the password");
    await expect(form.error).toHaveText("Email or password is incorrect.");
    // The right password in a browser the account never signed in on learns nothing either: a
    // deactivated account can't be used to find out whether a password is right.
    const elsewhere = await (await newContext()).newPage();
    const elsewhereForm = new SignInForm(elsewhere);
    await elsewhereForm.open();
    await elsewhereForm.signIn(student.email, PASSWORD);
    await expect(elsewhereForm.error).toHaveText("Email or password is incorrect.");

    await page.getByRole("button", { name: "Reactivate" }).click();
    await page.getByRole("button", { name: "Reactivate account" }).click();
    await expect(page.getByTestId("account-state")).toContainText("Active");
    await signInWithPassword(studentPage, student.email);
    await expect(studentPage).toHaveURL("/classes");
  });

  test("a name typed wrong at sign-up or in a roster is corrected by an administrator; the teacher's roster shows the new one", async ({
    page,
    make,
    newContext,
  }) => {
    const { student, teacher, section } = await make.studentInClass();
    const admin = await make.admin();
    await signIn(page, admin.email);
    await openAccount(page, student.email);
    await page.getByRole("button", { name: "Correct the name" }).click();
    const name = page.getByLabel("Name", { exact: true });
    await expect(name).toBeFocused();
    await expect(name).toHaveValue(student.name);
    // Refused: an empty name, beside the field; the heading (for screen readers) keeps the name.
    await name.fill("   ");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(name).toHaveAccessibleDescription(/Name is required\./);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(student.name);
    // Allowed: saved, the heading shows it, and the focus goes back to the button.
    await name.fill("  Siobhán O’Brien ");
    await name.press("Enter");
    await expect(toast(page, "The name is now Siobhán O’Brien.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siobhán O’Brien");
    await expect(page.getByRole("button", { name: "Correct the name" })).toBeFocused();
    // Opened again and left with Esc: nothing changes, and the focus comes back.
    await page.getByRole("button", { name: "Correct the name" }).click();
    await name.press("Escape");
    await expect(name).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Correct the name" })).toBeFocused();

    const teacherPage = await (await newContext()).newPage();
    await signIn(teacherPage, teacher.email);
    await teacherPage.goto(`/sections/${section.id}`);
    await expect(teacherPage.getByText("Siobhán O’Brien")).toBeVisible();
    await expect(teacherPage.getByText(student.name)).toHaveCount(0);
  });

  test("an administrator can't deactivate their own account", async ({ page, make }) => {
    const admin = await make.admin();
    await signIn(page, admin.email);
    await openAccount(page, admin.email);
    await expect(page.getByText("This is your own account")).toBeVisible();
    await expect(page.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
  });

  test("a new one-time password: shown once, and the user must choose their own at sign-in", async ({ page, make, newContext, db }) => {
    const teacher = await make.teacher();
    const admin = await make.admin();
    await signIn(page, admin.email);
    await openAccount(page, teacher.email);
    await page.getByRole("button", { name: "New one-time password" }).click();
    await page.getByRole("button", { name: "Make a one-time password" }).click();
    const code = (await page.getByTestId("one-time-password").textContent())!;
    expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    expect((await db.select().from(users).where(eq(users.id, teacher.id)))[0]?.mustChangePassword).toBe(true);

    const teacherPage = await (await newContext()).newPage();
    const form = new SignInForm(teacherPage);
    await form.open();
    await form.signIn(teacher.email, PASSWORD);
    await expect(form.error).toHaveText("Email or password is incorrect.");
    await form.signIn(teacher.email, code);
    await expect(teacherPage).toHaveURL(/\/account\/password/);
    await expect(teacherPage.getByRole("heading", { level: 1, name: "Choose your own password" })).toBeVisible();
    await teacherPage.goto("/sections");
    await expect(teacherPage).toHaveURL(/\/account\/password/);

    // On record: whoever holds the code can sign in as the teacher. Their own sign-in is not an entry.
    await page.goto(`/admin/access-log?${new URLSearchParams({ student: teacher.email })}`);
    await expect(page.getByTestId("access-log").getByRole("listitem")).toHaveText([
      new RegExp(`^${admin.name} \\(admin\\) gave ${teacher.name} a one-time password`),
    ]);
  });

  test("another administrator's password is not replaced from the pages, which say how the server resets it", async ({
    page,
    make,
    db,
  }) => {
    const admin = await make.admin();
    const other = await make.admin();
    await signIn(page, admin.email);
    await openAccount(page, other.email);
    await expect(page.getByTestId("admin-password-hint")).toContainText(`npm run admin -- reset --email ${other.email}`);
    await expect(page.getByRole("button", { name: "New one-time password" })).toHaveCount(0);
    // Still deactivated like anyone else (the last administrator excepted).
    await expect(page.getByRole("button", { name: "Deactivate" })).toBeVisible();
    // Sent anyway, the action is refused with the same words, and the other administrator's password stays.
    const before = (await db.select().from(users).where(eq(users.id, other.id)))[0]!;
    const refused = await postAction(
      page.request,
      findServerAction("oneTimePasswordAction"),
      [{ userId: other.id }],
      `/admin/accounts/${other.id}`,
    );
    expect(refused.response.status()).toBe(200);
    expect(refused.body).toContain(`npm run admin -- reset --email ${other.email}`);
    expect((await db.select().from(users).where(eq(users.id, other.id)))[0]).toEqual(before);
  });

  test("a role change is allowed when safe, and blocked with the reason otherwise", async ({ page, make, db }) => {
    const fresh = await make.student();
    const { student, teacher } = await make.studentInClass();
    const admin = await make.admin();
    await signIn(page, admin.email);

    await openAccount(page, student.email);
    await expect(page.getByTestId("role-blocked")).toContainText("is a member of 1 section");
    await expect(page.getByRole("button", { name: "Make a teacher" })).toHaveCount(0);

    await openAccount(page, teacher.email);
    await expect(page.getByTestId("role-blocked")).toContainText("owns 1 section (transfer them first)");

    await openAccount(page, fresh.email);
    await page.getByRole("button", { name: "Make a teacher" }).click();
    await page.getByRole("button", { name: `Make ${fresh.name} a teacher` }).click();
    await expect(toast(page, "is now a teacher")).toBeVisible();
    await expect(page.getByTestId("account-state")).toContainText("Teacher");
    expect((await db.select().from(users).where(eq(users.id, fresh.id)))[0]?.role).toBe("teacher");
  });
});

test("the administrator's sections: transfer a section to another teacher, and the old teacher loses it at once", async ({
  page,
  make,
  newContext,
  db,
  consoleGuard,
}) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
  const { teacher, section } = await make.studentInClass();
  const next = await make.teacher("Next Teacher");
  const admin = await make.admin();
  const oldPage = await (await newContext()).newPage();
  await signIn(oldPage, teacher.email);
  await oldPage.goto(`/sections/${section.id}`);
  await expect(oldPage.getByRole("heading", { level: 1, name: section.name })).toBeVisible();

  await signIn(page, admin.email);
  await page.goto(`/admin/sections?q=${encodeURIComponent(teacher.email)}`);
  const row = page.getByTestId("admin-section-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("1 student");
  await expect(row).toContainText("1 assignment");
  await waitForReady(page);
  // Opened and left with Esc: the focus goes back to the button that opened it.
  await row.getByRole("button", { name: `Transfer ${section.name}` }).click();
  await page.getByLabel("New teacher's email").press("Escape");
  await expect(page.getByLabel("New teacher's email")).toHaveCount(0);
  await expect(row.getByRole("button", { name: `Transfer ${section.name}` })).toBeFocused();
  await row.getByRole("button", { name: `Transfer ${section.name}` }).click();
  // An email with no teacher account, or the section's own teacher, is refused next to the field
  // before any question is asked about a transfer that cannot happen.
  const email = page.getByLabel("New teacher's email");
  for (const [typed, refusal] of [
    ["nobody@e2e.test", "No teacher account has this email."],
    [teacher.email, "This section already belongs to that teacher."],
  ]) {
    await email.fill(typed!);
    await page.getByRole("button", { name: "Transfer", exact: true }).click();
    await expect(email).toHaveAccessibleDescription(refusal!);
    await expect(page.getByText("loses access at once")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Confirm transfer" })).toHaveCount(0);
  }
  expect((await db.select().from(sections).where(eq(sections.id, section.id)))[0]?.teacherId).toBe(teacher.id);
  // Closed on a refusal and opened again: a fresh form, without the last email or its error.
  await email.press("Escape");
  await row.getByRole("button", { name: `Transfer ${section.name}` }).click();
  await expect(email).toHaveValue("");
  await expect(email).not.toHaveAccessibleDescription(/belongs to that teacher/);

  // A check answered after the email was edited asks nothing, even when the same email was typed
  // back: the question would appear as the next press of the button lands, and confirm the transfer
  // unread.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/admin/sections*", async (route) => {
    if (route.request().method() === "POST") await held;
    await route.continue();
  });
  await email.fill(next.email);
  await page.getByRole("button", { name: "Transfer", exact: true }).click();
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await email.fill("someone-else@e2e.test");
  await email.fill(` ${next.email.toUpperCase()} `); // as typed, in capitals: named as stored
  release();
  await answered;
  await page.unroute("**/admin/sections*");
  // The answer has been read once the button is no longer busy.
  await expect(page.getByRole("form", { name: `Transfer ${section.name}` }).locator("button[type=submit]")).not.toHaveAttribute(
    "aria-busy",
  );
  await expect(page.getByRole("button", { name: "Transfer", exact: true })).toBeVisible();
  await expect(page.getByText("loses access at once")).toHaveCount(0);

  // A teacher's email: the question names them, and nothing has moved yet.
  await page.getByRole("button", { name: "Transfer", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "loses access at once" })).toHaveText(
    `Move ${section.name} (roster, assignments, work and grades) to ${next.name} (${next.email})? ${teacher.name} loses access at once.`,
  );
  expect((await db.select().from(sections).where(eq(sections.id, section.id)))[0]?.teacherId).toBe(teacher.id);
  await page.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(toast(page, `now belongs to ${next.name}`)).toBeVisible();
  await expect(page.getByText("No section matches.")).toBeVisible(); // the search was by the old teacher's email

  const response = await oldPage.reload();
  expect(response?.status()).toBe(404);
  await signIn(oldPage, next.email);
  await oldPage.goto(`/sections/${section.id}`);
  await expect(oldPage.getByRole("heading", { level: 1, name: section.name })).toBeVisible();
});

test("a transfer confirmed on a page that still shows the section's old teacher moves nothing: another administrator moved it since", async ({
  page,
  make,
  db,
}) => {
  const { teacher, section } = await make.studentInClass();
  const next = await make.teacher("Next Teacher");
  const colleague = await make.teacher("Colleague Teacher");
  const admin = await make.admin();
  const teacherOf = async () => (await db.select().from(sections).where(eq(sections.id, section.id)))[0]?.teacherId;
  /** The sections page found by the teacher it shows, up to the question before moving the section to Next Teacher. */
  const askToMove = async (from: { name: string; email: string }) => {
    await page.goto(`/admin/sections?q=${encodeURIComponent(from.email)}`);
    await waitForReady(page);
    await page
      .getByTestId("admin-section-row")
      .getByRole("button", { name: `Transfer ${section.name}` })
      .click();
    await page.getByLabel("New teacher's email").fill(next.email);
    await page.getByRole("button", { name: "Transfer", exact: true }).click();
    await expect(page.getByText(`${from.name} loses access at once`)).toBeVisible();
  };
  await signIn(page, admin.email);
  await askToMove(teacher);
  // Meanwhile another administrator hands the section to a colleague.
  await db.update(sections).set({ teacherId: colleague.id }).where(eq(sections.id, section.id));
  await page.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(
    page.getByTestId("admin-section-row").getByText("Another administrator has moved this section since the page was loaded"),
  ).toBeVisible();
  expect(await teacherOf()).toBe(colleague.id);

  // Reloaded, the page shows the colleague, and the transfer from them goes ahead.
  await askToMove(colleague);
  await page.getByRole("button", { name: "Confirm transfer" }).click();
  await expect(toast(page, `now belongs to ${next.name}`)).toBeVisible();
  expect(await teacherOf()).toBe(next.id);
});
