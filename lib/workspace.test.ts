import { describe, expect, it } from "vitest";
import { SAMPLE_DRAFTS } from "../db/sample-work";
import { checkImage } from "./image-checks";
import { defaultLessonContent } from "./lesson/default-lesson";
import { DEFAULT_CARD } from "./studio/card";
import { assessWork } from "./workspace";

const content = defaultLessonContent();
const graphic = [{ checks: checkImage(1080, 1350) }];
const designIssues = (draft: typeof SAMPLE_DRAFTS.complete) =>
  assessWork(draft, graphic, content).issues.filter((i) => i.step === "design");

describe("assessWork: the card's headline", () => {
  it("passes placeholders that name a column, by name or alias, and a draft with no card", () => {
    expect(designIssues(SAMPLE_DRAFTS.complete)).toEqual([]);
    expect(designIssues({ ...SAMPLE_DRAFTS.complete, card: DEFAULT_CARD })).toEqual([]);
    const headline = "[Name], [Most Ordered Drink] all year";
    const progress = assessWork({ ...SAMPLE_DRAFTS.complete, card: { ...DEFAULT_CARD, headline } }, graphic, content);
    expect(progress.issues.filter((i) => i.step === "design")).toEqual([]);
    expect(progress.done.design).toBe(true);
  });

  it("stops the design step on a placeholder that matches no column, which the cards would print as it is", () => {
    const draft = { ...SAMPLE_DRAFTS.complete, card: { ...DEFAULT_CARD, headline: "[Name], your year in coffee [Oops]" } };
    const progress = assessWork(draft, graphic, content);
    expect(progress.issues.filter((i) => i.step === "design")).toEqual([
      { step: "design", level: "error", text: "[Oops] in your card's headline doesn't match any column of the table." },
    ]);
    expect(progress.done.design).toBe(false);
  });
});
