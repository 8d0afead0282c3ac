import fs from "node:fs";
import { eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { makeUser } from "../db/factories";
import { scores, submissions } from "../db/schema";
import { hashPassword } from "../lib/password";
import { readStoredFile } from "../lib/server/storage";
import { expectNoViolations } from "./support/axe";
import { expect, PASSWORD, signIn, test, uniqueEmail } from "./support/fixtures";
import { draftFor } from "./support/grading-data";
import { storedImage } from "./support/images";
import { SignInForm } from "./support/pages/sign-in";
import { toast, waitForReady } from "./support/ui";
import { unzip } from "./support/zip";

// Issue 13, privacy: a student downloads everything the app holds about them; an administrator
// warns the student's teachers, each keeps their gradebook and acknowledges, then the administrator
// erases the student after typing their email, and the student is gone from sign-in and the roster.

test("a student downloads their data from their account page: data.json has their draft, the ZIP their image", async ({ page, make }) => {
  const { student, assignment, section } = await make.studentInClass();
  const image = await storedImage(1080, 1350, "My card");
  await make.submission({ assignment, studentId: student.id, draft: draftFor("dana"), images: [image] });
  await signIn(page, student.email);
  await page.goto("/account");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
  expect(download.suggestedFilename()).toBe(`recap-data ${student.name} ${new Date().toISOString().slice(0, 10)}.zip`);
  const file = await download.path();
  const entries = await unzip(file);
  const data = JSON.parse(entries.get("data.json")!.toString());
  expect(data.person.email).toBe(student.email);
  expect(data.tables.submissions[0].draft).toEqual(draftFor("dana"));
  expect(data.tables.submission_images[0]).toMatchObject({ caption: "My card", storage_key: image.storageKey });
  expect(entries.get(`images/${image.storageKey}`)!.equals(await readStoredFile(image.storageKey))).toBe(true);
  expect(entries.get("summary.md")!.toString()).toContain(student.name);
  // Which class is which: the export names the student's class by its id.
  expect(data.classes).toEqual([expect.objectContaining({ id: section.id, name: section.name })]);
  expect(entries.get("summary.md")!.toString()).toContain(`- ${section.name}`);
  // And the work itself in words: the assignment, its class, where it stands.
  expect(data.assignments).toEqual([expect.objectContaining({ id: assignment.id, title: assignment.title, sectionId: section.id })]);
  expect(entries.get("summary.md")!.toString()).toContain(`## Your work\n\n- **${assignment.title}**, in ${section.name}: In progress\n`);
  // What is held, in words, each with the name data.json files it under.
  expect(entries.get("summary.md")!.toString()).toContain(
    "- **Uploaded images**: 1 — an image a student uploaded, with its caption; kept ",
  );
  expect(entries.get("summary.md")!.toString()).toContain("(`submission_images` in data.json)");
  fs.rmSync(file, { force: true });

  // The notice the footer links to, on every page.
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { name: "Privacy", level: 1 })).toBeVisible();
  await expect(page.getByText("An image a student uploaded, with its caption.")).toBeVisible();
  await expectNoViolations(page);
});

test("a student's account page says how to have their data erased, as the privacy notice says it; a teacher's, not erasable there, doesn't", async ({
  page,
  make,
  newContext,
}) => {
  const { teacher, student } = await make.studentInClass();
  const erasure = "Your school's administrator can erase your account and everything in it; ask your teacher or school.";
  await signIn(page, student.email);
  await page.goto("/account");
  await expect(page.getByTestId("erasure-how")).toHaveText(`${erasure} The privacy notice has the details.`);
  await page.getByTestId("erasure-how").getByRole("link", { name: "privacy notice" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("main")).toContainText(erasure);

  const teacherPage = await (await newContext()).newPage();
  await signIn(teacherPage, teacher.email);
  await teacherPage.goto("/account");
  await expect(teacherPage.getByRole("link", { name: "Download my data" })).toBeVisible();
  await expect(teacherPage.getByTestId("erasure-how")).toHaveCount(0);
});

test("the privacy notice says what the class may be shown: handed-in answers and studio cards, usually without a name, and class figures, never a student's own grades", async ({
  page,
}) => {
  await page.goto("/privacy");
  const inShort = page.getByRole("main").getByRole("list").first();
  // The Class Recap's score cards show the class's median and averages once RECAP_MIN_GRADED (3) are graded (lib/studio/recap.ts).
  await expect(inShort).toContainText(
    "Classmates never see your own grades; once at least 3 pieces of work are graded, the Class Recap may show figures for the whole class (its median total, and the average of its strongest rubric rows).",
  );
  await expect(inShort).not.toContainText("never see your work");
  // The reflection step, the class discussion and the Class Recap show this; the notice says so too.
  await expect(inShort).toContainText(
    "Once you hand in your work, your teacher may show your reflection answers and your studio card to the class, usually without your name. " +
      "In the class discussion, answers are numbered and names are hidden unless your teacher chooses to show them; the Class Recap never shows a name.",
  );
  await expect(page.getByRole("main")).toContainText(
    "The student and the class's teacher, who may show its reflection answers and studio card to the class, without the student's name unless they choose to show names in the class discussion.",
  );
});

test("an administrator warns the teachers, then erases a student after typing their email: the student can't sign in and leaves the teacher's roster", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // three people's pages, two accessibility scans and a real password check: 30 s on two busy cores
  const teacher = await make.teacher("Tess Teacher");
  const section = await make.section(teacher.id, { name: "Period 3" });
  const assignment = await make.assignment(section.id);
  const erin = await make.student("Erin Erased");
  const kept = await make.student("Kai Kept");
  for (const s of [erin, kept]) await make.enroll(section.id, s.id);
  const work = await make.submission({
    assignment,
    studentId: erin.id,
    draft: draftFor("erin"),
    images: [await storedImage()],
    submittedAt: [new Date()],
  });
  // Graded and returned: what the teacher's download before the erasure must keep.
  await db.insert(scores).values({
    submissionId: work.submission.id,
    criterionId: "ideation",
    points: 3,
    comment: "Three datapoints, each one used",
    updatedBy: teacher.id,
  });
  await db.update(submissions).set({ feedback: "A card I'd open", returnedAt: new Date() }).where(eq(submissions.id, work.submission.id));
  const admin = await makeUser(db, {
    role: "admin",
    email: uniqueEmail("admin"),
    name: "Ada Admin",
    passwordHash: await hashPassword(PASSWORD),
  });

  await signIn(page, admin.email);
  await page.goto(`/admin/accounts/${erin.id}/privacy`);
  await waitForReady(page);
  await expect(page.getByRole("heading", { name: "Data of Erin Erased" })).toBeVisible();
  await expect(page.getByTestId("affected-gradebooks")).toContainText("Tess Teacher: Period 3");
  await expect(page.getByTestId("count-submissions")).toContainText("1");

  // Step 1: the teacher is warned first; until they acknowledge, there is nothing to erase with.
  const confirmation = page.getByLabel("Type the student's email or name to confirm");
  await expect(confirmation).toHaveCount(0);
  await page.getByRole("button", { name: "Warn the teachers" }).click();
  await expect(page.getByTestId("erasure-teachers")).toContainText("Tess Teacher: warned on");
  // Said, and the focus goes to the step, which says what it is now (the button went with it).
  await expect(toast(page, "The teachers are warned")).toBeVisible();
  await expect(page.locator("#erasure-step-1")).toBeFocused();
  await expect(page.getByTestId("erasure-teachers")).toContainText("not yet acknowledged");
  await expect(page.getByTestId("erasure-waiting")).toContainText("Waiting for Tess Teacher to acknowledge");

  const teacherPage = await (await newContext()).newPage();
  await signIn(teacherPage, teacher.email);
  await teacherPage.goto("/sections");
  await expect(teacherPage.getByTestId("erasure-notice")).toContainText(
    "Erin Erased will be erased by the school's administrator on or after",
  );
  await teacherPage.goto(`/sections/${section.id}`);
  await waitForReady(teacherPage);
  const notice = teacherPage.getByRole("status").filter({ hasText: "Erin Erased will be erased" });
  await expect(notice).toContainText("their work and scores leave this class's gradebook");
  await expectNoViolations(teacherPage);
  // Her record, to keep: every score, comment and feedback, each row naming her and the assignment.
  const [file] = await Promise.all([
    teacherPage.waitForEvent("download"),
    notice.getByRole("link", { name: "Download Erin Erased's grades (CSV)" }).click(),
  ]);
  expect(file.suggestedFilename()).toBe("Period 3 - Erin Erased - grades.csv");
  const record = parse(fs.readFileSync((await file.path())!)) as string[][];
  expect(record[0]).toEqual(expect.arrayContaining(["Student", "Assignment", "Item", "Points", "Comment"]));
  const item = (name: string) => record.find((row) => row[8] === name)!;
  expect(item("Ideation").slice(0, 5)).toEqual(["Erin Erased", erin.email, "Period 3", assignment.title, "Returned"]);
  expect(item("Ideation").slice(9)).toEqual(["3", "Strong", "3", "Three datapoints, each one used"]);
  expect(item("Total").slice(9, 12)).toEqual(["3", "", "12"]);
  expect(item("Overall feedback")[12]).toBe("A card I'd open");
  expect(record.filter((row) => row[0] !== "Student").every((row) => row[0] === "Erin Erased")).toBe(true);
  // The same record for Excel: a byte-order mark first, so that accents stay readable.
  const [forExcel] = await Promise.all([
    teacherPage.waitForEvent("download"),
    notice.getByRole("link", { name: "For Excel (Erin Erased's grades, keeps accents readable)" }).click(),
  ]);
  const excelBytes = fs.readFileSync((await forExcel.path())!);
  expect([...excelBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(parse(excelBytes.subarray(3))).toEqual(record);
  // Acknowledging can't be taken back, so it asks first; "Not yet" keeps the warning as it was.
  await notice.getByRole("button", { name: "I've kept what I need" }).click();
  await expect(notice).toContainText("the administrator may erase them at once, and this can't be taken back");
  await notice.getByRole("button", { name: "Not yet" }).click();
  await expect(notice.getByRole("button", { name: "I've kept what I need" })).toBeFocused();
  await teacherPage.reload();
  await waitForReady(teacherPage);
  await expect(notice).toContainText("Download their record first");
  await notice.getByRole("button", { name: "I've kept what I need" }).click();
  await notice.getByRole("button", { name: "Yes, I've kept it" }).click();
  await expect(teacherPage.getByTestId("erasure-notice")).toContainText(
    "You said you have kept what you need: Erin Erased may be erased as soon as every teacher of theirs has said the same, or from",
  );
  await expect(toast(teacherPage, "Noted: you have kept what you need of Erin Erased's work.")).toBeVisible();
  await expect(teacherPage.getByTestId("erasure-notice")).toBeFocused();
  await expect(teacherPage.getByRole("button", { name: "I've kept what I need" })).toHaveCount(0);
  // Until the erasure, the record can still be downloaded again.
  const [again] = await Promise.all([
    teacherPage.waitForEvent("download"),
    teacherPage.getByTestId("erasure-notice").getByRole("link", { name: "Download Erin Erased's grades (CSV)" }).click(),
  ]);
  expect(parse(fs.readFileSync((await again.path())!))).toEqual(record);

  // Step 2: acknowledged, the erasure can go ahead.
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId("erasure-teachers")).toContainText("acknowledged on");
  await confirmation.fill("Erin");
  await page.getByRole("button", { name: "Erase this student" }).click();
  await expect(page.getByText("That doesn't match. Type the student's email or name exactly as shown.")).toBeVisible();
  await expect(confirmation).toHaveAttribute("aria-invalid", "true");
  await expectNoViolations(page);

  await confirmation.fill(erin.email);
  await page.getByRole("button", { name: "Erase this student" }).click();
  // Nothing of the page is left to show: back to the accounts, where the student is gone.
  await expect(toast(page, "The student's account and everything in it have been erased.")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/accounts$/);
  await expect(page.getByRole("main")).not.toContainText(erin.email);

  const studentContext = await newContext();
  const form = new SignInForm(await studentContext.newPage());
  await form.open();
  await form.signIn(erin.email, PASSWORD);
  await expect(form.error).toBeVisible();

  await teacherPage.reload();
  const students = teacherPage.getByRole("table", { name: "Students" });
  await expect(students).toContainText("Kai Kept");
  await expect(teacherPage.getByRole("main")).not.toContainText("Erin Erased");
  await expect(teacherPage.getByTestId("erasure-notice")).toHaveCount(0);
});
