import { and, eq, isNull } from "drizzle-orm";
import sharp from "sharp";
import { makeGrade } from "../db/factories";
import { SAMPLE_DRAFTS } from "../db/sample-work";
import { submissionImages, submissions } from "../db/schema";
import { expectNoViolations } from "./support/axe";
import { expect, expectNoHorizontalScroll, expectNoZoomingFields, signIn, test } from "./support/fixtures";
import { StudentWorkspace } from "./support/pages/workspace";
import { holdScripts, toast, waitForReady } from "./support/ui";

// Runs in the "phone" project (390×844, touch): see playwright.config.ts.

test("on a phone, a student makes a vertical card, flips through the five customers, uses the cards and submits; the teacher sees any customer's card", async ({
  page,
  make,
  db,
  newContext,
}) => {
  test.slow(); // a whole assignment, PNGs drawn on the server, then the teacher's view
  const { teacher, section, student, assignment } = await make.studentInClass();
  await make.submission({ assignment, studentId: student.id, draft: SAMPLE_DRAFTS.complete });

  const work = new StudentWorkspace(page);
  await signIn(page, student.email);
  await page.goto(`/assignments/${assignment.id}`);
  await waitForReady(page);
  await work.goTo("Design", { tap: true });
  const studio = page.getByTestId("card-studio");
  await expect(studio).toBeVisible();

  // A vertical story, big number first, in the Midnight colours.
  await studio.getByRole("radio", { name: /Vertical story/ }).check();
  await studio.getByRole("radio", { name: /Big number first/ }).check();
  await studio.getByRole("radio", { name: "Midnight" }).check();
  await studio.getByRole("textbox", { name: "Headline" }).fill("[Name], your coffee year");

  // The preview comes after the controls; a small copy of the card stays in sight at the bottom of the
  // screen while they scroll by, and shows each change as it is tapped.
  const mini = page.getByTestId("studio-mini");
  const berry = studio.getByRole("radio", { name: "Berry" });
  await berry.scrollIntoViewIfNeeded();
  await expect(page.getByTestId("studio-preview")).not.toBeInViewport();
  await expect(mini).toBeInViewport({ ratio: 1 });
  const before = await mini.innerHTML();
  await berry.tap();
  await expect.poll(() => mini.innerHTML()).not.toBe(before);
  // A control focused where the small card is (bottom right) is scrolled clear of it: here the text
  // size slider's thumb, at its largest.
  const sizeSlider = studio.getByRole("slider", { name: "Text size" });
  const sizeWas = await sizeSlider.inputValue();
  await sizeSlider.focus();
  await page.keyboard.press("End");
  await page.evaluate(() => (document.activeElement as HTMLElement).blur());
  const thumbClear = () =>
    sizeSlider.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const hit = document.elementFromPoint(box.right - 8, box.top + box.height / 2);
      return hit === el;
    });
  await page.evaluate(
    async (y) => window.scrollBy(0, y),
    await sizeSlider.evaluate((el) => el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2 - (window.innerHeight - 50)),
  );
  expect(await thumbClear(), "under the small card to begin with").toBe(false);
  await sizeSlider.focus();
  await expect.poll(thumbClear).toBe(true);
  await sizeSlider.fill(sizeWas);
  // A tap on it goes to the preview.
  await expect(mini).toHaveAccessibleName("Go to the preview of Sarah's card");
  await mini.tap();
  await expect(studio.getByRole("region", { name: "Sarah's card" })).toBeFocused();
  await expect(page.getByTestId("studio-preview")).toBeInViewport();
  await studio.getByRole("radio", { name: "Midnight" }).check();

  // The preview flips through every customer, each with their own data.
  const heading = studio.getByRole("heading", { name: /'s card$/ });
  await expect(heading).toHaveText("Sarah's card");
  const preview = page.getByTestId("studio-preview");
  await expect(preview.getByRole("img", { name: /^Sarah's card: Latte/ })).toBeVisible();
  const names = ["James", "Emily", "Michael", "Olivia", "Sarah"];
  for (const name of names) {
    await studio.getByRole("button", { name: "Next customer" }).tap();
    await expect(heading).toHaveText(`${name}'s card`);
  }
  await studio.getByRole("button", { name: "Next customer" }).tap();
  await expect(
    preview.getByRole("img", { name: /^James's card: Cappuccino\. Most Ordered Drink\. James Miller, your coffee year/ }),
  ).toBeVisible();
  // …and side by side, a button for each: personalization at scale.
  const grid = page.getByTestId("card-grid");
  await expect(grid.getByRole("listitem")).toHaveCount(5);
  for (const name of names) await expect(grid.getByRole("button", { name: `Show ${name}'s card` })).toBeVisible();
  // The grid scrolls sideways, which cuts off what passes its edges: each button Tab reaches is
  // scrolled wholly into it, with room for its focus ring (2 px, 2 px out) on every side.
  const room = () =>
    grid.evaluate((list) => {
      const box = list.getBoundingClientRect();
      const button = document.activeElement!.getBoundingClientRect();
      return Math.min(button.top - box.top, button.left - box.left, box.right - button.right, box.bottom - button.bottom);
    });
  const buttons = grid.getByRole("button");
  await buttons.first().focus();
  for (let i = 0; i < names.length; i++) {
    await expect(buttons.nth(i)).toBeFocused();
    await expect.poll(room, `card ${i + 1}`).toBeGreaterThanOrEqual(4);
    await page.keyboard.press("Tab");
  }
  await grid.getByRole("button", { name: "Show Emily's card" }).tap();
  await expect(heading).toHaveText("Emily's card");
  await expect(preview.getByRole("img", { name: /^Emily's card: Iced Americano/ })).toBeVisible();
  await grid.getByRole("button", { name: "Show James's card" }).tap();
  await expect(heading).toHaveText("James's card");

  // Text too small for a phone is flagged before the student finishes; a readable size clears it.
  // With this long copy, one customer's card has more text than fits: smaller text fits everyone.
  const checks = page.getByTestId("card-checks");
  // The advice names each size that would make it fit; either, followed, fits every card.
  const overflow =
    /^On Olivia's card the text doesn't fit: shorten it, make the headline size (\d+) or less, or make the text size (\d+) or less\.$/;
  await expect(checks).toHaveText(overflow);
  const [, headlineAdvised, textAdvised] = overflow.exec((await checks.textContent())!)!;
  const headlineSize = studio.getByRole("slider", { name: "Headline size" });
  const headlineWas = await headlineSize.inputValue();
  await headlineSize.fill(headlineAdvised!);
  await expect(checks).toHaveText("Yes, for all 5 customers.");
  await headlineSize.fill(headlineWas);
  await expect(checks).toHaveText(overflow);
  const textSize = studio.getByRole("slider", { name: "Text size" });
  await textSize.fill(textAdvised!);
  await expect(checks).toHaveText("Yes, for all 5 customers.");
  // The chosen customer's cards are refused while a check fails, and the box by the button says why.
  const useCards = studio.getByRole("button", { name: "Use these cards" });
  const unreadable = page.getByTestId("cards-unreadable");
  await expect(useCards).toBeEnabled();
  await textSize.fill("26");
  await expect(checks).toHaveText("Some text would be 9 px on a phone, too small to read: make the text size at least 40.");
  await expect(unreadable).toHaveText(
    "First make the cards readable on a phone. Some text would be 9 px on a phone, too small to read: make the text size at least 40.",
  );
  await expect(useCards).toBeDisabled();
  await expect(useCards).toHaveAccessibleDescription(/First make the cards readable on a phone\. Some text would be 9 px/);
  await textSize.fill("40");
  await expect(checks).toHaveText("Yes, for all 5 customers.");
  await expect(unreadable).toBeHidden();
  await expect(useCards).toBeEnabled();
  await expect(useCards).toHaveAccessibleDescription("1 picture; your design has room for 5 more.");
  // Text colours go by name, with how readable each is on the theme in words; a clash is flagged.
  await studio.getByRole("radio", { name: /^Latte art/ }).tap();
  await studio.getByRole("radio", { name: /^Cream\s*Hard to read/ }).tap();
  await expect(checks).toContainText("The text colour has a contrast of");
  await expect(useCards).toBeDisabled();
  await studio.getByRole("radio", { name: /^Dark roast\s*Easy to read/ }).tap();
  await expect(checks).toHaveText("Yes, for all 5 customers.");
  await studio.getByRole("radio", { name: "Midnight" }).tap();
  await expect(studio.getByRole("radio", { name: /^White\s*Very easy to read \(\d+\.\d:1\)$/ })).toBeChecked();
  // A word too long for a line is cut with a hyphen on the card; a screen reader hears it whole.
  const headline = studio.getByRole("textbox", { name: "Headline" });
  await headline.fill("[Name], supercalifragilisticexpialidocious");
  await expect(preview.getByRole("img", { name: /\. James Miller, supercalifragilisticexpialidocious\./ })).toBeVisible();
  await headline.fill("[Name], your coffee year");
  await expectNoHorizontalScroll(page);
  await expectNoZoomingFields(page); // the headline among them

  // On a 320 px phone the preview fits its box (the card is drawn smaller), and both arrows stay on
  // the heading's row.
  await page.setViewportSize({ width: 320, height: 640 });
  await studio.getByRole("radio", { name: /Square/ }).check(); // one card, drawn 270 px wide where there is room
  await expect(preview.getByRole("img")).toHaveCount(1);
  const box = (await preview.boundingBox())!;
  await expect.poll(async () => (await preview.getByRole("img").boundingBox())!.width).toBeLessThanOrEqual(box.width);
  const previous = (await studio.getByRole("button", { name: "Previous customer" }).boundingBox())!;
  const next = (await studio.getByRole("button", { name: "Next customer" }).boundingBox())!;
  expect(next.y).toBe(previous.y);
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await studio.getByRole("radio", { name: /Vertical story/ }).check();
  await expectNoViolations(page);

  // Use James's card: drawn on the server, added to the design like an upload.
  await expect(page.getByTestId("cards-needed")).toHaveText("1 picture; your design has room for 5 more.");
  await studio.getByRole("button", { name: "Use these cards" }).tap();
  await expect(toast(page, "Your card was added to your design.")).toBeVisible();
  await expect(work.uploadedImages).toHaveCount(1);
  // The button goes disabled with nothing ticked: the focus goes on to the new card, in view.
  const added = work.uploadedImages.getByRole("button", { name: "Show graphic 1 in the phone preview" });
  await expect(added).toBeFocused();
  await expect(added).toBeInViewport();
  await expect(work.uploadedImages.getByTestId("image-checks").getByRole("listitem")).toHaveText([
    "✓ Vertical: fits a phone screen.",
    "✓ 1080 px wide: text will stay sharp.",
  ]);
  const stored = await db
    .select({ id: submissionImages.id, caption: submissionImages.caption, width: submissionImages.width, height: submissionImages.height })
    .from(submissionImages)
    .innerJoin(submissions, eq(submissions.id, submissionImages.submissionId))
    .where(and(eq(submissions.studentId, student.id), isNull(submissionImages.deletedAt)));
  expect(stored).toMatchObject([{ caption: "James's card", width: 1080, height: 1920 }]);
  const png = await page.request.get(`/api/images/${stored[0]!.id}`);
  expect(png.status()).toBe(200);
  const meta = await sharp(await png.body()).metadata();
  expect([meta.width, meta.height]).toEqual([1080, 1920]);
  expect((await png.body()).length).toBeLessThan(1_500_000);
  // The card's settings are part of the saved draft: the studio opens where the student left it.
  await expect(work.saveStatus).toHaveText("Saved");
  const saved = (await db.select({ draft: submissions.draft }).from(submissions).where(eq(submissions.studentId, student.id)))[0]!;
  expect(saved.draft.card).toMatchObject({ format: "story", layout: "spotlight", theme: "midnight", headline: "[Name], your coffee year" });
  await page.reload();
  await waitForReady(page);
  await work.goTo("Design", { tap: true });
  await expect(page.getByTestId("card-studio").getByRole("radio", { name: /Big number first/ })).toBeChecked();

  await work.goTo("Review & submit", { tap: true });
  await work.submitButton("Submit my work").tap();
  await expect(toast(page, "Submitted. This is attempt 1.")).toBeVisible();

  // The teacher picks any customer and sees that customer's card.
  const teacherPage = await (await newContext({ viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })).newPage();
  await signIn(teacherPage, teacher.email);
  const release = await holdScripts(teacherPage);
  await teacherPage.goto(`/sections/${section.id}/assignments/${assignment.id}/grade/${student.id}`, { waitUntil: "domcontentloaded" });
  const cards = teacherPage.getByTestId("studio-cards").first();
  // The server lays out the first customer's card; the layout code for the others loads once the
  // page is up (components/studio/cards-for-customer.tsx). Until it has hydrated, no other customer can be picked.
  await expect(cards.getByLabel("The studio card for")).toBeDisabled();
  await release();
  await expect(cards.getByRole("img", { name: /^Sarah's card: Latte/ })).toBeVisible();
  await waitForReady(teacherPage, teacherPage.locator("[data-testid=studio-cards][data-ready]"));
  await cards.getByLabel("The studio card for").selectOption({ label: "Emily Chen" });
  await expect(cards.getByRole("img", { name: /^Emily's card: Iced Americano/ })).toBeVisible();
  await cards.getByLabel("The studio card for").selectOption({ label: "Michael Rodriguez" });
  await expect(cards.getByRole("img", { name: /^Michael's card: Mocha/ })).toBeVisible();

  // …and, once graded (the recap's campaign comes from graded work), in the Class Recap, where the
  // class's campaign is this card, for the customer picked there.
  const graded = (await db.select({ id: submissions.id }).from(submissions).where(eq(submissions.studentId, student.id)))[0]!;
  const three = { points: 3 };
  await makeGrade(db, {
    submissionId: graded.id,
    teacherId: teacher.id,
    scores: { ideation: three, copywriting: three, design: three, reflection: three },
  });
  await teacherPage.goto(`/sections/${section.id}/assignments/${assignment.id}/recap`);
  // The picker is disabled until the story has hydrated (a pick before then was lost in a fresh-clone run).
  await waitForReady(teacherPage);
  await teacherPage.getByLabel("The class's campaign card for").selectOption({ label: "Olivia Patel" });
  await expect(
    teacherPage
      .getByTestId("recap-card")
      .nth(1)
      .getByRole("img", { name: /^Card 2 of \d: Pumpkin Spice Latte\. Most Ordered Drink\. Olivia Patel, your coffee year/ }),
  ).toBeVisible();
});
