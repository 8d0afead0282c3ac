import { describe, expect, it, vi } from "vitest";
import { CARD_SIZE_LIMITS, DEFAULT_CARD } from "./card";
import { checkCards, layoutCards, textWidth } from "./layout";
import { WORK_LIMITS } from "../validations/limits";

/**
 * Counts every look-up of a character's width, and stops a layout that looks up far more than its
 * text has characters: the cost of breaking lines must grow with the text, not faster. (A long
 * word cut by measuring ever shorter prefixes grew with the cube of its length: minutes of the
 * server's one thread for a student's 5,000 characters without a space.)
 */
const budget = vi.hoisted(() => ({ lookups: 0, limit: Infinity }));

vi.mock("./font-metrics.json", async (importOriginal) => {
  const original = ((await importOriginal()) as { default: Record<string, { widths: Record<string, number> }> }).default;
  const counted = (widths: Record<string, number>) =>
    new Proxy(widths, {
      get(target, key, receiver) {
        budget.lookups += 1;
        if (budget.lookups > budget.limit) throw new Error(`more than ${budget.limit} width look-ups`);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  const metrics = Object.fromEntries(Object.entries(original).map(([weight, m]) => [weight, { ...m, widths: counted(m.widths) }]));
  return { default: metrics };
});

describe("the cost of laying out a card", () => {
  it("cuts the longest copy a student can save, with no space in it, at the largest size, measuring each character a few times", () => {
    const copy = "中".repeat(WORK_LIMITS.copy); // a character the font lacks: as wide as an emoji
    const settings = { ...DEFAULT_CARD, bodySize: CARD_SIZE_LIMITS.body.max };
    budget.lookups = 0;
    budget.limit = 10 * copy.length;
    const [card] = layoutCards(settings, { headline: "Year in coffee", items: [], copy });
    budget.limit = Infinity;
    const lines = card!.blocks.find((b) => b.kind === "copy")!.lines;
    // The lines the card can show (the rest would only be hidden past its edge), in order, none lost between.
    expect(lines.length).toBeGreaterThan(10);
    expect(copy.startsWith(lines.join(""))).toBe(true);
    const inner = card!.width - 2 * card!.padding;
    for (const line of lines) expect(textWidth(line, settings.bodySize, 400)).toBeLessThanOrEqual(inner);
    // Full lines: one more character would not have fitted.
    for (const line of lines.slice(0, -1)) expect(textWidth(`${line}中`, settings.bodySize, 400)).toBeGreaterThan(inner * 0.97);
  });

  it("breaks ordinary copy with the same few look-ups a character", () => {
    const copy = "Hi Sarah! You stopped by 156 times, and your go-to was the Latte. ".repeat(70).slice(0, WORK_LIMITS.copy);
    budget.lookups = 0;
    budget.limit = 10 * copy.length;
    const [card] = layoutCards(DEFAULT_CARD, { headline: "Year in coffee", items: [], copy });
    budget.limit = Infinity;
    const lines = card!.blocks.find((b) => b.kind === "copy")!.lines;
    expect(lines.length).toBeGreaterThan(10);
    expect(copy.trim().replace(/\s+/g, " ").startsWith(lines.join(" "))).toBe(true);
  });

  it("checks a card that runs over, and finds the sizes that would fit it, in a few cards' worth of look-ups, however long the copy", () => {
    const sentence = "Hi Sarah! You stopped by 156 times, and your go-to was the Latte. ";
    const items = ["Latte", "156", "March"].map((value) => ({ label: "A datapoint", value }));
    const text = (copy: string) => ({ headline: "Your year in coffee at the Daily Grind", items, copy });
    const longest = sentence.repeat(100).slice(0, WORK_LIMITS.copy);
    // A card's worth: the look-ups of laying out what one card shows at the smallest sizes (the most lines).
    const smallest = {
      ...DEFAULT_CARD,
      layout: "stack" as const,
      format: "square" as const,
      headlineSize: CARD_SIZE_LIMITS.headline.min,
      bodySize: CARD_SIZE_LIMITS.body.min,
    };
    const shown = layoutCards(smallest, text(longest))[0]!
      .blocks.find((b) => b.kind === "copy")!
      .lines.join(" ");
    expect(shown.length).toBeLessThan(longest.length);
    budget.lookups = 0;
    layoutCards(smallest, text(shown));
    const cardsWorth = budget.lookups;
    for (const layout of ["stack", "spotlight", "series"] as const)
      for (const copy of [sentence.repeat(4), longest]) {
        const settings = {
          ...DEFAULT_CARD,
          layout,
          format: "square" as const,
          headlineSize: CARD_SIZE_LIMITS.headline.max,
          bodySize: CARD_SIZE_LIMITS.body.max,
        };
        const cards = layoutCards(settings, text(copy));
        // The searches lay the cards out about twenty times, mostly at sizes that show few lines, and
        // each layout measures only what its card can show: about 1.5 cards' worth at most (measured).
        // (Measuring the whole copy each time took 5.5 cards' worth for the longest.)
        budget.lookups = 0;
        budget.limit = 3 * cardsWorth;
        const issues = checkCards(settings, cards, "Sarah", text(copy));
        budget.limit = Infinity;
        expect(
          issues.map((i) => i.kind),
          `${layout}, ${copy.length} characters`,
        ).toContain("overflow");
      }
  });
});
