import { buildAnalytics, formatNumber, type Analytics, type AnalyticsInput } from "../analytics";
import { plural } from "../text";
import type { LessonContent } from "../lesson/types";
import type { Draft } from "../validations/workspace";
import type { CardSettings, CardTheme } from "./card";
import { DEFAULT_CARD } from "./card";
import { cardCustomers, cardText } from "./card-text";
import { layoutCards, type CardText } from "./layout";

/**
 * The Class Recap: a short Wrapped-style story of one assignment, as vertical cards for the
 * projector or as PNGs. Aggregates only, plus one starred reflection answer with no name: nothing
 * on it says who wrote what. Pure; drawn with the studio's own layout (lib/studio/layout.ts).
 */

export type RecapSlide = { id: string; settings: CardSettings; text: CardText };

/** The ids of the two slides that show one student's work: the starred answer and the class's campaign. */
export const STARRED_SLIDE = "starred";
/** The datapoint chosen most: with a single hand-in, that one student's picks. */
export const DATAPOINT_SLIDE = "datapoint";
export const CAMPAIGN_SLIDE = "campaign";

/** A recap card in the slide's own colours: a vertical story, big number first. */
const slide = (id: string, theme: CardTheme, text: CardText, layout: CardSettings["layout"] = "spotlight"): RecapSlide => ({
  id,
  text,
  settings: {
    ...DEFAULT_CARD,
    format: "story",
    layout,
    background: "gradient",
    theme,
    textColor: 0,
    headline: text.headline,
    headlineSize: 80,
    bodySize: 52,
  },
});

const ANSWER_LIMIT = 280;
/**
 * Score cards (the strongest row, the median) wait for this many graded campaigns: with one, the
 * median is that student's total, on the projector; with two, either student can work out the other's.
 */
export const RECAP_MIN_GRADED = 3;
/** Tied datapoints or rows shown on one card, one under the other. */
const TIED_SHOWN = 3;

/** A starred answer, cut at a word near ANSWER_LIMIT characters so it fits one card. */
export function shortAnswer(text: string): string {
  const clean = text.trim().replace(/\s+/g, " ");
  if (clean.length <= ANSWER_LIMIT) return clean;
  const cut = clean.slice(0, ANSWER_LIMIT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), ANSWER_LIMIT - 40)).trimEnd()}…`;
}

/**
 * The figures a Class Recap tells, from handed-in campaigns only: the analytics page counts every
 * student's current picks, drafts included, but a recap card that says "chosen in 3 of 4 campaigns"
 * beside "4 campaigns" must count the same campaigns.
 */
export function recapFigures(input: AnalyticsInput, now: Date): Analytics {
  // The picks handed in, not the draft's: a student may have changed theirs since, without handing in.
  const handedIn = input.students.filter((s) => s.submittedAt !== null).map((s) => ({ ...s, picks: s.handedInPicks }));
  return buildAnalytics({ ...input, students: handedIn }, now);
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
      copy: `${summary.submitted} of ${plural(summary.expected, "student")} handed in a campaign for ${title}.`,
    }),
  ];
  // Ties are told as ties: the analytics page shows the counts, and a "runner-up" with the winner's count would contradict it.
  const chosen = picks.columns.filter((c) => c.count > 0);
  const topCount = chosen[0]?.count ?? 0;
  const tops = chosen.filter((c) => c.count === topCount);
  const nextCount = chosen.find((c) => c.count < topCount)?.count ?? 0;
  const nexts = chosen.filter((c) => c.count === nextCount && nextCount > 0);
  if (tops.length)
    slides.push(
      slide(
        DATAPOINT_SLIDE,
        "midnight",
        {
          headline: tops.length === 1 ? "The datapoint you chose most" : "The datapoints you chose most",
          // Tied, one under the other (at most three, the card's room), each with its count.
          items: tops
            .slice(0, TIED_SHOWN)
            // Out of every campaign handed in, as the first card counts them: one handed in without a
            // datapoint (or with only columns since deleted) chose none of them.
            .map((c) => ({ value: c.name, label: `chosen in ${topCount} of ${plural(summary.submitted, "campaign")}` })),
          copy: [
            tops.length > TIED_SHOWN ? `And ${plural(tops.length - TIED_SHOWN, "more")} as often.` : "",
            nexts.length ? `Next: ${listOf(nexts.map((c) => c.name))}, with ${nextCount}${nexts.length > 1 ? " each" : ""}.` : "",
          ]
            .filter(Boolean)
            .join(" "),
        },
        tops.length === 1 ? "spotlight" : "stack",
      ),
    );
  const scored = graded >= RECAP_MIN_GRADED ? criteria.filter((c) => c.average !== null) : [];
  const share = (c: (typeof scored)[number]) => c.average! / c.maximum;
  const best = Math.max(...scored.map(share));
  const strongest = scored.filter((c) => Math.abs(share(c) - best) < 1e-9);
  if (strongest.length)
    slides.push(
      slide(
        "strongest",
        "matcha",
        {
          headline: strongest.length === 1 ? "The class's strongest row" : "The class's strongest rows",
          items: strongest
            .slice(0, TIED_SHOWN)
            .map((c) => ({ value: c.title, label: `an average of ${formatNumber(c.average!)} out of ${c.maximum}` })),
          copy: `Across ${plural(graded, "graded campaign")}.`,
        },
        strongest.length === 1 ? "spotlight" : "stack",
      ),
    );
  if (totals.median !== null && graded >= RECAP_MIN_GRADED)
    slides.push(
      slide("median", "berry", {
        headline: "The middle of the class",
        items: [{ value: `${formatNumber(totals.median)}/${totals.maximum}`, label: "the median total" }],
        copy: `Half the graded campaigns scored ${formatNumber(totals.median)} or more.`,
      }),
    );
  // Only the teacher stars answers (in the discussion); the class reads this card on the projector.
  if (starred)
    slides.push(
      slide(STARRED_SLIDE, "oat", { headline: "A reflection your teacher starred", items: [], copy: `“${shortAnswer(starred.answer)}”` }),
    );
  return slides;
}

/**
 * What of a student's work the Class Recap shows: the studio card and what fills it in (the picks
 * and the copy). Their ideas and reflection answers stay out of the page.
 */
export type RecapCampaign = { draft: Pick<Draft, "card" | "picks" | "copy"> };

type CardContent = Pick<LessonContent, "dataset" | "aliases">;

/**
 * Whether a handed-in draft has a studio card that draws at least one card: a "one datapoint per
 * card" series with no datapoints picked (handed in incomplete, or the columns since removed) has none.
 */
export function hasRecapCard(draft: RecapCampaign["draft"], content: CardContent): boolean {
  const customer = cardCustomers(content)[0];
  return !!draft.card && !!customer && layoutCards(draft.card, cardText(draft.card, draft, content, customer.id)).length > 0;
}

/**
 * A campaign from the class, as its author designed it in the studio, filled in for the chosen
 * customer: it comes second in the story, after the count of campaigns. Its first card only (a series
 * shows its first datapoint); none when it draws no card.
 */
export function withCampaign(slides: RecapSlide[], campaign: RecapCampaign | null, content: CardContent, customerId: string): RecapSlide[] {
  const card = campaign?.draft.card;
  if (!card || slides.length === 0) return slides;
  const shown: RecapSlide = { id: CAMPAIGN_SLIDE, settings: card, text: cardText(card, campaign.draft, content, customerId) };
  if (layoutCards(shown.settings, shown.text).length === 0) return slides;
  return [slides[0]!, shown, ...slides.slice(1)];
}

/** "A", "A and B", "A, B and C". */
function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
