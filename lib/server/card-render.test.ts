import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { defaultLessonContent } from "@/lib/lesson/default-lesson";
import { CARD_FORMATS, DEFAULT_CARD, type CardSettings } from "@/lib/studio/card";
import { cardCustomers, cardText } from "@/lib/studio/card-text";
import { layoutCards } from "@/lib/studio/layout";
import { studioDraft } from "@/lib/test/studio";
import { cardRenderCount, emojiFileName, renderCardPng } from "./card-render";

const content = defaultLessonContent();
const draft = studioDraft("Hi [Name] ☕! [Number of Purchases] visits this year 🎉");
const laidOut = (settings: CardSettings, customer = 0) =>
  layoutCards(settings, cardText(settings, draft, content, cardCustomers(content)[customer]!.id));

describe("rendering a card to PNG", { timeout: 30_000 }, () => {
  it("draws each format at its exact size, as a PNG of a reasonable weight, emoji included, with no network", async () => {
    for (const format of Object.keys(CARD_FORMATS) as CardSettings["format"][]) {
      const settings = { ...DEFAULT_CARD, format };
      const png = await renderCardPng(settings, laidOut(settings)[0]!);
      const meta = await sharp(png).metadata();
      expect(meta.format).toBe("png");
      expect([meta.width, meta.height]).toEqual([CARD_FORMATS[format].width, CARD_FORMATS[format].height]);
      expect(png.length).toBeGreaterThan(10_000);
      expect(png.length).toBeLessThan(2_000_000);
    }
  });

  it("draws the text: a card with the copy differs from the same card without it, and customers' cards differ", async () => {
    const settings = { ...DEFAULT_CARD, format: "square" as const, layout: "spotlight" as const };
    const sarah = await renderCardPng(settings, laidOut(settings, 0)[0]!);
    const james = await renderCardPng(settings, laidOut(settings, 1)[0]!);
    expect(sarah.equals(james)).toBe(false);
    const blank = await renderCardPng(settings, { ...laidOut(settings, 0)[0]!, blocks: [] });
    const stats = async (png: Buffer) => (await sharp(png).stats()).channels[0]!.stdev;
    expect(await stats(sarah)).toBeGreaterThan(await stats(blank));
  });

  it("serves the same card from its cache without drawing it again; a changed card is drawn", async () => {
    const settings = { ...DEFAULT_CARD, theme: "matcha" as const };
    const card = laidOut(settings)[0]!;
    const first = await renderCardPng(settings, card);
    const drawn = cardRenderCount();
    const again = await renderCardPng({ ...settings }, structuredClone(card));
    expect(again.equals(first)).toBe(true);
    expect(cardRenderCount()).toBe(drawn);
    await renderCardPng({ ...settings, textColor: 1 }, card);
    expect(cardRenderCount()).toBe(drawn + 1);
  });

  it("draws the letters of names beyond English (Polish, Turkish, Vietnamese, Cyrillic, Greek), not the box of a missing letter", async () => {
    const settings = { ...DEFAULT_CARD, format: "square" as const };
    const base = laidOut(settings)[0]!;
    const headline = base.blocks.find((b) => b.kind === "headline")!;
    const drawn = (text: string) => renderCardPng(settings, { ...base, blocks: [{ ...headline, text, lines: [text] }] });
    // A private-use character no font has: what a missing letter looks like.
    const missing = await drawn("\uE000");
    for (const letter of ["é", "Ł", "ę", "ş", "ơ", "ễ", "Д", "ї", "Ω"]) expect((await drawn(letter)).equals(missing), letter).toBe(false);
  });

  it("names emoji files as Twemoji does", () => {
    expect(emojiFileName("☕")).toBe("2615.svg");
    expect(emojiFileName("❤️")).toBe("2764.svg");
    expect(emojiFileName("👩‍🏫")).toBe("1f469-200d-1f3eb.svg");
  });
});
