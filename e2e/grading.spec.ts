import { eq, sql } from "drizzle-orm";
import type { Page } from "@playwright/test";
import { assignments, bankedComments, excusals, scores, submissions } from "../db/schema";
import { DEFAULT_RUBRIC } from "../lib/lesson/default-lesson";
import { draftScoreQuestion, handedInSinceScoredQuestion } from "../lib/grading";
import { findServerAction, postAction } from "./support/actions";
import { expectNoViolations } from "./support/axe";
import { expect, expectNoHorizontalScroll, signIn, test, type Make } from "./support/fixtures";
import { draftFor, gradingData, pastDueClass, type Points } from "./support/grading-data";
import { GradingView, SubmissionsTable } from "./support/pages/grading";
import { assignmentStatus, StudentWorkspace } from "./support/pages/workspace";
import { dropServerActions, toast, uncovered } from "./support/ui";
import type { DB } from "../db";

// Grading: the teacher's submissions overview and grading view (keyboard, background saves,
// conflicts, comment bank, anonymous mode, returning and reopening) and what students see of it.

const uid = () => Math.random().toString(36).slice(2, 8);

/** What a level looks like to the student: "3 points · Strong" and its descriptor. */
function levelText(id: string, points: number) {
  const found = DEFAULT_RUBRIC.criteria.find((c) => c.id === id)!.levels.find((l) => l.points === points)!;
  return { heading: `${points} ${points === 1 ? "point" : "points"} · ${found.label}`, descriptor: found.descriptor };
}

/** A teacher, a section, one assignment and students (in name order) who have all submitted. */
async function classroom(make: Make, db: DB, names: string[]) {
  const data = gradingData(db);
  const teacher = await make.teacher(`Ms. Marker ${uid()}`);
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id, { title: `Recap ${uid()}` });
  const students = [];
  for (const name of names) {
    const student = await make.student(name);
    await make.enroll(section.id, student.id);
    students.push({ ...student, submission: await data.submitted(assignment, student.id, `work-${uid()}`) });
  }
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  return { data, teacher, section, assignment, students, base, gradeUrl: (studentId: string) => `${base}/grade/${studentId}` };
}

test("a teacher grades three students with the keyboard alone, returns them, and each student sees their own feedback", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // three students graded, then three sign-ins
  const s = uid();
  const room = await classroom(make, db, [`Avery ${s}`, `Blake ${s}`, `Casey ${s}`]);
  const plan: { keys: string; points: Required<Points>; note: string }[] = [
    { keys: "3231", points: { ideation: 3, copywriting: 2, design: 3, reflection: 1 }, note: `Lovely datapoints, Avery ${s}.` },
    { keys: "1223", points: { ideation: 1, copywriting: 2, design: 2, reflection: 3 }, note: `Pick datapoints people enjoy ${s}.` },
    { keys: "3332", points: { ideation: 3, copywriting: 3, design: 3, reflection: 2 }, note: `Spot on ${s}.` },
  ];
  const sum = (p: Points) => Object.values(p).reduce((a, b) => a + b, 0);
  const table = new SubmissionsTable(page);
  const view = new GradingView(page);

  await signIn(page, room.teacher.email);
  // Saves are held on their way to the server until N has been pressed: N must wait for them.
  let held: Promise<void> | null = null;
  let release = () => {};
  await page.route("**/grade/*", async (route) => {
    if (route.request().method() === "POST" && held) await held;
    await route.continue();
  });
  await page.goto(room.base);
  await expect(table.rows).toHaveCount(3);
  // Everyone has handed in: nothing to excuse, so no boxes to tick.
  await expect(page.getByRole("group", { name: "Selected students" })).toHaveCount(0);
  await expect(table.rows.getByRole("checkbox")).toHaveCount(0);
  // Into grading from the keyboard: "Start grading" opens the first student who needs grading.
  await table.startGrading.focus();
  await page.keyboard.press("Enter");

  for (const [i, student] of room.students.entries()) {
    const { keys, points, note } = plan[i]!;
    await expect(page).toHaveURL(room.gradeUrl(student.id));
    await expect(view.student).toHaveText(student.name);
    await expect(view.position).toHaveText(`${i + 1} of 3`);
    await expect(view.total).toHaveText("Not scored yet (out of 12)");
    if (i === 0) await view.ready();
    held = new Promise((resolve) => (release = resolve));
    // C writes on the highlighted (first) criterion; Esc leaves the box so keys score again.
    await page.keyboard.press("c");
    await expect(view.comment("ideation")).toBeFocused();
    await page.keyboard.type(note);
    await page.keyboard.press("Escape");
    await expect(view.criterion("ideation")).toBeFocused(); // back on its criterion, not at the top of the page
    // Four digits: each scores the highlighted criterion and moves the highlight on.
    for (const key of keys) await page.keyboard.press(key);
    await expect(view.total).toHaveText(`${sum(points)} / 12 (4 of 4 scored)`);
    for (const [id, p] of Object.entries(points)) await expect(view.level(id, p)).toHaveAttribute("aria-checked", "true");
    await expect(view.comment("ideation")).toHaveValue(note);
    await expect(view.saveStatus).toHaveText("Saving…");
    if (i < 2) {
      await expect(view.nextUngraded).toBeEnabled();
      await page.keyboard.press("n"); // waits for the saves, then moves on
      await page.waitForTimeout(300); // a moment in which the saves are still held…
      await expect(page).toHaveURL(room.gradeUrl(student.id)); // …and N hasn't left without them
      release();
      await expect(page).toHaveURL(room.gradeUrl(room.students[i + 1]!.id));
      expect(await room.data.pointsOf(student.submission.id), "every score landed before moving on").toEqual(points);
    }
  }
  release();
  held = null;
  await expect(view.saveStatus).toHaveText("All changes saved");

  // K goes back (nothing was lost in the hurry), J forward again.
  await page.keyboard.press("k");
  await expect(view.student).toHaveText(room.students[1]!.name);
  await expect(view.total).toHaveText(`${sum(plan[1]!.points)} / 12 (4 of 4 scored)`);
  await expect(view.comment("ideation")).toHaveValue(plan[1]!.note);
  await page.keyboard.press("j");
  await expect(view.student).toHaveText(room.students[2]!.name);
  // The keys answer once this student's panel has hydrated (a loaded machine showed the name first).
  await view.ready();

  // Stored as graded, nothing returned yet.
  for (const [i, student] of room.students.entries()) {
    expect(await room.data.pointsOf(student.submission.id)).toEqual(plan[i]!.points);
    expect((await room.data.scoreOf(student.submission.id, "ideation"))?.comment).toBe(plan[i]!.note);
    expect((await room.data.submission(student.submission.id)).returnedAt).toBeNull();
  }
  // Everyone is graded now: N has nobody left to open, and the Students list says "All graded".
  await page.keyboard.press("n");
  await expect(page).toHaveURL(`${room.base}?filter=needs`);
  await expect(page.getByText("All graded: nobody’s work is waiting for a grade.")).toBeVisible();

  // The overview shows the totals; "Return all graded" (from the keyboard) asks first: cancelling
  // returns nothing, confirming returns all three.
  await table.open(room.base);
  for (const [i, student] of room.students.entries()) {
    const row = table.row(student.name);
    await expect(row).toContainText("Graded");
    await expect(row).toContainText(`${sum(plan[i]!.points)} / 12`);
  }
  await expect(table.nextUngraded).toHaveCount(0);
  await table.returnAll(3).focus();
  await page.keyboard.press("Enter");
  await expect(table.confirmReturn).toContainText("3 students will see their scores and feedback");
  await expect(table.confirmReturnButton(3)).toBeFocused();
  await table.confirmReturn.getByRole("button", { name: "Cancel" }).click();
  await expect(table.confirmReturn).toHaveCount(0);
  await expect(table.returnAll(3)).toBeEnabled();
  for (const student of room.students) {
    await expect(table.row(student.name)).toContainText("Graded");
    expect((await room.data.submission(student.submission.id)).returnedAt).toBeNull();
  }
  await table.returnAll(3).click();
  await table.confirmReturnButton(3).click();
  await expect(toast(page, "Returned 3 submissions.")).toBeVisible();
  await expect(table.returnAll(0)).toBeDisabled();
  await expect(page.getByLabel("Show")).toBeFocused(); // not lost to the page with the button it was on
  // The whole class's return is undone from its toast, as one return is: graded again, seen by nobody.
  await toast(page, "Returned 3 submissions.").getByRole("button", { name: "Undo" }).click();
  await expect(toast(page, "Undone: 3 submissions no longer returned.")).toBeVisible();
  await expect(table.returnAll(3)).toBeEnabled();
  for (const student of room.students) {
    await expect(table.row(student.name)).toContainText("Graded");
    expect((await room.data.submission(student.submission.id)).returnedAt).toBeNull();
  }
  await table.returnAll(3).click();
  await table.confirmReturnButton(3).click();
  await expect(toast(page, "Returned 3 submissions.")).toBeVisible();
  await expect(table.returnAll(0)).toBeDisabled();
  for (const student of room.students) {
    await expect(table.row(student.name)).toContainText("Returned");
    expect((await room.data.submission(student.submission.id)).returnedAt).toBeInstanceOf(Date);
  }

  // Each student sees their own levels, descriptors, comment and total — and nobody else's.
  const studentPages = await Promise.all(room.students.map(async () => (await newContext()).newPage()));
  await Promise.all(room.students.map(async (student, i) => await signIn(studentPages[i]!, student.email)));
  for (const i of room.students.keys()) {
    const studentPage = studentPages[i]!;
    const studentWork = new StudentWorkspace(studentPage);
    await expect(assignmentStatus(studentPage, room.assignment.title)).toHaveText("Returned");
    await studentWork.open(room.assignment.id);
    const feedback = studentWork.feedback;
    await expect(feedback).toBeVisible();
    await expect(studentWork.feedbackTotal).toHaveText(`${sum(plan[i]!.points)} / 12`);
    for (const [id, p] of Object.entries(plan[i]!.points)) {
      const { heading, descriptor } = levelText(id, p);
      await expect(studentWork.feedbackFor(id)).toContainText(heading);
      await expect(studentWork.feedbackFor(id)).toContainText(descriptor);
    }
    await expect(studentWork.feedbackFor("ideation")).toContainText(plan[i]!.note);
    await expect(feedback.getByText("Updated", { exact: true })).toHaveCount(0);
    for (const [j, other] of plan.entries()) if (j !== i) await expect(feedback).not.toContainText(other.note);
  }
});

test(
  "the server refuses a score that isn't a level, and grading actions refuse students and other teachers",
  { tag: "@scale" },
  async ({ page, make, db, newContext }) => {
    const room = await classroom(make, db, [`Dana ${uid()}`]);
    const [student] = room.students;
    const submissionId = student!.submission.id;
    const saveScore = findServerAction("saveScoreAction");
    await signIn(page, room.teacher.email);

    // The owner's own session, but points that aren't a level of Design (3, 2, 1).
    for (const points of [4, 0, -1]) {
      const { body } = await postAction(page.request, saveScore, [{ submissionId, criterionId: "design", points, baseVersion: 0 }]);
      expect(body, `points ${points}`).toContain('"code":"invalid"');
      expect(body, `points ${points}`).toContain(`${points} isn't a level of Design. Choose one of: 3, 2, 1.`);
    }
    const unknown = await postAction(page.request, saveScore, [{ submissionId, criterionId: "spelling", points: 3, baseVersion: 0 }]);
    expect(unknown.body).toContain("That criterion isn't part of this assignment's rubric.");
    expect(await room.data.scoreOf(submissionId, "design")).toBeUndefined();
    expect(await room.data.eventsOf(submissionId)).toEqual([]);

    // The same call with a real level is stored: the refusals above were about the value.
    const ok = await postAction(page.request, saveScore, [{ submissionId, criterionId: "design", points: 2, baseVersion: 0 }]);
    expect(ok.body).toContain('"ok":true');
    expect(await room.data.scoreOf(submissionId, "design")).toMatchObject({ points: 2, version: 1 });
    const stored = await db.select().from(scores).where(eq(scores.submissionId, submissionId));

    // The student, with their own submission's id: refused as the wrong role.
    const studentPage = await (await newContext()).newPage();
    await signIn(studentPage, student!.email);
    const byStudent = await postAction(studentPage.request, saveScore, [
      { submissionId, criterionId: "design", points: 3, baseVersion: 1 },
    ]);
    // Another role's action answers as if it did not exist, as the intruder's below does.
    expect(byStudent.body).toContain('"code":"not_found"');
    expect(byStudent.body).not.toContain('"ok":true');

    // Another teacher: the submission doesn't exist for them.
    const intruder = await make.teacher();
    const intruderPage = await (await newContext()).newPage();
    await signIn(intruderPage, intruder.email);
    const byIntruder = await postAction(intruderPage.request, saveScore, [
      { submissionId, criterionId: "design", points: 3, baseVersion: 1 },
    ]);
    // A foreign row is refused as not found (docs/decisions/007-error-contract.md), not as forbidden.
    expect(byIntruder.body).toContain('"code":"not_found"');
    expect(byIntruder.body).not.toContain('"ok":true');
    const ref = { sectionId: room.section.id, assignmentId: room.assignment.id };
    for (const [name, input] of [
      ["saveFeedbackAction", { submissionId, feedback: "Hijacked", baseVersion: 0 }],
      ["returnWorkAction", { ...ref, submission: { id: submissionId, attempt: 1 } }],
      ["setAnonymousAction", { ...ref, value: true }],
    ] as const) {
      const { body } = await postAction(intruderPage.request, findServerAction(name), [input]);
      expect(body, name).not.toContain('"ok":true');
    }
    // "Next ungraded" is a GET that redirects: the same refusals, and no address of the class given away.
    const nextUngraded = `${room.gradeUrl(student!.id)}/next-ungraded`;
    for (const [who, request, status] of [
      ["another teacher", intruderPage.request, 404],
      ["the student", studentPage.request, 404],
    ] as const) {
      const response = await request.get(nextUngraded, { maxRedirects: 0 });
      expect(response.status(), who).toBe(status);
      expect(response.headers()["location"], who).toBeUndefined();
    }
    const own = await page.request.get(nextUngraded, { maxRedirects: 0 });
    expect([own.status(), own.headers()["location"]]).toEqual([303, `${room.base}?filter=needs`]);

    expect(await db.select().from(scores).where(eq(scores.submissionId, submissionId))).toEqual(stored);
    expect(await room.data.submission(submissionId)).toMatchObject({ feedback: "", returnedAt: null });
    expect((await db.select().from(assignments).where(eq(assignments.id, room.assignment.id)))[0]?.anonymous).toBe(false);
  },
);

test(
  "two tabs grade the same student: the stale save is refused, both values are shown, and nothing is overwritten silently",
  { tag: "@scale" },
  async ({ page, make, db, newContext }) => {
    const room = await classroom(make, db, [`Emery ${uid()}`]);
    const submissionId = room.students[0]!.submission.id;
    const url = room.gradeUrl(room.students[0]!.id);
    const view = new GradingView(page);
    await signIn(page, room.teacher.email);
    const other = await (await newContext()).newPage();
    const otherView = new GradingView(other);
    await signIn(other, room.teacher.email);
    await view.open(url);
    await otherView.open(url);
    await expect(otherView.total).toHaveText("Not scored yet (out of 12)");

    // Tab A sets Design to 3.
    await view.level("design", 3).click();
    await expect(view.saveStatus).toHaveText("All changes saved");
    await expect.poll(async () => (await room.data.scoreOf(submissionId, "design"))?.points).toBe(3);

    // Tab B still shows the old version and sets Design to 1: refused, with both values.
    await expect(otherView.level("design", 3)).toHaveAttribute("aria-checked", "false");
    await otherView.level("design", 1).click();
    const conflict = otherView.conflict("design");
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText(`${room.teacher.name} changed this at`);
    await expect(conflict).toContainText(": 3 points. Yours: 1 point.");
    await expect(otherView.saveStatus).toHaveText("Changed elsewhere — choose below");
    expect(await room.data.scoreOf(submissionId, "design")).toMatchObject({ points: 3, version: 1 });

    await conflict.getByRole("button", { name: "Use theirs" }).click();
    await expect(conflict).toHaveCount(0);
    await expect(otherView.level("design", 3)).toHaveAttribute("aria-checked", "true");
    await expect(otherView.level("design", 1)).toHaveAttribute("aria-checked", "false");
    await expect(otherView.total).toHaveText("3 / 12 (1 of 4 scored)");
    await expect(otherView.saveStatus).toHaveText("All changes saved");
    expect(await room.data.scoreOf(submissionId, "design")).toMatchObject({ points: 3, version: 1 });

    // The other choice on another criterion: A says 2, B (stale) says 1 and keeps it.
    await view.level("ideation", 2).click();
    await expect(view.saveStatus).toHaveText("All changes saved");
    await expect.poll(async () => (await room.data.scoreOf(submissionId, "ideation"))?.points).toBe(2);
    await otherView.level("ideation", 1).click();
    const second = otherView.conflict("ideation");
    await expect(second).toContainText(": 2 points. Yours: 1 point.");
    await second.getByRole("button", { name: "Keep mine" }).click();
    await expect(second).toHaveCount(0);
    await expect(otherView.saveStatus).toHaveText("All changes saved");
    await expect.poll(async () => (await room.data.scoreOf(submissionId, "ideation"))?.points).toBe(1);
    expect((await room.data.scoreOf(submissionId, "ideation"))?.version).toBe(2);

    // The history keeps every stored change, A's included; B's refused 1 for Design never landed.
    const events = (await room.data.eventsOf(submissionId)).map((e) => `${e.criterionId} ${e.field} ${e.oldValue}→${e.newValue}`);
    expect(events.sort()).toEqual(["design points null→3", "ideation points 2→1", "ideation points null→2"]);
    await otherView.reload();
    await otherView.openHistory(3);
    const history = otherView.history;
    await expect(history.getByRole("listitem")).toHaveCount(3);
    await expect(history).toContainText("Design level: — → 3");
    await expect(history).toContainText("Ideation level: — → 2");
    await expect(history).toContainText("Ideation level: 2 → 1");
    await expect(history).not.toContainText("Design level: 3 → 1");
    await expect(history).not.toContainText("Design level: — → 1");
    await expect(history.getByRole("listitem").filter({ hasText: "Design level" })).toHaveCount(1);
    await expect(history.getByRole("listitem").first()).toContainText(room.teacher.name);
  },
);

test("comment bank: a comment saved in one assignment is offered for the same criterion in another, inserted, edited and deleted", async ({
  page,
  make,
  db,
}) => {
  const data = gradingData(db);
  const teacher = await make.teacher(`Mr. Bank ${uid()}`);
  const first = await data.assignment((await make.section(teacher.id)).id, { title: `First ${uid()}` });
  const second = await data.assignment((await make.section(teacher.id)).id, { title: `Second ${uid()}` });
  const one = await make.student();
  const two = await make.student();
  await make.enroll(first.sectionId, one.id);
  await make.enroll(second.sectionId, two.id);
  await data.submitted(first, one.id);
  const target = await data.submitted(second, two.id);
  const text = `Greet the customer by name, then the surprise ${uid()}.`;
  const edited = `${text} (edited)`;

  const view = new GradingView(page);
  await signIn(page, teacher.email);
  await view.open(`/sections/${first.sectionId}/assignments/${first.id}/grade/${one.id}`);
  await view.comment("copywriting").fill(text);
  await expect(view.saveStatus).toHaveText("All changes saved");
  await view.saveToBank("copywriting").click();
  await expect(toast(page, "Saved to your Copywriting comments.")).toBeVisible();
  await expect(view.saveToBank("copywriting")).toBeFocused(); // kept while it saved
  await expect(view.bankButton("copywriting", 1)).toBeVisible();
  expect(await data.bankOf(teacher.id)).toMatchObject([{ criterionKey: "copywriting", text }]);

  // Another assignment: the Copywriting bank offers it, other criteria don't.
  await view.open(`/sections/${second.sectionId}/assignments/${second.id}/grade/${two.id}`);
  await expect(view.bankButton("design", 0)).toBeVisible();
  await expect(view.bankButton("copywriting", 1)).toBeVisible();
  // From the keyboard: ↓ to Copywriting, B opens its bank with the first comment focused, Enter inserts.
  await page.keyboard.press("ArrowDown");
  await expect(view.criterion("copywriting")).toBeFocused();
  await page.keyboard.press("b");
  const bank = view.bank("copywriting");
  await expect(bank).toBeVisible();
  await expect(bank.getByRole("button", { name: `Insert: ${text}` })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(bank).toHaveCount(0);
  await expect(view.criterion("copywriting")).toBeFocused(); // the Insert button went with the bank
  await expect(view.comment("copywriting")).toHaveValue(text);
  // B opens it again and, from inside it, closes it: focus back on the criterion.
  await page.keyboard.press("b");
  await expect(bank.getByRole("button", { name: `Insert: ${text}` })).toBeFocused();
  await page.keyboard.press("b");
  await expect(bank).toHaveCount(0);
  await expect(view.criterion("copywriting")).toBeFocused();
  // An empty bank (Design's) has no comment to focus: B focuses the list itself, in view; Esc closes it.
  await page.keyboard.press("ArrowDown");
  await expect(view.criterion("design")).toBeFocused();
  await page.keyboard.press("b");
  const empty = view.bank("design");
  await expect(empty).toContainText("No saved comments for Design yet.");
  await expect(empty).toBeFocused();
  await expect(empty).toBeInViewport();
  await page.keyboard.press("Escape");
  await expect(empty).toHaveCount(0);
  await expect(view.bankButton("design", 0)).toBeFocused();
  await expect(view.saveStatus).toHaveText("All changes saved");
  await expect.poll(async () => (await data.scoreOf(target.id, "copywriting"))?.comment).toBe(text);

  // Edit it in place: the bank changes, the comment already given stays as it was.
  await view.bankButton("copywriting", 1).click();
  await bank.getByRole("button", { name: `Edit banked comment: ${text}` }).click();
  await bank.getByRole("textbox", { name: "Edit banked comment" }).fill(edited);
  await bank.getByRole("button", { name: "Save", exact: true }).click();
  await expect(bank.getByRole("button", { name: `Insert: ${edited}` })).toBeVisible();
  await expect(bank.getByRole("button", { name: `Edit banked comment: ${edited}` })).toBeFocused();
  // Esc in an edit cancels it (focus back on Edit); Esc again closes the bank, back on its button.
  await page.keyboard.press("Enter");
  await bank.getByRole("textbox", { name: "Edit banked comment" }).fill("Not kept");
  await page.keyboard.press("Escape");
  await expect(bank.getByRole("textbox", { name: "Edit banked comment" })).toHaveCount(0);
  await expect(bank.getByRole("button", { name: `Edit banked comment: ${edited}` })).toBeFocused();
  // So does Esc from the edit's buttons: the bank stays open.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab"); // to Save
  await page.keyboard.press("Escape");
  await expect(bank.getByRole("textbox", { name: "Edit banked comment" })).toHaveCount(0);
  await expect(bank.getByRole("button", { name: `Edit banked comment: ${edited}` })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(bank).toHaveCount(0);
  await expect(view.bankButton("copywriting", 1)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(bank.getByRole("button", { name: `Insert: ${edited}` })).toBeVisible();
  await expect.poll(async () => (await data.bankOf(teacher.id)).map((b) => b.text)).toEqual([edited]);
  await expect(view.comment("copywriting")).toHaveValue(text);
  await view.reload();
  await view.bankButton("copywriting", 1).click();
  await expect(bank.getByRole("button", { name: `Insert: ${edited}` })).toBeVisible();

  // Delete it.
  await bank.getByRole("button", { name: `Delete banked comment: ${edited}` }).click();
  await expect(bank).toContainText("No saved comments for Copywriting yet.");
  await expect(view.bankButton("copywriting", 0)).toBeFocused(); // the deleted comment's buttons are gone
  // An empty bank closes with Esc from its button.
  await page.keyboard.press("Escape");
  await expect(bank).toHaveCount(0);
  await expect(view.bankButton("copywriting", 0)).toHaveAttribute("aria-expanded", "false");
  await expect.poll(async () => await data.bankOf(teacher.id)).toEqual([]);
  expect((await data.scoreOf(target.id, "copywriting"))?.comment).toBe(text);
});

test("a comment typed just before following a link to another page is saved, not dropped with the typing pause", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make, db, [`Rowan ${uid()}`]);
  const [student] = room.students;
  const note = `Try a bolder headline ${uid()}.`;
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await page.clock.install();
  await view.open(room.gradeUrl(student!.id));
  // The page's clock stands still: the pause after typing (700 ms) never ends while the teacher
  // follows the breadcrumb back to the assignment, however slowly the next page arrives.
  await page.clock.pauseAt(Date.now() + 60_000);
  await view.comment("design").fill(note);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: room.assignment.title }).click();
  await page.waitForURL((url) => url.pathname === room.base);
  await expect.poll(async () => (await room.data.scoreOf(student!.submission.id, "design"))?.comment).toBe(note);
  await page.clock.resume();
  // Back in the grading view, the comment is there.
  await view.open(room.gradeUrl(student!.id));
  await expect(view.comment("design")).toHaveValue(note);
});

test("a comment that cannot be saved (no connection) is not dropped by following a link: the teacher is asked first", async ({
  page,
  make,
  db,
  consoleGuard,
}) => {
  const room = await classroom(make, db, [`Sage ${uid()}`]);
  const [student] = room.students;
  const note = `Name the month in the headline ${uid()}.`;
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await view.open(room.gradeUrl(student!.id));
  const questions: string[] = [];
  page.on("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  const backToAssignment = page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: room.assignment.title });

  const connection = await dropServerActions(page, consoleGuard);
  await view.comment("design").fill(note);
  await expect(view.saveStatus).toHaveText("Not saved — retrying");
  await backToAssignment.click();
  await expect.poll(() => questions).toEqual(["You have unsaved changes on this page. Leave without saving them?"]);
  expect(new URL(page.url()).pathname).toBe(room.gradeUrl(student!.id));
  await expect(view.comment("design")).toHaveValue(note);

  // Back online, the retry saves it, and the same link goes without a question.
  await connection.reconnect();
  await expect(view.saveStatus).toHaveText("All changes saved");
  expect((await room.data.scoreOf(student!.submission.id, "design"))?.comment).toBe(note);
  await backToAssignment.click();
  await page.waitForURL((url) => url.pathname === room.base);
  expect(questions).toHaveLength(1);
});

/** Asserts that no student's name or email is in the page's DOM or in its HTML fetched afresh. */
function nameChecker(page: Page, students: { name: string; email: string }[]) {
  const secrets = students.flatMap((st) => [st.name, st.email]);
  return async (where: string) => {
    const rendered = await page.content();
    // The text too: an email is drawn with <wbr> between its parts (components/ui/email-address.tsx).
    const text = await page.locator("body").textContent();
    const raw = await (await page.request.get(page.url())).text();
    for (const secret of secrets) {
      expect(rendered, `${secret} in the DOM of ${where}`).not.toContain(secret);
      expect(text, `${secret} in the text of ${where}`).not.toContain(secret);
      expect(raw, `${secret} in the HTML of ${where}`).not.toContain(secret);
    }
  };
}

test("anonymous grading hides names in the overview, in a stable order, until it is turned off", async ({ page, make, db }) => {
  const s = uid();
  const room = await classroom(make, db, [`Harper ${s}`, `Indigo ${s}`, `Jordan ${s}`]);
  const expectNoNames = nameChecker(page, room.students);
  const table = new SubmissionsTable(page);
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await table.open(room.base);
  await expect(table.studentLinks).toHaveText(room.students.map((st) => st.name));
  const toggle = table.anonymous;
  await expect(toggle).not.toBeChecked();

  await toggle.click();
  await expect(toast(page, "Names hidden while grading.")).toBeVisible();
  await expect(toggle).toBeChecked();
  await expect(table.studentLinks).toHaveText(["Student 1", "Student 2", "Student 3"]);
  expect((await db.select().from(assignments).where(eq(assignments.id, room.assignment.id)))[0]?.anonymous).toBe(true);
  const order = await table.labelsAndIds();
  expect(new Set(order.map(([, id]) => id))).toEqual(new Set(room.students.map((st) => st.id)));

  // Loaded afresh (the first load, names and all, is still in this DOM): no names, same shuffled order.
  await page.reload();
  await expect(table.studentLinks).toHaveText(["Student 1", "Student 2", "Student 3"]);
  expect(await table.labelsAndIds()).toEqual(order);
  await expectNoNames("the overview");

  // Off again: names come back, in name order, in the overview and in the grading view.
  await toggle.click();
  await expect(toast(page, "Names shown.")).toBeVisible();
  await expect(toggle).not.toBeChecked();
  await expect(table.studentLinks).toHaveText(room.students.map((st) => st.name));
  expect(await page.locator("body").textContent()).toContain(room.students[0]!.email);
  await page.goto(room.gradeUrl(order[0]![1]!));
  const first = room.students.find((st) => st.id === order[0]![1])!;
  await expect(view.student).toHaveText(first.name);
  await expect(view.header.getByText("Names hidden")).toHaveCount(0);
  expect(await (await page.request.get(page.url())).text()).toContain(first.name);
});

test("anonymous grading hides names in the grading view, walking the overview's shuffled order", async ({ page, make, db }) => {
  const s = uid();
  const room = await classroom(make, db, [`Lane ${s}`, `Morgan ${s}`, `Noel ${s}`]);
  await db.update(assignments).set({ anonymous: true }).where(eq(assignments.id, room.assignment.id));
  const expectNoNames = nameChecker(page, room.students);
  const table = new SubmissionsTable(page);
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await table.open(room.base);
  await expect(table.studentLinks).toHaveText(["Student 1", "Student 2", "Student 3"]);
  const order = await table.labelsAndIds();

  // "Student N" in the same order, no names anywhere in the page.
  for (const [i, [label, studentId]] of order.entries()) {
    await view.open(room.gradeUrl(studentId!));
    await expect(view.student).toHaveText(label!);
    await expect(view.position).toHaveText(`${i + 1} of 3`);
    await expect(view.header.getByText("Names hidden")).toBeVisible();
    await expectNoNames(`the grading view of ${label}`);
  }
  // ← walks back through the same order.
  await view.previous.click();
  await expect(view.student).toHaveText(order[1]![0]!);
});

test("a student opened from a filtered, sorted Students list is graded in that list's order: previous, next, Next ungraded and the way back keep it", async ({
  page,
  make,
  db,
}) => {
  const s = uid();
  const data = gradingData(db);
  const teacher = await make.teacher(`Ms. Order ${uid()}`);
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id, { title: `Recap ${uid()}` });
  const hoursAgo = (h: number) => [new Date(Date.now() - h * 3_600_000)];
  // In name order Ana, Ben, Cal, Dee, Eve. Handed in: Cal an hour ago, Dee two, Ben three (graded), Ana four; Eve nothing.
  const [ana, ben, cal, dee, eve] = await Promise.all(
    ["Ana", "Ben", "Cal", "Dee", "Eve"].map(async (name) => {
      const student = await make.student(`${name} ${s}`);
      await make.enroll(section.id, student.id);
      return student;
    }),
  );
  const submitted = {
    ana: await data.submitted(assignment, ana!.id, "ana", hoursAgo(4)),
    ben: await data.submitted(assignment, ben!.id, "ben", hoursAgo(3)),
    cal: await data.submitted(assignment, cal!.id, "cal", hoursAgo(1)),
  };
  await data.submitted(assignment, dee!.id, "dee", hoursAgo(2));
  const all: Points = { ideation: 3, copywriting: 2, design: 3, reflection: 2 };
  await data.grade(submitted.ben.id, teacher.id, all);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  const listView = "?filter=needs&sort=submittedAt&dir=desc";
  // The grading view of a student in a view of the list (its address also carries the student's place in the sort).
  const grading = (student: { id: string }, view: Record<string, string>) => (url: URL) =>
    url.pathname === `${base}/grade/${student.id}` && Object.entries(view).every(([key, value]) => url.searchParams.get(key) === value);
  const needsLatestFirst = { filter: "needs", sort: "submittedAt", dir: "desc" };
  const table = new SubmissionsTable(page);
  const view = new GradingView(page);
  await signIn(page, teacher.email);

  // The list: needs grading, latest hand-in first.
  await table.open(`${base}${listView}`);
  await expect(table.studentLinks).toHaveText([`Cal ${s}`, `Dee ${s}`, `Ana ${s}`]);
  await table.studentLinks.filter({ hasText: `Dee ${s}` }).click();
  await expect(page).toHaveURL(grading(dee!, needsLatestFirst));
  await expect(view.position).toHaveText("2 of 3 · Needs grading · Submitted, latest first");
  await view.ready();
  await view.next.click();
  await expect(view.student).toHaveText(`Ana ${s}`);
  await expect(view.position).toHaveText("3 of 3 · Needs grading · Submitted, latest first");
  await expect(view.next).toBeDisabled();
  await view.ready();
  await page.keyboard.press("ArrowLeft"); // the shortcut walks the same order
  await expect(view.student).toHaveText(`Dee ${s}`);
  await view.ready();
  await view.previous.click();
  await expect(view.student).toHaveText(`Cal ${s}`);
  await expect(view.previous).toBeDisabled();

  // Cal graded (by a co-teacher, say): on reload Cal has left the filter, and Next still goes on from Cal's place.
  await data.grade(submitted.cal.id, teacher.id, all);
  await view.reload();
  await expect(view.position).toHaveText("Not in “Needs grading” · 2 there");
  await view.next.click();
  await expect(view.student).toHaveText(`Dee ${s}`);
  await expect(view.position).toHaveText("1 of 2 · Needs grading · Submitted, latest first");

  // The way back is the same view of the list.
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: assignment.title }).click();
  await expect(page).toHaveURL(`${base}${listView}`);
  await expect(table.studentLinks).toHaveText([`Dee ${s}`, `Ana ${s}`]);
  // Start grading and Next ungraded start that view's walk too: at its first student who needs grading.
  await expect(table.startGrading).toHaveAttribute(
    "href",
    new RegExp(`/grade/${dee!.id}\\?filter=needs&sort=submittedAt&dir=desc&at=\\d+$`),
  );
  await expect(table.nextUngraded).toHaveAttribute(
    "href",
    new RegExp(`/grade/${dee!.id}\\?filter=needs&sort=submittedAt&dir=desc&at=\\d+$`),
  );

  // From Ben in the "Graded" view, Next ungraded finds the next needing grading in the same order (Ana, after Ben)
  // and goes on among those who need grading.
  await view.open(`${base}/grade/${ben!.id}?filter=graded&sort=submittedAt&dir=desc`);
  await expect(view.position).toHaveText("2 of 2 · Graded, not returned · Submitted, latest first");
  await view.nextUngraded.click();
  await expect(page).toHaveURL(grading(ana!, needsLatestFirst));
  await expect(view.position).toHaveText("2 of 2 · Needs grading · Submitted, latest first");

  // By status, returning Ana's work (R) makes her Returned, which sorts after the graded: she keeps the place she
  // was walked to, so → goes on to Dee, the next waiting, not to Eve after the returned.
  await table.open(`${base}?sort=status`);
  await expect(table.studentLinks).toHaveText([`Ana ${s}`, `Dee ${s}`, `Ben ${s}`, `Cal ${s}`, `Eve ${s}`]);
  await table.studentLinks.first().click();
  await expect(view.position).toHaveText("1 of 5 · Status");
  await view.ready();
  for (const key of "3232") await page.keyboard.press(key);
  await expect(view.saveStatus).toHaveText("All changes saved");
  await page.keyboard.press("r");
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  await expect(view.status("Returned")).toBeVisible();
  await expect(view.position).toHaveText("1 of 5 · Status");
  await view.next.click();
  await expect(view.student).toHaveText(`Dee ${s}`);
  await expect(view.position).toHaveText("1 of 5 · Status"); // the list as it is now: Ana, returned, sorts after the graded

  // The walk reaches a student with nothing handed in, and goes on both ways from there (back to Ana, returned now).
  await view.open(`${base}/grade/${eve!.id}?sort=status`);
  await expect(view.position).toHaveText("5 of 5 · Status");
  const others = page.getByRole("navigation", { name: "Other students" });
  await expect(others).toHaveAttribute("data-ready", "true");
  await page.keyboard.press("ArrowLeft"); // the keys too: no rubric panel here, the walk still answers them
  await expect(view.student).toHaveText(`Ana ${s}`);
  await view.open(`${base}/grade/${eve!.id}?sort=status`);
  await others.getByRole("link", { name: "← Previous student" }).click();
  await expect(view.student).toHaveText(`Ana ${s}`);

  // Allowed: a view the address bar garbled is the class order, not an error; refused: the same view of
  // a student of another teacher's class is not found.
  const garbled = await page.request.get(`${base}/grade/${dee!.id}?filter=nope&sort=drop&dir=sideways&page=-1&at=soon`);
  expect(garbled.status()).toBe(200);
  // A place no sort value can be (more than a database integer holds) is no place: the student's own.
  expect((await page.request.get(`${base}/grade/${dee!.id}?sort=total&at=3000000000`)).status()).toBe(200);
  expect(
    (await page.request.get(`${base}/grade/${dee!.id}/next-ungraded?sort=submittedAt&at=8640000000000000`, { maxRedirects: 0 })).status(),
  ).toBe(303);
  await view.open(`${base}/grade/${dee!.id}?filter=nope&sort=drop&dir=sideways&at=-7`);
  await expect(view.position).toHaveText("4 of 5");
  await view.next.click();
  await expect(view.student).toHaveText(`Eve ${s}`);
  const stranger = await make.student(`Zed ${s}`);
  await make.enroll((await make.section((await make.teacher(`Mr. Other ${uid()}`)).id)).id, stranger.id);
  expect((await page.request.get(`${base}/grade/${stranger.id}${listView}`)).status()).toBe(404);
  expect((await page.request.get(`${base}/grade/${stranger.id}/next-ungraded${listView}`, { maxRedirects: 0 })).status()).toBe(404);
  const onward = await page.request.get(`${base}/grade/${cal!.id}/next-ungraded${listView}`, { maxRedirects: 0 });
  expect(onward.status()).toBe(303);
  expect(grading(dee!, needsLatestFirst)(new URL(onward.headers()["location"]!, "http://x"))).toBe(true);
});

test("returned work shows the student their grade, marked Updated after a change; reopening lets them resubmit", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow();
  const room = await classroom(make, db, [`Kai ${uid()}`]);
  const [student] = room.students;
  const submissionId = student!.submission.id;
  const note = `Bigger type would help ${uid()}.`;
  const overall = `Lovely work overall ${uid()}.`;
  await room.data.grade(
    submissionId,
    room.teacher.id,
    { ideation: 3, copywriting: 2, design: 2, reflection: 3 },
    { comments: { design: note }, feedback: overall },
  );

  const view = new GradingView(page);
  const table = new SubmissionsTable(page);
  await signIn(page, room.teacher.email);
  await view.open(room.gradeUrl(student!.id));
  await expect(view.status("Graded")).toBeVisible();
  await expect(view.total).toHaveText("10 / 12 (4 of 4 scored)");
  await view.returnToStudent.click();
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  await expect(view.status("Returned")).toBeVisible();
  await expect(view.returnToStudent).toHaveCount(0);
  expect(await room.data.submission(submissionId)).toMatchObject({ returnedAt: expect.any(Date), gradeUpdatedAt: null });

  const studentPage = await (await newContext()).newPage();
  const studentWork = new StudentWorkspace(studentPage);
  await signIn(studentPage, student!.email);
  await expect(assignmentStatus(studentPage, room.assignment.title)).toHaveText("Returned");
  await studentWork.open(room.assignment.id);
  const feedback = studentWork.feedback;
  await expect(studentWork.feedbackTotal).toHaveText("10 / 12");
  await expect(studentWork.feedbackFor("design")).toContainText(levelText("design", 2).heading);
  await expect(studentWork.feedbackFor("design")).toContainText(note);
  await expect(feedback.getByRole("heading", { name: "Overall" })).toBeVisible();
  await expect(feedback).toContainText(overall);
  await expect(feedback.getByText("Updated", { exact: true })).toHaveCount(0);
  await expect(studentWork.readOnlyReason).toContainText("Your teacher has returned this work");

  // A change after returning asks first (the student already sees the scores): refused, nothing
  // changes; agreed, it reaches the student, marked Updated.
  const questions: string[] = [];
  let agree = false;
  page.on("dialog", (dialog) => {
    questions.push(dialog.message());
    void (agree ? dialog.accept() : dialog.dismiss());
  });
  const question =
    "This work has been returned, so the student sees its scores. Change this score? They will see the grade marked Updated.";
  await view.level("design", 3).click();
  await expect.poll(() => questions).toEqual([question]);
  await expect(view.level("design", 2)).toHaveAttribute("aria-checked", "true");
  await expect(view.total).toHaveText("10 / 12 (4 of 4 scored)");
  agree = true;
  await view.level("design", 3).click();
  await expect(view.total).toHaveText("11 / 12 (4 of 4 scored)");
  expect(questions).toEqual([question, question]);
  await expect(view.saveStatus).toHaveText("All changes saved");
  await expect.poll(async () => (await room.data.submission(submissionId)).gradeUpdatedAt).toBeInstanceOf(Date);
  await studentWork.reload();
  await expect(feedback.getByText("Updated", { exact: true })).toBeVisible();
  await expect(studentWork.feedbackTotal).toHaveText("11 / 12");
  await expect(studentWork.feedbackFor("design")).toContainText(levelText("design", 3).heading);

  // Reopen: the student can change the work and submit again; the teacher sees it to grade again.
  // The return's Undo, still offered, goes: there would be nothing left for it to undo.
  // From the keyboard: the focus then lands on the Return button that takes Reopen's place.
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  await view.reopen.focus();
  await page.keyboard.press("Enter");
  await expect(toast(page, "Reopened: the student can change and resubmit.")).toBeVisible();
  await expect(toast(page, "Returned to the student.")).toHaveCount(0);
  await expect(view.returnToStudent).toBeVisible();
  await expect(view.returnToStudent).toBeFocused();
  // The focus lands where Reopen's toast comes to rest: the page moves it clear, above the toast
  // (WCAG 2.4.11). Checked once the toast has slid into place, where it would cover the button.
  const reopened = toast(page, "Reopened");
  let restingAt: number | undefined;
  await expect
    .poll(async () => {
      const y = (await reopened.boundingBox())?.y;
      const settled = y !== undefined && y === restingAt;
      restingAt = y;
      return settled;
    })
    .toBe(true);
  // (While the toast is there: once it goes, nothing covers the button anyway.)
  await expect.poll(async () => (await uncovered(view.returnToStudent)) && (await reopened.isVisible())).toBe(true);
  expect((await room.data.submission(submissionId)).returnedAt).toBeNull();

  await studentWork.reload();
  // The grade returned stays readable, as the earlier attempt's, while the student improves the work.
  await expect(studentWork.feedback).toContainText("Your teacher's feedback on your earlier attempt");
  await expect(studentPage.getByTestId("feedback-earlier")).toContainText("so you can improve it and hand it in again");
  await expect(studentWork.feedbackTotal).toHaveText("11 / 12");
  await expect(studentWork.readOnlyReason).toHaveCount(0);
  await studentWork.goTo("Reflection");
  await studentWork.question(1).fill("A birthday coupon from a bakery, and now a second thought.");
  await expect(studentWork.saveStatus).toHaveText("Saved");
  await studentWork.goTo("Review & submit");
  await studentWork.submitAnyway.check();
  await studentWork.submitButton("Submit again").click();
  await expect(toast(studentPage, "Submitted. This is attempt 2.")).toBeVisible();
  expect(await room.data.submission(submissionId)).toMatchObject({ attemptCount: 2, returnedAt: null });
  await studentWork.reload();
  await expect(studentPage.getByTestId("feedback-earlier")).toHaveText(
    "Your teacher reopened this work and you have handed it in again. Here is what they said last time.",
  );

  await page.goto(room.base);
  await expect(table.row(student!.name).getByText("Submitted", { exact: true })).toBeVisible();
  await expect(table.nextUngraded).toHaveAttribute("href", room.gradeUrl(student!.id));
  await expect(table.returnAll(0)).toBeDisabled();
});

test("arrow keys in the level choices and the copy preview stay in them; elsewhere → opens the next student", async ({
  page,
  make,
  db,
}) => {
  const s = uid();
  const room = await classroom(make, db, [`Avery ${s}`, `Blake ${s}`]);
  const [first, second] = room.students;
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await view.open(room.gradeUrl(first!.id));

  // The levels are one Tab stop, as radios are: the first while none is chosen, then the one chosen.
  await view.criterion("ideation").focus();
  await page.keyboard.press("Tab");
  await expect(view.level("ideation", 3)).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(view.comment("ideation")).toBeFocused();

  // A level: → moves to the next level of the same criterion and chooses nothing.
  await view.level("ideation", 3).focus();
  await page.keyboard.press("ArrowRight");
  await expect(view.level("ideation", 2)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(view.level("ideation", 1)).toBeFocused();
  await expect(view.level("ideation", 1)).toHaveAttribute("aria-checked", "false");
  await expect(page).toHaveURL(room.gradeUrl(first!.id));
  // Chosen with Space, the level keeps the focus, as a radio does (a digit moves on to the next
  // criterion): → then goes on among its levels, not to the next student.
  await page.keyboard.press("Space");
  await expect(view.level("ideation", 1)).toHaveAttribute("aria-checked", "true");
  await expect(view.level("ideation", 1)).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(view.level("ideation", 3)).toBeFocused();
  await expect(page).toHaveURL(room.gradeUrl(first!.id));
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(view.level("ideation", 1)).toBeFocused(); // the one chosen is the group's Tab stop now
  // Esc in the overall feedback goes back to the criterion last scored, not to the page.
  await page.getByRole("textbox", { name: "Overall feedback" }).focus();
  await page.keyboard.press("Escape");
  await expect(view.criterion("ideation")).toBeFocused();

  // The copy preview: → shows the next customer.
  const copywriting = page.getByRole("region", { name: "Copywriting", exact: true });
  const preview = copywriting.getByLabel(/use the arrow keys for other customers/);
  const customer = copywriting.getByTestId("preview-customer");
  const before = await customer.textContent();
  await preview.focus();
  await page.keyboard.press("ArrowRight");
  await expect(customer).not.toHaveText(before!);
  await expect(preview).toBeFocused();
  const layout = copywriting.getByRole("radiogroup", { name: "Preview layout" });
  await layout.getByRole("radio", { name: "One customer" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(layout.getByRole("radio", { name: "All customers" })).toBeFocused();
  await expect(page).toHaveURL(room.gradeUrl(first!.id));

  // Anywhere else, → is the shortcut for the next student, whose name then has the focus: the row
  // that had it went with the student before.
  await view.criterion("ideation").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(room.gradeUrl(second!.id));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(second!.name);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  // So does the button's way back.
  await page.getByRole("button", { name: "← Previous" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first!.name);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
});

test("the rubric panel stays within the screen beside long work, and below 1024 px the work comes first, on screen as for Tab", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make, db, [`Lane ${uid()}`]);
  const view = new GradingView(page);
  const panel = page.getByRole("complementary", { name: "Rubric and feedback" });
  const work = page.getByRole("heading", { level: 2, name: "Current work" });
  await signIn(page, room.teacher.email);
  await page.setViewportSize({ width: 1280, height: 640 });
  await view.open(room.gradeUrl(room.students[0]!.id));
  // Its criteria are found under its own heading, not under "Attempts" before it.
  await expect(panel.getByRole("heading", { level: 2, name: "Rubric and feedback" })).toBeAttached();
  // The panel is no taller than the screen; its last control, reached from the keyboard, is in view.
  expect((await panel.boundingBox())!.height).toBeLessThanOrEqual(640);
  await view.returnToStudent.focus();
  await expect(view.returnToStudent).toBeInViewport();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(panel).toBeInViewport();
  // Focus rings (2 px, 2 px off the control) fit inside the scrolling panel: it clipped them at its edges.
  for (const control of [panel.getByRole("textbox", { name: "Overall feedback" }), panel.getByRole("button", { name: /Shortcuts/ })]) {
    await control.focus();
    const [box, edge] = [(await control.boundingBox())!, (await panel.boundingBox())!];
    expect(box.x - 4, "left").toBeGreaterThanOrEqual(edge.x);
    expect(box.x + box.width + 4, "right").toBeLessThanOrEqual(edge.x + edge.width);
    const below = await control.evaluate((element) => {
      const aside = element.closest("aside")!;
      return aside.getBoundingClientRect().top + aside.scrollHeight - aside.scrollTop - element.getBoundingClientRect().bottom;
    });
    expect(below, "room below").toBeGreaterThanOrEqual(4);
  }

  // A narrow screen stacks them: the work above the rubric, as Tab reaches them.
  await page.setViewportSize({ width: 800, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  expect((await work.boundingBox())!.y).toBeLessThan((await panel.boundingBox())!.y);
});

test("a long word or link in the student's work wraps in the grading view instead of widening the page", async ({ page, make, db }) => {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id);
  const student = await make.student(`Wren ${uid()}`);
  await make.enroll(section.id, student.id);
  const link = `https://open.spotify.com/wrapped/2026/top-songs-of-the-year-${"x".repeat(120)}`;
  await data.submitted(assignment, student.id, link);
  await signIn(page, teacher.email);
  const view = new GradingView(page);
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 800 });
    await view.open(`/sections/${section.id}/assignments/${assignment.id}/grade/${student.id}`);
    await expect(page.getByRole("region", { name: "Ideation" }).getByRole("listitem").filter({ hasText: link })).toBeVisible();
    await expectNoHorizontalScroll(page);
  }
});

test("on a tablet or a narrow window, the Students list fits its box down to the Total, with each status on one line", async ({
  page,
  make,
  db,
}) => {
  // Past due: one student handed in late, one never started (Missing, and a box to tick for excusing).
  const { data, teacher, section, assignment, students } = await pastDueClass(make, db, [
    `Maximiliana Alexandrovna Konstantinopoulou-Vanderbilt ${uid()}`,
    `Bo ${uid()}`,
  ]);
  await data.submitted(assignment, students[0].id);
  await signIn(page, teacher.email);
  const list = new SubmissionsTable(page);
  const table = page.getByRole("table", { name: "Submissions" });
  for (const width of [1280, 768, 700, 640]) {
    await page.setViewportSize({ width, height: 900 });
    await list.open(`/sections/${section.id}/assignments/${assignment.id}`);
    await expect(table.getByText("Submitted late")).toBeVisible();
    await expect(table.getByText("Missing")).toBeVisible();
    // Nothing to scroll sideways inside the table's box: the Total column is in view.
    const overflow = await table.evaluate((element) => element.parentElement!.scrollWidth - element.parentElement!.clientWidth);
    expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
    await expect(table.getByRole("columnheader", { name: "Total" })).toBeInViewport();
    // A status is a pill with its words on one line, never broken inside it.
    for (const badge of await table.locator("td span.rounded-full").all()) {
      const [height, line] = await badge.evaluate((element) => [element.clientHeight, parseFloat(getComputedStyle(element).lineHeight)]);
      expect(height, `${width} px: ${await badge.textContent()}`).toBeLessThan(2 * line);
    }
  }
});

test("a return, by its button or a stray R, is undone from its toast: the work is as it was, and can be returned again", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make, db, [`Uma ${uid()}`]);
  const [student] = room.students;
  const submissionId = student!.submission.id;
  await room.data.grade(submissionId, room.teacher.id, { ideation: 3, copywriting: 2, design: 2, reflection: 3 }, { feedback: "" });
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await view.open(room.gradeUrl(student!.id));
  await page.keyboard.press("r");
  const returned = toast(page, "Returned to the student.");
  await expect(returned).toBeVisible();
  expect(await room.data.submission(submissionId)).toMatchObject({ returnedAt: expect.any(Date) });
  await returned.getByRole("button", { name: "Undo" }).click();
  await expect(toast(page, "Undone: the work is no longer returned.")).toBeVisible();
  await expect(view.status("Graded")).toBeVisible();
  await expect(view.returnToStudent).toBeVisible();
  await expect(view.returnToStudent).toBeFocused(); // the toast's Undo is gone: the focus goes where the work can be returned again
  // Undone, not reopened: nothing of that grade is kept for the student to read.
  expect(await room.data.submission(submissionId)).toMatchObject({ returnedAt: null, earlierGrade: null });
  await view.returnToStudent.click();
  await expect(view.status("Returned")).toBeVisible();
  // The button pressed is gone with the return: the focus goes to the one that replaced it, and back.
  const reopen = page.getByRole("button", { name: "Reopen for resubmission" });
  await expect(reopen).toBeFocused();
  expect(await room.data.submission(submissionId)).toMatchObject({ returnedAt: expect.any(Date) });
  // Beside the work, the toast (which stays while it offers Undo) covers none of the panel's last
  // buttons, at the foot of a short screen with the panel scrolled to its end, for a pointer either.
  await page.setViewportSize({ width: 1280, height: 560 });
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 300));
  const panel = page.getByRole("complementary", { name: "Rubric and feedback" });
  await panel.evaluate((aside) => (aside.scrollTop = aside.scrollHeight));
  const coveredAt = (target: typeof reopen) =>
    target.evaluate((button) => {
      const box = button.getBoundingClientRect();
      const bottom = `at y ${Math.round(box.bottom)} of ${window.innerHeight}`;
      return [0.05, 0.5, 0.95]
        .map((at) => {
          const hit = document.elementFromPoint(box.x + box.width * at, box.y + box.height / 2);
          return hit && button.contains(hit) ? null : `${at} ${bottom}: ${hit?.outerHTML.slice(0, 80)}`;
        })
        .filter(Boolean);
    });
  for (const button of [reopen, page.getByRole("button", { name: /Shortcuts/ })]) expect(await coveredAt(button)).toEqual([]);
  await page.keyboard.press("Enter");
  await expect(view.returnToStudent).toBeFocused();
});

test("a teacher who dictates turns the single-key shortcuts off in the shortcuts dialog, for good in this browser, and on again", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make, db, [`Vic ${uid()}`]);
  const [student] = room.students;
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await view.open(room.gradeUrl(student!.id));
  await view.shortcutsButton.click();
  const letters = view.shortcuts.getByRole("checkbox", { name: /^Single-key shortcuts/ });
  await expect(letters).toBeChecked();
  await letters.uncheck();
  await page.keyboard.press("Escape");
  await expect(view.shortcuts).toBeHidden();

  // Off, and still off after a reload: a digit scores nothing, R returns nothing, ? opens nothing.
  await view.reload();
  for (const key of ["3", "r", "?"]) await page.keyboard.press(key);
  await expect(view.shortcuts).toBeHidden();
  await expect(view.total).toHaveText("Not scored yet (out of 12)");
  expect(await room.data.submission(student!.submission.id)).toMatchObject({ returnedAt: null });

  // On again: the same key scores the highlighted criterion.
  await view.shortcutsButton.click();
  await letters.check();
  await page.keyboard.press("Escape");
  await expect(view.shortcuts).toBeHidden();
  await page.keyboard.press("3");
  await expect(view.total).toHaveText("3 / 12 (1 of 4 scored)");

  // Off, Backspace (which dictation sends) takes no score away either; on, it does.
  await view.shortcutsButton.click();
  await letters.uncheck();
  await page.keyboard.press("Escape");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Backspace");
  await expect(view.total).toHaveText("3 / 12 (1 of 4 scored)");
  await view.shortcutsButton.click();
  await letters.check();
  await page.keyboard.press("Escape");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Backspace");
  await expect(view.total).toHaveText("Not scored yet (out of 12)");
});

test("an attempt that is the current work says so and stays closed; one the student has changed since opens onto what was handed in", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make, db, [`Ola ${uid()}`, `Pim ${uid()}`]);
  const [unchanged, changed] = room.students;
  const edited = { ...changed!.submission.draft, copy: `Changed after submitting ${uid()}` };
  await db.update(submissions).set({ draft: edited }).where(eq(submissions.id, changed!.submission.id));
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  const attempt = page.getByTestId("teacher-attempts").locator("details").first();

  await view.open(room.gradeUrl(unchanged!.id));
  await expect(attempt.locator("summary")).toContainText("the same as the current work above");
  await expect(attempt).not.toHaveAttribute("open");

  await view.open(room.gradeUrl(changed!.id));
  await expect(attempt.locator("summary")).not.toContainText("the same as");
  await expect(attempt).toHaveAttribute("open");
});

test("students see no scores or comments before the work is returned, and keep reading them once it is reopened", async ({
  page,
  make,
  db,
  newContext,
}) => {
  const room = await classroom(make, db, [`Lane ${uid()}`]);
  const [student] = room.students;
  const note = `Secret comment ${uid()}`;
  const overall = `Secret overall ${uid()}`;
  await room.data.grade(
    student!.submission.id,
    room.teacher.id,
    { ideation: 3, copywriting: 1, design: 2, reflection: 3 },
    { comments: { ideation: note }, feedback: overall },
  );
  const url = `/assignments/${room.assignment.id}`;

  const work = new StudentWorkspace(page);
  await signIn(page, student!.email);
  await expect(assignmentStatus(page, room.assignment.title)).toHaveText("Submitted");
  await page.goto(url);
  await expect(work.status("Submitted")).toBeVisible();
  await expect(work.feedback).toHaveCount(0);
  await expect(page.getByText("Your teacher's feedback")).toHaveCount(0);
  for (const html of [await page.content(), await (await page.request.get(url)).text()]) {
    expect(html).not.toContain(note);
    expect(html).not.toContain(overall);
    expect(html).not.toContain("9 / 12");
  }

  // The same page shows all of it once returned: the checks above look in the right place.
  await db.update(submissions).set({ returnedAt: new Date() }).where(eq(submissions.id, student!.submission.id));
  await page.reload();
  await expect(work.feedbackTotal).toHaveText("9 / 12");
  await expect(work.feedback).toContainText(note);
  await expect(work.feedback).toContainText(overall);

  // Reopened for resubmission: the student keeps reading what to improve, marked as the earlier
  // attempt's, and can change the work; what the teacher scores meanwhile stays hidden.
  const teacher = await (await newContext()).newPage();
  await signIn(teacher, room.teacher.email);
  const view = new GradingView(teacher);
  await view.open(room.gradeUrl(student!.id));
  await teacher.getByRole("button", { name: "Reopen for resubmission" }).click();
  await expect(view.returnToStudent).toBeVisible();
  // The teacher sees it as the student's again, not as graded work waiting to go back.
  await teacher.reload();
  await expect(teacher.getByRole("main").locator("header").getByText("Reopened", { exact: true })).toBeVisible();
  const later = `Not yet returned ${uid()}`;
  await db.update(submissions).set({ feedback: later }).where(eq(submissions.id, student!.submission.id));
  await page.reload();
  await expect(work.feedback).toContainText("Your teacher's feedback on your earlier attempt");
  await expect(page.getByTestId("feedback-earlier")).toContainText("reopened this work so you can improve it");
  await expect(work.feedbackTotal).toHaveText("9 / 12");
  await expect(work.feedback).toContainText(note);
  expect(await page.content()).not.toContain(later);
  // It is the student's to improve: Reopened, not the hand-in before it, here and in their list
  // (where it says when it is due again); handed in again, it is Submitted.
  await expect(work.status("Reopened")).toBeVisible();
  await page.goto("/classes");
  await expect(assignmentStatus(page, room.assignment.title)).toHaveText("Reopened");
  await expect(page.getByTestId("assignment-window")).toHaveCount(1);
  // (Handed in again: a new attempt.)
  await db
    .update(submissions)
    .set({ submittedAt: new Date(), attemptCount: sql`${submissions.attemptCount} + 1` })
    .where(eq(submissions.id, student!.submission.id));
  await page.reload();
  await expect(assignmentStatus(page, room.assignment.title)).toHaveText("Submitted");
  await expect(page.getByTestId("assignment-window")).toHaveCount(0);
  await page.goto(url);
  await expect(work.status("Submitted")).toBeVisible();
  await expect(page.getByTestId("feedback-earlier")).toContainText("you have handed it in again");
});

test("past the due date, work not handed in is marked Missing in the list, the grading view and the gradebook file; before it, not", async ({
  page,
  make,
  db,
}) => {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const day = 24 * 3_600_000;
  const pastDue = await data.assignment(section.id, { dueAt: new Date(Date.now() - day) });
  const notYetDue = await data.assignment(section.id, { dueAt: new Date(Date.now() + day) });
  const [late, started, absent] = [await make.student("Ann Late"), await make.student("Bo Started"), await make.student("Cy Absent")];
  for (const s of [late, started, absent]) await make.enroll(section.id, s.id);
  for (const assignment of [pastDue, notYetDue]) {
    await data.submitted(assignment, late.id, "late", [new Date()]);
    await make.submission({ assignment, studentId: started.id, draft: draftFor("started") });
  }
  await signIn(page, teacher.email);
  const table = new SubmissionsTable(page);
  const base = (a: { id: string }) => `/sections/${section.id}/assignments/${a.id}`;
  const filter = page.getByLabel("Show");

  await table.open(base(pastDue));
  await expect(table.row("Bo Started")).toContainText("In progress Missing");
  await expect(table.row("Cy Absent")).toContainText("Not started Missing");
  await expect(table.row("Ann Late")).toContainText("Submitted late");
  await expect(table.row("Ann Late")).not.toContainText("Missing");
  // Everyone here joined after the due date (it was yesterday): the missing say so, for the teacher to decide.
  await expect(table.row("Cy Absent").getByTestId("joined-after-due")).toHaveText(/^Joined .*\d.*, after the due date$/);
  await expect(table.rows.getByTestId("joined-after-due")).toHaveCount(2);
  await expect(table.row("Ann Late").getByTestId("joined-after-due")).toHaveCount(0);
  await expect(filter.getByRole("option", { name: "Missing (2)" })).toHaveCount(1);
  // What waits for the teacher comes first, each a link to those students.
  const toDo = page.getByTestId("to-do");
  await expect(toDo.getByRole("link")).toHaveText(["1 needs grading", "2 missing"]);
  await toDo.getByRole("link", { name: "2 missing" }).click();
  await expect(page).toHaveURL(`${base(pastDue)}?filter=missing`);
  await expect(table.rows).toHaveCount(2);
  await expect(toDo.getByRole("link", { name: "2 missing" })).toHaveAttribute("aria-current", "true");
  // Arrowed through from the keyboard, the Show list loads no page at each key: only once the teacher stops (Enter).
  const entries = await page.evaluate(() => history.length);
  await filter.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(filter).toHaveValue("excused");
  await expect(page).toHaveURL(`${base(pastDue)}?filter=missing`);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(`${base(pastDue)}?filter=excused`);
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  await expect(filter).toBeFocused();
  await filter.selectOption("missing"); // picked from the list: at once
  await expect(page).toHaveURL(`${base(pastDue)}?filter=missing`);
  const grading = new GradingView(page);
  await page.goto(`${base(pastDue)}/grade/${absent.id}`); // nothing handed in: no grading panel to wait for
  await expect(page.locator("header").filter({ has: grading.student })).toContainText("Missing");
  const csv = await page.request.get(`${base(pastDue)}/grades.csv`);
  const statuses = (await csv.text()).split("\r\n").map((line) => line.split(",")[4]);
  expect(statuses).toEqual(expect.arrayContaining(['"Submitted late"', '"Missing (in progress)"', '"Missing (not started)"']));

  // Not due yet: the same work is not started or in progress, and nothing is missing.
  await table.open(base(notYetDue));
  await expect(table.row("Bo Started")).toContainText("In progress");
  await expect(table.rows.filter({ hasText: "Missing" })).toHaveCount(0);
  await expect(filter.getByRole("option", { name: "Not submitted (2)" })).toHaveCount(1);
  await expect(toDo.getByRole("link")).toHaveText(["1 needs grading"]); // nothing is missing before the due date
  await expect(table.rows.getByTestId("joined-after-due")).toHaveCount(0);
  // The section page says what waits in each assignment, and leads to it.
  await page.goto(`/sections/${section.id}`);
  const waiting = page.getByTestId("assignment-list").getByTestId("to-do").getByRole("link");
  await expect(waiting).toHaveText(["1 needs grading", "1 needs grading"]);
  await waiting.first().click();
  await expect(page).toHaveURL(`${base(pastDue)}?filter=needs`);
  await expect(table.rows).toHaveCount(1);
  await page.goto(`${base(notYetDue)}/grade/${absent.id}`);
  await expect(page.locator("header").filter({ has: grading.student })).not.toContainText("Missing");
  const early = await (await page.request.get(`${base(notYetDue)}/grades.csv`)).text();
  expect(early).toContain('"Not started"');
  expect(early).not.toContain("Missing");
});

test("a teacher excuses a student from work not handed in: Excused, never missing, EX for Canvas, and the student is told; taking it back makes it missing again", async ({
  page,
  make,
  db,
  newContext,
}) => {
  const { data, teacher, section, assignment, students } = await pastDueClass(make, db, ["Ann Handed", "Cy Away"]);
  const [handedIn, absent] = students;
  await data.submitted(assignment, handedIn.id, "in");
  await signIn(page, teacher.email);
  const table = new SubmissionsTable(page);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  await table.open(base);
  await expect(table.row("Cy Away")).toContainText("Not started Missing");

  // Excused from the grading view; the button keeps the focus as its words change.
  await page.goto(`${base}/grade/${absent.id}`);
  const excuse = page.getByTestId("excuse");
  await expect(excuse).toHaveAttribute("data-ready", "true");
  await excuse.getByRole("button", { name: "Excuse from this assignment" }).click();
  await expect(toast(page, "Excused from this assignment.")).toBeVisible();
  await expect(excuse.getByRole("button", { name: "Take back the excusal" })).toBeFocused();
  const header = page.locator("header").filter({ has: new GradingView(page).student });
  await expect(header).toContainText("Excused");
  await expect(header).not.toContainText("Missing");
  // Work handed in offers no excusal.
  await page.goto(`${base}/grade/${handedIn.id}`);
  await expect(page.getByTestId("grading-student")).toHaveText("Ann Handed");
  await expect(page.getByTestId("excuse")).toHaveCount(0);

  await table.open(base);
  await expect(table.row("Cy Away")).toContainText("Excused");
  await expect(table.row("Cy Away")).not.toContainText("Missing");
  await expect(page.getByTestId("count-excused")).toContainText("1");
  await expect(page.getByLabel("Show").getByRole("option", { name: "Excused (1)" })).toHaveCount(1);
  await expect(page.getByLabel("Show").getByRole("option", { name: "Missing (0)" })).toHaveCount(1);
  const canvas = (await (await page.request.get(`${base}/grades.csv?format=canvas`)).text()).split("\r\n");
  expect(canvas.find((line) => line.includes("Away"))).toMatch(/,"?EX"?$/);
  expect((await (await page.request.get(`${base}/grades.csv`)).text()).split("\r\n").find((line) => line.includes("Away"))).toContain(
    '"Excused"',
  );

  // The student sees it on their classes and in the work, which stays open to them.
  const student = await (await newContext()).newPage();
  await signIn(student, absent.email);
  await student.goto("/classes");
  await expect(assignmentStatus(student, assignment.title)).toHaveText("Excused");
  await student.goto(`/assignments/${assignment.id}`);
  await expect(student.getByTestId("excused-note")).toContainText("you don't need to hand it in");

  // Taken back: missing again.
  await page.goto(`${base}/grade/${absent.id}`);
  await expect(excuse).toHaveAttribute("data-ready", "true");
  await excuse.getByRole("button", { name: "Take back the excusal" }).click();
  await expect(toast(page, "No longer excused")).toBeVisible();
  await expect(header).toContainText("Missing");
  await table.open(base);
  await expect(table.row("Cy Away")).toContainText("Not started Missing");
  await expect(page.getByTestId("count-excused")).toHaveCount(0);
});

test("a teacher gives a student an extension: a date before the class's is refused on the field; theirs keeps them off Missing, the student sees it, and taking it back offers Undo", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // two students' grading views, and a student's sign-in
  const { data, teacher, section, assignment, students } = await pastDueClass(make, db, ["Cy Away", "Di Busy", "Ed Kim", "Fay Early"]);
  const [away, , late, early] = students;
  await data.submitted(assignment, late.id, "late"); // an hour ago: a day after the due date
  await data.submitted(assignment, early.id, "early", [new Date(Date.now() - 48 * 3_600_000)]); // a day before it
  await signIn(page, teacher.email);
  const table = new SubmissionsTable(page);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  await table.open(base);
  await expect(table.row("Cy Away")).toContainText("Not started Missing");

  await page.goto(`${base}/grade/${away.id}`);
  const header = page.locator("header").filter({ has: new GradingView(page).student });
  await expect(header).toContainText("Missing");
  const extension = page.getByTestId("extension");
  await expect(extension).toContainText("Due with the class");
  // The date opens from a button, into its field (the form's code comes only then).
  await expect(extension).toHaveAttribute("data-ready", "true");
  await extension.getByRole("button", { name: "Give an extension" }).click();
  const date = extension.getByLabel("Extend to");
  await expect(date).toBeFocused();
  await expect(date).not.toHaveValue(""); // filled in once the page runs (the browser's time zone)
  // Esc closes it, as Cancel does, and gives the focus back to its button.
  await date.press("Escape");
  await expect(date).toHaveCount(0);
  await expect(extension.getByRole("button", { name: "Give an extension" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(date).toBeFocused();
  // Refused: a date before the class's, with the reason on the field; nothing changes.
  await date.fill("2020-01-06T10:00");
  await extension.getByRole("button", { name: "Give extension" }).click();
  await expect(date).toHaveAccessibleDescription(/Choose a date after the class's due date/);
  await expect(header).toContainText("Missing");
  // Allowed: a later one.
  await date.fill("2031-01-20T14:30");
  await extension.getByRole("button", { name: "Give extension" }).click();
  await expect(toast(page, "Extension saved")).toBeVisible();
  await expect(extension).toContainText("Extended: due");
  await expect(extension).toContainText("2031");
  await expect(page.locator("#extension-status")).toBeFocused();
  await expect(header).not.toContainText("Missing");

  await table.open(base);
  await expect(table.row("Cy Away")).toContainText("Extended to");
  await expect(table.row("Cy Away")).not.toContainText("Missing");
  await expect(table.row("Di Busy")).toContainText("Missing");
  await expect(page.getByLabel("Show").getByRole("option", { name: "Missing (1)" })).toHaveCount(1);
  // Past the class's date, those given time have a filter of their own: only Cy Away, not Di Busy.
  await page.getByLabel("Show").selectOption("extended");
  await expect(page.getByLabel("Show").getByRole("option", { name: "With an extension (1)" })).toHaveCount(1);
  await expect(table.rows).toHaveCount(1);
  await expect(table.row("Cy Away")).toContainText("Extended to");

  // The student sees their own date, counted down to.
  const student = await (await newContext()).newPage();
  await signIn(student, away.email);
  await student.goto(`/assignments/${assignment.id}`);
  await expect(student.getByTestId("extended-note")).toContainText("your own date: an extension from your teacher");
  await expect(student.getByTestId("time-left")).toContainText("left");
  await student.goto("/classes");
  await expect(student.getByTestId("assignment-extended")).toContainText("your own date: an extension");

  // Taken back, then Undo: the date comes back; the focus goes on from the status each time.
  await page.goto(`${base}/grade/${away.id}`);
  await expect(extension).toHaveAttribute("data-ready", "true");
  await extension.getByRole("button", { name: "Take back the extension" }).click();
  await expect(extension).toContainText("Due with the class");
  await expect(page.locator("#extension-status")).toBeFocused();
  await expect(header).toContainText("Missing");
  await toast(page, "Extension taken back").getByRole("button", { name: "Undo" }).click();
  await expect(extension).toContainText("Extended: due");
  await expect(page.locator("#extension-status")).toBeFocused();
  await expect(header).not.toContainText("Missing");
  await student.goto(`/assignments/${assignment.id}`);
  await expect(student.getByTestId("extended-note")).toBeVisible();

  // Work handed in late: an extension given afterwards forgives it, below the work; taken back, it is
  // late again, and the Undo stays on offer (the form stays where it is).
  await page.goto(`${base}/grade/${late.id}`);
  await expect(header).toContainText("Submitted late");
  await expect(extension).toHaveAttribute("data-ready", "true");
  await extension.getByRole("button", { name: "Give an extension" }).click();
  await expect(extension.getByLabel("Extend to")).not.toHaveValue("");
  await extension.getByLabel("Extend to").fill("2031-01-20T14:30");
  await extension.getByRole("button", { name: "Give extension" }).click();
  await expect(extension).toContainText("Extended: due");
  await expect(header).not.toContainText("late");
  await extension.getByRole("button", { name: "Take back the extension" }).click();
  await expect(header).toContainText("Submitted late");
  await toast(page, "Extension taken back").getByRole("button", { name: "Undo" }).click();
  await expect(extension).toContainText("Extended: due");
  await expect(header).not.toContainText("late");

  // Work handed in on time: an extension changes no mark, and taking it back still offers Undo.
  await page.goto(`${base}/grade/${early.id}`);
  await expect(extension).toHaveAttribute("data-ready", "true");
  await extension.getByRole("button", { name: "Give an extension" }).click();
  await expect(extension.getByLabel("Extend to")).not.toHaveValue("");
  await extension.getByLabel("Extend to").fill("2031-01-20T14:30");
  await extension.getByRole("button", { name: "Give extension" }).click();
  await expect(extension).toContainText("Extended: due");
  await extension.getByRole("button", { name: "Take back the extension" }).click();
  await expect(extension).toContainText("Due with the class");
  await toast(page, "Extension taken back").getByRole("button", { name: "Undo" }).click();
  await expect(extension).toContainText("Extended: due");
  await expect(header).toContainText("Submitted");
  await expect(header).not.toContainText("late");

  // Analytics: one missing, one more with time still running; the timeline says whose dates differ.
  await page.goto(`${base}/analytics`);
  await expect(page.getByTestId("figure-missing")).toContainText("1 more with an extension still running");
  await expect(page.getByTestId("timeline-extended")).toContainText("2 of them have a later due date of their own");
});

test("a teacher excuses several students at once from the Students list with the keyboard, and Undo takes back exactly those", async ({
  page,
  make,
  db,
}) => {
  const { data, teacher, section, assignment, students } = await pastDueClass(make, db, ["Ann Handed", "Cy Away", "Di Trip", "Ed Busy"]);
  const [handedIn, , trip, busy] = students;
  await data.submitted(assignment, handedIn.id, "in");
  await signIn(page, teacher.email);
  const table = new SubmissionsTable(page);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  await table.open(base);
  const bar = page.getByRole("group", { name: "Selected students" });
  // Work handed in has no box; with nothing selected, the bar says what ticking does and offers nothing.
  await expect(table.row("Ann Handed").getByRole("checkbox")).toHaveCount(0);
  await expect(bar).toContainText("Tick students who haven’t handed in to excuse them or give them more time, several at once");
  await expect(bar.getByRole("button")).toHaveCount(0);
  // Where a row sits below the filter above the bar (the page may scroll to a focused box).
  const rowOffset = async () => (await table.row("Ed Busy").boundingBox())!.y - (await page.getByLabel("Show").boundingBox())!.y;
  const offset = await rowOffset();

  // Two students picked with the keyboard.
  await table.row("Cy Away").getByRole("checkbox", { name: "Select Cy Away" }).focus();
  await page.keyboard.press("Space");
  await table.row("Di Trip").getByRole("checkbox", { name: "Select Di Trip" }).focus();
  await page.keyboard.press("Space");
  await expect(bar).toContainText("2 students selected");
  // Ticking doesn't move the rows under the pointer.
  expect(await rowOffset()).toBe(offset);
  await expectNoViolations(page);
  await page.screenshot({ path: test.info().outputPath("selected.png") });
  // Meanwhile, one of them hands in: left to grade, and the toast says so.
  await data.submitted(assignment, trip.id, "late");
  await bar.getByRole("button", { name: "Excuse 2 students" }).click();
  await expect(toast(page, "Excused 1 student. 1 student handed in meanwhile, so their work was left to grade.")).toBeVisible();
  await expect(bar.getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: "Select everyone on this page who hasn't handed in" })).toBeFocused();
  await expect(table.row("Cy Away")).toContainText("Excused");
  await expect(table.row("Di Trip")).toContainText("Submitted late");
  await expect(table.row("Ed Busy")).toContainText("Missing");
  await expect(page.getByTestId("count-excused")).toContainText("1");

  // "Select all" takes everyone on the page not handed in; Undo takes back exactly the one excused.
  await page.keyboard.press("Space");
  await expect(bar).toContainText("2 students selected");
  await bar.getByRole("button", { name: "Excuse 1 student" }).click();
  await expect(toast(page, "Excused 1 student.")).toBeVisible();
  await expect(table.row("Ed Busy")).toContainText("Excused");
  await toast(page, "Excused 1 student.").getByRole("button", { name: "Undo" }).click();
  await expect(toast(page, "Undone.")).toBeVisible();
  await expect(table.row("Ed Busy")).toContainText("Missing");
  await expect(table.row("Cy Away")).toContainText("Excused");

  // Refused: a student of another teacher's class among the ids changes nothing (not found).
  const other = await make.teacher();
  const theirSection = await make.section(other.id);
  const stranger = await make.student("Fay Other");
  await make.enroll(theirSection.id, stranger.id);
  const excuseMany = findServerAction("setExcusedManyAction");
  const input = (studentIds: string[]) => [{ sectionId: section.id, assignmentId: assignment.id, studentIds, excused: true }];
  const refused = await postAction(page.request, excuseMany, input([busy.id, stranger.id]));
  expect(refused.body).toContain('"code":"not_found"');
  expect(refused.body).not.toContain('"ok":true');
  await table.open(base);
  await expect(table.row("Ed Busy")).toContainText("Missing");
  // Allowed: the same call with only the teacher's own student.
  const allowed = await postAction(page.request, excuseMany, input([busy.id]));
  expect(allowed.body).toContain('"ok":true');
  await table.open(base);
  await expect(table.row("Ed Busy")).toContainText("Excused");
});

test("a teacher gives several students an extension from the Students list: a date not after the class's is refused on the field, Undo puts back each one's date, and extensions can be taken back together", async ({
  page,
  make,
  db,
}) => {
  const { teacher, section, assignment, students } = await pastDueClass(make, db, ["Gia Trip", "Hal Trip", "Ivy Here"]);
  const [gia, , ivy] = students;
  await signIn(page, teacher.email);
  const table = new SubmissionsTable(page);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  await table.open(base);
  const bar = page.getByRole("group", { name: "Selected students" });
  const extendedTo = (name: string) => table.row(name).getByTestId("extended-to");
  const tick = async (name: string) => {
    await table
      .row(name)
      .getByRole("checkbox", { name: `Select ${name}` })
      .focus();
    await page.keyboard.press("Space");
  };

  // Two students on a trip: the date opens into its field from the bar.
  await tick("Gia Trip");
  await tick("Hal Trip");
  await bar.getByRole("button", { name: "Give an extension" }).click();
  const date = bar.getByLabel("Extend to");
  await expect(date).toBeFocused();
  await expect(date).not.toHaveValue("");
  // Refused: a date before the class's, with the reason on the field; nothing changes.
  await date.fill("2020-01-06T10:00");
  await bar.getByRole("button", { name: "Extend 2 students" }).click();
  await expect(date).toHaveAccessibleDescription(/Choose a date after the class's due date/);
  await expect(table.row("Gia Trip")).toContainText("Missing");
  // Cancel puts the focus back on the button that opened it.
  await bar.getByRole("button", { name: "Cancel" }).click();
  await expect(bar.getByRole("button", { name: "Give an extension" })).toBeFocused();
  // Allowed: a later date for both.
  await bar.getByRole("button", { name: "Give an extension" }).click();
  await bar.getByLabel("Extend to").fill("2031-02-01T09:00");
  await bar.getByRole("button", { name: "Extend 2 students" }).click();
  await expect(toast(page, "Gave 2 students their own due date.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Select everyone on this page who hasn't handed in" })).toBeFocused();
  for (const name of ["Gia Trip", "Hal Trip"]) {
    await expect(extendedTo(name)).toContainText("2031");
    await expect(table.row(name)).not.toContainText("Missing");
  }
  await expect(table.row("Ivy Here")).toContainText("Missing");
  const february = await extendedTo("Gia Trip").textContent();

  // A second date for one of them and for Ivy; Undo puts back each one's own: Gia's first date, Ivy's none.
  // Ivy is ticked while the form is open: it extends both.
  await tick("Gia Trip");
  await bar.getByRole("button", { name: "Give an extension" }).click();
  await expect(bar.getByRole("button", { name: "Extend 1 student" })).toBeVisible();
  await tick("Ivy Here");
  // A date earlier than Gia's own would shorten hers: the field says so before anything is saved.
  await bar.getByLabel("Extend to").fill("2031-01-15T09:00");
  await expect(bar.getByLabel("Extend to")).toHaveAccessibleDescription(
    /One of them has a later date of their own now: this shortens theirs/,
  );
  await expectNoViolations(page);
  await page.screenshot({ path: test.info().outputPath("extend-form.png") });
  await bar.getByLabel("Extend to").fill("2031-03-01T09:00");
  await expect(bar.getByLabel("Extend to")).not.toHaveAccessibleDescription(/shortens/);
  // The first extension's toast is still on screen: the second's Undo takes its place, in the same
  // toast, rather than showing beside it while the old one goes.
  await toast(page, "Gave 2 students their own due date.").evaluate((el) => el.setAttribute("data-test-first", ""));
  await bar.getByRole("button", { name: "Extend 2 students" }).click();
  await expect(extendedTo("Ivy Here")).toContainText("2031");
  await expect(page.locator("[data-sonner-toast]").filter({ hasText: "Gave 2 students their own due date." })).toHaveCount(1);
  await expect(toast(page, "Gave 2 students their own due date.")).toHaveAttribute("data-test-first", "");
  await expect(extendedTo("Ivy Here")).toContainText("2031");
  await expect(extendedTo("Gia Trip")).not.toHaveText(february!);
  await toast(page, "Gave 2 students their own due date.").getByRole("button", { name: "Undo" }).click();
  await expect(toast(page, "Undone.")).toBeVisible();
  await expect(extendedTo("Gia Trip")).toHaveText(february!);
  await expect(extendedTo("Ivy Here")).toHaveCount(0);
  await expect(table.row("Ivy Here")).toContainText("Missing");
  await expect(extendedTo("Hal Trip")).toHaveText(february!);

  // Those with an extension, together: taken back, they leave the filter; Undo brings them back.
  await page.getByLabel("Show").selectOption("extended");
  await expect(table.rows).toHaveCount(2);
  await page.getByRole("checkbox", { name: "Select everyone on this page who hasn't handed in" }).check();
  await bar.getByRole("button", { name: "Take back 2 extensions" }).click();
  await expect(toast(page, "Took back 2 extensions.")).toBeVisible();
  await expect(page.getByLabel("Show")).toBeFocused();
  await expect(table.rows).toHaveCount(0);
  await toast(page, "Took back 2 extensions.").getByRole("button", { name: "Undo" }).click();
  await expect(table.rows).toHaveCount(2);
  await expect(extendedTo("Gia Trip")).toHaveText(february!);

  // Refused: a student of another teacher's class among the ids changes nothing (not found).
  const other = await make.teacher();
  const theirSection = await make.section(other.id);
  const stranger = await make.student("Kit Other");
  await make.enroll(theirSection.id, stranger.id);
  const extend = findServerAction("extendAction");
  const input = (studentIds: string[]) => [
    { sectionId: section.id, assignmentId: assignment.id, studentIds, dueAt: "2031-04-01T09:00:00.000Z" },
  ];
  const refused = await postAction(page.request, extend, input([ivy.id, stranger.id]));
  expect(refused.body).toContain('"code":"not_found"');
  expect(refused.body).not.toContain('"ok":true');
  const takeBack = findServerAction("setExtensionsAction");
  const refusedBack = await postAction(page.request, takeBack, [
    {
      sectionId: section.id,
      assignmentId: assignment.id,
      dates: [
        { studentId: gia.id, dueAt: null },
        { studentId: stranger.id, dueAt: null },
      ],
    },
  ]);
  expect(refusedBack.body).toContain('"code":"not_found"');
  await page.getByLabel("Show").selectOption("all");
  await expect(table.row("Ivy Here")).toContainText("Missing");
  await expect(extendedTo("Gia Trip")).toHaveText(february!);
  // Allowed: the same calls with only the teacher's own students.
  expect((await postAction(page.request, extend, input([ivy.id]))).body).toContain('"ok":true');
  const allowedBack = await postAction(page.request, takeBack, [
    { sectionId: section.id, assignmentId: assignment.id, dates: [{ studentId: gia.id, dueAt: null }] },
  ]);
  expect(allowedBack.body).toContain('"ok":true');
  await table.open(base);
  await expect(extendedTo("Ivy Here")).toContainText("2031");
  await expect(extendedTo("Gia Trip")).toHaveCount(0);
});

test("in the grading view, taking an extension back and its Undo act on the date the server has: a change made since, elsewhere, is kept", async ({
  page,
  make,
  db,
}) => {
  const { teacher, section, assignment, students } = await pastDueClass(make, db, ["Lu Elsewhere"]);
  const [student] = students;
  const extend = findServerAction("extendAction");
  const setDates = findServerAction("setExtensionsAction");
  const target = { sectionId: section.id, assignmentId: assignment.id };
  // Changes made in another tab (or by a co-teacher) while this grading view stays open.
  const elsewhere = async (dueAt: string | null) => {
    const { body } = dueAt
      ? await postAction(page.request, extend, [{ ...target, studentIds: [student.id], dueAt }])
      : await postAction(page.request, setDates, [{ ...target, dates: [{ studentId: student.id, dueAt: null }] }]);
    expect(body).toContain('"ok":true');
  };
  await signIn(page, teacher.email);
  await elsewhere("2031-01-20T14:30:00.000Z");
  await page.goto(`/sections/${section.id}/assignments/${assignment.id}/grade/${student.id}`);
  const extension = page.getByTestId("extension");
  await expect(extension).toHaveAttribute("data-ready", "true");
  await expect(extension).toContainText("Extended: due");

  // Taken back elsewhere first: Take back here changes nothing, so it offers no Undo that would bring it back.
  await elsewhere(null);
  await extension.getByRole("button", { name: "Take back the extension" }).click();
  await expect(extension).toContainText("Due with the class");
  // Given again here: its toast comes after any the take-back made, and it is the only one.
  await extension.getByRole("button", { name: "Give an extension" }).click();
  await extension.getByLabel("Extend to").fill("2031-02-01T09:00");
  await extension.getByRole("button", { name: "Give extension" }).click();
  await expect(toast(page, "Extension saved")).toBeVisible();
  await expect(toast(page, "Extension taken back")).toHaveCount(0);

  // Taken back here; then a new date elsewhere: the Undo leaves it, and the panel shows it.
  await extension.getByRole("button", { name: "Take back the extension" }).click();
  await expect(extension).toContainText("Due with the class");
  await elsewhere("2031-03-01T09:00:00.000Z");
  await toast(page, "Extension taken back").getByRole("button", { name: "Undo" }).click();
  await expect(toast(page, "Not undone: this student's date was changed since.")).toBeVisible();
  await expect(extension).toContainText("Extended: due");
  await expect(extension).toContainText("2031");
  await page.reload();
  await expect(extension).toContainText("Extended: due");
  await expect(extension.getByRole("button", { name: "Take back the extension" })).toBeVisible();
});

test("accessibility: the submissions overview and the grading view", async ({ page, make, db }) => {
  test.slow(); // three axe runs, two of them on the grading view, the largest page
  const room = await classroom(make, db, [`Morgan ${uid()}`, `Noel ${uid()}`]);
  await room.data.grade(
    room.students[0]!.submission.id,
    room.teacher.id,
    { ideation: 3, copywriting: 2, design: 2, reflection: 1 },
    { comments: { design: "Larger text." } },
  );
  const table = new SubmissionsTable(page);
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await page.goto(room.base);
  await expect(table.rows).toHaveCount(2);
  await expect(page.getByTestId("to-do")).toHaveText("1 needs grading");
  await expectNoViolations(page);

  await view.open(room.gradeUrl(room.students[0]!.id));
  await expect(view.total).toHaveText("8 / 12 (4 of 4 scored)");
  // The single attempt is the current work, so it starts closed; opened, the page has two copies of
  // the work, and the attempt's regions, its customer preview included, are named apart ("Attempt 1: …").
  await page.getByTestId("teacher-attempts").locator("summary").first().click();
  await expect(page.getByRole("region", { name: "Attempt 1: Copywriting" })).toBeVisible();
  await view.openHistory(4);
  await view.saveToBank("design").click();
  // The success toast's text contrast counts too. Sonner pauses a toast while the pointer is on it,
  // so it is held there, fully shown, and the bank is opened from the keyboard to leave it so.
  const saved = toast(page, "Saved to your Design comments.");
  await expect(saved).toBeVisible();
  await saved.hover();
  await view.bankButton("design", 1).focus();
  await page.keyboard.press("Enter");
  await expect(view.bank("design")).toBeVisible();
  await expect.poll(() => saved.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
  await expectNoViolations(page);

  await view.shortcutsButton.click();
  await expect(view.shortcuts).toBeVisible();
  await expectNoViolations(page);
});

test("work reopened after the assignment has closed: the teacher is told the student can't change it, and what would let them", async ({
  page,
  make,
  db,
  newContext,
}) => {
  const s = uid();
  const room = await classroom(make, db, [`Reo ${s}`]);
  const [student] = room.students;
  await room.data.grade(
    student!.submission.id,
    room.teacher.id,
    { ideation: 2, copywriting: 2, design: 2, reflection: 2 },
    { returnedAt: new Date() },
  );
  await db
    .update(assignments)
    .set({ dueAt: new Date(Date.now() - 2 * 86_400_000), closeAt: new Date(Date.now() - 86_400_000) })
    .where(eq(assignments.id, room.assignment.id));
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await page.goto(room.gradeUrl(student!.id));
  await view.reopen.click();
  await expect(
    toast(page, "Reopened, but the student can't change it: the assignment has closed. Move its close date to let them."),
  ).toBeVisible();
  await expect(view.returnToStudent).toBeVisible();

  // The student sees it reopened and closed, with the reason their work can't change.
  const studentPage = await (await newContext()).newPage();
  await signIn(studentPage, student!.email);
  const studentWork = new StudentWorkspace(studentPage);
  await studentPage.goto(`/assignments/${room.assignment.id}`);
  await expect(studentWork.header.getByText("Reopened")).toBeVisible();
  await expect(studentWork.readOnlyReason).toContainText("This assignment is closed");
  // Their teacher's note says at once that the reopening doesn't let them change it, and what to do.
  await expect(studentPage.getByTestId("feedback-earlier")).toContainText(
    "Your teacher reopened this work, but the assignment has closed, so you can't change it. If you'd like to improve it, ask your teacher to let you.",
  );
  // (Reopened while the assignment is open, the teacher hears the student can resubmit: the first test.)
});

test("work handed in again while the teacher looks at it isn't returned with the old grade: refused until reloaded, then asked first", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // two browsers
  const room = await classroom(make, db, [`Rowan ${uid()}`]);
  const [student] = room.students;
  const submissionId = student!.submission.id;
  await room.data.grade(submissionId, room.teacher.id, { ideation: 3, copywriting: 3, design: 2, reflection: 3 });
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await view.open(room.gradeUrl(student!.id));
  await expect(view.total).toHaveText("11 / 12 (4 of 4 scored)");

  // Meanwhile the student improves the work and hands it in again.
  const studentPage = await (await newContext()).newPage();
  const studentWork = new StudentWorkspace(studentPage);
  await signIn(studentPage, student!.email);
  await studentWork.open(room.assignment.id);
  await studentWork.goTo("Reflection");
  await studentWork.question(1).fill("A birthday coupon from a bakery, and a second thought about it.");
  await expect(studentWork.saveStatus).toHaveText("Saved");
  await studentWork.goTo("Review & submit");
  await studentWork.submitAnyway.check();
  await studentWork.submitButton("Submit again").click();
  await expect(toast(studentPage, "Submitted. This is attempt 2.")).toBeVisible();

  // The teacher's screen still shows attempt 1: its grade doesn't go back on attempt 2.
  const questions: string[] = [];
  let answer: "accept" | "dismiss" = "dismiss";
  page.on("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog[answer]();
  });
  await view.returnToStudent.click();
  await expect(toast(page, "The student has handed this work in again since you opened it.")).toBeVisible();
  expect(questions).toEqual([]);
  expect((await room.data.submission(submissionId)).returnedAt).toBeNull();

  // Reloaded, attempt 2 is on screen with the scores given to attempt 1: returning it asks first.
  await view.open(room.gradeUrl(student!.id));
  await view.returnToStudent.click();
  await expect.poll(() => questions).toEqual([handedInSinceScoredQuestion(2)]);
  await expect(view.returnToStudent).toBeVisible();
  expect((await room.data.submission(submissionId)).returnedAt).toBeNull();
  answer = "accept";
  await view.returnToStudent.click();
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  expect(questions).toHaveLength(2);
  expect(await room.data.submission(submissionId)).toMatchObject({ attemptCount: 2, returnedAt: expect.any(Date) });
});

test("a banked comment that doesn't fit in the comment is not inserted, and nothing at its end is cut off; one that fits is", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make, db, [`Quinn ${uid()}`]);
  const [student] = room.students;
  const long = `😀 Great use of the customers' data ${uid()}`;
  const short = "Nice";
  await db.insert(bankedComments).values([
    { teacherId: room.teacher.id, criterionKey: "copywriting", text: long },
    { teacherId: room.teacher.id, criterionKey: "copywriting", text: short },
  ]);
  // 1,990 characters that end in an emoji: a cut at 2,000 through the long one used to leave half of one.
  const written = `${"a".repeat(1_988)}😀`;
  const view = new GradingView(page);
  await signIn(page, room.teacher.email);
  await view.open(room.gradeUrl(student!.id));
  await view.comment("copywriting").fill(written);
  await expect(view.saveStatus).toHaveText("All changes saved");

  await view.bankButton("copywriting", 2).click();
  const bank = view.bank("copywriting");
  await bank.getByRole("button", { name: `Insert: ${long}` }).click();
  await expect(
    toast(page, "There's no room for that comment: this one would pass its limit of 2,000 characters. Shorten it first."),
  ).toBeVisible();
  await expect(view.comment("copywriting")).toHaveValue(written);
  await expect(bank).toBeVisible(); // still open, to pick a shorter one
  await bank.getByRole("button", { name: `Insert: ${short}` }).click();
  await expect(view.comment("copywriting")).toHaveValue(`${written}\n${short}`);
  await expect(view.saveStatus).toHaveText("All changes saved");
  await expect.poll(async () => (await room.data.scoreOf(student!.submission.id, "copywriting"))?.comment).toBe(`${written}\n${short}`);
});

test("scoring work not handed in asks first, once a visit (an excused student's, in its own words); any score can be taken away with Clear score or Backspace, and put back with Undo until the work is returned; the walk's ends say so", async ({
  page,
  make,
  db,
}) => {
  const data = gradingData(db);
  const teacher = await make.teacher();
  const section = await make.section(teacher.id);
  const assignment = await data.assignment(section.id);
  const [drafting, absent, excused, handedIn] = [
    await make.student("Ada Drafting"),
    await make.student("Bo Absent"),
    await make.student("Cy Excused"),
    await make.student("Zed Handed"),
  ];
  for (const s of [drafting, absent, excused, handedIn]) await make.enroll(section.id, s.id);
  const { submission: draft } = await make.submission({ assignment, studentId: drafting.id, draft: draftFor("drafting") });
  const { submission: excusedDraft } = await make.submission({ assignment, studentId: excused.id, draft: draftFor("excused") });
  await db.insert(excusals).values({ assignmentId: assignment.id, studentId: excused.id });
  const work = await data.submitted(assignment, handedIn.id);
  const questions: string[] = [];
  let agree = false;
  page.on("dialog", (dialog) => {
    questions.push(dialog.message());
    void (agree ? dialog.accept() : dialog.dismiss());
  });
  const question = draftScoreQuestion(false);
  expect(question).toBe("This work hasn't been handed in. Score the draft anyway? Scores count in the grade export.");

  await signIn(page, teacher.email);
  const view = new GradingView(page);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  await view.open(`${base}/grade/${drafting.id}`);
  await expect(view.status("In progress")).toBeVisible();
  // A digit pressed by mistake: refused at the question, nothing scored.
  await page.keyboard.press("3");
  await expect.poll(() => questions).toEqual([question]);
  await expect(view.total).toHaveText("Not scored yet (out of 12)");
  // ← on the first student of the list says so.
  await page.keyboard.press("ArrowLeft");
  await expect(toast(page, "This is the first student in this list.")).toBeVisible();
  // Agreed: scored, and the next score on this visit doesn't ask again.
  agree = true;
  await page.keyboard.press("3");
  await expect(view.total).toHaveText("3 / 12 (1 of 4 scored)");
  await page.keyboard.press("2");
  await expect(view.total).toHaveText("5 / 12 (2 of 4 scored)");
  expect(questions).toEqual([question, question]);
  // Backspace takes the highlighted criterion's score away; Clear score, any criterion's.
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Backspace");
  await expect(view.total).toHaveText("3 / 12 (1 of 4 scored)");
  await expect(view.level("copywriting", 2)).toHaveAttribute("aria-checked", "false");
  // Scored again: the cleared score's Undo has nothing left to put back, and goes.
  const copyCleared = toast(page, "Cleared the Copywriting score.");
  await expect(copyCleared).toBeVisible();
  await page.keyboard.press("1");
  await expect(view.total).toHaveText("4 / 12 (2 of 4 scored)");
  await expect(copyCleared).toHaveCount(0);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Backspace");
  await expect(view.total).toHaveText("3 / 12 (1 of 4 scored)");
  await view.criterion("ideation").getByRole("button", { name: "Clear score" }).click();
  await expect(view.total).toHaveText("Not scored yet (out of 12)");
  await expect(view.criterion("ideation")).toBeFocused(); // the button went with the score
  await expect(view.criterion("ideation").getByRole("button", { name: "Clear score" })).toHaveCount(0);
  // Undo puts the last cleared score back, saved, with the focus on its criterion.
  await toast(page, "Cleared the Ideation score.").getByRole("button", { name: "Undo" }).click();
  await expect(view.total).toHaveText("3 / 12 (1 of 4 scored)");
  await expect(view.criterion("ideation")).toBeFocused();
  await expect(view.saveStatus).toHaveText("All changes saved");
  await expect.poll(async () => (await data.pointsOf(draft.id)).ideation).toBe(3);
  await view.criterion("ideation").getByRole("button", { name: "Clear score" }).click();
  await expect(view.total).toHaveText("Not scored yet (out of 12)");
  await expect(view.saveStatus).toHaveText("All changes saved");
  expect(Object.values(await data.pointsOf(draft.id)).filter((points) => points !== null)).toEqual([]);
  await view.reload();
  await expect(view.total).toHaveText("Not scored yet (out of 12)");
  expect(questions).toHaveLength(2);

  // Nothing at all to score: a digit says so.
  await page.goto(`${base}/grade/${absent.id}`);
  // The walk's keys listen once it is up (its nav marks that).
  await expect(page.getByRole("navigation", { name: "Other students" })).toHaveAttribute("data-ready", "true");
  await page.keyboard.press("2");
  await expect(toast(page, "Nothing to score: this student hasn't started.")).toBeVisible();

  // An excused student's draft: asked in words that say the export leaves it out; refused, nothing scored.
  await view.open(`${base}/grade/${excused.id}`);
  await expect(view.status("Excused")).toBeVisible();
  agree = false;
  await page.keyboard.press("3");
  await expect.poll(() => questions).toEqual([question, question, draftScoreQuestion(true)]);
  await expect(view.total).toHaveText("Not scored yet (out of 12)");
  expect(Object.values(await data.pointsOf(excusedDraft.id)).filter((points) => points !== null)).toEqual([]);
  agree = true;

  // Work handed in: scored at once, no question; at the end of the list, → says so.
  await view.open(`${base}/grade/${handedIn.id}`);
  await page.keyboard.press("3");
  await expect(view.total).toHaveText("3 / 12 (1 of 4 scored)");
  expect(questions).toHaveLength(3);
  await page.keyboard.press("Backspace");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Backspace");
  await expect(view.total).toHaveText("Not scored yet (out of 12)");
  await expect(view.saveStatus).toHaveText("All changes saved");
  expect(Object.values(await data.pointsOf(work.id)).filter((points) => points !== null)).toEqual([]);
  // Returned, the cleared score's Undo goes: put back then, the student would see a score change unasked.
  await expect(toast(page, "Cleared the Ideation score.")).toBeVisible();
  await page.keyboard.press("r");
  await expect(toast(page, "Returned to the student.")).toBeVisible();
  await expect(toast(page, "Cleared the Ideation score.")).toHaveCount(0);
  await page.keyboard.press("ArrowRight");
  await expect(toast(page, "This is the last student in this list.")).toBeVisible();
});
