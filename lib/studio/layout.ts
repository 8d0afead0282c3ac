import { colord, extend } from "colord";
import a11yPlugin from "colord/plugins/a11y";
import { CARD_FORMATS, CARD_SIZE_LIMITS, CARD_SIZE_STEP, CARD_THEMES, cardColors, type CardSettings } from "./card";
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

/**
 * What makes a customer's cards fit, one slider at a time: the largest headline size and the largest
 * text size (each still readable on a phone, the other slider unchanged) at which every card fits;
 * null where that slider alone can't make them fit.
 */
export type CardFit = {
  headline: number | null;
  body: number | null;
  /** Neither alone: the largest headline size that fits beside the smallest readable text size. */
  both: { headline: number; body: number } | null;
};

export type CardIssue = {
  kind: "too_small" | "overflow" | "contrast";
  message: string;
  /** overflow: whose card */
  who?: string;
  /** overflow: the sizes that make it fit */
  fit?: CardFit;
};

/**
 * "…the text doesn't fit: " and what would make it fit. On a square card a big headline takes much
 * of the room, so the advice names each slider that alone would do it, at the size it needs; when
 * neither would (at sizes still readable on a phone), the text itself must be shorter.
 */
function overflowMessage(whose: string, fit: CardFit): string {
  const sizes = [
    fit.headline !== null && `make the headline size ${fit.headline} or less`,
    fit.body !== null && `make the text size ${fit.body} or less`,
  ].filter((x): x is string => Boolean(x));
  const advice =
    sizes.length > 0
      ? `shorten it${sizes.length === 1 ? " or" : ","} ${sizes.join(", or ")}.`
      : fit.both
        ? `shorten it, or make the text size ${fit.both.body} and the headline size ${fit.both.headline} or less.`
        : "shorten it (smaller text would no longer be readable on a phone).";
  return `On ${whose} the text doesn't fit: ${advice}`;
}

/**
 * The issues of every customer's cards as one list: the same advice once, and cards that don't fit
 * named together ("On Sarah's, James's and Emily's cards …") rather than five near-identical lines.
 */
export function mergeCardIssues(issues: CardIssue[]): CardIssue[] {
  const overflows = issues.filter((i) => i.kind === "overflow");
  const overflowing = [...new Set(overflows.map((i) => i.who!))];
  // A size that makes every one of them fit: the smallest of theirs (none, if one of them has none).
  const least = (size: (fit: CardFit) => number | null | undefined) =>
    overflows.reduce<number | null>((min, i) => {
      const mine = i.fit && size(i.fit);
      return min === null || mine == null ? null : Math.min(min, mine);
    }, Infinity);
  const bothHeadline = least((fit) => fit.both?.headline);
  const bothBody = overflows[0]?.fit?.both?.body; // the smallest readable text size: the same on every card
  const merged =
    overflowing.length > 1
      ? [
          ...issues.filter((i) => i.kind !== "overflow"),
          {
            kind: "overflow" as const,
            message: overflowMessage(
              `${new Intl.ListFormat("en", { type: "conjunction" }).format(overflowing.map((who) => `${who}'s`))} cards`,
              {
                headline: least((fit) => fit.headline),
                body: least((fit) => fit.body),
                both: bothHeadline !== null && bothBody !== undefined ? { headline: bothHeadline, body: bothBody } : null,
              },
            ),
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
export function wrapText(text: string, maxWidth: number, fontSize: number, weight: 400 | 700, maxLines = Infinity): string[] {
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
  // Past `maxLines` nothing more is measured: a card's checks lay its text out again and again.
  const full = () => lines.length >= maxLines;
  for (const paragraph of text.split(/\n+/)) {
    if (full()) break;
    let line = "";
    let lineUnits = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (full()) break;
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
        if (full()) break;
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
  return lines.slice(0, maxLines);
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
    lines: wrapText(content, inner, fontSize, fontWeight, Math.ceil(height / (fontSize * lineHeight)) + 1),
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

const overflows = (card: LaidOutCard) => card.contentHeight > card.height - 2 * card.padding;

type Placed = { card: LaidOutCard; b: Block };
const smallestOf = (blocks: Placed[]) => blocks.reduce<Placed | null>((min, x) => (!min || x.b.fontSize < min.b.fontSize ? x : min), null);
const phoneScale = (card: LaidOutCard) => PHONE_WIDTH_CSS / card.width;

/**
 * Each slider with its own blocks, in its own units: the one-datapoint-per-card layout draws the
 * headline at 0.6 of its size, so "make the text at least 39" would not help a headline too small.
 */
function sliders(settings: CardSettings, cards: LaidOutCard[]) {
  const all = cards.flatMap((card) => card.blocks.map((b) => ({ card, b })));
  return [
    {
      key: "headlineSize" as const,
      name: "the headline size",
      what: "The headline",
      value: settings.headlineSize,
      min: CARD_SIZE_LIMITS.headline.min,
      blocks: all.filter((x) => x.b.kind === "headline"),
    },
    {
      key: "bodySize" as const,
      name: "the text size",
      what: "Some text",
      value: settings.bodySize,
      min: CARD_SIZE_LIMITS.body.min,
      blocks: all.filter((x) => x.b.kind !== "headline"),
    },
  ];
}

/** A size the slider can be set to: the nearest step at or above `size` (`up`), or at or below it. */
const onSlider = (slider: { min: number }, size: number, up: boolean) =>
  slider.min + (up ? Math.ceil : Math.floor)((size - slider.min) / CARD_SIZE_STEP) * CARD_SIZE_STEP;

/** The smallest value of a slider at which its smallest text is readable on a phone. */
function readableAt(small: Placed, slider: { value: number; min: number }): number {
  // (Drawn at a fraction of the slider, the size is rounded: half a pixel more keeps it clear of that.)
  const factor = small.b.fontSize / slider.value;
  return onSlider(slider, Math.ceil((MIN_READABLE_CSS_PX / phoneScale(small.card) + (factor === 1 ? 0 : 0.5)) / factor), true);
}

type Slider = ReturnType<typeof sliders>[number];

/** The smallest value of a slider still readable on a phone (and on the slider). */
const readableFloor = (slider: Slider) => {
  const small = smallestOf(slider.blocks);
  return Math.max(slider.min, small ? readableAt(small, slider) : slider.min);
};

/** The largest value of one slider, below its own and still readable, at which every card fits; null if none. */
function largestFitting(settings: CardSettings, text: CardText, slider: Slider): number | null {
  const fitsAt = (step: number) => !layoutCards({ ...settings, [slider.key]: slider.min + step * CARD_SIZE_STEP }, text).some(overflows);
  // In the slider's steps: from the smallest readable size to the one below the slider's own.
  let low = (readableFloor(slider) - slider.min) / CARD_SIZE_STEP;
  let high = (onSlider(slider, slider.value - 1, false) - slider.min) / CARD_SIZE_STEP;
  if (high < low || !fitsAt(low)) return null;
  // Smaller text never takes more room: the largest size that fits, in a few layouts.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fitsAt(middle)) low = middle;
    else high = middle - 1;
  }
  return slider.min + low * CARD_SIZE_STEP;
}

/**
 * What would make a card hard to read on a phone: text under MIN_READABLE_CSS_PX once the card is
 * shown PHONE_WIDTH_CSS wide, text that runs off the card, and text that fails WCAG AA contrast
 * (4.5:1, or 3:1 for large text: 24 CSS px, or 18.66 px bold, as shown on the phone). `text` is what
 * the cards say, for the sizes at which cards that run over would fit.
 */
export function checkCards(settings: CardSettings, cards: LaidOutCard[], who: string, text: CardText): CardIssue[] {
  const issues: CardIssue[] = [];
  const each = sliders(settings, cards);
  const smallest = smallestOf(each.flatMap((slider) => slider.blocks));
  for (const slider of each) {
    const small = smallestOf(slider.blocks);
    if (!small || small.b.fontSize * phoneScale(small.card) >= MIN_READABLE_CSS_PX) continue;
    issues.push({
      kind: "too_small",
      message: `${slider.what} would be ${(small.b.fontSize * phoneScale(small.card)).toFixed(0)} px on a phone, too small to read: make ${slider.name} at least ${readableAt(small, slider)}.`,
    });
  }
  const [headline, body] = each as [Slider, Slider];
  let fit: CardFit | undefined;
  if (cards.some(overflows)) {
    // The text at its smallest readable size leaves the headline the most room.
    const smallestText = readableFloor(body);
    const beside = smallestText < settings.bodySize ? largestFitting({ ...settings, bodySize: smallestText }, text, headline) : null;
    fit = {
      headline: largestFitting(settings, text, headline),
      body: largestFitting(settings, text, body),
      both: beside === null ? null : { headline: beside, body: smallestText },
    };
  }
  cards.forEach((card, n) => {
    if (overflows(card)) {
      const where = cards.length > 1 ? ` (card ${n + 1} of ${cards.length})` : "";
      // (Centred on the card, text that doesn't fit is cut at the top and the bottom alike.)
      issues.push({ kind: "overflow", message: overflowMessage(`${who}'s card${where}`, fit!), who, fit });
    }
  });
  if (smallest) {
    const shown = smallest.b.fontSize * phoneScale(smallest.card);
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
