import type { CardSettings } from "../validations/workspace";

/**
 * The Year in Review studio's card: what a student chooses (format, layout, background, colours,
 * headline, sizes), saved in their draft. Pure and shared: the studio's editor and preview, the
 * grading view and the server's PNG render (lib/server/card-render.ts) all read it from here.
 * Its schema (cardSettingsSchema) is with the draft's, in lib/validations/workspace.ts: the
 * previews import this module without zod (31 KB gzip in the grading view's first load).
 */

export type { CardSettings };
// The card a draft starts from: a module of its own, so the workspace checks cards without the tables below.
export { DEFAULT_CARD } from "./card-default";

export const CARD_FORMATS = {
  story: { width: 1080, height: 1920, label: "Vertical story", hint: "1080 × 1920, fills a phone screen" },
  portrait: { width: 1080, height: 1350, label: "Portrait post", hint: "1080 × 1350, for a feed" },
  square: { width: 1080, height: 1080, label: "Square", hint: "1080 × 1080, fits anywhere" },
} as const;

export const CARD_LAYOUTS = {
  stack: { label: "All three on one card", hint: "The three datapoints, one under the other, then your copy." },
  spotlight: { label: "Big number first", hint: "Your first datapoint, huge, then the headline and the other two." },
  series: { label: "One datapoint per card", hint: "Three cards, one datapoint each; your copy closes the last one." },
} as const;

/**
 * Colour themes: each theme's background stops and three text colours, named for the studio's
 * choices. A theme's first text colour passes WCAG AA on every colour of its background
 * (lib/studio/layout.test.ts checks it); the studio checks the student's own combination.
 */
export const CARD_THEMES = {
  espresso: {
    label: "Espresso",
    background: ["#2b1a14", "#4a2c20"],
    text: ["#fff7ed", "#fcd34d", "#fdba74"],
    textNames: ["Cream", "Honey", "Peach"],
  },
  oat: {
    label: "Oat milk",
    background: ["#f6efe4", "#eadbc4"],
    text: ["#3b2416", "#7c2d12", "#1f2937"],
    textNames: ["Dark roast", "Rust", "Charcoal"],
  },
  midnight: {
    label: "Midnight",
    background: ["#1e1b4b", "#3b0764"],
    text: ["#ffffff", "#c7d2fe", "#f9a8d4"],
    textNames: ["White", "Lavender", "Pink"],
  },
  matcha: {
    label: "Matcha",
    background: ["#123524", "#1d4d2f"],
    text: ["#f0fdf4", "#d9f99d", "#fde68a"],
    textNames: ["Mint", "Lime", "Butter"],
  },
  berry: {
    label: "Berry",
    background: ["#7a1238", "#5b0f2e"],
    text: ["#fff1f2", "#fecdd3", "#fde68a"],
    textNames: ["Blush", "Rose", "Butter"],
  },
  sky: {
    label: "Morning sky",
    background: ["#e0f2fe", "#bae6fd"],
    text: ["#0c2a44", "#7c2d12", "#3b0764"],
    textNames: ["Navy", "Rust", "Plum"],
  },
  // Two colours picked to clash: the studio's contrast check has something to catch.
  latte: {
    label: "Latte art",
    background: ["#d6b48f", "#c49a6c"],
    text: ["#3b2416", "#fff7ed", "#7c2d12"],
    textNames: ["Dark roast", "Cream", "Rust"],
  },
} as const;
export type CardTheme = keyof typeof CARD_THEMES;

/** Backgrounds from a small built-in set, drawn in the theme's colours: no picture is fetched. */
export const CARD_BACKGROUNDS = {
  plain: { label: "Plain" },
  gradient: { label: "Gradient" },
  dots: { label: "Coffee dots" },
  stripes: { label: "Awning stripes" },
  rings: { label: "Cup rings" },
} as const;
export type CardBackground = keyof typeof CARD_BACKGROUNDS;

/** Sizes in the card's own pixels (a 1080-wide card); the studio's sliders stay inside these. */
export const CARD_SIZE_LIMITS = { headline: { min: 32, max: 160 }, body: { min: 24, max: 96 } } as const;
/** The sliders move in steps of this many pixels from their minimum: advice names only sizes a slider can be set to. */
export const CARD_SIZE_STEP = 2;
export const CARD_HEADLINE_MAX = 120;
/**
 * What the headline box takes, and a draft keeps: more than a card may print, so a student who runs
 * over sees the limit's message beside the box (and their words saved) rather than a box that stops.
 */
export const CARD_HEADLINE_TYPED_MAX = CARD_HEADLINE_MAX + 20;

/** The colours a card is drawn with: its background's stops and the chosen text colour. */
export function cardColors(settings: Pick<CardSettings, "theme" | "textColor">) {
  const theme = CARD_THEMES[settings.theme];
  return { background: theme.background, text: theme.text[settings.textColor] ?? theme.text[0] };
}

/** A customer's first name, for "Sarah's card". */
export function firstName(fullName: string): string {
  return fullName.trim().split(/\s+/)[0] || fullName.trim() || "Customer";
}
