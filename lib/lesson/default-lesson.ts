import type { LessonContent, Rubric } from "./types";

/**
 * The built-in "Year in Review" lesson. Facts and figures follow the lesson notes in
 * shared/lesson; every sentence is our own. Each assignment gets its own copy of this content
 * (see db/queries/assignments.ts), which the teacher may then edit.
 */

export const DEFAULT_TITLE = "Year in Review: personalized marketing";

export const DEFAULT_INSTRUCTIONS =
  "Work through the four steps for the coffee shop's loyalty club: choose your three datapoints, write the copy, " +
  "upload your graphic, then answer the reflection questions. Save as you go — your work is kept as a draft until you submit.";

const CASE_STUDY = [
  "Every December, a music streaming service sends each listener a personal recap of their year: top artists, " +
    "favorite songs, minutes listened. It began in 2013 as a \u201cYear in Review\u201d email and was relaunched as " +
    "\u201cWrapped\u201d in 2016, built as a series of tall, phone-shaped cards that people love to post.",
  "Why it works: it personalizes at a scale no human team could, using data the company already has; it makes " +
    "decisions about each listener automatically and in real time; it learns from what people share and click; and " +
    "it applies the same rules to everyone, which can reduce individual human bias.",
  "What can go wrong: bad or incomplete data produces embarrassing recaps; formulas can feel repetitive and " +
    "uncreative; copying last year's winning format can become a habit; and the rules themselves can carry bias " +
    "about who counts as a \u201ctypical\u201d customer.",
  "Others have copied the idea: a fitness app recaps your workouts, a language-learning app your streaks, a " +
    "film-diary app the movies you logged, and a game console maker the hours you played.",
].join("\n\n");

const BRIEF =
  "You have been hired by a neighborhood coffee shop. Its loyalty club gives members discounts on seasonal items, " +
  "and the owners want to thank members with a personalized \u201cYear in Review\u201d they will want to share. " +
  "Using the customer table below, plan the recap (ideation), write reusable copy with placeholders " +
  "(copywriting), and design a graphic sized for a phone screen (design).";

export const DEFAULT_DATASET: LessonContent["dataset"] = {
  columns: [
    { id: "name", name: "Name" },
    { id: "purchases", name: "Number of Purchases" },
    { id: "drink", name: "Most Ordered Drink" },
    { id: "spend", name: "Total Spend (USD)" },
    { id: "earliest", name: "Earliest Order (Time)" },
    { id: "latest", name: "Latest Order (Time)" },
    { id: "visits", name: "Most Visits in One Day" },
    { id: "pastry", name: "Most Ordered Pastry" },
    { id: "month", name: "Month with Most Visits" },
  ],
  nameColumnId: "name",
  rows: [
    ["Sarah Johns", "156", "Latte", "624", "7:15 AM", "8:30 PM", "3", "Croissant", "October"],
    ["James Miller", "98", "Cappuccino", "390", "6:45 AM", "7:00 PM", "2", "Blueberry Muffin", "December"],
    ["Emily Chen", "132", "Iced Americano", "525", "8:00 AM", "9:00 PM", "4", "Cinnamon", "July"],
    ["Michael Rodriguez", "72", "Mocha", "288", "7:30 AM", "6:00 PM", "2", "Chocolate Chip Cookie", "November"],
    ["Olivia Patel", "89", "Pumpkin Spice Latte", "356", "6:30 AM", "8:00 PM", "3", "Banana Bread", "September"],
  ].map((values, i) => ({
    id: `c${i + 1}`,
    values: Object.fromEntries(
      ["name", "purchases", "drink", "spend", "earliest", "latest", "visits", "pastry", "month"].map((id, j) => [id, values[j]!]),
    ),
  })),
};

/** Short names students may type instead of the full column name. Matched after normalizing. */
export const DEFAULT_ALIASES: Record<string, string[]> = {
  name: ["Customer", "Customer Name", "First Name"],
  purchases: ["Purchases", "Orders", "Number of Orders"],
  drink: ["Drink", "Favorite Drink"],
  spend: ["Spend", "Total Spend", "Amount Spent"],
  earliest: ["Earliest Order", "Earliest"],
  latest: ["Latest Order", "Latest"],
  visits: ["Most Visits", "Visits in One Day"],
  pastry: ["Pastry", "Favorite Pastry"],
  month: ["Month", "Busiest Month"],
};

export const DEFAULT_QUESTIONS: LessonContent["questions"] = [
  {
    id: "q1",
    prompt:
      "Think of a time a business sent you something personal that could only have come from your data (a recap, a " +
      "recommendation, a birthday offer). What was it, and how did it make you feel?",
  },
  {
    id: "q2",
    prompt:
      "List the websites, apps and devices that collect data about you. If someone put all of that data together, " +
      "what story would it tell about you?",
  },
  {
    id: "q3",
    prompt:
      "How could a business use that data to make its ads feel more personal and persuasive to you? Where would you " + "draw the line?",
  },
];

export const DISCUSSION_NOTE =
  "Encourage guesses and speculation. Ask students to estimate how much data they create in a single day — " +
  "searches, posts, messages, app use — and who can see it.";

const levels = (three: string, two: string, one: string) => [
  { points: 3, label: "Strong", descriptor: three },
  { points: 2, label: "Developing", descriptor: two },
  { points: 1, label: "Beginning", descriptor: one },
];

export const DEFAULT_RUBRIC: Rubric = {
  criteria: [
    {
      id: "ideation",
      title: "Ideation",
      description: "Choosing datapoints that customers would enjoy seeing about themselves.",
      levels: levels(
        "All three chosen datapoints would genuinely interest a customer.",
        "Two of the chosen datapoints would interest a customer.",
        "Only one chosen datapoint would interest a customer.",
      ),
    },
    {
      id: "copywriting",
      title: "Copywriting",
      description: "Reusable copy that thanks the customer and presents each datapoint with personality.",
      levels: levels(
        "Clear and engaging, and it uses all three datapoints.",
        "Mostly clear and somewhat engaging; uses some of the datapoints.",
        "Hard to follow, or the datapoints are missing.",
      ),
    },
    {
      id: "design",
      title: "Design",
      description: "A graphic that carries the copy and is ready to share from a phone.",
      levels: levels(
        "Clear, includes the copy, and is easy to share on social media.",
        "Somewhat clear, includes most of the copy, and could be posted.",
        "Unclear or missing the copy, and not suited to sharing.",
      ),
    },
    {
      id: "reflection",
      title: "Reflection / Discussion",
      description: "Thoughtful answers to the reflection questions and part in the discussion.",
      levels: levels("Engages deeply and thoughtfully.", "Engages somewhat.", "Engages very little."),
    },
  ],
};

export function defaultLessonContent(): LessonContent {
  return structuredClone({
    caseStudy: CASE_STUDY,
    brief: BRIEF,
    dataset: DEFAULT_DATASET,
    aliases: DEFAULT_ALIASES,
    questions: DEFAULT_QUESTIONS,
  });
}
