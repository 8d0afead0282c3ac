import { describe, expect, it } from "vitest";
import { gradingHints } from "./grading-hints";
import { checkImage } from "./image-checks";
import { DEFAULT_RUBRIC, defaultLessonContent } from "./lesson/default-lesson";
import { emptyDraft } from "./validations/workspace";

describe("grading hints", () => {
  const content = defaultLessonContent();
  const image = { checks: checkImage(1080, 1920) };

  it("count in words a teacher reads at a glance: one idea, one image, one placeholder", () => {
    const draft = { ...emptyDraft(), ideas: [{ id: "i1", text: "their usual drink" }], copy: "Hi [Name]!" };
    const hints = gradingHints(DEFAULT_RUBRIC, content, draft, [image]);
    expect(hints.ideation).toContain("1 idea");
    expect(hints.copywriting).toContain("1 placeholder used");
    expect(hints.design).toContain("1 image");
  });

  it("and several of each", () => {
    const draft = {
      ...emptyDraft(),
      ideas: [
        { id: "i1", text: "their usual drink" },
        { id: "i2", text: "earliest visit" },
      ],
      copy: "Hi [Name], your [Most Ordered Drink]!",
    };
    const hints = gradingHints(DEFAULT_RUBRIC, content, draft, [image, image]);
    expect(hints.ideation).toContain("2 ideas");
    expect(hints.copywriting).toContain("2 placeholders used");
    expect(hints.design).toContain("2 images");
  });
});
