/**
 * Issue 14: how long the server takes to draw a studio card (satori + sharp, lib/server/card-render.ts),
 * in this process: every format and layout for all five customers, each drawn once (none of them is
 * in the cache), then the same cards again (all from the cache). Median and p95 over the cards drawn.
 */
import { defaultLessonContent } from "@/lib/lesson/default-lesson";
import { renderCardPng } from "@/lib/server/card-render";
import { CARD_FORMATS, CARD_LAYOUTS, DEFAULT_CARD, type CardSettings } from "@/lib/studio/card";
import { cardCustomers, cardText } from "@/lib/studio/card-text";
import { layoutCards } from "@/lib/studio/layout";
import { SAMPLE_DRAFTS } from "@/db/sample-work";

export type CardFigures = {
  cards: number;
  firstMs: number;
  drawnMedianMs: number;
  drawnP95Ms: number;
  cachedMedianMs: number;
  bytesMedian: number;
};

const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

export async function measureCardRendering(): Promise<CardFigures> {
  const content = defaultLessonContent();
  const jobs: { settings: CardSettings; card: ReturnType<typeof layoutCards>[number] }[] = [];
  for (const format of Object.keys(CARD_FORMATS) as CardSettings["format"][])
    for (const layout of Object.keys(CARD_LAYOUTS) as CardSettings["layout"][]) {
      const settings = { ...DEFAULT_CARD, format, layout, bodySize: 40 };
      for (const customer of cardCustomers(content))
        for (const card of layoutCards(settings, cardText(settings, SAMPLE_DRAFTS.complete, content, customer.id)))
          jobs.push({ settings, card });
    }
  const time = async (job: (typeof jobs)[number]) => {
    const started = performance.now();
    const png = await renderCardPng(job.settings, job.card);
    return { ms: performance.now() - started, bytes: png.length };
  };
  const first = await time(jobs[0]!); // loads the fonts and warms satori and sharp up
  const drawn = [];
  for (const job of jobs.slice(1)) drawn.push(await time(job));
  const cached = [];
  for (const job of jobs) cached.push(await time(job));
  return {
    cards: jobs.length,
    firstMs: first.ms,
    drawnMedianMs: quantile(
      drawn.map((d) => d.ms),
      0.5,
    ),
    drawnP95Ms: quantile(
      drawn.map((d) => d.ms),
      0.95,
    ),
    cachedMedianMs: quantile(
      cached.map((d) => d.ms),
      0.5,
    ),
    bytesMedian: quantile(
      drawn.map((d) => d.bytes),
      0.5,
    ),
  };
}

export function describeCards(f: CardFigures): string {
  const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
  return [
    `Each of the studio's ${f.cards} cards of the sample work (3 formats × 3 layouts × 5 customers; the one-datapoint layout is 3 cards each), drawn in this process by lib/server/card-render.ts (satori, then sharp to PNG). Goal: under 300 ms a card.`,
    "",
    "| first card (fonts loaded) | drawn, median | drawn, p95 | from the cache, median | PNG, median |",
    "| ---: | ---: | ---: | ---: | ---: |",
    `| ${ms(f.firstMs)} ms | ${ms(f.drawnMedianMs)} ms | ${ms(f.drawnP95Ms)} ms | ${ms(f.cachedMedianMs)} ms | ${Math.round(f.bytesMedian / 1024)} KB |`,
    "",
    `Under 300 ms a card: ${f.drawnP95Ms < 300 ? "**met**" : "**not met**"} (p95).`,
  ].join("\n");
}
