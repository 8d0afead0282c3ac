import { and, eq } from "drizzle-orm";
import { enrollments, sections, signInThrottle, users } from "../db/schema";
import { generateJoinCode } from "../lib/join-code";
import { THROTTLE } from "../lib/sign-in-throttle";
import { findServerAction, postAction } from "./support/actions";
import { expect, PASSWORD, signIn, test, uniqueEmail } from "./support/fixtures";
import type { DB } from "../db";
import { toast, waitForReady } from "./support/ui";

const enrollmentsOf = async (db: DB, sectionId: string, studentId: string) =>
  await db
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.sectionId, sectionId), eq(enrollments.studentId, studentId)));

/** A class code no section uses. */
async function unusedJoinCode(db: DB) {
  let code = generateJoinCode();
  while ((await db.select().from(sections).where(eq(sections.joinCode, code)))[0]) code = generateJoinCode();
  return code;
}

test("a new student opens a join link, creates an account, comes back and joins", async ({ page, make, db }) => {
  const teacher = await make.teacher(`Ms. Link ${Date.now()}`);
  const section = await make.section(teacher.id, { name: "Linked class", term: "Fall 2026" });
  const here = `/join/${section.joinCode}`;

  await page.goto(here);
  await expect(page.getByRole("heading", { level: 1, name: "Join Linked class" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(teacher.name);
  await expect(page.getByRole("main")).toContainText("Fall 2026");
  await expect(page.getByRole("link", { name: "I already have an account" })).toHaveAttribute(
    "href",
    `/sign-in?callbackUrl=${encodeURIComponent(here)}`,
  );

  await page.getByRole("link", { name: "Create a student account" }).click();
  await expect(page).toHaveURL(`/sign-up?role=student&callbackUrl=${encodeURIComponent(here)}`);
  await expect(page.getByRole("radio", { name: /I'm a student/ })).toBeChecked();
  await waitForReady(page);
  const email = uniqueEmail("linked");
  await page.getByLabel("Full name").fill("Lin Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(here);
  const student = (await db.select().from(users).where(eq(users.email, email)))[0]!;
  expect(student.role).toBe("student");
  expect(await enrollmentsOf(db, section.id, student.id)).toHaveLength(0); // signing up alone does not join

  await page.getByRole("button", { name: "Join Linked class" }).click();
  await expect(toast(page, "You joined Linked class.")).toBeVisible();
  await expect(page).toHaveURL(/\/classes$/);
  const card = page.getByTestId("class-list").getByRole("listitem").filter({ hasText: "Linked class" });
  await expect(card).toContainText(`Teacher: ${teacher.name}`);
  expect(await enrollmentsOf(db, section.id, student.id)).toHaveLength(1);
});

test("an existing student joins by typing the code in lower case with a dash", async ({ page, make, db }) => {
  const teacher = await make.teacher();
  const student = await make.student();
  const section = await make.section(teacher.id, { name: "Typed code class" });
  await signIn(page, student.email);
  await expect(page.getByTestId("class-list")).toHaveCount(0);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Join a class" }).click();
  await expect(page).toHaveURL(/\/join$/);
  await waitForReady(page);
  const typed = `${section.joinCode.slice(0, 4)}-${section.joinCode.slice(4)}`.toLowerCase();
  await page.getByLabel("Class code").fill(typed);
  await page.getByRole("button", { name: "Join class" }).click();

  await expect(toast(page, "You joined Typed code class.")).toBeVisible();
  await expect(page).toHaveURL(/\/classes$/);
  await expect(page.getByTestId("class-list")).toContainText("Typed code class");
  expect(await enrollmentsOf(db, section.id, student.id)).toHaveLength(1);
});

test("a student who pastes the whole join link into the code box joins its class", async ({ page, make, db }) => {
  const teacher = await make.teacher();
  const student = await make.student();
  const section = await make.section(teacher.id, { name: "Pasted link class" });
  await signIn(page, student.email);
  await page.goto("/join");
  await waitForReady(page);
  const field = page.getByLabel("Class code");
  await expect(field).toHaveAccessibleDescription(/a pasted join link works too/);
  // A link with no code in it is refused next to the field, and joins nothing.
  await field.fill(`${new URL(page.url()).origin}/join/`);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  expect(await enrollmentsOf(db, section.id, student.id)).toHaveLength(0);

  await field.fill(`${new URL(page.url()).origin}/join/${section.joinCode}?from=email`);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(toast(page, "You joined Pasted link class.")).toBeVisible();
  await expect(page).toHaveURL(/\/classes$/);
  expect(await enrollmentsOf(db, section.id, student.id)).toHaveLength(1);
});

test("a wrong or malformed code shows an error on the code field", async ({ page, make, db }) => {
  const student = await make.student();
  const unused = await unusedJoinCode(db);

  await signIn(page, student.email);
  await page.goto("/join");
  await waitForReady(page);
  const field = page.getByLabel("Class code");
  await field.fill(unused);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(field).toHaveAccessibleDescription(/No class uses this code\. Check it with your teacher — codes can change\.$/);
  await expect(field).toHaveAttribute("aria-invalid", "true");

  await field.fill("ABC");
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(field).toHaveAccessibleDescription(/A class code has 8 letters and digits, like ABCD-2345\.$/);
  await expect(page).toHaveURL(/\/join$/);
  expect(await db.select().from(enrollments).where(eq(enrollments.studentId, student.id))).toHaveLength(0);
});

test("joining a class twice is harmless", async ({ page, make, db }) => {
  const teacher = await make.teacher();
  const student = await make.student();
  const section = await make.section(teacher.id, { name: "Joined already" });
  await signIn(page, student.email);
  // The join link open in one tab while the student joins in another: its button says so.
  await page.goto(`/join/${section.joinCode}`);
  await waitForReady(page);
  const enrollment = await make.enroll(section.id, student.id);
  await page.getByRole("button", { name: "Join Joined already" }).click();
  await expect(toast(page, "You're already in Joined already.")).toBeVisible();
  await expect(page).toHaveURL(/\/classes$/);

  await page.goto(`/join/${section.joinCode}`);
  await expect(page.getByText("You're already in this class.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Join Joined already" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Go to my classes" })).toHaveAttribute("href", "/classes");

  await page.goto("/join");
  await waitForReady(page);
  await page.getByLabel("Class code").fill(section.joinCode);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(toast(page, "You're already in Joined already.")).toBeVisible();
  await expect(page).toHaveURL(/\/classes$/);
  await expect(page.getByTestId("class-list").getByRole("listitem").filter({ hasText: "Joined already" })).toHaveCount(1);
  expect(await enrollmentsOf(db, section.id, student.id)).toEqual([enrollment]);
});

test("a teacher opening a join link is told so and cannot join", async ({ page, make, db }) => {
  const owner = await make.teacher();
  const visitor = await make.teacher();
  const section = await make.section(owner.id, { name: "Not for teachers" });
  await signIn(page, visitor.email);

  await page.goto(`/join/${section.joinCode}`);
  await expect(page.getByRole("heading", { level: 1, name: "Join Not for teachers" })).toBeVisible();
  await expect(page.getByText("You're signed in as a teacher.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Join/ })).toHaveCount(0);
  await page.goto("/join");
  await expect(page.getByText("You're signed in as a teacher.")).toBeVisible();
  await expect(page.getByLabel("Class code")).toHaveCount(0);

  const { body } = await postAction(page.request, findServerAction("joinSectionAction"), [{ code: section.joinCode }]);
  expect(body).toContain('"code":"not_found"');
  expect(await enrollmentsOf(db, section.id, visitor.id)).toHaveLength(0);
});

test("an archived section refuses new students", async ({ page, make, db }) => {
  const teacher = await make.teacher();
  const student = await make.student();
  const section = await make.section(teacher.id, { name: "Last year's class", archivedAt: new Date() });
  await signIn(page, student.email);

  await page.goto(`/join/${section.joinCode}`);
  await expect(page.getByTestId("join-problem")).toHaveText("This class has been archived and no longer takes new students.");
  await expect(page.getByRole("button", { name: /^Join/ })).toHaveCount(0);

  await page.goto("/join");
  await waitForReady(page);
  await page.getByLabel("Class code").fill(section.joinCode);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(page.getByLabel("Class code")).toHaveAccessibleDescription(
    /This class has been archived and no longer takes new students\.$/,
  );
  expect(await enrollmentsOf(db, section.id, student.id)).toHaveLength(0);
});

test("a student who tried many codes that match no class is paused, in the form and on a join link; a classmate joins with the same code", async ({
  page,
  make,
  db,
  newContext,
}) => {
  const teacher = await make.teacher();
  const section = await make.section(teacher.id, { name: "Guarded class" });
  const guesser = await make.student();
  // One wrong code short of the student's limit (joinCodeKeys in lib/sign-in-throttle.ts).
  await db
    .insert(signInThrottle)
    .values({ key: `join:${guesser.id}`, failures: THROTTLE.wrongJoinCodesPerAccount - 1, windowStartedAt: new Date() });
  const unused = await unusedJoinCode(db);

  await signIn(page, guesser.email);
  await page.goto("/join");
  await waitForReady(page);
  const field = page.getByLabel("Class code");
  await field.fill(unused);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(field).toHaveAccessibleDescription(/No class uses this code\./);
  // Now even the right code is refused, and says why; so is the class's join link.
  await field.fill(section.joinCode);
  await page.getByRole("button", { name: "Join class" }).click();
  await expect(field).toHaveAccessibleDescription(/Joining is paused for 15 minutes/);
  await page.goto(`/join/${section.joinCode}`);
  await expect(page.getByRole("heading", { level: 1, name: "Joining is paused" })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(teacher.name);
  expect(await enrollmentsOf(db, section.id, guesser.id)).toHaveLength(0);

  const classmate = await make.student();
  const other = await (await newContext()).newPage();
  await signIn(other, classmate.email);
  await other.goto(`/join/${section.joinCode}`);
  await other.getByRole("button", { name: "Join Guarded class" }).click();
  await expect(toast(other, "You joined Guarded class.")).toBeVisible();
  expect(await enrollmentsOf(db, section.id, classmate.id)).toHaveLength(1);
});
