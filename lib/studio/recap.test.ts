import { describe, expect, it } from "vitest";
import { buildAnalytics, type StudentWork } from "../analytics";
import { DEFAULT_RUBRIC, defaultLessonContent } from "../lesson/default-lesson";
import { checkCards, layoutCards } from "./layout";
import { classRecap, hasRecapCard, RECAP_MIN_GRADED, recapFigures, shortAnswer, withCampaign } from "./recap";

const now = new Date("2026-11-30T12:00:00Z");
const assignment = {
  dueAt: new Date("2026-11-20T12:00:00Z"),
  closeAt: null,
  acceptLate: true,
  rubric: DEFAULT_RUBRIC,
  content: defaultLessonContent(),
};
const work = (total: number | null, picks: string[], points?: Record<string, number>): StudentWork => ({
  graded: total !== null,
  waiting: false,
  total,
  scores: Object.entries(points ?? {}).map(([criterionId, p]) => ({ criterionId, points: p })),
  submittedAt: new Date("2026-11-19T12:00:00Z"),
  picks,
  handedInPicks: picks,
});
const ids = DEFAULT_RUBRIC.criteria.map((c) => c.id);
const scores = (...p: number[]) => Object.fromEntries(ids.map((id, i) => [id, p[i]!]));

describe("the Class Recap", () => {
  const students = [
    work(11, ["drink", "pastry", "month"], scores(3, 3, 2, 3)),
    work(9, ["drink", "purchases", "month"], scores(3, 2, 2, 2)),
    work(7, ["drink", "spend", "pastry"], scores(3, 1, 1, 2)),
    work(null, ["visits", "drink", "latest"]),
    // Drafts: the analytics page counts their picks, a recap of handed-in campaigns does not.
    { ...work(null, ["visits", "spend", "latest"]), submittedAt: null },
    { ...work(null, ["visits", "spend", "latest"]), submittedAt: null },
  ];
  const input = { assignment, counts: { enrolled: 6, notStarted: 0, inProgress: 2, excused: 0, submitted: 4, late: 0 }, students };
  const analytics = recapFigures(input, now);

  it("tells the class's story from its figures: campaigns, the most chosen datapoint, the strongest row, the median, a starred answer", () => {
    const slides = classRecap("Year in Review", analytics, { question: "Q1", answer: "It felt like the app knew me." });
    expect(slides.map((s) => s.id)).toEqual(["campaigns", "datapoint", "strongest", "median", "starred"]);
    expect(slides[0]!.text.items[0]).toEqual({ value: "4", label: "campaigns" });
    expect(slides[0]!.text.copy).toBe("4 of 6 students handed in a campaign for Year in Review.");
    // An excused student (nothing handed in) is not expected to: 4 of 5.
    const excused = recapFigures({ ...input, counts: { ...input.counts, inProgress: 1, excused: 1 } }, now);
    expect(classRecap("Year in Review", excused, null)[0]!.text.copy).toBe("4 of 5 students handed in a campaign for Year in Review.");
    expect(slides[1]!.text.items[0]).toEqual({ value: "Most Ordered Drink", label: "chosen in 4 of 4 campaigns" });
    // A student who changed their picks after handing in: the recap counts what was handed in.
    const changed = students.map((s, i) => (i === 0 ? { ...s, picks: ["visits", "spend", "latest"] } : s));
    expect(classRecap("Year in Review", recapFigures({ ...input, students: changed }, now), null)[1]!.text).toEqual(slides[1]!.text);
    // With the drafts it would be Total Spend, Latest Order and Most Visits, with 3 each.
    expect(slides[1]!.text.copy).toBe("Next: Most Ordered Pastry and Month with Most Visits, with 2 each.");
    // The same class on the analytics page: every student's current picks, the two drafts included.
    expect(buildAnalytics(input, now).picks.students).toBe(6);
    expect(slides[2]!.text.items[0]!.value).toBe(DEFAULT_RUBRIC.criteria[0]!.title); // all 3s
    expect(slides[3]!.text.items[0]).toEqual({ value: "9/12", label: "the median total" });
    expect(slides[4]!.text.headline).toBe("A reflection your teacher starred"); // only the teacher stars answers
    expect(slides[4]!.text.copy).toBe("“It felt like the app knew me.”");
  });

  it("counts the datapoint card out of every campaign handed in, as the first card does, even one with no datapoint", () => {
    const noPicks = [...students, work(6, [])];
    const figures = recapFigures({ ...input, counts: { ...input.counts, inProgress: 1, submitted: 5 }, students: noPicks }, now);
    const [campaigns, datapoint] = classRecap("Year in Review", figures, null);
    expect(campaigns!.text.items[0]).toEqual({ value: "5", label: "campaigns" });
    expect(datapoint!.text.items[0]).toEqual({ value: "Most Ordered Drink", label: "chosen in 4 of 5 campaigns" });
  });

  it("tells ties as ties: datapoints chosen as often, rows as strong, and the next ones with their own count", () => {
    const tied = buildAnalytics(
      {
        assignment,
        counts: { enrolled: 3, notStarted: 0, inProgress: 0, excused: 0, submitted: 3, late: 0 },
        students: [
          work(10, ["drink", "pastry", "month"], scores(3, 3, 2, 2)),
          work(8, ["drink", "pastry", "spend"], scores(2, 2, 2, 2)),
          work(9, ["drink", "pastry", "month"], scores(3, 3, 1, 2)),
        ],
      },
      now,
    );
    const [, datapoint, strongest] = classRecap("T", tied, null);
    const name = (id: string) => assignment.content.dataset.columns.find((c) => c.id === id)!.name;
    expect(datapoint!.text.headline).toBe("The datapoints you chose most");
    expect(datapoint!.text.items).toEqual([
      { value: name("drink"), label: "chosen in 3 of 3 campaigns" },
      { value: name("pastry"), label: "chosen in 3 of 3 campaigns" },
    ]);
    expect(datapoint!.text.copy).toBe(`Next: ${name("month")}, with 2.`);
    expect(strongest!.text.headline).toBe("The class's strongest rows");
    expect(strongest!.text.items).toEqual([
      { value: DEFAULT_RUBRIC.criteria[0]!.title, label: "an average of 2.7 out of 3" },
      { value: DEFAULT_RUBRIC.criteria[1]!.title, label: "an average of 2.7 out of 3" },
    ]);
    for (const slide of [datapoint!, strongest!])
      expect(checkCards(slide.settings, layoutCards(slide.settings, slide.text), "the class", slide.text)).toEqual([]);
  });

  it(`shows no score card before ${RECAP_MIN_GRADED} campaigns are graded: with fewer, a student could tell a classmate's total`, () => {
    const graded = (n: number) =>
      buildAnalytics(
        {
          assignment,
          counts: { enrolled: 4, notStarted: 0, inProgress: 0, excused: 0, submitted: 4, late: 0 },
          students: [11, 9, 7, 5].map((total, i) => work(i < n ? total : null, ["drink"], i < n ? scores(3, 2, 2, 2) : undefined)),
        },
        now,
      );
    expect(classRecap("T", graded(2), null).map((s) => s.id)).toEqual(["campaigns", "datapoint"]);
    expect(classRecap("T", graded(3), null).map((s) => s.id)).toEqual(["campaigns", "datapoint", "strongest", "median"]);
  });

  it("leaves out what the class has not produced yet: no graded work, no star; nothing at all before the first submission", () => {
    const ungraded = buildAnalytics(
      {
        assignment,
        counts: { enrolled: 3, notStarted: 1, inProgress: 0, excused: 0, submitted: 2, late: 0 },
        students: [work(null, ["drink"]), work(null, [])],
      },
      now,
    );
    expect(classRecap("T", ungraded, null).map((s) => s.id)).toEqual(["campaigns", "datapoint"]);
    const none = buildAnalytics(
      { assignment, counts: { enrolled: 3, notStarted: 3, inProgress: 0, excused: 0, submitted: 0, late: 0 }, students: [] },
      now,
    );
    expect(classRecap("T", none, null)).toEqual([]);
  });

  it("fits every card on a vertical story, readable on a phone, even with a long starred answer", () => {
    const slides = classRecap("Year in Review", analytics, {
      question: "Q",
      answer: "A very long reflection about apps and data. ".repeat(20),
    });
    for (const slide of slides) {
      const settings = slide.settings;
      const cards = layoutCards(settings, slide.text);
      expect(cards).toHaveLength(1);
      expect([cards[0]!.width, cards[0]!.height]).toEqual([1080, 1920]);
      expect(checkCards(settings, cards, "the class", slide.text), slide.id).toEqual([]);
    }
    expect(shortAnswer("word ".repeat(100)).length).toBeLessThanOrEqual(281);
    expect(shortAnswer("word ".repeat(100)).endsWith("…")).toBe(true);
  });
});

it("puts a campaign from the class second, drawn for the chosen customer as its author designed it", () => {
  const content = defaultLessonContent();
  const analytics = buildAnalytics(
    {
      assignment,
      counts: { enrolled: 1, notStarted: 0, inProgress: 0, excused: 0, submitted: 1, late: 0 },
      students: [work(null, ["drink"])],
    },
    now,
  );
  const slides = classRecap("T", analytics, null);
  const card = {
    format: "square" as const,
    layout: "stack" as const,
    background: "dots" as const,
    theme: "sky" as const,
    textColor: 0,
    headline: "Hi [Name]",
    headlineSize: 80,
    bodySize: 48,
  };
  const draft = { ideas: [], picks: [{ columnId: "drink", reason: "" }], copy: "", answers: {}, card };
  const emily = content.dataset.rows.find((r) => r.values.name === "Emily Chen")!;
  const shown = withCampaign(slides, { draft }, content, emily.id);
  expect(shown.map((s) => s.id)).toEqual(["campaigns", "campaign", "datapoint"]);
  expect(shown[1]!.settings).toEqual(card);
  expect(shown[1]!.text).toMatchObject({ headline: "Hi Emily Chen", items: [{ value: "Iced Americano" }] });
  // Work without a studio card adds nothing.
  expect(withCampaign(slides, { draft: { ...draft, card: undefined } }, content, emily.id)).toEqual(slides);
  expect(withCampaign(slides, null, content, emily.id)).toEqual(slides);
  // Nor a card that draws none: one datapoint per card, with no datapoint picked.
  const series = { ...draft, picks: [], card: { ...card, layout: "series" as const } };
  expect(hasRecapCard(series, content)).toBe(false);
  expect(withCampaign(slides, { draft: series }, content, emily.id)).toEqual(slides);
  expect(hasRecapCard({ ...series, picks: draft.picks }, content)).toBe(true);
  expect(withCampaign(slides, { draft: { ...series, picks: draft.picks } }, content, emily.id).map((s) => s.id)).toEqual([
    "campaigns",
    "campaign",
    "datapoint",
  ]);
});
