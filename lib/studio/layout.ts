import { colord, extend } from "colord";
import a11yPlugin from "colord/plugins/a11y";
import { CARD_FORMATS, CARD_THEMES, cardColors, type CardSettings } from "./card";
import fontMetrics from "./font-metrics.json";

extend([a11yPlugin]);

/**
 * Lays a card out line by line, the same way everywhere: the studio's preview and the server's PNG
 * draw exactly these lines at these sizes (lib/studio/card-element.ts), so what the student sees
 * is what gets stored, and the checks below speak about the real thing. Pure.
 */

/** What one customer's card says: the headline, the three datapoints and the copy, placeholders filled. */
export type CardText = { headline: string; items: { label: string; value: string }[]; copy: string };

type Block = {
  kind: "headline" | "value" | "label" | "copy";
  /** What the block says, whole: for screen readers (the lines are cut, with hyphens, to fit). */
  text: string;
  lines: string[];
  fontSize: number;
  fontWeight: 400 | 700;
  lineHeight: number;
  /** Space above this block, in card pixels. */
  gap: number;
};

export type LaidOutCard = { width: number; height: number; padding: number; blocks: Block[]; contentHeight: number };

export type CardIssue = { kind: "too_small" | "overflow" | "contrast"; message: string; /** overflow: whose card */ who?: string };

/**
 * The issues of every customer's cards as one list: the same advice once, and cards that don't fit
 * named together ("On Sarah's, James's and Emily's cards …") rather than five near-identical lines.
 */
export function mergeCardIssues(issues: CardIssue[]): CardIssue[] {
  const overflowing = [...new Set(issues.filter((i) => i.kind === "overflow").map((i) => i.who!))];
  const merged =
    overflowing.length > 1
      ? [
          ...issues.filter((i) => i.kind !== "overflow"),
          {
            kind: "overflow" as const,
            message: `On ${new Intl.ListFormat("en", { type: "conjunction" }).format(overflowing.map((who) => `${who}'s`))} cards the text doesn't fit: shorten it or make the text smaller.`,
          },
        ]
      : issues;
  return [...new Map(merged.map((i) => [i.message, i])).values()];
}

/**
 * Why "Use these cards" waits: a card the checks flag (text cut off, too small or too faint on a
 * phone) is never what the student means to hand in, and the lesson's design step asks for graphics
 * readable on a phone. The studio says it by the button; the server refuses the same cards.
 */
export const unreadableCardsMessage = (issue: CardIssue) => `First make the cards readable on a phone. ${issue.message}`;

/** On a phone, a 1080-wide card is shown about 390 CSS pixels wide. */
export const PHONE_WIDTH_CSS = 390;
/** The smallest text we call readable on that phone, in CSS pixels (WCAG has no minimum; 14 px is common guidance for body text). */
export const MIN_READABLE_CSS_PX = 14;
const EMOJI_WIDTH_EM = 1.2;
// Lines are broken a little short of the edge, so a renderer's kerning can never push a word over.
const WRAP_SLACK = 0.97;

type FontMetrics = { unitsPerEm: number; ascender: number; descender: number; widths: Record<string, number> };
const METRICS = fontMetrics as unknown as Record<"400" | "700", FontMetrics>;

/** A character's advance in the font's units: its own width, or an emoji's for anything the font lacks. */
function advance(metrics: FontMetrics, char: string): number {
  return metrics.widths[String(char.codePointAt(0))] ?? metrics.unitsPerEm * EMOJI_WIDTH_EM;
}

function units(metrics: FontMetrics, text: string): number {
  let sum = 0;
  for (const char of text) sum += advance(metrics, char);
  return sum;
}

const metricsFor = (weight: 400 | 700) => METRICS[weight === 700 ? "700" : "400"];

/** The width of `text` in card pixels at `fontSize`, from the card font's own advance widths. */
export function textWidth(text: string, fontSize: number, weight: 400 | 700): number {
  const metrics = metricsFor(weight);
  return (units(metrics, text) / metrics.unitsPerEm) * fontSize;
}

/** Letters of scripts that mark a word cut at a line's end with a hyphen (a number is cut without: 123-456 reads as a range). */
const HYPHENATED = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]$/u;

/**
 * Greedy line breaking at spaces (and inside a word, with a hyphen, only when the word alone is wider
 * than a line).
 * One pass over the text: each character is measured once. Cutting a long word by measuring ever
 * shorter prefixes grew with the cube of its length: a student's 5,000 characters without a space,
 * at the largest size, held the server's one thread for minutes on every page that drew the card.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, weight: 400 | 700): string[] {
  const metrics = metricsFor(weight);
  const fits = (u: number) => (u / metrics.unitsPerEm) * fontSize <= maxWidth;
  const space = advance(metrics, " ");
  const hyphen = advance(metrics, "-");
  const lines: string[] = [];
  /**
   * A full line cut inside a word before `next`: the line to push, then what carries down to the next
   * line (maybe nothing). `marked`: the cut falls between two letters that take a hyphen; when the
   * hyphen doesn't fit, the line's last letters move down to make room, as long as they fit beside
   * `next` and leave a letter; otherwise the cut goes without a hyphen.
   */
  const cutLine = (line: string, lineUnits: number, marked: boolean, next: string): [string, string] => {
    if (!marked) return [line, ""];
    if (fits(lineUnits + hyphen)) return [`${line}-`, ""];
    const kept = [...line];
    let carry: string[] = [];
    let keptUnits = lineUnits;
    while (kept.length > 1 && !fits(keptUnits + hyphen)) {
      const last = kept.pop()!;
      carry = [last, ...carry];
      keptUnits -= advance(metrics, last);
    }
    if (carry.length === 0 || !fits(keptUnits + hyphen) || !fits(units(metrics, carry.join("")) + advance(metrics, next)))
      return [line, ""];
    if (!HYPHENATED.test(kept.at(-1)!) || !HYPHENATED.test(carry[0]!)) return [line, ""];
    return [`${kept.join("")}-`, carry.join("")];
  };
  for (const paragraph of text.split(/\n+/)) {
    let line = "";
    let lineUnits = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordUnits = units(metrics, word);
      if (line && fits(lineUnits + space + wordUnits)) {
        line = `${line} ${word}`;
        lineUnits += space + wordUnits;
        continue;
      }
      if (line) lines.push(line);
      if (fits(wordUnits)) {
        line = word;
        lineUnits = wordUnits;
        continue;
      }
      // A word longer than the line: cut it where it must be cut (at least one character a line).
      // A cut between two letters of a script written with hyphens gets one, as a reader expects
      // (Chinese or Japanese are cut anywhere without); the hyphen needs room on its line too.
      line = "";
      lineUnits = 0;
      let prev = "";
      for (const char of word) {
        const charUnits = advance(metrics, char);
        const marked = HYPHENATED.test(prev) && HYPHENATED.test(char);
        if (line && !fits(lineUnits + charUnits)) {
          const [full, carried] = cutLine(line, lineUnits, marked, char);
          lines.push(full);
          line = carried;
          lineUnits = carried ? units(metrics, carried) : 0;
        }
        line += char;
        lineUnits += charUnits;
        prev = char;
      }
    }
    if (line) lines.push(line);
  }
  return lines;
}

/** The largest size up to `target` (down to `min`) at which no single word of `text` is wider than `maxWidth`. */
function fitWords(text: string, maxWidth: number, target: number, min: number, weight: 400 | 700): number {
  const widest = Math.max(0, ...text.split(/\s+/).map((word) => textWidth(word, 1, weight)));
  return widest === 0 ? target : Math.max(min, Math.min(target, Math.floor(maxWidth / widest)));
}

const blockHeight = (b: Block) => b.gap + b.lines.length * b.fontSize * b.lineHeight;

/** The cards for one customer: one, or three for the one-datapoint-per-card layout. */
export function layoutCards(settings: CardSettings, text: CardText): LaidOutCard[] {
  const { width, height } = CARD_FORMATS[settings.format];
  const padding = Math.round(width * 0.08);
  const inner = (width - 2 * padding) * WRAP_SLACK;
  const body = settings.bodySize;
  const block = (
    kind: Block["kind"],
    content: string,
    fontSize: number,
    fontWeight: 400 | 700,
    lineHeight: number,
    gap: number,
  ): Block => ({
    kind,
    text: content.trim().replace(/\s+/g, " "),
    // No more lines than the card could ever show (one over, so that overflow is still seen): a
    // block of thousands of lines, hidden past the card's edge, cost the PNG renderer a second or more.
    lines: wrapText(content, inner, fontSize, fontWeight).slice(0, Math.ceil(height / (fontSize * lineHeight)) + 1),
    fontSize,
    fontWeight,
    lineHeight,
    gap,
  });
  const headline = (gap = 0) => block("headline", text.headline, settings.headlineSize, 700, 1.1, gap);
  const copy = (gap: number) => (text.copy.trim() ? [block("copy", text.copy, body, 400, 1.3, gap)] : []);
  // A big value shrinks until its longest word fits on a line ("Croissant" at 200 px would not).
  const item = (i: { label: string; value: string }, valueSize: number, gap: number) => [
    block("value", i.value, fitWords(i.value, inner, valueSize, body, 700), 700, 1.05, gap),
    block("label", i.label, body, 400, 1.25, Math.round(body * 0.2)),
  ];
  const card = (blocks: Block[]): LaidOutCard => ({
    width,
    height,
    padding,
    blocks,
    contentHeight: blocks.reduce((h, b) => h + blockHeight(b), 0),
  });

  const [first, ...others] = text.items;
  switch (settings.layout) {
    case "stack":
      return [
        card([headline(), ...text.items.flatMap((i) => item(i, Math.round(body * 1.9), Math.round(body * 1.1))), ...copy(body * 1.4)]),
      ];
    case "spotlight":
      return [
        card([
          ...(first ? item(first, Math.round(body * 4), 0) : []),
          headline(Math.round(body * 1.2)),
          ...others.flatMap((i) => item(i, Math.round(body * 1.5), Math.round(body))),
          ...copy(body * 1.2),
        ]),
      ];
    case "series":
      return text.items.map((i, n) =>
        card([
          block("headline", text.headline, Math.round(settings.headlineSize * 0.6), 700, 1.1, 0),
          ...item(i, Math.round(body * 4.2), Math.round(body * 2)),
          ...(n === text.items.length - 1 ? copy(body * 1.6) : []),
        ]),
      );
  }
}

/** Contrast of the text on the worst part of its background (WCAG 2 ratio). */
export function worstContrast(settings: Pick<CardSettings, "theme" | "textColor">): number {
  const colors = cardColors(settings);
  return Math.min(...colors.background.map((bg) => colord(colors.text).contrast(bg)));
}

/**
 * A text colour as the studio offers it: its name, and how readable it is on the theme in words a
 * student reads at a glance (WCAG's ratio in brackets, for those who know it).
 */
export function textColorChoice(theme: CardSettings["theme"], textColor: number): { label: string; hint: string } {
  const ratio = worstContrast({ theme, textColor });
  // (Under 4.5:1 passes for big text alone, and every card has small text too: hard to read.)
  const how = ratio >= 7 ? "Very easy to read" : ratio >= 4.5 ? "Easy to read" : "Hard to read";
  return { label: CARD_THEMES[theme].textNames[textColor] ?? `Colour ${textColor + 1}`, hint: `${how} (${ratio.toFixed(1)}:1)` };
}

/**
 * What would make a card hard to read on a phone: text under MIN_READABLE_CSS_PX once the card is
 * shown PHONE_WIDTH_CSS wide, text that runs off the card, and text that fails WCAG AA contrast
 * (4.5:1, or 3:1 for large text: 24 CSS px, or 18.66 px bold, as shown on the phone).
 */
export function checkCards(settings: CardSettings, cards: LaidOutCard[], who: string): CardIssue[] {
  const issues: CardIssue[] = [];
  const scale = (card: LaidOutCard) => PHONE_WIDTH_CSS / card.width;
  const all = cards.flatMap((card) => card.blocks.map((b) => ({ card, b })));
  const smallestOf = (blocks: typeof all) =>
    blocks.reduce<{ card: LaidOutCard; b: Block } | null>((min, x) => (!min || x.b.fontSize < min.b.fontSize ? x : min), null);
  const smallest = smallestOf(all);
  // Each slider's own advice, in its own units: the one-datapoint-per-card layout draws the headline
  // at 0.6 of its size, so "make the text at least 39" would not help a headline that is too small.
  const sliders = [
    { name: "the headline size", what: "The headline", value: settings.headlineSize, blocks: all.filter((x) => x.b.kind === "headline") },
    { name: "the text size", what: "Some text", value: settings.bodySize, blocks: all.filter((x) => x.b.kind !== "headline") },
  ];
  for (const slider of sliders) {
    const small = smallestOf(slider.blocks);
    if (!small || small.b.fontSize * scale(small.card) >= MIN_READABLE_CSS_PX) continue;
    // (Drawn at a fraction of the slider, the size is rounded: half a pixel more keeps it clear of that.)
    const factor = small.b.fontSize / slider.value;
    const needed = Math.ceil((MIN_READABLE_CSS_PX / scale(small.card) + (factor === 1 ? 0 : 0.5)) / factor);
    issues.push({
      kind: "too_small",
      message: `${slider.what} would be ${(small.b.fontSize * scale(small.card)).toFixed(0)} px on a phone, too small to read: make ${slider.name} at least ${needed}.`,
    });
  }
  cards.forEach((card, n) => {
    if (card.contentHeight > card.height - 2 * card.padding) {
      const where = cards.length > 1 ? ` (card ${n + 1} of ${cards.length})` : "";
      issues.push({
        kind: "overflow",
        // (Centred on the card, text that doesn't fit is cut at the top and the bottom alike.)
        message: `On ${who}'s card${where} the text doesn't fit: shorten it or make the text smaller.`,
        who,
      });
    }
  });
  if (smallest) {
    const shown = smallest.b.fontSize * scale(smallest.card);
    const large = shown >= 24 || (smallest.b.fontWeight === 700 && shown >= 18.66);
    const ratio = worstContrast(settings);
    const needed = large ? 3 : 4.5;
    if (ratio < needed)
      issues.push({
        kind: "contrast",
        message: `The text colour has a contrast of ${ratio.toFixed(1)}:1 with the background; it needs at least ${needed}:1. Pick another text colour or theme.`,
      });
  }
  return issues;
}
