import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { and, eq, isNull } from "drizzle-orm";
import { enrollments, signInThrottle, users } from "../db/schema";
import { ROSTER_ACCOUNTS_PAUSED, ROSTER_PAUSED } from "../lib/roster";
import { THROTTLE } from "../lib/sign-in-throttle";
import { findServerAction, postAction } from "./support/actions";
import type { Locator } from "@playwright/test";
import { expectNoViolations } from "./support/axe";
import { expect, expectNoHorizontalScroll, signIn, signInWithPassword, test, uniqueEmail } from "./support/fixtures";
import { RosterImport } from "./support/pages/roster";
import { SignInForm } from "./support/pages/sign-in";
import { dropServerActions, toast, waitForReady } from "./support/ui";

test("a teacher imports a roster with good and bad rows: preview first, then one import with sign-in slips", async ({ page, make, db }) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Period 5 — Marketing" });
  // One assignment already past due (new students are Missing there at once), one still open.
  const overdue = await make.assignment(section.id, { title: "Year in Review (first run)", dueAt: new Date(Date.now() - 24 * 3_600_000) });
  await make.assignment(section.id, { title: "Year in Review (open)", dueAt: new Date(Date.now() + 24 * 3_600_000) });
  const existing = await make.student("Existing Account");
  const enrolled = await make.student("Already Here");
  await make.enroll(section.id, enrolled.id);
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, enrolled.id)); // has used the app
  const ada = uniqueEmail("ada");
  const li = uniqueEmail("li");
  const list = [
    "Last name\tFirst name\tEmail", // pasted from a spreadsheet: tabs
    `Okafor\tAda\t${ada}`,
    `Wei\tLi\t${li.toUpperCase()}`,
    `Person\tExisting\t${existing.email}`,
    `Here\tAlready\t${enrolled.email}`,
    "Nomail\tNora\t",
    "Typo\tTed\tted(at)school.org",
    `Again\tAda\t${ada}`,
    `\t\t${uniqueEmail("nameless")}`,
  ].join("\n");

  const roster = new RosterImport(page);
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}`);
  await page.getByRole("link", { name: "Import students" }).click();
  await expect(roster.heading).toBeVisible();
  await waitForReady(page);

  // Nothing pasted: the error sits next to the field.
  await roster.previewButton.click();
  await expect(roster.list).toHaveAccessibleDescription(/Paste your list or choose a file\./);

  await roster.preview(list);

  // The columns were understood from the header, and each row says what will happen.
  await expect(roster.mapping("Email")).toHaveValue("2");
  await expect(page.getByLabel("Names are in")).toHaveValue("split");
  // Each column's choice shows whole, the split names' two included (they were cut to "First name (co…").
  for (const label of ["Email", "First name", "Last name"]) {
    const room = await roster.mapping(label).evaluate((select: HTMLSelectElement) => {
      const probe = document.createElement("span");
      probe.style.font = getComputedStyle(select).font;
      probe.style.whiteSpace = "pre";
      probe.textContent = select.selectedOptions[0]!.text;
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      return select.clientWidth - needed;
    });
    expect(room, `${label}: room left beside the chosen column's text`).toBeGreaterThan(24);
  }
  await expect(roster.rowFor(ada).first()).toHaveAttribute("data-outcome", "create");
  await expect(roster.rowFor(ada).first()).toContainText("Ada Okafor");
  await expect(roster.rowFor(li)).toHaveAttribute("data-outcome", "create");
  // An account that is not the teacher's own is invited, and its real name stays private.
  await expect(roster.rowFor(existing.email)).toHaveAttribute("data-outcome", "invite");
  await expect(roster.rowFor(existing.email)).not.toContainText("Existing Account");
  await expect(roster.rowFor(enrolled.email)).toHaveAttribute("data-outcome", "enrolled");
  const problems = roster.problems;
  await expect(problems).toHaveCount(4);
  await expect(problems.filter({ hasText: "Nora Nomail" })).toContainText("No email address in this row.");
  await expect(problems.filter({ hasText: "Ted Typo" })).toContainText("doesn't look like an email address");
  await expect(problems.filter({ hasText: "Ada Again" })).toContainText("Same email as line 2");
  await expect(problems.filter({ hasText: "nameless" })).toContainText("No name in this row.");
  await expect(roster.summary).toContainText("2 students will be added to this section. 1 invitation will be sent.");
  await expect(roster.summary).toContainText("2 new accounts");
  await expect(roster.summary).toContainText("4 rows with problems");
  // The Preview button went with the form: the focus is on the summary, not back at the page's top.
  await expect(roster.summary).toBeFocused();
  await expectNoViolations(page);

  // Only the preview so far: nothing written.
  expect((await db.select().from(users).where(eq(users.email, ada)))[0]).toBeUndefined();
  expect(
    (
      await db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.sectionId, section.id), eq(enrollments.studentId, existing.id)))
    )[0],
  ).toBeUndefined();

  // Remapping re-reads the rows: with the header row taken as data, line 1 becomes a problem.
  await roster.headerRow.uncheck();
  await expect(problems).toHaveCount(5);
  await roster.headerRow.check();
  await expect(problems).toHaveCount(4);

  await roster.importButton("Import 2 students and invite 1").click();
  const result = roster.result;
  await expect(result).toContainText("2 new accounts created and enrolled");
  await expect(result).toContainText("1 invitation sent");
  await expect(result).toContainText("4 rows with problems skipped");
  await expect(result).toBeFocused();
  // The teacher is told where the students just added are already Missing, with the way there.
  const pastDue = page.getByTestId("import-past-due");
  await expect(pastDue).toContainText("This assignment is already past due, so the students just added show as Missing there");
  await expect(pastDue.getByRole("link")).toHaveText(["Year in Review (first run)"]);
  await expect(pastDue.getByRole("link")).toHaveAttribute("href", `/sections/${section.id}/assignments/${overdue.id}`);
  await expect(roster.slips).toHaveCount(2);
  const adaSlip = roster.slips.filter({ hasText: ada });
  await expect(adaSlip).toContainText("Ada Okafor");
  await expect(adaSlip).toContainText("Period 5 — Marketing");
  const oneTimePassword = await roster.oneTimePassword(adaSlip);
  expect(oneTimePassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);

  const created = (await db.select().from(users).where(eq(users.email, ada)))[0]!;
  expect(created).toMatchObject({ name: "Ada Okafor", role: "student", mustChangePassword: true });
  expect(created.passwordHash).not.toContain(oneTimePassword);
  const active = (
    await db
      .select({ studentId: enrollments.studentId })
      .from(enrollments)
      .where(and(eq(enrollments.sectionId, section.id), isNull(enrollments.removedAt)))
  ).map((e) => e.studentId);
  expect(active).toEqual(expect.arrayContaining([created.id, enrolled.id]));
  expect(active).not.toContain(existing.id);
  expect(active).toHaveLength(3);
  expect(created.createdBy).toBe(teacher.id);

  // The passwords are shown only now: until the slips have been printed, leaving asks first.
  const asked: string[] = [];
  page.on("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await roster.backToSection.click();
  await expect
    .poll(() => asked)
    .toEqual(["These one-time passwords are shown only now, and the slips haven't been printed. Leave without them?"]);
  await expect(roster.slips).toHaveCount(2);
  expect(await roster.oneTimePassword(adaSlip)).toBe(oneTimePassword);
  await roster.printSlips();

  // The roster marks the new students until they sign in, and lists the invitation under the list's name.
  await roster.backToSection.click();
  await expect(page).toHaveURL(new RegExp(`/sections/${section.id}$`));
  expect(asked, "printed: leaving asks nothing").toHaveLength(1);
  const students = page.getByRole("table", { name: "Students" });
  await expect(students.getByRole("row").filter({ hasText: "Ada Okafor" })).toContainText("Hasn't signed in yet");
  await expect(students.getByRole("row").filter({ hasText: "Already Here" })).not.toContainText("Hasn't signed in yet");
  const invited = page.getByRole("table", { name: "Invited students" }).getByRole("row").filter({ hasText: existing.email });
  await expect(invited).toContainText("Existing Person");
  await expect(invited).toContainText("Invited");
});

test("a name pasted from the wrong column (one long word) wraps in the preview, which keeps its problem in view on a tablet", async ({
  page,
  make,
}) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  await page.setViewportSize({ width: 768, height: 900 });
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}/roster/import`);
  const roster = new RosterImport(page);
  await waitForReady(page);
  // The list is in a typewriter font, its label and hint in the page's own.
  const font = (locator: Locator) => locator.evaluate((el) => getComputedStyle(el).fontFamily);
  const box = page.getByRole("textbox", { name: "Paste your class list" });
  expect(await font(box)).toMatch(/mono/i);
  expect(await font(page.locator(`label[for="${await box.getAttribute("id")}"]`))).not.toMatch(/mono/i);
  const email = uniqueEmail("long");
  await roster.preview(`Name\tEmail\n${"Q".repeat(215)}\t${email}`);
  const problem = roster.problems.filter({ hasText: "Names can be at most 120 characters" });
  await expect(problem).toHaveCount(1);
  await expect(problem.getByText("Names can be at most 120 characters")).toBeInViewport();
  await expectNoHorizontalScroll(page);
});

test("a connection that drops while previewing or importing keeps the list and the preview, with the error shown; back online the import works", async ({
  page,
  make,
  db,
  consoleGuard,
}) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Dropped connection class" });
  const sam = uniqueEmail("sam");
  const li = uniqueEmail("li");
  const list = `Name, Email\nSam Rivera, ${sam}\nLi Wei, ${li}`;
  const roster = new RosterImport(page);
  await signIn(page, teacher.email);
  await roster.open(section.id);
  await roster.preview(list);
  await expect(roster.summary).toContainText("2 students will be added to this section.");
  await expect(roster.headerRow).toBeChecked();

  // The connection drops: every server action call fails on its way out.
  const connection = await dropServerActions(page, consoleGuard);
  // Remapping says so next to the columns, and the preview stays as it was, with its columns.
  // (A click, not uncheck(): the box goes back as soon as the call fails, which uncheck() would
  // report as "did not change its state" whenever the failure is quicker than its own check.)
  await roster.headerRow.click();
  await expect(page.locator("#mapping-error")).toHaveText("That didn't reach the server. Check your connection and try again.");
  await expect(roster.headerRow).toBeChecked();
  await expect(roster.summary).toContainText("2 students will be added to this section.");
  await expect(roster.rowFor(sam)).toHaveAttribute("data-outcome", "create");
  // Importing says so above the button, and to check the roster before trying again; nothing is lost.
  await roster.importButton("Import 2 students").click();
  await expect(page.getByTestId("form-error")).toHaveText(
    "That didn't reach the server. Check your connection and try again. The import may have gone through anyway: check the section's roster before importing again.",
  );
  await expect(roster.rowFor(sam)).toHaveAttribute("data-outcome", "create");
  await expect(roster.rowFor(li)).toHaveAttribute("data-outcome", "create");
  await expect(roster.importButton("Import 2 students")).toBeEnabled();
  await expect(roster.result).toHaveCount(0);
  expect(await db.select().from(users).where(eq(users.email, sam))).toEqual([]);

  // Back online: the pasted list is still there to edit, and the same import goes through.
  await connection.reconnect();
  await page.getByRole("button", { name: "Edit the list" }).click();
  await expect(roster.list).toHaveValue(list);
  await expect(roster.list).toBeFocused();
  await roster.previewButton.click();
  await roster.importButton("Import 2 students").click();
  await expect(roster.result).toContainText("2 new accounts created and enrolled");
  await expect(roster.slips).toHaveCount(2);
});

test("an invited student joins only by accepting on My classes; declining leaves them out", async ({ page, make, newContext }) => {
  test.slow(); // two imports, then a second browser accepting and declining
  const teacher = await make.teacher("Ms. Inviter");
  const period1 = await make.section(teacher.id, { name: "Period 1 — Invite" });
  const period2 = await make.section(teacher.id, { name: "Period 2 — Invite" });
  const student = await make.student("Ivy Invited");
  const roster = new RosterImport(page);
  await signIn(page, teacher.email);
  for (const section of [period1, period2]) {
    await roster.open(section.id);
    await roster.preview(`Name,Email\nIvy I,${student.email}`);
    await roster.importButton("Send 1 invitation").click();
    await expect(roster.result).toContainText("1 invitation sent");
  }

  const ivy = await (await newContext()).newPage();
  await signIn(ivy, student.email);
  await expect(ivy).toHaveURL(/\/classes$/);
  const invitations = ivy.getByTestId("invitation-list");
  await expect(invitations.getByRole("listitem")).toHaveCount(2);
  await expect(invitations).toContainText("Ms. Inviter invited you to this class");
  await expect(ivy.getByTestId("class-list")).toHaveCount(0);
  await expectNoViolations(ivy);

  await ivy.getByRole("button", { name: "Join Period 1 — Invite" }).click();
  await expect(ivy.getByTestId("class-list")).toContainText("Period 1 — Invite");
  // Declining asks first (it can't be taken back); cancelling leaves the invitation as it was.
  const decline = ivy.getByRole("button", { name: "Decline the invitation to Period 2 — Invite" });
  const question = ivy.getByRole("group", {
    name: /^Decline the invitation to Period 2 — Invite\? Ms\. Inviter will see that you declined/,
  });
  await decline.click();
  await expect(question).toBeVisible();
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(question).toHaveCount(0);
  await expect(decline).toBeFocused();
  await expect(invitations.getByRole("listitem")).toHaveCount(1);
  await decline.click();
  await question.getByRole("button", { name: "Decline invitation" }).click();
  await expect(ivy.getByTestId("invitation-list")).toHaveCount(0);
  await expect(ivy.getByTestId("class-list")).not.toContainText("Period 2 — Invite");

  // The teacher sees the outcome of each: a student in one section, a declined invitation in the other.
  await page.goto(`/sections/${period1.id}`);
  await expect(page.getByRole("table", { name: "Students" })).toContainText("Ivy Invited");
  await expect(page.getByRole("table", { name: "Invited students" })).toHaveCount(0);
  await page.goto(`/sections/${period2.id}`);
  await expect(page.getByRole("table", { name: "Invited students" }).getByRole("row").filter({ hasText: student.email })).toContainText(
    "Declined",
  );
  await expect(page.getByRole("table", { name: "Students", exact: true })).toHaveCount(0);
});

test("the takeover chain from the security review is refused at each step, while the creating teacher keeps the lost-slip remedy", async ({
  page,
  make,
  db,
  newContext,
}) => {
  // Teacher A imports new student X, who has not signed in yet.
  const teacherA = await make.teacher();
  const sectionA = await make.section(teacherA.id, { name: "A's class" });
  const email = uniqueEmail("xavier");
  const rosterA = new RosterImport(page);
  await signIn(page, teacherA.email);
  await rosterA.open(sectionA.id);
  await rosterA.preview(`Name,Email\nXavier Realname,${email}`);
  await rosterA.importButton("Import 1 student").click();
  await expect(rosterA.slips).toHaveCount(1);
  const x = (await db.select().from(users).where(eq(users.email, email)))[0]!;

  // Teacher B, anyone with a teacher account, pastes X's address into their own section.
  const teacherB = await make.teacher();
  const sectionB = await make.section(teacherB.id, { name: "B's class" });
  const b = await (await newContext()).newPage();
  const rosterB = new RosterImport(b);
  await signIn(b, teacherB.email);
  await rosterB.open(sectionB.id);
  await rosterB.preview(`Name,Email\nAnyone,${email}`);
  await expect(rosterB.rowFor(email)).toHaveAttribute("data-outcome", "invite");
  await expect(b.locator("main")).not.toContainText("Xavier");
  await expect(b.locator("main")).not.toContainText("Realname");
  await rosterB.importButton("Send 1 invitation").click();
  await expect(rosterB.result).toContainText("1 invitation sent");

  // B's roster: X is only invited, with no password button; a raw POST of the action is refused too.
  await b.goto(`/sections/${sectionB.id}`);
  await expect(b.getByRole("table", { name: "Invited students" })).toContainText("Anyone");
  await expect(b.getByRole("table", { name: "Students", exact: true })).toHaveCount(0);
  await expect(b.getByRole("button", { name: /New one-time password/ })).toHaveCount(0);
  const reset = findServerAction("resetOneTimePasswordAction");
  for (const sectionId of [sectionB.id, sectionA.id]) {
    const { body } = await postAction(b.request, reset, [{ sectionId, studentId: x.id }]);
    expect(body).not.toContain('"ok":true');
  }
  expect((await db.select().from(users).where(eq(users.id, x.id)))[0]!.passwordHash).toBe(x.passwordHash);
  expect(
    (
      await db
        .select()
        .from(enrollments)
        .where(and(eq(enrollments.sectionId, sectionB.id), eq(enrollments.studentId, x.id)))
    )[0],
  ).toBeUndefined();

  // The paired success: A, who created the account, still can replace the lost slip.
  await page.goto(`/sections/${sectionA.id}`);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "New password for Xavier Realname (a one-time password, on a new slip)" }).click();
  await expect(page.getByTestId("sign-in-slip")).toContainText(email);
  expect((await db.select().from(users).where(eq(users.id, x.id)))[0]!.passwordHash).not.toBe(x.passwordHash);
});

test("a new student signs in with the slip's one-time password and must choose their own first", async ({ page, make, db, newContext }) => {
  test.slow(); // three browsers and four password checks (each a deliberate, slow hash)
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Slip class" });
  const email = uniqueEmail("slip");
  const roster = new RosterImport(page);
  await signIn(page, teacher.email);
  await roster.open(section.id);
  await roster.preview(`Sam Rivera, ${email}`);
  await expect(page.getByLabel("Full name")).toHaveValue("0");
  await roster.importButton("Import 1 student").click();
  const oneTimePassword = await roster.oneTimePassword();

  const student = await (await newContext()).newPage();
  const studentSignIn = new SignInForm(student);
  await studentSignIn.open();
  await studentSignIn.signIn(email, oneTimePassword);
  await expect(student).toHaveURL(/\/account\/password/);
  await expect(student.getByRole("heading", { level: 1, name: "Choose your own password" })).toBeVisible();

  // Every other page sends them back here until they do.
  await student.goto("/classes");
  await expect(student).toHaveURL(/\/account\/password\?callbackUrl=%2Fclasses/);
  await waitForReady(student);

  await student.getByLabel("One-time password (from your slip)").fill(oneTimePassword);
  await student.getByLabel("New password", { exact: true }).fill("my own sentence here");
  await student.getByLabel("New password again").fill("my own sentence there");
  await student.getByRole("button", { name: "Save new password" }).click();
  await expect(student.getByLabel("New password again")).toHaveAccessibleDescription("The two new passwords don't match.");
  await student.getByLabel("New password again").fill("my own sentence here");
  await student.getByRole("button", { name: "Save new password" }).click();
  await expect(student).toHaveURL("/classes");
  await expect(student.getByText("Slip class")).toBeVisible();
  expect((await db.select().from(users).where(eq(users.email, email)))[0]!.mustChangePassword).toBe(false);

  // The slip's password no longer works; the new one does.
  const again = await (await newContext()).newPage();
  const againSignIn = new SignInForm(again);
  await againSignIn.open();
  await againSignIn.signIn(email, oneTimePassword);
  await expect(againSignIn.error).toContainText("Email or password is incorrect.");
  await signInWithPassword(again, email, "my own sentence here");
  await expect(again).toHaveURL("/classes");

  // Now that Sam has signed in, the teacher can no longer replace the password.
  await page.goto(`/sections/${section.id}`);
  const row = page.getByRole("table", { name: "Students" }).getByRole("row").filter({ hasText: "Sam Rivera" });
  await expect(row).not.toContainText("Hasn't signed in yet");
  await expect(row.getByRole("button", { name: /New one-time password/ })).toHaveCount(0);
});

test("a lost slip: the teacher issues a new one-time password, and the old one stops working", async ({ page, make, newContext }) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Lost slip class" });
  const email = uniqueEmail("lost");
  const roster = new RosterImport(page);
  await signIn(page, teacher.email);
  await roster.open(section.id);
  await roster.preview(`Email,Name\n${email},Jo Lee`);
  await roster.importButton("Import 1 student").click();
  const first = await roster.oneTimePassword();

  await page.goto(`/sections/${section.id}`);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "New password for Jo Lee (a one-time password, on a new slip)" }).click();
  const slip = page.getByTestId("sign-in-slip");
  await expect(slip).toContainText(email);
  const second = (await slip.getByTestId("one-time-password").textContent())!.trim();
  expect(second).not.toBe(first);

  const student = await (await newContext()).newPage();
  const studentSignIn = new SignInForm(student);
  await studentSignIn.open();
  await studentSignIn.signIn(email, first);
  await expect(studentSignIn.error).toContainText("Email or password is incorrect.");
  await studentSignIn.password.fill(second);
  await studentSignIn.submit.click();
  await expect(student).toHaveURL(/\/account\/password/);
});

test("the roster downloads as CSV and an uploaded CSV file imports back into another section", async ({ page, make, db }) => {
  const teacher = await make.teacher();
  const from = await make.section(teacher.id, { name: "Fall — Période 1" });
  const to = await make.section(teacher.id, { name: "Spring" });
  await make.assignment(to.id, { dueAt: new Date(Date.now() - 24 * 3_600_000) }); // past due, but nobody is added here
  const zoe = await make.student("Zoé Lefèvre");
  const mia = await make.student('Mia "Mo" O\'Neil');
  await make.enroll(from.id, zoe.id);
  await make.enroll(from.id, mia.id);
  // Mia has signed in; Zoé, with a password of her own, never has (as the administrator's page says).
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, mia.id));
  await signIn(page, teacher.email);
  await page.goto(`/sections/${from.id}`);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download roster (CSV)" }).click()]);
  expect(download.suggestedFilename()).toBe("Fall — Période 1 - roster.csv");
  const text = fs.readFileSync((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  // For Excel: the same file after a byte-order mark (accents stay readable there).
  const [excel] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^For Excel/ }).click()]);
  const excelBytes = fs.readFileSync((await excel.path())!);
  expect([...excelBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(excelBytes.subarray(3).toString("utf8")).toBe(text);
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  expect(rows.map((r) => [r["Last name"], r["First name"], r.Email, r.Status, r["Has signed in"]])).toEqual([
    ["O'Neil", 'Mia "Mo"', mia.email, "Enrolled", "yes"],
    ["Lefèvre", "Zoé", zoe.email, "Enrolled", "no"],
  ]);

  // Uploading that very file into the next term's section invites both (they have accounts of their own).
  const roster = new RosterImport(page);
  await roster.open(to.id);
  // The button beside "Preview import" opens the picker: the hidden input itself is no Tab stop.
  await page.getByRole("button", { name: "Preview import" }).focus();
  await page.keyboard.press("Tab");
  await expect(roster.file).not.toBeFocused();
  await expect(page.getByRole("button", { name: "Choose a CSV file…" })).toBeFocused();
  // Nor is it a second button to a screen reader.
  await expect(page.getByRole("button", { name: "Roster file" })).toHaveCount(0);
  await expect(roster.file).toHaveCount(1);
  await roster.file.setInputFiles({ name: "roster.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await expect(roster.summary).toContainText("Nobody will be added. 2 invitations will be sent.");
  await expect(roster.rowFor(zoe.email)).toHaveAttribute("data-outcome", "invite");
  await expect(roster.rowFor(mia.email)).toHaveAttribute("data-outcome", "invite");
  await roster.importButton("Send 2 invitations").click();
  await expect(roster.result).toContainText("2 invitations sent");
  await expect(roster.slips).toHaveCount(0);
  await expect(page.getByTestId("import-past-due")).toHaveCount(0); // invited, not added: nothing is Missing yet
  await roster.backToSection.click();
  await expect(page.getByRole("table", { name: "Invited students" }).getByRole("row")).toHaveCount(3);
});

test("only the section's teacher can import or download its roster", async ({ page, make, db, request }) => {
  const owner = await make.teacher();
  const section = await make.section(owner.id);
  const intruder = await make.teacher();
  const email = uniqueEmail("planted");

  expect((await request.get(`/sections/${section.id}/roster.csv`)).status()).toBe(401);
  await signIn(page, intruder.email);
  expect((await page.request.get(`/sections/${section.id}/roster.csv`)).status()).toBe(404);

  const importAction = findServerAction("importRosterAction");
  const { body } = await postAction(page.request, importAction, [{ sectionId: section.id, text: `Planted, ${email}` }]);
  expect(body).not.toContain('"ok":true');
  expect((await db.select().from(users).where(eq(users.email, email)))[0]).toBeUndefined();
});

test("a teacher who has looked up many accounts outside their classes is paused with a message, the list kept; another teacher is not", async ({
  page,
  make,
  db,
  newContext,
}) => {
  const paused = await make.teacher();
  const section = await make.section(paused.id);
  const stranger = await make.student();
  const list = `Some One, ${stranger.email}`;
  // One stranger's account short of the limit (db/queries/roster.ts previewRosterImport).
  await db
    .insert(signInThrottle)
    .values({ key: `roster:${paused.id}`, failures: THROTTLE.strangersPerTeacher - 1, windowStartedAt: new Date() });

  await signIn(page, paused.email);
  const roster = new RosterImport(page);
  await roster.open(section.id);
  await roster.preview(list);
  await expect(page.getByTestId("form-error")).toHaveText(ROSTER_PAUSED);
  await expect(roster.rows).toHaveCount(0);
  await expect(roster.list).toHaveValue(list);

  const other = await make.teacher();
  const otherSection = await make.section(other.id);
  const otherPage = await (await newContext()).newPage();
  await signIn(otherPage, other.email);
  const otherRoster = new RosterImport(otherPage);
  await otherRoster.open(otherSection.id);
  await otherRoster.preview(list);
  await expect(otherRoster.rowFor(stranger.email)).toHaveAttribute("data-outcome", "invite");
});

test("a teacher whose imports have made very many accounts is told so on import, with the preview kept and nothing made; a list of students with accounts goes through, and another teacher's import makes accounts", async ({
  page,
  make,
  db,
  newContext,
}) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const own = await make.student("Olive Own");
  await make.enroll((await make.section(teacher.id)).id, own.id);
  const newcomer = uniqueEmail("newcomer");
  const list = `Nia Newcomer, ${newcomer}`;
  // One account short of the limit (db/queries/roster.ts planRosterImport).
  await db
    .insert(signInThrottle)
    .values({ key: `roster-accounts:${teacher.id}`, failures: THROTTLE.rosterAccountsPerTeacher - 1, windowStartedAt: new Date() });

  await signIn(page, teacher.email);
  const roster = new RosterImport(page);
  await roster.open(section.id);
  // The preview makes nothing, so it is answered; the import that would make the account is refused.
  await roster.preview(list);
  await expect(roster.rowFor(newcomer)).toHaveAttribute("data-outcome", "create");
  await roster.importButton("Import 1 student").click();
  await expect(page.getByTestId("form-error")).toHaveText(ROSTER_ACCOUNTS_PAUSED);
  await expect(roster.rowFor(newcomer)).toHaveAttribute("data-outcome", "create");
  await expect(roster.result).toHaveCount(0);
  expect(await db.select().from(users).where(eq(users.email, newcomer))).toEqual([]);

  // A list of students who have accounts makes none: it goes through.
  await page.getByRole("button", { name: "Edit the list" }).click();
  await roster.preview(`Olive Own, ${own.email}`);
  await roster.importButton("Send 1 invitation").click();
  await expect(roster.result).toContainText("1 invitation sent");

  // Another teacher is not held back by this one's count.
  const other = await make.teacher();
  const otherSection = await make.section(other.id);
  const otherPage = await (await newContext()).newPage();
  await signIn(otherPage, other.email);
  const otherRoster = new RosterImport(otherPage);
  await otherRoster.open(otherSection.id);
  await otherRoster.preview(list);
  await otherRoster.importButton("Import 1 student").click();
  await expect(otherRoster.result).toContainText("1 new account created and enrolled");
  await expect(otherRoster.slips).toHaveCount(1);
});

test("removing students one after another: each removal's Undo is in front, the last one's replacing the one before, even after another message came between", async ({
  page,
  make,
}) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const [ann, ben, cal] = [await make.student("Ann Undo"), await make.student("Ben Undo"), await make.student("Cal Undo")];
  for (const s of [ann, ben, cal]) await make.enroll(section.id, s.id);
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}`);
  await waitForReady(page);
  const removals = page.locator('[data-sonner-toast]:not([data-removed="true"])').filter({ hasText: "removed. Their work is kept." });
  // The words of the toast in front, once sonner's animations (0.4 s) are over: read once, not retried,
  // since a toast can pass through the front on its way to where it stays.
  const inFront = async () => {
    await page.waitForTimeout(800);
    return await page.locator('[data-sonner-toast][data-front="true"]:not([data-removed="true"]) [data-title]').allTextContents();
  };

  await page.getByRole("button", { name: "Remove Ben Undo" }).click();
  await expect(toast(page, "Ben Undo removed. Their work is kept.")).toBeVisible();
  // The next removal's Undo takes the place of the last one's, in the same toast.
  await page.getByRole("button", { name: "Remove Ann Undo" }).click();
  await expect(toast(page, "Ann Undo removed. Their work is kept.")).toBeVisible();
  await expect(removals).toHaveCount(1);
  expect(await inFront()).toEqual(["Ann Undo removed. Their work is kept."]);
  // Another message comes in front of it (Ben back in the section)…
  await page.getByText("Removed students (2)").click();
  await page.getByRole("button", { name: "Restore Ben Undo" }).click();
  await expect(toast(page, "Ben Undo is back in the section.")).toBeVisible();
  // …and the next removal's Undo comes in front of that, where its words can be read, and the last one's goes.
  await page.getByRole("button", { name: "Remove Cal Undo" }).click();
  await expect(toast(page, "Cal Undo removed. Their work is kept.")).toBeVisible();
  await expect(removals).toHaveCount(1);
  expect(await inFront()).toEqual(["Cal Undo removed. Their work is kept."]);
  await toast(page, "Cal Undo removed. Their work is kept.").getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("button", { name: "Remove Cal Undo" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove Ann Undo" })).toHaveCount(0);
});
