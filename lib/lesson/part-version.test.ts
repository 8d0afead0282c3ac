import { describe, expect, it } from "vitest";
import { defaultLessonContent } from "./default-lesson";
import { partVersion } from "./part-version";

describe("partVersion", () => {
  const content = defaultLessonContent();

  it("changes with its own part only", () => {
    const texts = partVersion(content, "texts");
    expect(partVersion({ ...content, brief: `${content.brief} More.` }, "texts")).not.toBe(texts);
    expect(partVersion({ ...content, copyExample: "Hi [Name]" }, "texts")).not.toBe(texts);
    expect(partVersion({ ...content, brief: `${content.brief} More.` }, "questions")).toBe(partVersion(content, "questions"));
    const questions = content.questions.map((q, i) => (i === 0 ? { ...q, prompt: `${q.prompt}?` } : q));
    expect(partVersion({ ...content, questions }, "questions")).not.toBe(partVersion(content, "questions"));
    expect(partVersion({ ...content, questions }, "texts")).toBe(texts);
  });

  it("is the same whatever order an object's keys come back in (PostgreSQL's jsonb reorders them)", () => {
    const plan = content.lessonPlan;
    const reordered = Object.fromEntries(Object.entries(plan).reverse()) as typeof plan;
    expect(partVersion({ ...content, lessonPlan: reordered }, "lessonPlan")).toBe(partVersion(content, "lessonPlan"));
    const dataset = {
      ...content.dataset,
      columns: content.dataset.columns.map((c) => Object.fromEntries(Object.entries(c).reverse()) as typeof c),
    };
    expect(partVersion({ ...content, dataset }, "dataset")).toBe(partVersion(content, "dataset"));
  });
});
