import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { accessLog } from "../db/schema";
import type { DB } from "../db";
import { expectNoViolations } from "./support/axe";
import { expect, signIn, test, type Make } from "./support/fixtures";
import { gradingData } from "./support/grading-data";
import { GradingView } from "./support/pages/grading";

// Issue 13, the access log: a teacher opening and grading a student's work is recorded, and an
// administrator finds both entries by filtering on the student; the log is the administrator's alone.

const uid = () => Math.random().toString(36).slice(2, 8);

/** A teacher's class with two students who have handed in, and an administrator. */
async function school(make: Make, db: DB) {
  const s = uid();
  const teacher = await make.teacher(`Dana Rivera ${s}`);
  const section = await make.section(teacher.id, { name: `Period 2 ${s}` });
  const data = gradingData(db);
  const assignment = await data.assignment(section.id, { title: `Year in Review ${s}` });
  const student = await make.student(`Sam Lee ${s}`);
  await make.enroll(section.id, student.id);
  await data.submitted(assignment, student.id);
  const classmate = await make.student(`Casey Noor ${s}`);
  await make.enroll(section.id, classmate.id);
  await data.submitted(assignment, classmate.id);
  const admin = await make.admin(`Avery Admin ${s}`);
  return { s, teacher, section, assignment, student, classmate, admin, base: `/sections/${section.id}/assignments/${assignment.id}` };
}

async function filterByStudent(adminPage: Page, email: string) {
  await adminPage.getByRole("searchbox", { name: "About" }).fill(email);
  await adminPage.getByRole("button", { name: "Filter" }).click();
  await adminPage.waitForURL((url) => url.searchParams.get("student") === email);
}

test("an administrator finds a teacher's look at a student's work and the score given", async ({ page, make, db, newContext }) => {
  const { s, teacher, student, admin, base } = await school(make, db);
  await signIn(page, teacher.email);
  const view = new GradingView(page);
  await view.open(`${base}/grade/${student.id}`);
  await view.level("ideation", 3).click();
  await expect(view.saveStatus).toHaveText("All changes saved");
  // A reload within ten minutes is not a second entry.
  await view.reload();

  const adminPage = await (await newContext()).newPage();
  await signIn(adminPage, admin.email);
  await adminPage.goto("/admin/access-log");
  await expect(adminPage.getByRole("heading", { level: 1, name: "Access log" })).toBeVisible();
  await filterByStudent(adminPage, student.email);
  const entries = adminPage.getByTestId("access-log").getByRole("listitem");
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText(`Dana Rivera ${s} (teacher) graded Sam Lee ${s}’s work (Ideation score)`);
  await expect(entries.nth(1)).toContainText(`Dana Rivera ${s} (teacher) opened Sam Lee ${s}’s work`);
  await expect(entries.nth(1)).toContainText(`Year in Review ${s}, Period 2 ${s}`);
  await expect(adminPage.getByText(`Casey Noor ${s}`)).toHaveCount(0);
  await expectNoViolations(adminPage);

  // Narrowed to one action.
  await adminPage.getByRole("combobox", { name: "Action" }).selectOption({ label: "Opened work" });
  await adminPage.getByRole("button", { name: "Filter" }).click();
  await expect(entries).toHaveCount(1);
  await expect(entries.nth(0)).toContainText(`Dana Rivera ${s} (teacher) opened Sam Lee ${s}’s work`);
});

test("an administrator finds a student's answers opened on the discussion board; a filter that makes no sense is explained", async ({
  page,
  make,
  db,
  newContext,
}) => {
  const { s, teacher, student, classmate, admin, base } = await school(make, db);
  // The discussion board shows both students' answers: each one's work is opened there.
  await signIn(page, teacher.email);
  await page.goto(`${base}/discussion`);
  await expect(page.getByRole("heading", { level: 1, name: "Class discussion" })).toBeVisible();

  const adminPage = await (await newContext()).newPage();
  await signIn(adminPage, admin.email);
  await adminPage.goto("/admin/access-log");
  await filterByStudent(adminPage, classmate.email);
  const entries = adminPage.getByTestId("access-log").getByRole("listitem");
  await expect(entries).toHaveCount(1);
  await expect(entries.nth(0)).toContainText(`Dana Rivera ${s} (teacher) opened Casey Noor ${s}’s work (discussion board)`);
  await expect(adminPage.getByText(`Sam Lee ${s}`)).toHaveCount(0);
  await filterByStudent(adminPage, student.email);
  await expect(entries).toHaveCount(1);
  await expect(entries.nth(0)).toContainText(`Dana Rivera ${s} (teacher) opened Sam Lee ${s}’s work (discussion board)`);

  // Never an error page.
  await adminPage.goto(`/admin/access-log?student=${encodeURIComponent(student.email)}&from=2026-12-01&to=2026-11-01&action=nonsense`);
  await expect(adminPage.getByText("“To” must be on or after “From”.")).toBeVisible();
  await expect(adminPage.getByText("Choose an action from the list.")).toBeVisible();
});

test("a teacher gets the 404 page at /admin/access-log", async ({ page, make, consoleGuard }) => {
  consoleGuard.allow(/\/admin\/access-log: Failed to load resource: the server responded with a status of 404/);
  const teacher = await make.teacher();
  await signIn(page, teacher.email);
  const response = await page.goto("/admin/access-log");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Access log" })).toHaveCount(0);
});

test("a link on another site to a student's work or the discussion board opens it but writes nothing to the log; from the app it is logged", async ({
  page,
  make,
  db,
  baseURL,
  consoleGuard,
}) => {
  // The page "on another site" the test opens (route-fulfilled: nothing leaves the machine).
  consoleGuard.allow(/request to another origin: document https:\/\/elsewhere\.example\//);
  const { teacher, student, classmate, base } = await school(make, db);
  await signIn(page, teacher.email);
  const logged = async (studentId: string) =>
    (await db.select().from(accessLog).where(eq(accessLog.studentId, studentId))).map((r) => `${r.action} ${r.detail ?? ""}`.trim());
  const links = [`${baseURL}${base}/grade/${student.id}`, `${baseURL}${base}/discussion`];
  await page.route("https://elsewhere.example/**", (route) =>
    route.fulfill({ contentType: "text/html", body: links.map((href, i) => `<a href="${href}">Link ${i}</a>`).join(" ") }),
  );
  for (const [i, href] of links.entries()) {
    await page.goto("https://elsewhere.example/");
    const [response] = await Promise.all([page.waitForResponse(href), page.getByRole("link", { name: `Link ${i}` }).click()]);
    expect(response.status(), href).toBe(200);
  }
  await page.goto("/sections");
  for (const who of [student, classmate]) expect(await logged(who.id)).toEqual([]);
  const opened = new Date();

  // The same two pages opened from the app: logged, now: the grading view for the student, the board for
  // the classmate (the student's view is already in this 10 minutes). Had the links above written rows,
  // these would find them and write none: the rows would be from before `opened`.
  await page.goto(`${base}/grade/${student.id}`);
  await page.goto(`${base}/discussion`);
  await expect.poll(async () => await logged(student.id)).toEqual(["view_work"]);
  await expect.poll(async () => await logged(classmate.id)).toEqual(["view_work discussion board"]);
  const rows = await db.select().from(accessLog).where(eq(accessLog.actorId, teacher.id));
  expect(rows).toHaveLength(2);
  for (const row of rows) expect(row.at.getTime()).toBeGreaterThanOrEqual(opened.getTime() - 5);
});

test("class analytics drawn from one student's work alone are logged as opening that work; figures of the class are not", async ({
  page,
  make,
  db,
}) => {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const [first, second] = [await make.student(), await make.student()];
  for (const student of [first, second]) await make.enroll(section.id, student.id);
  // One assignment where both students have chosen datapoints, one where only the first has.
  const both = await data.assignment(section.id, { title: `Both ${uid()}` });
  const alone = await data.assignment(section.id, { title: `Alone ${uid()}` });
  for (const student of [first, second]) await data.submitted(both, student.id);
  await data.submitted(alone, first.id);
  const logged = async (studentId: string) =>
    (await db.select().from(accessLog).where(eq(accessLog.studentId, studentId))).map((r) => `${r.action} ${r.assignmentId}`);
  await signIn(page, teacher.email);

  // The class's chart first, then the one that is the first student's picks alone: only that one is logged.
  for (const assignment of [both, alone]) {
    await page.goto(`/sections/${section.id}/assignments/${assignment.id}/analytics`);
    await expect(page.getByRole("heading", { level: 1, name: "Class analytics" })).toBeVisible();
  }
  await expect.poll(async () => await logged(first.id)).toEqual([`view_work ${alone.id}`]);
  expect(await logged(second.id)).toEqual([]);
});
