import { eq } from "drizzle-orm";
import sharp from "sharp";
import { makeGrade, makeSubmission } from "../db/factories";
import { accessLog, discussionStars } from "../db/schema";
import { DEFAULT_CARD } from "../lib/studio/card";
import { expectNoViolations } from "./support/axe";
import { expect, signIn, test, type Make } from "./support/fixtures";
import { draftFor } from "./support/grading-data";
import { holdScripts, waitForReady } from "./support/ui";

const HOUR = 3_600_000;
const all = (points: number) => ({ ideation: { points }, copywriting: { points }, design: { points }, reflection: { points } });

test("the Class Recap tells the class's story on the projector and as PNGs, with a studio campaign for any customer; nobody else gets it", async ({
  page,
  make,
  db,
  newContext,
  consoleGuard,
}) => {
  test.slow(); // PNGs drawn on the server
  const { teacher, section, student, assignment } = await make.studentInClass();
  const classmate = await make.student();
  const third = await make.student();
  await make.enroll(section.id, classmate.id);
  await make.enroll(section.id, third.id);
  const card = { ...DEFAULT_CARD, layout: "spotlight" as const, theme: "sky" as const, headline: "Cheers, [Name]!", bodySize: 40 };
  const submittedAt = [new Date(Date.now() - HOUR)];
  const studio = await makeSubmission(db, { assignment, studentId: student.id, draft: { ...draftFor("studio"), card }, submittedAt });
  const plain = await makeSubmission(db, { assignment, studentId: classmate.id, draft: draftFor("plain"), submittedAt });
  await makeGrade(db, { submissionId: studio.submission.id, teacherId: teacher.id, scores: all(3) });
  await makeGrade(db, { submissionId: plain.submission.id, teacherId: teacher.id, scores: all(2) });
  // Three graded: the score cards show from the third (RECAP_MIN_GRADED).
  const another = await makeSubmission(db, { assignment, studentId: third.id, draft: draftFor("another"), submittedAt });
  await makeGrade(db, { submissionId: another.submission.id, teacherId: teacher.id, scores: all(2) });

  await signIn(page, teacher.email);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  // Until the page hydrates, the campaign's customer cannot be picked: a pick then would be undone.
  const picker = page.getByLabel("The class's campaign card for");
  const release = await holdScripts(page);
  await page.goto(`${base}/recap`, { waitUntil: "domcontentloaded" });
  await expect(picker).toBeDisabled();
  await release();
  await waitForReady(page);
  await expect(picker).toBeEnabled();
  await page.goto(base);
  await page.getByRole("link", { name: "Class Recap" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Class Recap" })).toBeVisible();
  await waitForReady(page);

  // Campaigns, the class's campaign, the datapoint, the strongest row, the median: no names anywhere.
  const cards = page.getByTestId("recap-card");
  await expect(cards).toHaveCount(5);
  await expect(page.getByTestId("recap-scores-waiting")).toHaveCount(0); // three graded
  await expect(cards.nth(0).getByRole("img")).toHaveAccessibleName(/^Card 1 of 5: 3\. campaigns\. Your class's Year in Review/);
  await expect(cards.nth(2).getByRole("img")).toHaveAccessibleName(/Most Ordered Drink\. chosen in 3 of 3 campaigns/);
  await expect(cards.nth(4).getByRole("img")).toHaveAccessibleName(/8\/12\. the median total/);
  await expect(page.getByTestId("recap-card").filter({ hasText: student.name })).toHaveCount(0);
  // The studio campaign, filled in for whichever customer the teacher picks.
  await expect(cards.nth(1).getByRole("img")).toHaveAccessibleName(/^Card 2 of 5: Latte\. Most Ordered Drink\. Cheers, Sarah Johns!/);
  await picker.selectOption({ label: "Olivia Patel" });
  await expect(cards.nth(1).getByRole("img")).toHaveAccessibleName(
    /^Card 2 of 5: Pumpkin Spice Latte\. Most Ordered Drink\. Cheers, Olivia Patel!/,
  );
  await expectNoViolations(page);

  // The projector: arrow keys, End, Esc, as the discussion's.
  await page.getByRole("button", { name: "Present on the projector" }).click();
  const projector = page.getByTestId("recap-projector");
  await expect(projector.getByTestId("recap-position")).toHaveText("Card 1 of 5");
  await page.keyboard.press("ArrowRight");
  await expect(projector.getByTestId("recap-position")).toHaveText("Card 2 of 5");
  await expect(projector.getByRole("img")).toHaveAccessibleName(/Cheers, Olivia Patel!/);
  await page.keyboard.press("End");
  await expect(projector.getByTestId("recap-position")).toHaveText("Card 5 of 5");
  await page.keyboard.press("ArrowLeft");
  await expect(projector.getByTestId("recap-position")).toHaveText("Card 4 of 5");
  // Next pressed onto the last card no longer moves on, and keeps the focus (inside the projector).
  const next = projector.getByRole("button", { name: "Next →" });
  await next.focus();
  await page.keyboard.press("Enter");
  await expect(projector.getByTestId("recap-position")).toHaveText("Card 5 of 5");
  await expect(next).toBeDisabled();
  await expect(next).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(projector.getByTestId("recap-position")).toHaveText("Card 4 of 5");
  await page.keyboard.press("Escape");
  await expect(projector).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Present on the projector" })).toBeFocused();

  // A card as a PNG download: a vertical story at full size.
  const download = page.waitForEvent("download");
  await cards.nth(1).getByRole("link", { name: "Download card 2 (PNG)" }).click();
  expect((await download).suggestedFilename()).toBe("class-recap-2.png");
  const png = await page.request.get(`${base}/recap/2?customer=c5`);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  const meta = await sharp(await png.body()).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(["png", 1080, 1920]);
  expect((await page.request.get(`${base}/recap/6`)).status()).toBe(404);
  expect((await page.request.get(`${base}/recap/99`)).status()).toBe(404);

  // Students and other teachers get nothing: the page and the PNGs answer 404.
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
  const otherTeacher = await make.teacher();
  for (const outsider of [student, otherTeacher]) {
    const other = await (await newContext()).newPage();
    await signIn(other, outsider.email);
    expect((await other.goto(`${base}/recap`))?.status(), outsider.email).toBe(404);
    expect((await other.request.get(`${base}/recap/1`)).status(), outsider.email).toBe(404);
  }
});

test("the Class Recap says what to do when nothing has been handed in", async ({ page, make }) => {
  const { teacher, section, assignment } = await make.studentInClass();
  await signIn(page, teacher.email);
  await page.goto(`/sections/${section.id}/assignments/${assignment.id}/recap`);
  await expect(page.getByTestId("recap-empty")).toContainText("Nothing has been submitted yet");
  await expect(page.getByTestId("recap-card")).toHaveCount(0);
  expect((await page.request.get(`/sections/${section.id}/assignments/${assignment.id}/recap/1`)).status()).toBe(404);
});

test("a campaign whose card draws nothing (one datapoint per card, none picked) is left out: the recap and its PNGs still answer; viewing it is logged", async ({
  page,
  make,
  db,
}) => {
  const { teacher, section, student, classmate, assignment, submittedAt } = await twoInClass(make);
  // Handed in incomplete, with a series card and no datapoint: the best-graded work.
  const empty = { ...draftFor("empty"), picks: [], card: { ...DEFAULT_CARD, layout: "series" as const, headline: "Nothing picked" } };
  const blank = await makeSubmission(db, { assignment, studentId: student.id, draft: empty, submittedAt });
  await makeGrade(db, { submissionId: blank.submission.id, teacherId: teacher.id, scores: all(3) });
  await signIn(page, teacher.email);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  const response = await page.goto(`${base}/recap`);
  expect(response?.status()).toBe(200);
  await waitForReady(page);
  // The count of campaigns alone (one graded is too few for score cards): no campaign card.
  await expect(page.getByTestId("recap-card")).toHaveCount(1);
  await expect(page.getByTestId("recap-scores-waiting")).toContainText("once 3 campaigns are graded (1 so far)");
  await expect(page.getByTestId("recap-campaign-waiting")).toContainText("once work made in the studio is graded");
  expect((await page.request.get(`${base}/recap/1`)).status()).toBe(200);
  expect((await page.request.get(`${base}/recap/2`)).status()).toBe(404);

  // A classmate's series card with datapoints draws, but isn't graded yet: not put on the projector by itself.
  const card = { ...DEFAULT_CARD, layout: "series" as const, headline: "Three things, [Name]" };
  const drawn = await makeSubmission(db, { assignment, studentId: classmate.id, draft: { ...draftFor("drawn"), card }, submittedAt });
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId("recap-campaign-waiting")).toBeVisible();
  await expect(page.getByRole("img", { name: /Three things/ })).toHaveCount(0);
  expect(await db.select().from(accessLog).where(eq(accessLog.studentId, classmate.id))).toEqual([]);
  // Graded, it is shown, and the teacher's view of it is logged.
  await makeGrade(db, { submissionId: drawn.submission.id, teacherId: teacher.id, scores: all(1) });
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId("recap-campaign-waiting")).toHaveCount(0);
  // Campaigns, the classmate's campaign, the datapoint.
  await expect(page.getByTestId("recap-card")).toHaveCount(3);
  await expect(page.getByTestId("recap-card").nth(1).getByRole("img")).toHaveAccessibleName(/Three things, Sarah Johns/);
  expect((await page.request.get(`${base}/recap/2`)).headers()["content-type"]).toBe("image/png");
  await expect
    .poll(async () =>
      (await db.select().from(accessLog).where(eq(accessLog.studentId, classmate.id))).map((r) => [r.action, r.actorId, r.assignmentId]),
    )
    .toEqual([["view_work", teacher.id, assignment.id]]);
  expect(await db.select().from(accessLog).where(eq(accessLog.studentId, student.id))).toEqual([]);
  // The teacher stars the first student's answer: shown on the recap, their work is logged as opened too.
  await db.insert(discussionStars).values({ submissionId: blank.submission.id, questionId: "q1", starredBy: teacher.id });
  await page.reload();
  await waitForReady(page);
  await expect(page.getByTestId("recap-card").last().getByRole("img")).toHaveAccessibleName(/A reflection your teacher starred/);
  await expect
    .poll(async () => (await db.select().from(accessLog).where(eq(accessLog.studentId, student.id))).map((r) => [r.action, r.actorId]))
    .toEqual([["view_work", teacher.id]]);
});

test("a recap PNG logs only the work it shows: the campaign's card its author's, the starred answer's card its author's", async ({
  page,
  make,
  db,
}) => {
  const { teacher, section, student, classmate, assignment, submittedAt } = await twoInClass(make);
  const card = { ...DEFAULT_CARD, layout: "series" as const, headline: "Three things, [Name]" };
  const campaign = await makeSubmission(db, { assignment, studentId: classmate.id, draft: { ...draftFor("drawn"), card }, submittedAt });
  await makeGrade(db, { submissionId: campaign.submission.id, teacherId: teacher.id, scores: all(3) });
  const answered = await makeSubmission(db, { assignment, studentId: student.id, draft: draftFor("starred"), submittedAt });
  await db.insert(discussionStars).values({ submissionId: answered.submission.id, questionId: "q1", starredBy: teacher.id });
  const opened = async (studentId: string) =>
    (await db.select().from(accessLog).where(eq(accessLog.studentId, studentId))).map((r) => [r.action, r.actorId]);
  await signIn(page, teacher.email);
  const png = `/sections/${section.id}/assignments/${assignment.id}/recap`;

  // A HEAD request would draw the card and log it to throw both away: refused.
  expect((await page.request.head(`${png}/2`)).status()).toBe(405);
  // The count of campaigns, then the campaign: the campaign's author only.
  for (const slide of [1, 2]) expect((await page.request.get(`${png}/${slide}`)).headers()["content-type"]).toBe("image/png");
  await expect.poll(() => opened(classmate.id)).toEqual([["view_work", teacher.id]]);
  expect(await opened(student.id)).toEqual([]);
  // The last card, the starred answer: its author.
  expect((await page.request.get(`${png}/5`)).status()).toBe(404);
  expect((await page.request.get(`${png}/4`)).headers()["content-type"]).toBe("image/png");
  await expect.poll(() => opened(student.id)).toEqual([["view_work", teacher.id]]);
});

test("the teacher picks the recap's campaign in grading, and goes back to the best-graded from the recap; work with no studio card can't be picked", async ({
  page,
  make,
  db,
}) => {
  const { teacher, section, student, classmate, assignment, submittedAt } = await twoInClass(make);
  const plainStudent = await make.student();
  await make.enroll(section.id, plainStudent.id);
  const best = { ...DEFAULT_CARD, headline: "Top marks, [Name]!" };
  const quiet = { ...DEFAULT_CARD, headline: "A quiet pick, [Name]!" };
  const graded = await makeSubmission(db, { assignment, studentId: student.id, draft: { ...draftFor("best"), card: best }, submittedAt });
  await makeGrade(db, { submissionId: graded.submission.id, teacherId: teacher.id, scores: all(3) });
  await makeSubmission(db, { assignment, studentId: classmate.id, draft: { ...draftFor("quiet"), card: quiet }, submittedAt });
  await makeSubmission(db, { assignment, studentId: plainStudent.id, draft: draftFor("plain"), submittedAt });
  await signIn(page, teacher.email);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  const campaignCard = page.getByTestId("recap-card").nth(1).getByRole("img");

  // Work with no studio card offers no pick.
  await page.goto(`${base}/grade/${plainStudent.id}`);
  await expect(page.getByRole("heading", { name: "Current work" })).toBeVisible();
  await expect(page.getByTestId("recap-pick")).toHaveCount(0);

  // The recap shows the best-graded campaign until the teacher picks another, from its grading view.
  await page.goto(`${base}/recap`);
  await expect(campaignCard).toHaveAccessibleName(/Top marks, Sarah Johns!/);
  await expect(page.getByTestId("recap-pick")).toContainText("the best-graded campaign");
  await page.goto(`${base}/grade/${classmate.id}`);
  await waitForReady(page);
  const pick = page.getByTestId("recap-pick");
  await expect(pick).toContainText("shows the best-graded campaign's studio card");
  await pick.getByRole("button", { name: "Show this campaign in the Class Recap" }).click();
  await expect(page.getByText("The Class Recap now shows attempt 1 of this campaign, with no name.")).toBeVisible();
  await expect(pick).toContainText("The Class Recap shows attempt 1 of this campaign");
  // The pressed button went; the focus is on the one that took its place.
  await expect(pick.getByRole("button", { name: "Show the best-graded instead" })).toBeFocused();
  // The best-graded student's own grading view says another campaign was chosen.
  await page.goto(`${base}/grade/${student.id}`);
  await expect(page.getByTestId("recap-pick")).toContainText("shows another campaign, chosen in grading");

  await page.getByTestId("recap-pick").getByRole("link", { name: "Open the Class Recap" }).click();
  await expect(campaignCard).toHaveAccessibleName(/A quiet pick, Sarah Johns!/);
  await expect(page.getByTestId("recap-card").filter({ hasText: classmate.name })).toHaveCount(0);
  await waitForReady(page);
  const note = page.getByTestId("recap-pick");
  await expect(note).toContainText("the campaign chosen in grading");
  await note.getByRole("button", { name: "Show the best-graded instead" }).click();
  await expect(page.getByText("The Class Recap shows the best-graded campaign again.")).toBeVisible();
  await expect(campaignCard).toHaveAccessibleName(/Top marks, Sarah Johns!/);
  await expect(note).toContainText("the best-graded campaign that has a studio card");
  // The button went with the pick: the keyboard is left on the note in its place, not at the top of the page.
  await expect(note).toBeFocused();
});

test("with one hand-in, the datapoint card is that student's own picks: showing it is logged as their work opened; with two, it logs nobody", async ({
  page,
  make,
  db,
}) => {
  const opened = async (studentId: string) =>
    (await db.select().from(accessLog).where(eq(accessLog.studentId, studentId))).map((r) => [r.action, r.actorId]);
  // Two hand-ins, no studio card: the count and the datapoint, which is nobody's own.
  const two = await twoInClass(make);
  for (const [who, key] of [
    [two.student, "first"],
    [two.classmate, "second"],
  ] as const)
    await makeSubmission(db, { assignment: two.assignment, studentId: who.id, draft: draftFor(key), submittedAt: two.submittedAt });
  await signIn(page, two.teacher.email);
  await page.goto(`/sections/${two.section.id}/assignments/${two.assignment.id}/recap`);
  await expect(page.getByTestId("recap-card").nth(1).getByRole("img")).toHaveAccessibleName(/chosen in 2 of 2 campaigns/);
  // The page is logged once it has gone out; the class of one below is opened after it.
  const one = await make.studentInClass();
  await makeSubmission(db, {
    assignment: one.assignment,
    studentId: one.student.id,
    draft: draftFor("solo"),
    submittedAt: two.submittedAt,
  });
  await signIn(page, one.teacher.email);
  await page.goto(`/sections/${one.section.id}/assignments/${one.assignment.id}/recap`);
  await expect(page.getByTestId("recap-card").nth(1).getByRole("img")).toHaveAccessibleName(/chosen in 1 of 1 campaign/);
  await expect.poll(() => opened(one.student.id)).toEqual([["view_work", one.teacher.id]]);
  expect([...(await opened(two.student.id)), ...(await opened(two.classmate.id))]).toEqual([]);
});

/** A class of two with the lesson assigned, and the time their work was handed in. */
async function twoInClass(make: Make) {
  const room = await make.studentInClass();
  const classmate = await make.student();
  await make.enroll(room.section.id, classmate.id);
  return { ...room, classmate, submittedAt: [new Date(Date.now() - HOUR)] };
}

test("a card's download is the card the page showed, even once another card has taken its place in the list", async ({
  page,
  make,
  db,
}) => {
  test.slow(); // PNGs drawn on the server
  const { teacher, section, student, assignment } = await make.studentInClass();
  const [classmate, third] = [await make.student(), await make.student()];
  for (const s of [classmate, third]) await make.enroll(section.id, s.id);
  const submittedAt = [new Date(Date.now() - HOUR)];
  const works = [];
  for (const [s, tag] of [
    [student, "one"],
    [classmate, "two"],
    [third, "three"],
  ] as const)
    works.push(await makeSubmission(db, { assignment, studentId: s.id, draft: draftFor(tag), submittedAt }));
  for (const work of works.slice(0, 2)) await makeGrade(db, { submissionId: work.submission.id, teacherId: teacher.id, scores: all(3) });
  await db.insert(discussionStars).values({ submissionId: works[0]!.submission.id, questionId: "q1", starredBy: teacher.id });
  await signIn(page, teacher.email);
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  await page.goto(`${base}/recap`);
  await waitForReady(page);

  // Two graded: campaigns, the datapoint, and the starred answer third.
  const cards = page.getByTestId("recap-card");
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(2).getByRole("img")).toHaveAccessibleName(/A reflection your teacher starred/);
  const link = cards.nth(2).getByRole("link", { name: "Download card 3 (PNG)" });
  const href = (await link.getAttribute("href"))!;

  // A third work graded meanwhile puts the strongest row and the median before the starred answer.
  await makeGrade(db, { submissionId: works[2]!.submission.id, teacherId: teacher.id, scores: all(2) });
  const bytes = async (url: string) => {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    return Buffer.from(await response.body());
  };
  const downloaded = await bytes(href);
  expect(downloaded.equals(await bytes(`${base}/recap/5`)), "the starred answer, now fifth").toBe(true);
  expect(downloaded.equals(await bytes(`${base}/recap/3`)), "the strongest row, now third").toBe(false);
  const download = page.waitForEvent("download");
  await link.click();
  expect((await download).suggestedFilename()).toBe("class-recap-3.png");
  // A card no longer in the list is not found, rather than another in its place.
  expect((await page.request.get(`${base}/recap/3?card=no-such-card`)).status()).toBe(404);
});
