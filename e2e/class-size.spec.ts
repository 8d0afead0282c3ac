import { QUEUE_PAGE_SIZE } from "../lib/grading-queue";
import { expect, signIn, test } from "./support/fixtures";
import { gradingData } from "./support/grading-data";
import { GradingView, SubmissionsTable } from "./support/pages/grading";
import { holdScripts } from "./support/ui";

// A class bigger than one page of the Students list: the server filters, sorts and pages it (the
// view lives in the address), and the grading view finds its neighbours without the whole class.

const SIZE = QUEUE_PAGE_SIZE + 7;

test("a class of 57: the Students list pages, filters and sorts on the server, and grading walks across pages", async ({
  page,
  make,
  db,
}) => {
  test.slow();
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id);
  // "Student 01" … "Student 57"; every third is fully graded (Student 01 with 12 points, the others 8),
  // and so is Student 02 (4 points).
  const students = [];
  for (let i = 1; i <= SIZE; i++) {
    const student = await make.student(`Student ${String(i).padStart(2, "0")}`);
    await make.enroll(section.id, student.id);
    const submission = await data.submitted(assignment, student.id);
    const points = i === 1 ? 3 : i === 2 ? 1 : 2;
    if (i % 3 === 1 || i === 2)
      await data.grade(submission.id, teacher.id, { ideation: points, copywriting: points, design: points, reflection: points });
    students.push(student);
  }
  const graded = students.filter((_, i) => (i + 1) % 3 === 1 || i === 1).length;
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  await signIn(page, teacher.email);
  const table = new SubmissionsTable(page);

  // Before the list hydrates, its filter and its switches are disabled: a pick or a tick then would
  // show on screen and do nothing.
  const controls = [
    page.getByLabel("Show"),
    page.getByLabel("Hide student names (anonymous grading)"),
    page.getByLabel("Include comments and feedback (detailed)"),
  ];
  const release = await holdScripts(page);
  await page.goto(base, { waitUntil: "domcontentloaded" });
  for (const control of controls) await expect(control).toBeDisabled();
  await release();
  for (const control of controls) await expect(control).toBeEnabled();

  // Page 1 of 2: fifty rows, in name order.
  await table.open(base);
  await expect(table.rows).toHaveCount(QUEUE_PAGE_SIZE);
  await expect(page.getByTestId("submission-range")).toHaveText(`1–${QUEUE_PAGE_SIZE} of ${SIZE}`);
  await expect(table.studentLinks.first()).toHaveText("Student 01");
  await expect(table.returnAll(graded)).toBeEnabled();

  // The next page, by keyboard: the rest of the class, and the address says where we are.
  await page.getByRole("link", { name: "Next page →" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`${base}?page=2`);
  await expect(table.rows).toHaveCount(SIZE - QUEUE_PAGE_SIZE);
  await expect(table.studentLinks.first()).toHaveText(`Student ${QUEUE_PAGE_SIZE + 1}`);
  await expect(page.getByText("Page 2 of 2")).toBeVisible();

  // Filtering starts again at page 1 and counts on the server.
  await table.ready();
  await page.getByLabel("Show").selectOption("needs");
  await expect(page).toHaveURL(`${base}?filter=needs`);
  await expect(table.rows).toHaveCount(SIZE - graded);
  // The count of work waiting, above the list, says the same of the whole class, and is the view shown.
  await expect(page.getByTestId("to-do").getByRole("link", { name: `${SIZE - graded} need grading` })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expect(page.getByTestId("submission-range")).toHaveCount(0);
  await expect(table.row("Student 01")).toHaveCount(0);

  // Sorting by total: ascending puts "—" (no score) first; descending puts the 12 first.
  await table.ready();
  await page.getByLabel("Show").selectOption("all");
  await expect(page).toHaveURL(base);
  await expect(table.rows).toHaveCount(QUEUE_PAGE_SIZE);
  const totalHeader = page.getByRole("columnheader", { name: /Total/ });
  await totalHeader.getByRole("link").click();
  await expect(page).toHaveURL(`${base}?sort=total`);
  await expect(totalHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(table.rows.first()).toContainText("—");
  await totalHeader.getByRole("link").click();
  await expect(page).toHaveURL(`${base}?sort=total&dir=desc`);
  await expect(totalHeader).toHaveAttribute("aria-sort", "descending");
  await expect(table.rows.first()).toContainText("Student 01");
  await expect(table.rows.first()).toContainText(`12 / 12`);

  // The grading view of the 51st student: its place in the class and its neighbours across the page boundary.
  const view = new GradingView(page);
  await view.open(`${base}/grade/${students[QUEUE_PAGE_SIZE]!.id}`);
  await expect(view.student).toHaveText(`Student ${QUEUE_PAGE_SIZE + 1}`);
  await expect(view.position).toHaveText(`${QUEUE_PAGE_SIZE + 1} of ${SIZE}`);
  await view.previous.click();
  await expect(view.student).toHaveText(`Student ${QUEUE_PAGE_SIZE}`);
  await expect(view.position).toHaveText(`${QUEUE_PAGE_SIZE} of ${SIZE}`);
  // Student 52 is graded (52 % 3 === 1), so "next ungraded" from 51 skips to 53.
  await view.open(`${base}/grade/${students[QUEUE_PAGE_SIZE]!.id}`);
  await view.nextUngraded.click();
  await expect(page).toHaveURL(`${base}/grade/${students[QUEUE_PAGE_SIZE + 2]!.id}`);
  await expect(view.student).toHaveText(`Student ${QUEUE_PAGE_SIZE + 3}`);
  await expect(view.position).toHaveText(`${QUEUE_PAGE_SIZE + 3} of ${SIZE}`);
  // From the last student it wraps around to the first who needs grading (01 and 02 are graded).
  await view.open(`${base}/grade/${students[SIZE - 1]!.id}`);
  await view.nextUngraded.click();
  await expect(view.student).toHaveText("Student 03");

  // An address the list doesn't understand shows the default view rather than an error.
  const response = await page.goto(`${base}?page=abc&sort=bogus&filter=%00&dir=sideways`);
  expect(response?.status()).toBe(200);
  await expect(table.rows).toHaveCount(QUEUE_PAGE_SIZE);
  await expect(table.studentLinks.first()).toHaveText("Student 01");
  // A page past the end shows the last page.
  await page.goto(`${base}?page=99`);
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
});
