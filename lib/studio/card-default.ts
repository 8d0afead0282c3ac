import type { CardSettings } from "../validations/workspace";

/**
 * The card a draft has until the student changes it, and the key order a drawn card's look is read
 * in (lib/studio/card-text.ts). On its own, without the formats, layouts and themes of ./card.ts: the
 * workspace checks whether a studio picture is out of date from its first load, and needs no more.
 */
export const DEFAULT_CARD: CardSettings = {
  format: "story",
  layout: "stack",
  background: "gradient",
  theme: "espresso",
  textColor: 0,
  headline: "[Name], your year in coffee",
  headlineSize: 88,
  bodySize: 48,
};
