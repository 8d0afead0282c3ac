import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { DEFAULT_LESSON_PLAN, defaultLessonContent, withLessonDefaults } from "./default-lesson";
import { countWords, parseLessonText, promptLines } from "./lesson-text";
import type { StoredLessonContent } from "./types";

const content = defaultLessonContent();
const caseStudy = content.caseStudy;

/**
 * Every fact of the source lesson and its background reading (shared/lesson/README.md), as
 * something the case study must say. Names, dates and figures are checked exactly; ideas by the
 * words that carry them.
 */
const CASE_STUDY_FACTS: [string, RegExp[]][] = [
  ["a datapoint per play, playlist and artist search", [/press play/, /playlist/, /look up an artist/, /datapoint/]],
  ["used for listening trends and royalties to artists and labels", [/trends in listening/, /royalties/, /record label/]],
  ["2013 Year in Review e-mail of most-played songs", [/2013/, /Year in Review/, /e-mail/, /played most/]],
  ["made with machine learning from each user's history", [/machine-learning/, /listening history/]],
  ["it was a hit and users shared it", [/loved/, /forwarded or posted/]],
  ["2016: Spotify Wrapped", [/2016/, /Spotify Wrapped/]],
  ["Wrapped: favourite artists, minutes with an artist, rank among fans", [/artists they had played most/, /minutes/, /ranked among/]],
  ["one fact per vertical card, built for social media", [/own tall, vertical card/, /social media story/]],
  ["sharing spreads the brand for free: organic exposure", [/organic exposure/, /for free/]],
  ["downloads up 21% after Wrapped at the end of 2020", [/end of 2020/, /21%/, /downloads/]],
  ["Apple Music users felt left out", [/Apple Music/, /left out/]],
  ["Duolingo, Letterboxd and Nintendo followed", [/Duolingo, Letterboxd .* and Nintendo/]],
  ["the other dating: Year in Music 2015, Wrapped 2017", [/2015/, /Year in Music/, /2017/]],
  ["personalized marketing defined", [/Personalized marketing means/, /one individual customer/]],
  ["big data and AI, narrow segments, adapting to behaviour", [/big data/, /segments/, /behaviour changes/]],
  ["Netflix blends content and messages per segment; its recommendations are the standard example", [/Netflix/, /recommendation system/]],
  [
    "collect: demographics, browsing, purchases, preferences; offers; follow-up e-mail clicks",
    [/demographics/, /browsing/, /responded to earlier offers/, /follow-up e-mails/],
  ],
  ["quizzes and pop-up surveys", [/Quizzes and pop-up surveys/]],
  ["a data warehouse, after a visit, purchase or e-mail", [/data warehouse/, /a visit, a purchase, an e-mail/]],
  [
    "click-through rate = clicks ÷ times shown, time on page, conversions such as a mailing list",
    [/click-through rate/, /divided by the number of times/, /time spent on a page/, /mailing list/],
  ],
  ["per-customer questions: like, in stock, discount, referral", [/in stock/, /discount/, /recommend a friend/]],
  ["results feed e-mail, push notifications, the app", [/push notifications/]],
  ["channels that convert: paid social, e-mail, physical campaigns", [/paid social media/, /physical campaigns/, /budget/]],
  ["Amazon: matched offers, remarketing, reviews and also-viewed", [/Amazon/, /Remarketing/, /customers who viewed this also viewed/]],
  [
    "benefit 1: personalization at scale; engagement, conversion, satisfaction",
    [/Personalization at scale/, /engagement/, /conversion/, /satisfaction/],
  ],
  [
    "Bloomreach's Loomi: forgiving search, bought together, history, any size",
    [/Bloomreach/, /Loomi/, /misspells/, /frequently bought together/, /small businesses/],
  ],
  ["benefit 2: real-time decisions", [/Decisions in real time/]],
  ["product page viewed several times → personal message", [/same product page several times/, /personal message/]],
  ["Klaviyo's automated messages, impossible by hand", [/Klaviyo/, /by hand/]],
  ["benefit 3: learning and adapting, Netflix", [/Learning and adapting/, /Netflix's recommendations learn/]],
  ["benefit 4: less human bias; anchoring; men in their 30s", [/Less human bias/, /anchoring/, /men in their 30s/, /biases of its own/]],
  [
    "risk 1: data quality; stale records; audits, updates, validation, checks at each stage",
    [/only as good as its data/, /wrong segments|segments that no longer fit/, /audit their data/, /validate/, /every stage/],
  ],
  [
    "risk 2: no creativity or intuition; brainstorm, then AI checks",
    [/no creativity or intuition/, /intuitive leaps/, /brainstorms/, /AI tool to test/],
  ],
  [
    "risk 3: precedent; Facebook and Instagram; real-time insight and trends",
    [/leans on the past/, /Facebook and Instagram/, /real-time insight/, /trends in their industry/],
  ],
  [
    "risk 4: algorithmic bias; stereotypes; diverse data and audits",
    [/Algorithmic bias/, /stereotypes/, /diverse, representative data/, /regularly audit/],
  ],
  [
    "Peloton workouts, Duolingo words; good ones use data creatively",
    [/Peloton/, /every workout/, /how many words they studied/, /more than collect numbers/],
  ],
  ["the source and its citation", [/Mujo Learning Systems/, /Jessica Shalvoy/, /Variety, 2021/]],
];

describe("the default lesson", () => {
  it.each(CASE_STUDY_FACTS)("the case study covers: %s", (_fact, patterns) => {
    for (const pattern of patterns) expect(caseStudy).toMatch(pattern);
  });

  it("names every company the lesson relies on", () => {
    const all = JSON.stringify(content);
    for (const company of [
      "Spotify",
      "Peloton",
      "Duolingo",
      "Netflix",
      "Bloomreach",
      "Klaviyo",
      "Canva",
      "Amazon",
      "Facebook",
      "Instagram",
    ]) {
      expect(all).toContain(company);
    }
  });

  it("is about as long as the source lesson, in short paragraphs under headings", () => {
    expect(countWords(caseStudy)).toBeGreaterThan(1500);
    const blocks = parseLessonText(caseStudy);
    expect(blocks.filter((b) => b.kind === "heading").length).toBeGreaterThanOrEqual(10);
    expect(blocks.filter((b) => b.kind === "list").length).toBeGreaterThanOrEqual(3);
    const longest = Math.max(
      ...blocks.flatMap((b) =>
        b.kind === "paragraph"
          ? [
              b.content
                .map((r) => r.text)
                .join("")
                .split(/\s+/).length,
            ]
          : [],
      ),
    );
    expect(longest).toBeLessThanOrEqual(90);
  });

  // The notes sit beside the repository on the machine the lesson was written on, not in a clone.
  const notesFile = new URL("../../../shared/lesson/README.md", import.meta.url);
  it.skipIf(!existsSync(notesFile))("copies no sentence of the lesson notes word for word (the cited title apart)", () => {
    const notes = readFileSync(notesFile, "utf8").replace(/"Spotify Unwrapped[^"]*"/, "");
    // Any run of eight words from the notes, found again in the lesson text, is a copied phrase.
    const words = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^a-z0-9%' ]+/g, " ")
        .split(/\s+/)
        .filter(Boolean);
    const ours = ` ${words(JSON.stringify(content)).join(" ")} `;
    const theirs = words(notes);
    const copied = theirs.flatMap((_, i) => {
      const run = theirs.slice(i, i + 8);
      return run.length === 8 && ours.includes(` ${run.join(" ")} `) ? [run.join(" ")] : [];
    });
    expect(copied).toEqual([]);
  });

  it("gives a worked example of copy with [Name], thanks, and a datapoint, ending on an exclamation", () => {
    expect(content.copyExample).toMatch(/^Hey \[Name\]!/);
    expect(content.copyExample).toMatch(/Thank you/);
    expect(content.copyExample).toMatch(/last twelve months.*\[Number of Purchases\] orders/);
    expect(content.copyExample.trim().endsWith("!")).toBe(true);
    expect(content.brief).toMatch(/by hand/);
    expect(content.brief).toMatch(/Canva/);
  });

  it("plans three 30-minute parts, the discussion prompts and whole-class or small-group talk", () => {
    expect(DEFAULT_LESSON_PLAN.parts.map((p) => p.minutes)).toEqual([30, 30, 30]);
    expect(DEFAULT_LESSON_PLAN.parts.map((p) => p.title)).toEqual([
      expect.stringMatching(/Case study/),
      expect.stringMatching(/Activity/),
      expect.stringMatching(/Reflection/),
    ]);
    const prompts = promptLines(DEFAULT_LESSON_PLAN.discussionPrompts).join("\n");
    for (const topic of [/web searches .* a day/, /post/, /apps and websites/, /hobbies, your interests and your life/])
      expect(prompts).toMatch(topic);
    expect(DEFAULT_LESSON_PLAN.discussionNote).toMatch(/speculate/);
    expect(DEFAULT_LESSON_PLAN.discussionNote).toMatch(/which companies can look/);
    expect(DEFAULT_LESSON_PLAN.grouping).toMatch(/whole class/);
    expect(DEFAULT_LESSON_PLAN.grouping).toMatch(/small groups/);
  });
});

describe("withLessonDefaults", () => {
  it("fills the fields old content lacks and keeps everything it has", () => {
    const { copyExample: _c, lessonPlan: _p, ...old } = defaultLessonContent();
    const stored: StoredLessonContent = { ...old, caseStudy: "Teacher's own." };
    const read = withLessonDefaults(stored);
    expect(read).toMatchObject({ caseStudy: "Teacher's own.", copyExample: content.copyExample, lessonPlan: DEFAULT_LESSON_PLAN });
    expect(stored).not.toHaveProperty("lessonPlan"); // reading changes nothing
  });

  it("keeps a teacher's own values, including an empty example", () => {
    const plan = { ...DEFAULT_LESSON_PLAN, parts: [{ id: "p", title: "All of it", minutes: 45, plan: "" }] };
    const read = withLessonDefaults({ ...content, copyExample: "", lessonPlan: plan });
    expect(read.copyExample).toBe("");
    expect(read.lessonPlan.parts).toEqual(plan.parts);
  });

  it("hands out copies: editing one assignment's plan can't change the default", () => {
    const { lessonPlan: _p, ...old } = defaultLessonContent();
    withLessonDefaults(old).lessonPlan.parts[0]!.minutes = 5;
    expect(DEFAULT_LESSON_PLAN.parts[0]!.minutes).toBe(30);
  });
});
