import { formatNumber, type Analytics } from "../analytics";
import { plural } from "../text";
import type { LessonContent } from "../lesson/types";
import type { Draft } from "../validations/workspace";
import type { CardSettings, CardTheme } from "./card";
import { DEFAULT_CARD } from "./card";
import { cardText } from "./card-text";
import type { CardText } from "./layout";

/**
 * The Class Recap: a short Wrapped-style story of one assignment, as vertical cards for the
 * projector or as PNGs. Aggregates only, plus one starred reflection answer with no name: nothing
 * on it says who wrote what. Pure; drawn with the studio's own layout (lib/studio/layout.ts).
 */

export type RecapSlide = { id: string; settings: CardSettings; text: CardText };

/** A recap card in the slide's own colours: a vertical story, big number first. */
const slide = (id: string, theme: CardTheme, text: CardText): RecapSlide => ({
  id,
  text,
  settings: {
    ...DEFAULT_CARD,
    format: "story",
    layout: "spotlight",
    background: "gradient",
    theme,
    textColor: 0,
    headline: text.headline,
    headlineSize: 80,
    bodySize: 52,
  },
});

const ANSWER_LIMIT = 280;

/** A starred answer, cut at a word near ANSWER_LIMIT characters so it fits one card. */
export function shortAnswer(text: string): string {
  const clean = text.trim().replace(/\s+/g, " ");
  if (clean.length <= ANSWER_LIMIT) return clean;
  const cut = clean.slice(0, ANSWER_LIMIT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), ANSWER_LIMIT - 40)).trimEnd()}…`;
}

export function classRecap(
  title: string,
  analytics: Pick<Analytics, "summary" | "graded" | "totals" | "criteria" | "picks">,
  starred: { question: string; answer: string } | null,
): RecapSlide[] {
  const { summary, graded, totals, criteria, picks } = analytics;
  if (summary.submitted === 0) return [];
  const slides: RecapSlide[] = [
    slide("campaigns", "espresso", {
      headline: "Your class's Year in Review",
      items: [{ value: String(summary.submitted), label: summary.submitted === 1 ? "campaign" : "campaigns" }],
      copy: `${summary.submitted} of ${plural(summary.enrolled, "student")} handed in a campaign for ${title}.`,
    }),
  ];
  const [top, second] = picks.columns;
  if (top && top.count > 0)
    slides.push(
      slide("datapoint", "midnight", {
        headline: "The datapoint you chose most",
        items: [{ value: top.name, label: `chosen by ${top.count} of ${plural(picks.students, "student")}` }],
        copy: second && second.count > 0 ? `Runner-up: ${second.name}, with ${second.count}.` : "",
      }),
    );
  const scored = criteria.filter((c) => c.average !== null);
  const strongest = scored.reduce<(typeof scored)[number] | null>(
    (best, c) => (!best || c.average! / c.maximum > best.average! / best.maximum ? c : best),
    null,
  );
  if (strongest)
    slides.push(
      slide("strongest", "matcha", {
        headline: "The class's strongest row",
        items: [{ value: strongest.title, label: `an average of ${formatNumber(strongest.average!)} out of ${strongest.maximum}` }],
        copy: `Across ${plural(graded, "graded campaign")}.`,
      }),
    );
  if (totals.median !== null)
    slides.push(
      slide("median", "berry", {
        headline: "The middle of the class",
        items: [{ value: `${formatNumber(totals.median)}/${totals.maximum}`, label: "the median total" }],
        copy: `Half the graded campaigns scored ${formatNumber(totals.median)} or more.`,
      }),
    );
  if (starred)
    slides.push(
      slide("starred", "oat", { headline: "A reflection the class starred", items: [], copy: `“${shortAnswer(starred.answer)}”` }),
    );
  return slides;
}

/**
 * A campaign from the class, as its author designed it in the studio, filled in for the chosen
 * customer: it comes second in the story, after the count of campaigns.
 */
export function withCampaign(
  slides: RecapSlide[],
  campaign: { draft: Draft } | null,
  content: Pick<LessonContent, "dataset" | "aliases">,
  customerId: string,
): RecapSlide[] {
  const card = campaign?.draft.card;
  if (!card || slides.length === 0) return slides;
  const shown: RecapSlide = { id: "campaign", settings: card, text: cardText(card, campaign.draft, content, customerId) };
  return [slides[0]!, shown, ...slides.slice(1)];
}
