import { describe, expect, it } from "vitest";
import { defaultLessonContent } from "../lesson/default-lesson";
import { emptyDraft } from "../validations/workspace";
import { DEFAULT_CARD } from "./card";
import { cardCustomers, cardText, drawnFrom, isOutdated, type DrawnCard } from "./card-text";

/** A studio card as "Use these cards" stores it, and what makes it out of date. */
const content = defaultLessonContent();
const [sarah, olivia] = cardCustomers(content);
const draft = {
  ...emptyDraft(),
  picks: [{ columnId: "drink", reason: "" }],
  copy: "Hi [Name], another [Most Ordered Drink]?",
  card: DEFAULT_CARD,
};
const drawnFor = (customerId: string, d = draft, c = content): DrawnCard => ({
  customerId,
  drawn: drawnFrom(d.card, cardText(d.card, d, c, customerId)),
});

describe("a studio card's source", () => {
  it("stays current while nothing on the card changes: the look's key order, the reflection and the ideas are not on it", () => {
    const card = drawnFor(sarah!.id);
    expect(isOutdated(card, draft, content)).toBe(false);
    const reordered = Object.fromEntries(Object.entries(DEFAULT_CARD).reverse()) as typeof DEFAULT_CARD;
    expect(isOutdated(card, { ...draft, card: reordered }, content)).toBe(false);
    const answered = { ...draft, answers: { q1: "More later" }, ideas: [{ id: "i1", text: "Badges" }] };
    expect(isOutdated(card, answered, content)).toBe(false);
    // A draft without a card yet draws the default one, as the server does.
    expect(isOutdated(card, { ...draft, card: undefined }, content)).toBe(false);
  });

  it("is out of date once the card, the copy or the datapoints change, or the teacher changes the customer's data", () => {
    const card = drawnFor(sarah!.id);
    expect(isOutdated(card, { ...draft, card: { ...DEFAULT_CARD, theme: "sky" } }, content)).toBe(true);
    expect(isOutdated(card, { ...draft, card: { ...DEFAULT_CARD, headline: "Cheers, [Name]" } }, content)).toBe(true);
    expect(isOutdated(card, { ...draft, copy: "Hello [Name]" }, content)).toBe(true);
    expect(isOutdated(card, { ...draft, picks: [...draft.picks, { columnId: "pastry", reason: "" }] }, content)).toBe(true);
    const edited = structuredClone(content);
    edited.dataset.rows[0]!.values.drink = "Flat White";
    expect(isOutdated(card, draft, edited)).toBe(true);
    // Another customer's data is not on Sarah's card.
    const other = structuredClone(content);
    other.dataset.rows[1]!.values.drink = "Flat White";
    expect(isOutdated(card, draft, other)).toBe(false);
    expect(isOutdated(drawnFor(olivia!.id), draft, other)).toBe(true);
  });

  it("is out of date when its customer has left the table", () => {
    const card = drawnFor(sarah!.id);
    const without = structuredClone(content);
    without.dataset.rows = without.dataset.rows.filter((r) => r.id !== sarah!.id);
    expect(isOutdated(card, draft, without)).toBe(true);
  });
});
