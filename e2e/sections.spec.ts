import { and, eq } from "drizzle-orm";
import { enrollments, sections, users } from "../db/schema";
import { findServerAction, postAction } from "./support/actions";
import { expect, expectNoHorizontalScroll, signIn, test } from "./support/fixtures";
import { lineBreaks, toast, waitForReady } from "./support/ui";
import type { Locator } from "@playwright/test";

const dashed = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

test("a teacher creates a section, lands on it and copies its join link", async ({ page, make, db, context, baseURL }) => {
  const teacher = await make.teacher();
  const name = `Period 5 — Design ${Date.now()}`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, teacher.email);
  await expect(page).toHaveURL(/\/sections$/);
  await waitForReady(page);

  await page.getByLabel("Section name").fill(name);
  await page.getByLabel("Term (optional)").fill("Spring 2027");
  await page.getByRole("button", { name: "Create section" }).click();

  // What lasts: the new section's own page (a toast may be gone by the time a slow machine gets there).
  await expect(page).toHaveURL(/\/sections\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const sectionId = page.url().split("/").pop()!;
  const row = (await db.select().from(sections).where(eq(sections.id, sectionId)))[0];
  expect(row).toMatchObject({ teacherId: teacher.id, name, term: "Spring 2027", joinEnabled: true, archivedAt: null });

  const code = row!.joinCode;
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await expect(page.getByTestId("join-code")).toHaveText(dashed(code));
  const link = `${baseURL}/join/${code}`;
  await expect(page.getByLabel("Join link")).toHaveValue(link);

  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(toast(page, "Join link copied.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "My sections" }).click();
  await expect(page.getByTestId("section-list").getByRole("link", { name: new RegExp(name) })).toContainText(dashed(code));
});

test("rename a section; a name over 80 characters is refused by the form and by the server", async ({ page, make, db }) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Old name", term: "Fall" });
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}`);

  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Section name").fill("  Period 7 — Renamed ");
  await page.getByLabel("Term (optional)").fill("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Section renamed.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Period 7 — Renamed" })).toBeVisible();
  // Opened again, the form starts from the name as saved (tidied by the server), not as typed.
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByLabel("Section name")).toHaveValue("Period 7 — Renamed");
  // Esc closes it as Cancel does, and the focus goes back to Rename.
  await page.getByLabel("Section name").press("Escape");
  await expect(page.getByLabel("Section name")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rename" })).toBeFocused();
  expect((await db.select().from(sections).where(eq(sections.id, section.id)))[0]).toMatchObject({
    name: "Period 7 — Renamed",
    term: null,
  });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Period 7 — Renamed" })).toBeVisible();

  // The input's maxLength is only a convenience: take it away and the form still refuses.
  const tooLong = "n".repeat(81);
  await page.getByRole("button", { name: "Rename" }).click();
  const field = page.getByLabel("Section name");
  await field.evaluate((input) => input.removeAttribute("maxlength"));
  await field.fill(tooLong);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(field).toHaveAccessibleDescription("Section name must be at most 80 characters.");
  await page.getByRole("button", { name: "Cancel" }).click();

  // And the server, called directly with the teacher's own session, refuses too.
  const { body } = await postAction(page.request, findServerAction("renameSectionAction"), [
    { sectionId: section.id, name: tooLong, term: "" },
  ]);
  expect(body).toContain('"code":"invalid"');
  expect(body).toContain("Section name must be at most 80 characters.");
  expect((await db.select().from(sections).where(eq(sections.id, section.id)))[0]?.name).toBe("Period 7 — Renamed");

  // 80 characters exactly is fine.
  const longest = "m".repeat(80);
  const ok = await postAction(page.request, findServerAction("renameSectionAction"), [{ sectionId: section.id, name: longest, term: "" }]);
  expect(ok.body).toContain('"ok":true');
  expect((await db.select().from(sections).where(eq(sections.id, section.id)))[0]?.name).toBe(longest);
});

test("archive a section, find it under Archived, restore it", async ({ page, make, db, newContext }) => {
  const teacher = await make.teacher();
  const keep = await make.section(teacher.id, { name: "Stays active" });
  const section = await make.section(teacher.id, { name: "To be archived" });
  const pupil = await make.student();
  await make.enroll(section.id, pupil.id);
  const assignment = await make.assignment(section.id, { closeAt: new Date(Date.now() + 14 * 24 * 3_600_000) });
  await signIn(page, teacher.email);
  const list = page.getByTestId("section-list");
  await expect(list.getByRole("link")).toHaveCount(2);
  await expect(page.getByRole("link", { name: /^Archived/ })).toHaveCount(0);

  await list.getByRole("link", { name: /To be archived/ }).click();
  const windowBadge = page.getByTestId("assignment-list").getByText(/^(Open|Closed)$/);
  await expect(windowBadge).toHaveText("Open");
  await page.getByRole("button", { name: "Archive section" }).click();
  await expect(toast(page, "Section archived: its students' work can no longer change.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Restore section" })).toBeVisible();
  // Nothing can be handed in any more, whatever the due date says.
  await expect(windowBadge).toHaveText("Closed");
  await expect(page.getByText("Students can't join an archived section, and their work in it can no longer change")).toBeVisible();
  expect((await db.select().from(sections).where(eq(sections.id, section.id)))[0]?.archivedAt).toBeInstanceOf(Date);
  // Joining shows off and can't be switched while archived; the setting kept is the one restoring brings back.
  const joining = page.getByRole("switch", { name: /Joining/ });
  await expect(joining).toHaveAttribute("aria-checked", "false");
  await expect(joining).toBeDisabled();
  await expect(joining).toHaveAccessibleName(/Closed while the section is archived; on again when you restore it/);
  // The student is told the work can't change, and sees no countdown to a due date that no longer applies.
  const student = await (await newContext()).newPage();
  await signIn(student, pupil.email);
  await student.goto(`/assignments/${assignment.id}`);
  await expect(student.getByText("This class has been archived, so its work can no longer change.").first()).toBeVisible();
  await expect(student.getByTestId("time-left")).toHaveCount(0);
  await expect(student.getByRole("main")).not.toContainText("closes "); // nor a close date still to come
  await student.goto("/classes");
  await expect(student.getByTestId("assignment-window")).toHaveText("Closed");
  // The assignment's settings say their dates change nothing while archived, and where to restore it.
  const setup = `/sections/${section.id}/assignments/${assignment.id}/setup`;
  await page.goto(setup);
  const archivedNote = page.getByTestId("archived-settings");
  await expect(archivedNote).toHaveText(
    "This section is archived, so its students can't change their work, whatever these dates say. Restore the section to let them.",
  );
  await archivedNote.getByRole("link", { name: "Restore the section" }).click();
  await expect(page.getByRole("button", { name: "Restore section" })).toBeVisible();

  await page.goto("/sections");
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(list.getByRole("link", { name: new RegExp(keep.name) })).toBeVisible();
  await page.getByRole("link", { name: "Archived (1)" }).click();
  await expect(page).toHaveURL(/\/sections\?archived=1$/);
  await expect(page.getByRole("heading", { level: 1, name: "Archived sections" })).toBeVisible();
  await expect(list.getByRole("link")).toHaveCount(1);
  await list.getByRole("link", { name: /To be archived/ }).click();

  await page.getByRole("button", { name: "Restore section" }).click();
  await expect(toast(page, "Section restored.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Archive section" })).toBeVisible();
  expect((await db.select().from(sections).where(eq(sections.id, section.id)))[0]?.archivedAt).toBeNull();
  await expect(windowBadge).toHaveText("Open");
  await expect(joining).toHaveAttribute("aria-checked", "true");
  await expect(joining).toBeEnabled();
  await student.goto(`/assignments/${assignment.id}`);
  await expect(student.getByTestId("time-left")).toBeVisible();
  await expect(student.getByRole("main")).toContainText("closes ");
  await page.goto(setup);
  await expect(page.getByRole("textbox", { name: "Title" })).toBeVisible();
  await expect(archivedNote).toHaveCount(0);
  await page.goto("/sections");
  await expect(list.getByRole("link")).toHaveCount(2);
  await expect(page.getByRole("link", { name: /^Archived/ })).toHaveCount(0);
});

test("a new code retires the old one: its join page stops working, the new one works", async ({ page, make, db, newContext }) => {
  const teacher = await make.teacher("Ms. Codes");
  const student = await make.student();
  const section = await make.section(teacher.id, { name: "Code rotation" });
  const oldCode = section.joinCode;
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}`);
  await expect(page.getByTestId("join-code")).toHaveText(dashed(oldCode));

  // Asked first; keeping the code changes nothing and gives focus back to the button.
  const newCodeButton = page.getByRole("button", { name: "New code" });
  const asking = page.getByRole("group", { name: /^Make a new code\? The current code and link will stop working/ });
  await newCodeButton.click();
  await expect(asking.getByRole("button", { name: "Make a new code" })).toBeFocused();
  await asking.getByRole("button", { name: "Keep this code" }).click();
  await expect(asking).toHaveCount(0);
  await expect(newCodeButton).toBeFocused();
  await expect(page.getByTestId("join-code")).toHaveText(dashed(oldCode));
  await newCodeButton.click();
  await asking.getByRole("button", { name: "Make a new code" }).click();
  await expect(newCodeButton).toBeFocused(); // not lost to the page when the question closes
  // The toast is read as soon as it shows (it vanishes after a few seconds), and checked once the new code is known.
  const announced = toast(page, /^New code: /);
  await expect(announced).toBeVisible();
  const announcement = await announced.textContent();
  await expect(page.getByTestId("join-code")).not.toHaveText(dashed(oldCode));
  const newCode = (await db.select().from(sections).where(eq(sections.id, section.id)))[0]!.joinCode;
  expect(newCode).not.toBe(oldCode);
  await expect(page.getByTestId("join-code")).toHaveText(dashed(newCode));
  expect(announcement).toContain(`New code: ${dashed(newCode)}`);
  await expect(page.getByLabel("Join link")).toHaveValue(new RegExp(`/join/${newCode}$`));

  const studentPage = await (await newContext()).newPage();
  await signIn(studentPage, student.email);
  await studentPage.goto(`/join/${oldCode}`);
  await expect(studentPage.getByRole("heading", { level: 1, name: "This join link doesn't work" })).toBeVisible();
  await expect(studentPage.getByRole("button", { name: /^Join/ })).toHaveCount(0);

  await studentPage.goto(`/join/${newCode}`);
  await expect(studentPage.getByRole("heading", { level: 1, name: "Join Code rotation" })).toBeVisible();
  await studentPage.getByRole("button", { name: "Join Code rotation" }).click();
  await expect(studentPage).toHaveURL(/\/classes$/);
  await expect(studentPage.getByTestId("class-list")).toContainText("Code rotation");
});

test("turning joining off stops students from joining until it is turned back on", async ({ page, make, db, newContext }) => {
  test.slow(); // two browsers, and each change checked on the student's side
  const teacher = await make.teacher();
  const student = await make.student();
  const section = await make.section(teacher.id, { name: "Gatekept" });
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}`);

  const joining = page.getByRole("switch", { name: /Joining/ });
  await expect(joining).toHaveAttribute("aria-checked", "true");
  // From the keyboard: the switch keeps the focus while it saves, and after.
  await joining.focus();
  await page.keyboard.press("Space");
  await expect(toast(page, "Joining turned off.")).toBeVisible();
  await expect(joining).toHaveAttribute("aria-checked", "false");
  await expect(joining).toBeFocused();
  await expect(page.getByRole("button", { name: "Copy link" })).toBeDisabled();
  expect((await db.select().from(sections).where(eq(sections.id, section.id)))[0]?.joinEnabled).toBe(false);

  const studentPage = await (await newContext()).newPage();
  await signIn(studentPage, student.email);
  await studentPage.goto(`/join/${section.joinCode}`);
  await expect(studentPage.getByTestId("join-problem")).toHaveText(/^Joining this class is turned off/);
  await expect(studentPage.getByRole("button", { name: "Join Gatekept" })).toHaveCount(0);

  // Typing the code (or calling the action directly) is refused the same way.
  await studentPage.goto("/join");
  await waitForReady(studentPage);
  await studentPage.getByLabel("Class code").fill(section.joinCode);
  await studentPage.getByRole("button", { name: "Join class" }).click();
  await expect(studentPage.getByLabel("Class code")).toHaveAccessibleDescription(/Joining this class is turned off/);
  const { body } = await postAction(studentPage.request, findServerAction("joinSectionAction"), [{ code: section.joinCode }]);
  expect(body).toContain('"code":"invalid"');
  const enrolled = async () =>
    await db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.sectionId, section.id), eq(enrollments.studentId, student.id)));
  expect(await enrolled()).toHaveLength(0);

  await joining.click();
  await expect(toast(page, "Joining turned on.")).toBeVisible();
  await expect(joining).toHaveAttribute("aria-checked", "true");
  await studentPage.goto(`/join/${section.joinCode}`);
  await studentPage.getByRole("button", { name: "Join Gatekept" }).click();
  await expect(studentPage).toHaveURL(/\/classes$/);
  expect(await enrolled()).toHaveLength(1);
});

test("removing a student hides the class from them; restoring brings everything back", async ({ page, make, db, newContext }) => {
  const teacher = await make.teacher("Mr. Roster");
  const student = await make.student(`Rosa Roster ${Date.now()}`);
  const classmate = await make.student();
  const section = await make.section(teacher.id, { name: "Roster care" });
  const enrollment = await make.enroll(section.id, student.id);
  await make.enroll(section.id, classmate.id);

  const studentPage = await (await newContext()).newPage();
  await signIn(studentPage, student.email);
  await expect(studentPage).toHaveURL(/\/classes$/);
  await expect(studentPage.getByTestId("class-list")).toContainText("Roster care");

  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}`);
  const students = page.getByRole("table", { name: "Students" });
  const row = students.getByRole("row").filter({ hasText: student.name });
  await expect(row).toContainText(student.email);
  await expect(students.getByRole("row")).toHaveCount(3); // header + 2

  // Remove, then Undo from the toast, from the keyboard: the focus follows the student each way.
  await page.getByRole("button", { name: `Remove ${student.name}` }).focus();
  await page.keyboard.press("Enter");
  await expect(toast(page, `${student.name} removed. Their work is kept.`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(page.getByText("Removed students (1)")).toBeFocused();
  await toast(page, "removed").getByRole("button", { name: "Undo" }).click();
  await expect(toast(page, `${student.name} is back in the section.`)).toBeVisible();
  await expect(row).toHaveCount(1);
  await expect(page.getByRole("button", { name: `Remove ${student.name}` })).toBeFocused();

  // Remove for real: the student loses the class and cannot re-join on their own.
  await page.getByRole("button", { name: `Remove ${student.name}` }).click();
  await expect(row).toHaveCount(0);
  await expect(students.getByRole("row")).toHaveCount(2);
  const removedList = page.locator("details").filter({ hasText: "Removed students (1)" });
  await expect(removedList).toBeVisible();
  expect((await db.select().from(enrollments).where(eq(enrollments.id, enrollment.id)))[0]?.removedAt).toBeInstanceOf(Date);

  await studentPage.reload();
  await expect(studentPage.getByText("Roster care")).toHaveCount(0);
  await studentPage.goto(`/join/${section.joinCode}`);
  await expect(studentPage.getByTestId("join-problem")).toHaveText(/^Your teacher removed you from this class/);

  // Restore from the "Removed students" list.
  await removedList.getByText("Removed students (1)").click();
  await removedList.getByRole("button", { name: `Restore ${student.name}` }).click();
  await expect(toast(page, `${student.name} is back in the section.`).last()).toBeVisible();
  await expect(row).toHaveCount(1);
  await expect(page.locator("details")).toHaveCount(0);

  const restored = (await db.select().from(enrollments).where(eq(enrollments.id, enrollment.id)))[0];
  expect(restored).toEqual({ ...enrollment, removedAt: null }); // same row, same join date: nothing lost
  await studentPage.goto("/classes");
  await expect(studentPage.getByTestId("class-list")).toContainText("Roster care");
  await expect(studentPage.getByTestId("class-list")).toContainText("Teacher: Mr. Roster");
});

test("on a laptop, the roster's long email addresses wrap before an @ or a dot (or after a hyphen), never mid-word", async ({
  page,
  make,
  db,
}) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Long addresses" });
  const student = await make.student("Maximiliana Konstantinopoulou");
  const email = `maximiliana.konstantinopoulou.${Date.now().toString(36)}@students.lincoln-high-school.example.org`;
  await db.update(users).set({ email }).where(eq(users.id, student.id));
  await make.enroll(section.id, student.id);
  await signIn(page, teacher.email);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/sections/${section.id}`);
  const row = page.getByRole("table", { name: "Students" }).getByRole("row").filter({ hasText: student.name });
  const cell = row.getByRole("cell").filter({ hasText: email }).last();
  await expect(cell).toHaveText(email);
  // It wraps (the column is narrower than the address), only where a reader would break it.
  const breaks = await lineBreaks(cell);
  expect(breaks.length).toBeGreaterThan(0);
  for (const line of breaks) expect(line, "a break before an @ or a dot, or after a hyphen").toMatch(/\|[@.]|-\|/);
  // The roster's card holds its table, and the page doesn't scroll sideways.
  const table = page.getByRole("table", { name: "Students" });
  expect(await table.evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
  await expectNoHorizontalScroll(page);
});

test("on a phone, a long section name wraps between its words on My sections, in a breadcrumb and on the administrator's list", async ({
  page,
  make,
  newContext,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const teacher = await make.teacher();
  const name = `Entrepreneurship Marketing ${Date.now().toString(36)} (Tuesdays and Thursdays) Block A`;
  const section = await make.section(teacher.id, { name });
  await signIn(page, teacher.email);
  await page.goto("/sections");
  // Each place breaks the name only between words (a break mid-word read "Mark / eting").
  const betweenWords = async (element: Locator) => {
    await expect(element).toHaveText(name);
    const breaks = await lineBreaks(element);
    expect(breaks.length, "the name is longer than the line").toBeGreaterThan(0);
    for (const line of breaks) expect(line, "a break between words").toMatch(/ \||\| /);
  };
  await betweenWords(page.getByTestId("section-list").getByText(name, { exact: true }));
  await page.goto(`/sections/${section.id}/assignments/new`);
  await betweenWords(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name }));
  const admin = await make.admin();
  const adminPage = await (await newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(adminPage, admin.email);
  await adminPage.goto(`/admin/sections?q=${encodeURIComponent(name)}`);
  await betweenWords(adminPage.getByText(name, { exact: true }));
});
