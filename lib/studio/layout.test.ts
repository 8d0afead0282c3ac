import path from "node:path";
import { describe, expect, it } from "vitest";
import { cardFontFiles, measureFontFile } from "../../scripts/card-fonts.mjs";
import { defaultLessonContent } from "../lesson/default-lesson";
import { studioDraft } from "../test/studio";
import { CARD_FORMATS, CARD_LAYOUTS, CARD_SIZE_LIMITS, CARD_SIZE_STEP, CARD_THEMES, DEFAULT_CARD, type CardSettings } from "./card";
import { cardCustomers, cardText } from "./card-text";
import fontMetrics from "./font-metrics.json";
import {
  checkCards,
  layoutCards,
  mergeCardIssues,
  MIN_READABLE_CSS_PX,
  PHONE_WIDTH_CSS,
  textWidth,
  textColorChoice,
  worstContrast,
  wrapText,
  type CardText,
} from "./layout";

const content = defaultLessonContent();
const draft = studioDraft("Hi [Name]! You stopped by [Number of Purchases] times, and your go-to was the [Most Ordered Drink].");
const sarah = cardCustomers(content)[0]!;
const text = (settings: CardSettings = DEFAULT_CARD, rowId = sarah.id) => cardText(settings, draft, content, rowId);
const cards = (settings: Partial<CardSettings> = {}, t?: CardText) => {
  const s = { ...DEFAULT_CARD, ...settings };
  return layoutCards(s, t ?? text(s));
};

describe("the card's text", () => {
  it("fills the headline and the copy for each customer, with that customer's values for the three datapoints", () => {
    const t = text();
    expect(t.headline).toBe("Sarah Johns, your year in coffee");
    expect(t.copy).toBe("Hi Sarah Johns! You stopped by 156 times, and your go-to was the Latte.");
    expect(t.items).toEqual([
      { label: "Number of Purchases", value: "156" },
      { label: "Most Ordered Drink", value: "Latte" },
      { label: "Most Ordered Pastry", value: "Croissant" },
    ]);
    const michael = cardCustomers(content).find((c) => c.name.startsWith("Michael"))!;
    expect(text(DEFAULT_CARD, michael.id).items[2]!.value).toBe("Chocolate Chip Cookie");
    expect(cardCustomers(content).map((c) => c.name)).toHaveLength(5);
  });
});

describe("line breaking", () => {
  it("measures with the font's own widths: a wide letter is wider than a narrow one, bold wider than regular", () => {
    expect(textWidth("W", 100, 400)).toBeGreaterThan(textWidth("i", 100, 400) * 2);
    expect(textWidth("Latte", 100, 700)).toBeGreaterThan(textWidth("Latte", 100, 400));
    expect(textWidth("Latte", 200, 400)).toBeCloseTo(textWidth("Latte", 100, 400) * 2);
  });

  it("breaks at spaces so every line fits, keeps every word, and cuts only a word wider than a line", () => {
    const lines = wrapText("Your go-to was the Pumpkin Spice Latte, every single October morning", 500, 48, 400);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textWidth(line, 48, 400)).toBeLessThanOrEqual(500);
    expect(lines.join(" ")).toBe("Your go-to was the Pumpkin Spice Latte, every single October morning");
    const cut = wrapText("Supercalifragilisticexpialidocious", 300, 64, 700);
    expect(cut.length).toBeGreaterThan(1);
    // Each cut is marked with a hyphen, which fits on its line too.
    for (const line of cut.slice(0, -1)) expect(line).toMatch(/[^-]-$/);
    expect(cut.at(-1)).not.toMatch(/-$/);
    expect(cut.map((line, i) => (i < cut.length - 1 ? line.slice(0, -1) : line)).join("")).toBe("Supercalifragilisticexpialidocious");
    for (const line of cut) expect(textWidth(line, 64, 700)).toBeLessThanOrEqual(300);
    // A cut that falls just after a hyphen of the word adds none.
    const hyphenated = wrapText("Pumpkin-spice-latte-lover-of-the-year", textWidth("Pumpkin-", 48, 400) + 1, 48, 400);
    expect(hyphenated[0]).toBe("Pumpkin-");
    expect(hyphenated.join("")).not.toContain("--");
    // Chinese and numbers are cut without one.
    const han = wrapText("中".repeat(40), 300, 48, 400);
    expect(han.length).toBeGreaterThan(1);
    expect(han.join("")).toBe("中".repeat(40));
    expect(wrapText("1".repeat(60), 300, 48, 400).join("")).toBe("1".repeat(60));
  });

  it("keeps each block's text whole beside its cut lines, for screen readers", () => {
    const settings = { ...DEFAULT_CARD, headline: "Supercalifragilisticexpialidocious   coffee" };
    const [card] = layoutCards(settings, { headline: settings.headline, items: [], copy: "" });
    const head = card!.blocks.find((b) => b.kind === "headline")!;
    expect(head.lines.length).toBeGreaterThan(1);
    expect(head.lines.some((line) => line.endsWith("-"))).toBe(true);
    expect(head.text).toBe("Supercalifragilisticexpialidocious coffee");
  });

  it("never makes a line wider than allowed, however narrow, and keeps every letter", () => {
    const word = "Xjlwmiqxjlwmiqabcdefghijklmnopqrstuvwxyzéüñ";
    for (const width of [20, 30, 40, 51, 60, 80, 120, 200])
      for (const size of [24, 48, 96]) {
        const lines = wrapText(word, width, size, 700);
        const wider = lines.filter((line) => line.length > 1 && textWidth(line, size, 700) > width);
        expect(wider, `${width} px at ${size}`).toEqual([]);
        expect(lines.map((line) => (/[^-]-$/.test(line) ? line.slice(0, -1) : line)).join(""), `${width} px at ${size}`).toBe(word);
      }
  });

  it("keeps the student's own line breaks", () => {
    expect(wrapText("Hi Sarah!\nSee you soon", 2000, 48, 400)).toEqual(["Hi Sarah!", "See you soon"]);
  });
});

describe("layouts", () => {
  it("draws each format at its size, and the one-datapoint layout as three cards", () => {
    for (const [format, size] of Object.entries(CARD_FORMATS)) {
      const [card] = cards({ format: format as CardSettings["format"] });
      expect([card!.width, card!.height]).toEqual([size.width, size.height]);
    }
    expect(cards({ layout: "stack" })).toHaveLength(1);
    expect(cards({ layout: "spotlight" })).toHaveLength(1);
    const series = cards({ layout: "series" });
    expect(series).toHaveLength(3);
    expect(series.map((c) => c.blocks.find((b) => b.kind === "value")!.lines.join(" "))).toEqual(["156", "Latte", "Croissant"]);
    // A long word is drawn smaller rather than cut.
    const [number, , pastry] = series.map((c) => c.blocks.find((b) => b.kind === "value")!.fontSize);
    expect(pastry).toBeLessThan(number!);
    // The copy closes the last card only.
    expect(series.map((c) => c.blocks.some((b) => b.kind === "copy"))).toEqual([false, false, true]);
  });

  it("puts the first datapoint first, and biggest, in the big-number layout", () => {
    const [card] = cards({ layout: "spotlight" });
    expect(card!.blocks[0]!.kind).toBe("value");
    expect(card!.blocks[0]!.lines).toEqual(["156"]);
    expect(card!.blocks[0]!.fontSize).toBe(Math.max(...card!.blocks.map((b) => b.fontSize)));
  });
});

describe("the checks before the student finishes", () => {
  const check = (settings: CardSettings, words: CardText, who = "Sarah") => checkCards(settings, layoutCards(settings, words), who, words);

  it("passes the default card (a vertical story) for every customer, in every layout", () => {
    for (const customer of cardCustomers(content))
      for (const layout of Object.keys(CARD_LAYOUTS) as CardSettings["layout"][])
        for (const format of ["story"] as const) {
          const s = { ...DEFAULT_CARD, layout, format };
          expect(check(s, text(s, customer.id), customer.name), `${customer.name} ${layout} ${format}`).toEqual([]);
        }
  });

  it("flags text too small to read on a phone, and says how big it must be; a readable size passes", () => {
    const tooSmall = { ...DEFAULT_CARD, bodySize: 30 };
    const issues = check(tooSmall, text(tooSmall));
    // 39 would be readable, and the slider moves in steps of 2 from 24: 40 is the size it can be set to.
    const readable39 = Math.ceil(MIN_READABLE_CSS_PX / (PHONE_WIDTH_CSS / 1080));
    expect(readable39).toBe(39);
    const minimum = CARD_SIZE_LIMITS.body.min + Math.ceil((readable39 - CARD_SIZE_LIMITS.body.min) / CARD_SIZE_STEP) * CARD_SIZE_STEP;
    expect(minimum).toBe(40);
    expect(issues).toEqual([{ kind: "too_small", message: expect.stringContaining(`at least ${minimum}.`) }]);
    expect(check({ ...tooSmall, bodySize: minimum - CARD_SIZE_STEP }, text(tooSmall)).map((i) => i.kind)).toEqual(["too_small"]);
    const readable = { ...DEFAULT_CARD, bodySize: minimum };
    expect(check(readable, text(readable))).toEqual([]);
  });

  it("names the slider that is too small, with a size for that slider which then passes: the series layout draws its headline at 0.6", () => {
    const small = { ...DEFAULT_CARD, layout: "series" as const, bodySize: 48, headlineSize: 32 };
    const issues = check(small, text(small));
    expect(issues).toEqual([
      {
        kind: "too_small",
        message: expect.stringMatching(
          /^The headline would be \d+ px on a phone, too small to read: make the headline size at least \d+\.$/,
        ),
      },
    ]);
    const needed = Number(/at least (\d+)/.exec(issues[0]!.message)![1]);
    expect(needed).toBeGreaterThan(Math.ceil(MIN_READABLE_CSS_PX / (PHONE_WIDTH_CSS / 1080))); // not the text size's 39
    const fixed = { ...small, headlineSize: needed };
    expect(check(fixed, text(fixed))).toEqual([]);
    // Both too small: two messages, one per slider.
    const both = { ...small, bodySize: 24 };
    expect(check(both, text(both)).map((i) => i.message.split(" would")[0])).toEqual(["The headline", "Some text"]);
  });

  it("merges every customer's issues into one list: the same advice once, the cards that don't fit named together, at sizes that fit them all", () => {
    const overflow = (who: string, headline: number | null, body: number | null, both: number | null = null) => ({
      kind: "overflow" as const,
      message: `On ${who}'s card the text doesn't fit: shorten it.`,
      who,
      fit: { headline, body, both: both === null ? null : { headline: both, body: 40 } },
    });
    const small = { kind: "too_small" as const, message: "Some text would be 9 px" };
    expect(mergeCardIssues([small, overflow("Sarah", 90, 50), small, overflow("James", 70, 44), overflow("Emily", 80, null)])).toEqual([
      small,
      {
        kind: "overflow",
        message: "On Sarah's, James's, and Emily's cards the text doesn't fit: shorten it or make the headline size 70 or less.",
      },
    ]);
    expect(mergeCardIssues([overflow("Sarah", 90, 50), overflow("James", 70, 44)])[0]!.message).toBe(
      "On Sarah's and James's cards the text doesn't fit: shorten it, make the headline size 70 or less, or make the text size 44 or less.",
    );
    // Neither size alone fits them all: both together, at the smallest headline any of them needs.
    expect(mergeCardIssues([overflow("Sarah", 90, null, 95), overflow("James", null, 44, 60)])[0]!.message).toBe(
      "On Sarah's and James's cards the text doesn't fit: shorten it, or make the text size 40 and the headline size 60 or less.",
    );
    expect(mergeCardIssues([overflow("Sarah", null, null, 95), overflow("James", null, null)])[0]!.message).toBe(
      "On Sarah's and James's cards the text doesn't fit: shorten it (smaller text would no longer be readable on a phone).",
    );
    // One customer's: their own message, as it was.
    expect(mergeCardIssues([overflow("Sarah", 90, 50), small])).toEqual([overflow("Sarah", 90, 50), small]);
  });

  it("on a square card whose text runs over, names the slider that would make it fit, at the largest size that does; followed, it fits", () => {
    const sentence = "We saved your favourite seat by the window, and your usual order is on us. ";
    const square = { ...DEFAULT_CARD, format: "square" as const, layout: "stack" as const };
    const overflowOf = (settings: CardSettings, words: CardText) => check(settings, words).filter((i) => i.kind === "overflow");
    // Each advised size, followed, makes the cards fit, and one step more doesn't: the largest that fits.
    const followed = (settings: CardSettings, words: CardText, change: Partial<CardSettings>, over: Partial<CardSettings>) => {
      for (const size of Object.values(change)) expect(Number(size) % CARD_SIZE_STEP, "a size the slider can be set to").toBe(0);
      expect(overflowOf({ ...settings, ...change }, words), JSON.stringify(change)).toEqual([]);
      expect(overflowOf({ ...settings, ...over }, words), JSON.stringify(over)).toHaveLength(1);
    };

    // A big headline over one sentence: a smaller headline is what helps (the text is near its smallest readable size).
    const one = { ...text(), copy: sentence };
    const bigHeadline = { ...square, headlineSize: 150, bodySize: 48 };
    const [a] = overflowOf(bigHeadline, one);
    expect(a!.message).toMatch(/^On Sarah's card the text doesn't fit: shorten it or make the headline size \d+ or less\.$/);
    expect(a!.fit!.body).toBeNull();
    followed(bigHeadline, one, { headlineSize: a!.fit!.headline! }, { headlineSize: a!.fit!.headline! + CARD_SIZE_STEP });

    // Big text under a modest headline: the text size.
    const bigText = { ...square, headlineSize: 80, bodySize: 56 };
    const [b] = overflowOf(bigText, one);
    expect(b!.message).toMatch(/^On Sarah's card the text doesn't fit: shorten it or make the text size \d+ or less\.$/);
    followed(bigText, one, { bodySize: b!.fit!.body! }, { bodySize: b!.fit!.body! + CARD_SIZE_STEP });

    // Two sentences: neither alone, both together (the text at its smallest readable size).
    const two = { ...text(), copy: sentence.repeat(2) };
    const [c] = overflowOf(bigHeadline, two);
    expect(c!.fit).toMatchObject({ headline: null, body: null, both: { body: 40 } });
    expect(c!.message).toMatch(
      /^On Sarah's card the text doesn't fit: shorten it, or make the text size 40 and the headline size \d+ or less\.$/,
    );
    const both = c!.fit!.both!;
    followed(
      bigHeadline,
      two,
      { bodySize: both.body, headlineSize: both.headline },
      { bodySize: both.body, headlineSize: both.headline + CARD_SIZE_STEP },
    );
    expect(check({ ...bigHeadline, bodySize: both.body, headlineSize: both.headline }, two)).toEqual([]); // and still readable

    // Text that only sizes too small to read would fit: shorter text is the only advice.
    const eight = { ...text(), copy: sentence.repeat(8) };
    expect(overflowOf(bigHeadline, eight)).toEqual([
      {
        kind: "overflow",
        who: "Sarah",
        fit: { headline: null, body: null, both: null },
        message: "On Sarah's card the text doesn't fit: shorten it (smaller text would no longer be readable on a phone).",
      },
    ]);
  });

  it("flags text that runs off the card, naming the customer; the same text at a smaller size fits", () => {
    const long = { ...text(), copy: "We saved your favourite seat by the window. ".repeat(14) };
    const big = { ...DEFAULT_CARD, format: "square" as const, bodySize: 64 };
    expect(check(big, long)).toEqual([
      { kind: "overflow", message: expect.stringContaining("Sarah's card"), who: "Sarah", fit: expect.anything() },
    ]);
    const fits = { ...DEFAULT_CARD, format: "story" as const, bodySize: 40 };
    expect(check(fits, long).filter((i) => i.kind === "overflow")).toEqual([]);
  });

  it("lays out no more lines than the card could show, so a 5,000-character copy costs the renderer a card's worth; it is still flagged", () => {
    const words = "We saved your favourite seat by the window. ";
    const huge = { ...text(), copy: words.repeat(Math.ceil(5000 / words.length)) };
    const settings = { ...DEFAULT_CARD, format: "square" as const, bodySize: 24 };
    const [card] = layoutCards(settings, huge);
    const copy = card!.blocks.find((b) => b.kind === "copy")!;
    const fit = Math.ceil(card!.height / (copy.fontSize * copy.lineHeight)) + 1;
    expect(wrapText(huge.copy, 1e9, 24, 400).join(" ").length).toBeGreaterThan(4900); // the whole text, unwrapped
    expect(copy.lines).toHaveLength(fit);
    expect(checkCards(settings, [card!], "Sarah", huge).map((i) => i.kind)).toContain("overflow");
    // So does a copy of 1,660 short lines (the student's own breaks): 1,661 lines drawn took the renderer 0.5-1 s.
    const broken = layoutCards(settings, { ...text(), copy: "ab\n".repeat(1660) })[0]!;
    expect(broken.blocks.find((b) => b.kind === "copy")!.lines).toHaveLength(fit);
    // A copy that fits keeps every line.
    const short = { ...text(), copy: words.repeat(3) };
    const shortCopy = layoutCards(settings, short)[0]!.blocks.find((b) => b.kind === "copy")!;
    expect(shortCopy.lines.join(" ").replace(/\s+/g, " ").trim()).toBe(short.copy.trim());
  });

  it("flags a text colour without enough contrast; the theme's first colour passes", () => {
    const clash = { ...DEFAULT_CARD, theme: "latte" as const, textColor: 1 };
    expect(worstContrast(clash)).toBeLessThan(3);
    expect(check(clash, text(clash))).toEqual([{ kind: "contrast", message: expect.stringContaining(":1") }]);
    const fine = { ...clash, textColor: 0 };
    expect(check(fine, text(fine))).toEqual([]);
  });

  it("names each text colour and says in words how readable it is; the clash is hard to read", () => {
    expect(textColorChoice("espresso", 0)).toEqual({ label: "Cream", hint: expect.stringMatching(/^Very easy to read \(\d+\.\d:1\)$/) });
    expect(textColorChoice("latte", 1)).toEqual({ label: "Cream", hint: expect.stringMatching(/^Hard to read \(\d\.\d:1\)$/) });
    for (const [theme, t] of Object.entries(CARD_THEMES) as [CardSettings["theme"], (typeof CARD_THEMES)[CardSettings["theme"]]][]) {
      expect(t.textNames, theme).toHaveLength(t.text.length);
      expect(new Set(t.textNames).size, theme).toBe(t.text.length);
    }
  });

  it("every theme's first text colour passes WCAG AA (4.5:1) on all of its background", () => {
    for (const theme of Object.keys(CARD_THEMES) as CardSettings["theme"][])
      expect(worstContrast({ theme, textColor: 0 }), theme).toBeGreaterThanOrEqual(4.5);
  });
});

it("font-metrics.json matches the installed font (run `node scripts/studio-metrics.mjs` after changing it)", () => {
  const fresh = Object.fromEntries(cardFontFiles(path.resolve(".")).map(({ weight, file }) => [String(weight), measureFontFile(file)]));
  expect(fontMetrics).toEqual(fresh);
});
