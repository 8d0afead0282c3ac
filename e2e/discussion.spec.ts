import { eq } from "drizzle-orm";
import { makeSubmission } from "../db/factories";
import { assignments, discussionStars } from "../db/schema";
import { SAMPLE_DRAFTS } from "../db/sample-work";
import { DEFAULT_QUESTIONS } from "../lib/lesson/default-lesson";
import { findServerAction, postAction } from "./support/actions";
import { expectNoViolations } from "./support/axe";
import { expect, signIn, test } from "./support/fixtures";
import { DiscussionBoard } from "./support/pages/discussion";
import { dropServerActions, toast } from "./support/ui";
import type { DB } from "../db";

// The class discussion board: answers to the reflection questions as cards, names hidden unless the
// teacher shows them, stars, the projector mode, and that nobody else can see or star anything.

type Person = { id: string; name: string; email: string };
/** The `make` fixture's part used here. */
type Make = {
  teacher: (name?: string) => Promise<Person>;
  student: (name?: string) => Promise<Person>;
  section: (teacherId: string) => Promise<{ id: string }>;
  enroll: (sectionId: string, studentId: string) => Promise<unknown>;
  assignment: (
    sectionId: string,
    overrides?: { title?: string },
  ) => Promise<Parameters<typeof makeSubmission>[1]["assignment"] & { id: string }>;
  submission: (input: Parameters<typeof makeSubmission>[1]) => ReturnType<typeof makeSubmission>;
};

const uid = () => Math.random().toString(36).slice(2, 8);
const HOUR = 3_600_000;

/** A teacher, a section and an assignment; three students who submitted distinctive answers, one still drafting. */
async function classroom(make: Make) {
  const s = uid();
  const teacher = await make.teacher(`Mx. Host ${s}`);
  const section = await make.section(teacher.id);
  const assignment = await make.assignment(section.id, { title: `Recap talk ${s}` });
  const writers = [];
  for (const first of ["Avery", "Blake", "Casey"]) {
    const student = await make.student(`${first} Quill ${s}`);
    await make.enroll(section.id, student.id);
    const answers = Object.fromEntries(DEFAULT_QUESTIONS.map((q) => [q.id, `${first}'s thought on ${q.id} (${s})`]));
    const { submission } = await make.submission({
      assignment,
      studentId: student.id,
      draft: { ...SAMPLE_DRAFTS.complete, answers },
      submittedAt: [new Date(Date.now() - HOUR)],
      startedAt: new Date(Date.now() - 2 * HOUR),
    });
    writers.push({ ...student, submission, answers });
  }
  const drafter = await make.student(`Drew Draft ${s}`);
  await make.enroll(section.id, drafter.id);
  await make.submission({
    assignment,
    studentId: drafter.id,
    draft: { ...SAMPLE_DRAFTS.started, answers: { q1: `Drew's unsent draft (${s})` } },
  });
  const url = `/sections/${section.id}/assignments/${assignment.id}/discussion`;
  return { teacher, section, assignment, writers, drafter, url, s };
}

const starsOf = async (db: DB, submissionId: string) =>
  await db.select().from(discussionStars).where(eq(discussionStars.submissionId, submissionId));

test("the discussion view hides names by default and shows them with the switch", async ({ page, make }) => {
  test.slow(); // three page fetches besides the browser's own, and two reloads with the switch
  const room = await classroom(make);
  const board = new DiscussionBoard(page);
  await signIn(page, room.teacher.email);
  await page.goto(`/sections/${room.section.id}/assignments/${room.assignment.id}`);
  await page.getByRole("link", { name: "Discussion" }).click();
  await expect(page).toHaveURL(room.url);
  await expect(board.heading).toBeVisible();
  await expect(board.counts).toHaveText(
    "3 of 4 students have submitted. 1 not yet (1 in progress): their answers appear here once they submit.",
  );

  // Every submitted answer is on the board, numbered; the unsubmitted draft is not.
  for (const [i, question] of DEFAULT_QUESTIONS.entries()) {
    await expect(board.question(i + 1)).toContainText(question.prompt);
    await expect(board.cards(i + 1)).toHaveCount(3);
    await expect(board.cards(i + 1).getByRole("heading")).toHaveText(["Answer 1", "Answer 2", "Answer 3"]);
    for (const writer of room.writers) await expect(board.cards(i + 1).filter({ hasText: writer.answers[question.id]! })).toHaveCount(1);
  }
  await expect(page.getByText(`Drew's unsent draft (${room.s})`)).toHaveCount(0);

  // No name anywhere: not in the rendered page, not in the HTML or the RSC payload the server sent.
  // (A fresh load: after the client-side navigation above, the document still holds the assignment
  // page's own inline payload, whose student list has names.)
  await board.open(room.url);
  await expect(board.namesSwitch).toHaveAttribute("aria-checked", "false");
  const rendered = await page.content();
  const raw = await (await page.request.get(room.url)).text();
  const flight = await (await page.request.get(room.url, { headers: { RSC: "1" } })).text();
  // Each of them really is the board (it holds the answers), so the checks below can't pass by accident.
  for (const text of [rendered, raw, flight]) expect(text).toContain(room.writers[0]!.answers.q1);
  expect(await (await page.request.get(`${room.url}?names=1`)).text()).toContain(room.writers[0]!.name);
  for (const person of [...room.writers, room.drafter]) {
    for (const [what, text] of [
      ["page", rendered],
      ["HTML", raw],
      ["RSC payload", flight],
    ])
      expect(text, `${person.name} in the ${what}`).not.toContain(person.name);
  }
  await expect(board.names).toHaveCount(0);

  // The switch reloads the board with names, each beside its own answer, in the same order.
  const orderBefore = await board.answerTexts(1);
  await board.namesSwitch.click();
  await expect(page).toHaveURL(`${room.url}?names=1`);
  await expect(board.namesSwitch).toHaveAttribute("aria-checked", "true");
  await expect(board.names).toHaveCount(9);
  for (const writer of room.writers) {
    for (const question of DEFAULT_QUESTIONS) {
      await expect(board.allCards().filter({ hasText: writer.answers[question.id]! }).getByTestId("answer-name")).toHaveText(writer.name);
    }
  }
  expect(await board.answerTexts(1)).toEqual(orderBefore);
  await expect(page.getByText(room.drafter.name)).toHaveCount(0);

  // And off again: gone from the page.
  await board.namesSwitch.click();
  await expect(page).toHaveURL(room.url);
  await expect(board.names).toHaveCount(0);
  for (const writer of room.writers) expect(await page.content()).not.toContain(writer.name);
});

test("a star marks an answer to discuss, survives a reload, and filters the board", async ({ page, make, db }) => {
  const room = await classroom(make);
  const board = new DiscussionBoard(page);
  await signIn(page, room.teacher.email);
  await board.open(room.url);
  const card = board.cards(1).nth(1);
  const text = (await card.locator("p").textContent())!;
  const writer = room.writers.find((w) => w.answers.q1 === text)!;
  const star = board.star(card, 2);
  await expect(star).toHaveAttribute("aria-pressed", "false");

  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await starsOf(db, writer.submission.id)).map((x) => x.questionId)).toEqual(["q1"]);
  await board.reload();
  await expect(board.star(board.cards(1).nth(1), 2)).toHaveAttribute("aria-pressed", "true");
  await expect(board.question(1)).toContainText("3 answers · 1 starred");

  // Starred only: the one starred answer, and a note where a question has none.
  await board.starredOnly(1).click();
  await expect(board.cards(1)).toHaveCount(1);
  await expect(board.cards(1)).toContainText(text);
  await expect(board.cards(2)).toHaveCount(0);
  await expect(board.question(2)).toContainText("No starred answers here yet.");
  await expect(board.projectQuestion(2)).toBeDisabled();
  // The address keeps the filter: a reload (or the names switch) doesn't lose it.
  await expect(page).toHaveURL(`${room.url}?starred=1`);
  await board.reload();
  await expect(board.cards(1)).toHaveCount(1);
  await expect(board.cards(2)).toHaveCount(0);
  await board.namesSwitch.click();
  await expect(page).toHaveURL(`${room.url}?names=1&starred=1`);
  await expect(board.namesSwitch).toHaveAttribute("aria-checked", "true");
  await expect(board.cards(1)).toHaveCount(1);
  // Off, to the lesson plan and Back: the board the browser comes back to is the address's, unfiltered.
  await board.starredOnly(1).click();
  await expect(page).toHaveURL(`${room.url}?names=1`);
  await expect(board.cards(1)).toHaveCount(3);
  await page.getByRole("link", { name: "Prompts and grouping in the lesson plan" }).click();
  await expect(page).toHaveURL(/\/lesson#discussion$/);
  await page.goBack();
  await expect(page).toHaveURL(`${room.url}?names=1`);
  await expect(board.cards(1)).toHaveCount(3);
  await expect(board.starredOnly(1)).toHaveAttribute("aria-checked", "false");
  await board.starredOnly(1).click();
  await expect(board.cards(1)).toHaveCount(1);

  // Un-starring takes it off the filtered board and out of the database.
  await board.star(board.cards(1), 2).click();
  await expect(board.cards(1)).toHaveCount(0);
  await expect.poll(async () => await starsOf(db, writer.submission.id)).toEqual([]);
  await expect(board.starredOnly(0)).toBeVisible();
});

test("a star that can't be saved is taken back, and the teacher is told", async ({ page, make, db, consoleGuard }) => {
  const room = await classroom(make);
  const board = new DiscussionBoard(page);
  await signIn(page, room.teacher.email);
  await board.open(room.url);
  // The connection drops: every server action call fails on its way out.
  const connection = await dropServerActions(page, consoleGuard);
  const star = board.star(board.cards(1).first(), 1);
  await star.click();
  await expect(toast(page, "The star wasn't saved.")).toBeVisible();
  await expect(star).toHaveAttribute("aria-pressed", "false");
  for (const writer of room.writers) expect(await starsOf(db, writer.submission.id)).toEqual([]);

  // Back online, the same click works.
  await connection.reconnect();
  await star.click();
  await expect(star).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await Promise.all(room.writers.map((w) => starsOf(db, w.submission.id)))).flat().length).toBe(1);
});

test("projector mode: one answer at a time, arrow keys, n of m, S stars, names follow the switch, Esc exits", async ({
  page,
  make,
  db,
}) => {
  const room = await classroom(make);
  const board = new DiscussionBoard(page);
  const projector = board.projector;
  await signIn(page, room.teacher.email);
  await board.open(room.url);
  const [q1, q2] = [await board.answerTexts(1), await board.answerTexts(2)];

  await board.projectorButton.click();
  await expect(projector.dialog).toBeVisible();
  await expect(projector.question).toHaveText(DEFAULT_QUESTIONS[0]!.prompt);
  await expect(projector.dialog).toContainText("Question 1 of 3");
  await expect(projector.position).toHaveText("1 of 3");
  await expect(projector.answer).toHaveText(q1[0]!);
  await expect(projector.name).toHaveCount(0);

  await page.keyboard.press("ArrowRight");
  await expect(projector.position).toHaveText("2 of 3");
  await expect(projector.answer).toHaveText(q1[1]!);
  await page.keyboard.press("ArrowLeft");
  await expect(projector.position).toHaveText("1 of 3");
  await expect(projector.answer).toHaveText(q1[0]!);
  await page.keyboard.press("ArrowLeft"); // already the first: stays
  await expect(projector.position).toHaveText("1 of 3");
  // Past the last answer of a question comes the next question.
  for (const expected of ["2 of 3", "3 of 3", "1 of 3"]) {
    await page.keyboard.press("ArrowRight");
    await expect(projector.position).toHaveText(expected);
  }
  await expect(projector.dialog).toContainText("Question 2 of 3");
  await expect(projector.question).toHaveText(DEFAULT_QUESTIONS[1]!.prompt);
  await expect(projector.answer).toHaveText(q2[0]!);
  // The on-screen buttons do the same.
  await projector.next.click();
  await expect(projector.position).toHaveText("2 of 3");
  await projector.previous.click();
  await expect(projector.position).toHaveText("1 of 3");

  // S stars the answer on screen, and it is saved.
  const writer = room.writers.find((w) => w.answers.q2 === q2[0])!;
  await page.keyboard.press("s");
  await expect(projector.star).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await starsOf(db, writer.submission.id)).map((x) => x.questionId)).toEqual(["q2"]);

  // Names follow the switch, which the projector has too; the projector stays on the same answer.
  await projector.namesSwitch.click();
  await expect(projector.name).toHaveText(writer.name);
  await expect(page).toHaveURL(`${room.url}?names=1`);
  await expect(projector.position).toHaveText("1 of 3");
  await expect(projector.dialog).toContainText("Question 2 of 3");
  await projector.namesSwitch.click();
  await expect(projector.name).toHaveCount(0);
  await expect(page).toHaveURL(room.url);

  // Esc leaves, back on the board at the answer that was on screen, starred.
  await page.keyboard.press("Escape");
  await expect(projector.dialog).toHaveCount(0);
  const back = board.cards(2).filter({ hasText: q2[0]! });
  await expect(back).toBeFocused();
  await expect(board.star(back, 1)).toHaveAttribute("aria-pressed", "true");
});

test("projector mode on a 1024×768 projector: a long question and answers of any length fit the screen, a short answer stays large, and one too long even so scrolls under a fade", async ({
  page,
  make,
  db,
}) => {
  // A first question made long, and three answers to it of 130, 450 and 5,000 characters.
  const teacher = await make.teacher(`Mx. Wall ${uid()}`);
  const section = await make.section(teacher.id);
  const assignment = await make.assignment(section.id, { title: `Projector ${uid()}` });
  const [stored] = await db.select({ content: assignments.content }).from(assignments).where(eq(assignments.id, assignment.id));
  const longPrompt = `${"Which of the datapoints would you leave out of a Year in Review card, and why? ".repeat(3)}Think of the customer.`;
  const questions = stored!.content.questions.map((q, i) => (i === 0 ? { ...q, prompt: longPrompt } : q));
  await db
    .update(assignments)
    .set({ content: { ...stored!.content, questions } })
    .where(eq(assignments.id, assignment.id));
  const firstId = questions[0]!.id;
  const sentence = "I would keep the drink because it is what people remember about their year here. ";
  const texts = [130, 450, 5000].map((n, i) => `${i}: ${sentence.repeat(70)}`.slice(0, n));
  for (const text of texts) {
    const student = await make.student(`Writer ${uid()}`);
    await make.enroll(section.id, student.id);
    await make.submission({
      assignment,
      studentId: student.id,
      draft: { ...SAMPLE_DRAFTS.complete, answers: { [firstId]: text } },
      submittedAt: [new Date(Date.now() - HOUR)],
      startedAt: new Date(Date.now() - 2 * HOUR),
    });
  }
  await page.setViewportSize({ width: 1024, height: 768 });
  const board = new DiscussionBoard(page);
  const projector = board.projector;
  await signIn(page, teacher.email);
  await board.open(`/sections/${section.id}/assignments/${assignment.id}/discussion`);
  await board.projectorButton.click();
  await expect(projector.question).toHaveText(longPrompt);
  const box = page.getByTestId("projector-answer-box");
  const more = page.getByTestId("projector-more");
  const fitsIn = (locator: typeof box) => locator.evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
  const fontSize = async () => parseFloat(await projector.answer.evaluate((el) => getComputedStyle(el).fontSize));
  // The question's box (at most 30% of the screen) shows all of it.
  expect(await fitsIn(page.getByTestId("projector-question").locator(".."))).toBe(true);
  const seen = new Map<number, number>();
  for (let slide = 0; slide < 3; slide++) {
    if (slide > 0) await page.keyboard.press("ArrowRight");
    await expect(projector.position).toHaveText(`${slide + 1} of 3`);
    const prefix = ((await projector.answer.textContent()) ?? "").slice(0, 2);
    const shown = texts.findIndex((t) => t.startsWith(prefix));
    await expect(projector.answer).toHaveText(texts[shown]!);
    if (shown === 2) {
      // Refused the screen even at the smallest type: 20 px, the box scrolls, and the fade says there is more, until the end.
      await expect(more).toBeVisible();
      expect(await fontSize()).toBe(20);
      expect(await fitsIn(box)).toBe(false);
      await box.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await expect(more).toHaveCount(0);
    } else {
      // Allowed: the whole answer on the screen, with no fade.
      await expect.poll(() => fitsIn(box)).toBe(true);
      await expect(more).toHaveCount(0);
    }
    seen.set(shown, await fontSize());
  }
  // The short answer stays large (at least its smallest size, 2rem); the longer one is smaller, still at least 20 px.
  expect(seen.get(0)).toBeGreaterThanOrEqual(32);
  expect(seen.get(1)).toBeLessThan(seen.get(0)!);
  expect(seen.get(1)).toBeGreaterThanOrEqual(20);

  // Back to the 5,000-character answer: it starts at its top again, faded at the bottom.
  await page.keyboard.press("Home");
  await expect(projector.position).toHaveText("1 of 3");
  for (let step = 1; !(await projector.answer.textContent())!.startsWith("2:"); step++) {
    expect(step, "the long answer is one of the three").toBeLessThan(3);
    await page.keyboard.press("ArrowRight");
    await expect(projector.position).toHaveText(`${step + 1} of 3`);
  }
  const place = (await projector.position.textContent())!;
  const at = Number(place.split(" ")[0]);
  const scrollTop = () => box.evaluate((el) => el.scrollTop);
  expect(await scrollTop()).toBe(0);
  await expect(more).toBeVisible();
  await expect(projector.dialog).toContainText("PgDn PgUp scroll the answer");
  // A clicker's PageDown scrolls through it first, on the same answer…
  await page.keyboard.press("PageDown");
  await expect.poll(scrollTop).toBeGreaterThan(0);
  await expect(projector.position).toHaveText(place);
  // …a star keeps the place read…
  const read = await scrollTop();
  await page.keyboard.press("s");
  await expect(projector.star).toHaveAttribute("aria-pressed", "true");
  expect(await scrollTop()).toBe(read);
  // …PageUp goes back up, and at the top to the answer before (if any).
  await page.keyboard.press("PageUp");
  await expect.poll(scrollTop).toBeLessThan(read);
  // (The star's "Starred." under the buttons took some of the box's height: the way up may take a second press.)
  if ((await scrollTop()) > 1) await page.keyboard.press("PageUp");
  await expect.poll(scrollTop).toBeLessThanOrEqual(1); // (the top, to within the pixel the page counts as the top)
  await expect(projector.position).toHaveText(place);
  await page.keyboard.press("PageUp");
  await expect(projector.position).toHaveText(`${Math.max(1, at - 1)} of 3`);
});

test("projector mode opens with names hidden even when the board shows them; its switch shows them again", async ({ page, make }) => {
  const room = await classroom(make);
  const board = new DiscussionBoard(page);
  const projector = board.projector;
  await signIn(page, room.teacher.email);
  await board.open(`${room.url}?names=1`);
  const first = (await board.answerTexts(1))[0]!;
  const writer = room.writers.find((w) => w.answers.q1 === first)!;
  // The board itself shows the names the teacher asked for.
  await expect(board.cards(1).filter({ hasText: first })).toContainText(writer.name);

  await board.projectorButton.click();
  await expect(projector.answer).toHaveText(first);
  await expect(page).toHaveURL(room.url);
  await expect(projector.name).toHaveCount(0);
  await expect(projector.dialog).not.toContainText(writer.name);
  // Allowed: shown again on purpose, from the projector's own switch.
  await projector.namesSwitch.click();
  await expect(projector.name).toHaveText(writer.name);
  await expect(page).toHaveURL(`${room.url}?names=1`);
});

test("students never see the board or star anything; nor does another teacher", async ({ page, make, db, newContext, consoleGuard }) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
  const room = await classroom(make);
  const [writer, other] = room.writers;
  const setStar = findServerAction("setStarAction");

  // The owner can star through the same raw call: the refusals below are about who asks.
  await signIn(page, room.teacher.email);
  const own = await postAction(page.request, setStar, [
    { submissionId: other!.submission.id, questionId: "q1", starred: true, seen: other!.answers.q1 },
  ]);
  expect(own.body).toContain('"ok":true');
  expect(await starsOf(db, other!.submission.id)).toHaveLength(1);

  const studentPage = await (await newContext()).newPage();
  await signIn(studentPage, writer!.email);
  const response = await studentPage.goto(room.url);
  expect(response?.status()).toBe(404);
  await expect(studentPage.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(studentPage.getByText(other!.answers.q1!)).toHaveCount(0);
  for (const input of [
    { submissionId: writer!.submission.id, questionId: "q1", starred: true },
    { submissionId: other!.submission.id, questionId: "q1", starred: false },
  ]) {
    const { body } = await postAction(studentPage.request, setStar, [input]);
    expect(body).toContain('"code":"not_found"');
    expect(body).not.toContain('"ok":true');
  }

  const intruder = await make.teacher();
  const intruderPage = await (await newContext()).newPage();
  await signIn(intruderPage, intruder.email);
  expect((await intruderPage.goto(room.url))?.status()).toBe(404);
  expect((await intruderPage.goto(`${room.url}?names=1`))?.status()).toBe(404);
  await expect(intruderPage.getByText(writer!.name)).toHaveCount(0);
  for (const input of [
    { submissionId: writer!.submission.id, questionId: "q1", starred: true },
    { submissionId: other!.submission.id, questionId: "q1", starred: false },
  ]) {
    const { body } = await postAction(intruderPage.request, setStar, [input]);
    // A foreign row is refused as not found (docs/decisions/007-error-contract.md), not as forbidden.
    expect(body).toContain('"code":"not_found"');
    expect(body).not.toContain('"ok":true');
  }

  expect(await starsOf(db, writer!.submission.id)).toEqual([]);
  expect(await starsOf(db, other!.submission.id)).toMatchObject([{ questionId: "q1", starredBy: room.teacher.id }]);
});

test("accessibility: the board with names hidden and shown, the projector, and the empty board", async ({ page, make }) => {
  test.slow(); // four axe runs
  const room = await classroom(make);
  const board = new DiscussionBoard(page);
  await signIn(page, room.teacher.email);
  await board.open(room.url);
  await expect(board.cards(1)).toHaveCount(3);
  await expectNoViolations(page);

  await board.open(`${room.url}?names=1`);
  await expect(board.names).toHaveCount(9);
  const firstStar = board.star(board.cards(1).first(), 1);
  await firstStar.click();
  await expect(firstStar).toHaveAttribute("aria-pressed", "true");
  await expectNoViolations(page);

  await board.projectorButton.click();
  await expect(board.projector.dialog).toBeVisible();
  // The projector opens with names hidden; its own switch shows them.
  await expect(page).toHaveURL(room.url);
  await board.projector.namesSwitch.click();
  await expect(board.projector.name).toBeVisible();
  await expectNoViolations(page);
  await page.keyboard.press("Escape");
  await expect(board.projector.dialog).toHaveCount(0);

  const quiet = await make.assignment(room.section.id, { title: `Nothing yet ${room.s}` });
  await page.goto(`/sections/${room.section.id}/assignments/${quiet.id}/discussion`); // no board to wait for: nothing to click
  await expect(page.getByRole("heading", { name: "Nothing to discuss yet" })).toBeVisible();
  await expect(board.counts).toHaveText(
    "0 of 4 students have submitted. 4 not yet (4 not started): their answers appear here once they submit.",
  );
  await expectNoViolations(page);
});
