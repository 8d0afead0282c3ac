import { describe, expect, it } from "vitest";
import { defaultLessonContent } from "./default-lesson";
import { partVersion, settingsVersion } from "./part-version";

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

  it("tells settings apart by their dates, to the millisecond, and not by other fields of the row", () => {
    const settings = { title: "Recap", instructions: "", dueAt: new Date("2031-02-03T16:00:00Z"), acceptLate: true, closeAt: null };
    const version = settingsVersion(settings);
    expect(settingsVersion({ ...settings, dueAt: new Date("2031-02-03T16:00:00.001Z") })).not.toBe(version);
    expect(settingsVersion({ ...settings, closeAt: new Date("2031-02-10T16:00:00Z") })).not.toBe(version);
    expect(settingsVersion({ ...settings, acceptLate: false })).not.toBe(version);
    expect(settingsVersion({ ...settings, id: "a1", updatedAt: new Date() } as typeof settings)).toBe(version);
  });
});
