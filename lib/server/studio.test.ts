import sharp from "sharp";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { addImage, getStudentWork, saveDraft } from "@/db/queries/work";
import { FormError } from "@/lib/errors";
import { DEFAULT_CARD, type CardSettings } from "@/lib/studio/card";
import { cardCustomers, isOutdated } from "@/lib/studio/card-text";
import { emptyDraft, saveDraftSchema } from "@/lib/validations/workspace";
import { assessWork } from "@/lib/assess-work";
import { classroom, fakeImage } from "@/lib/test/factories";

/**
 * "Use these cards" (addCardImages): cards that cannot fit beside the student's graphics are refused
 * before any is drawn, since drawing, decoding and storing each one takes the image queue's turn
 * that uploads wait for; cards that fit are drawn, one per customer, and added.
 */

const renderCardPng = vi.hoisted(() => vi.fn<() => Promise<Buffer>>());
vi.mock("./card-render", () => ({ renderCardPng }));
const { addCardImages } = await import("./studio");

beforeEach(async () => {
  renderCardPng.mockReset();
  const png = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: "#123456" } })
    .png()
    .toBuffer();
  renderCardPng.mockResolvedValue(png);
});

/** A student of a fresh class with one graphic already in the design, and the lesson's customers. */
async function studentWithOneGraphic() {
  const { student, assignment } = await classroom();
  await addImage(student.actor, assignment.id, fakeImage(), "my photo");
  const customers = cardCustomers(assignment.content).map((c) => c.id);
  expect(customers.length).toBe(5);
  return { student, assignment, customers };
}

describe("Use these cards", () => {
  it("refuses cards that would take the design past five graphics before drawing any of them", async () => {
    const { student, assignment, customers } = await studentWithOneGraphic();
    const refused = addCardImages(student.actor, assignment.id, customers);
    await expect(refused).rejects.toThrow(FormError);
    await expect(refused).rejects.toThrow("That is 5 cards, and your design has room for 4 more");
    expect(renderCardPng).not.toHaveBeenCalled();
    expect((await getStudentWork(student.actor, assignment.id)).images).toHaveLength(1);
  });

  it("draws and adds the cards that fit, one for each customer chosen", async () => {
    const { student, assignment, customers } = await studentWithOneGraphic();
    const added = await addCardImages(student.actor, assignment.id, customers.slice(0, 4));
    expect(renderCardPng).toHaveBeenCalledTimes(4);
    expect(added).toHaveLength(4);
    expect(added.every((i) => /'s card$/.test(i.caption))).toBe(true);
    expect((await getStudentWork(student.actor, assignment.id)).images.map((i) => i.caption)).toEqual([
      "my photo",
      ...added.map((i) => i.caption),
    ]);
  });
});

describe("cards the studio flags", () => {
  /** A student whose saved card uses the given text sizes, with the lesson's three datapoints. */
  async function studentWithCard(card: Partial<CardSettings>) {
    const { student, assignment } = await classroom();
    const picks = ["drink", "visits", "pastry"].map((columnId) => ({ columnId, reason: "It is theirs" }));
    const draft = { ...emptyDraft(), picks, copy: "Hi [Name]!", card: { ...DEFAULT_CARD, ...card } };
    expect((await saveDraft(student.actor, assignment.id, 0, draft)).saved).toBe(true);
    return { student, assignment, customers: cardCustomers(assignment.content).map((c) => c.id) };
  }

  it("refuses text too small for a phone, before drawing anything, and keeps the draft", async () => {
    const { student, assignment, customers } = await studentWithCard({ format: "square", bodySize: 24 });
    const refused = addCardImages(student.actor, assignment.id, customers.slice(0, 1));
    await expect(refused).rejects.toThrow(FormError);
    await expect(refused).rejects.toThrow(/^First make the cards readable on a phone\. Some text would be \d+ px on a phone/);
    expect(renderCardPng).not.toHaveBeenCalled();
    const work = await getStudentWork(student.actor, assignment.id);
    expect(work.images).toHaveLength(0);
    expect(work.draft.card?.bodySize).toBe(24);
  });

  it("refuses text that runs off a card, naming whose", async () => {
    const { student, assignment, customers } = await studentWithCard({ format: "square", headlineSize: 160, bodySize: 96 });
    await expect(addCardImages(student.actor, assignment.id, customers.slice(0, 1))).rejects.toThrow(/the text doesn't fit/);
    expect(renderCardPng).not.toHaveBeenCalled();
  });

  it("draws a card whose text is readable: the first design, with three datapoints", async () => {
    const { student, assignment, customers } = await studentWithCard({});
    expect(await addCardImages(student.actor, assignment.id, customers.slice(0, 1))).toHaveLength(1);
    expect(renderCardPng).toHaveBeenCalledTimes(1);
  });
});

describe("what a studio card was drawn from", () => {
  it("is stored with each card: current as drawn, on either database, and out of date once the copy changes", async () => {
    const { student, assignment } = await classroom();
    const [first] = cardCustomers(assignment.content);
    // The card's keys in another order than DEFAULT_CARD's, as a draft can come back from PostgreSQL's jsonb.
    const card = Object.fromEntries(Object.entries({ ...DEFAULT_CARD, theme: "sky" as const }).reverse()) as CardSettings;
    const draft = { ...emptyDraft(), picks: [{ columnId: "drink", reason: "It is theirs" }], copy: "Hi [Name]!", card };
    expect((await saveDraft(student.actor, assignment.id, 0, draft)).saved).toBe(true);

    await addCardImages(student.actor, assignment.id, [first!.id]);
    let work = await getStudentWork(student.actor, assignment.id);
    const [image] = work.images;
    expect(image!.card).toEqual({ customerId: first!.id, drawn: expect.stringContaining("Hi Sarah Johns!") });
    expect(isOutdated(image!.card!, work.draft, work.assignment.content)).toBe(false);
    // And with the draft as the student's page holds it, keys in its own order.
    expect(isOutdated(image!.card!, draft, work.assignment.content)).toBe(false);
    expect(assessWork(work.draft, work.images, work.assignment.content).issues.map((i) => i.text)).not.toContainEqual(
      expect.stringContaining("Graphic 1 shows your card"),
    );

    await saveDraft(student.actor, assignment.id, work.version, { ...work.draft, copy: "Hello [Name]!" });
    work = await getStudentWork(student.actor, assignment.id);
    expect(isOutdated(image!.card!, work.draft, work.assignment.content)).toBe(true);
    expect(assessWork(work.draft, work.images, work.assignment.content).issues.map((i) => i.text)).toContain(
      "Graphic 1 shows your card as it was before your last changes.",
    );
  });

  it("refuses to draw cards whose copy or headline has a placeholder that matches no column; spelled right, draws them", async () => {
    const { student, assignment, customers } = await studentWithOneGraphic();
    const work = await getStudentWork(student.actor, assignment.id);
    // The same typo in the headline, spaced and cased otherwise: named once.
    const card = { ...(work.draft.card ?? DEFAULT_CARD), headline: "[ nmae ]'s year" };
    const typo = { ...emptyDraft(), ...work.draft, card, copy: "Hey [Nmae], your [Most Ordered Drink] kept you going!" };
    await saveDraft(student.actor, assignment.id, work.version, typo);
    const refused = addCardImages(student.actor, assignment.id, customers.slice(0, 1));
    await expect(refused).rejects.toThrow("Your card has [Nmae], which isn't a column of the table: every card would print it as typed.");
    expect(renderCardPng).not.toHaveBeenCalled();
    const saved = await getStudentWork(student.actor, assignment.id);
    await saveDraft(student.actor, assignment.id, saved.version, {
      ...typo,
      card: { ...card, headline: "[Name]'s year" },
      copy: "Hey [Name], your [Most Ordered Drink] kept you going!",
    });
    expect(await addCardImages(student.actor, assignment.id, customers.slice(0, 1))).toHaveLength(1);
  });

  it("keeps a headline being rewritten in the draft, empty or over the limit, and draws no card until it is whole", async () => {
    const { student, assignment, customers } = await studentWithOneGraphic();
    for (const [headline, message] of [
      ["", "Give the card a headline. Fix the headline first."],
      ["   ", "Give the card a headline. Fix the headline first."],
      ["x".repeat(130), "Keep the headline under 120 characters. Fix the headline first."],
    ] as const) {
      const work = await getStudentWork(student.actor, assignment.id);
      const draft = { ...emptyDraft(), ...work.draft, card: { ...(work.draft.card ?? DEFAULT_CARD), headline } };
      // Autosave's own schema takes it: the workspace is never refused for a headline half typed.
      const input = saveDraftSchema.safeParse({ assignmentId: assignment.id, baseVersion: work.version, draft });
      expect(input.success, JSON.stringify(input.error?.issues)).toBe(true);
      await saveDraft(student.actor, assignment.id, work.version, draft);
      expect((await getStudentWork(student.actor, assignment.id)).draft.card?.headline).toBe(headline);
      await expect(addCardImages(student.actor, assignment.id, customers.slice(0, 1))).rejects.toThrow(message);
      expect(renderCardPng).not.toHaveBeenCalled();
    }
    // More than the box takes is refused next to the field, as any over-long text.
    const work = await getStudentWork(student.actor, assignment.id);
    const tooLong = { ...work.draft, card: { ...(work.draft.card ?? DEFAULT_CARD), headline: "x".repeat(141) } };
    expect(saveDraftSchema.safeParse({ assignmentId: assignment.id, baseVersion: work.version, draft: tooLong }).success).toBe(false);
    // Whole again, it draws.
    await saveDraft(student.actor, assignment.id, work.version, {
      ...work.draft,
      card: { ...(work.draft.card ?? DEFAULT_CARD), headline: "Cheers, [Name]" },
    });
    expect(await addCardImages(student.actor, assignment.id, customers.slice(0, 1))).toHaveLength(1);
  });
});
