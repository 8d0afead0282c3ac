import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { defaultLessonContent } from "@/lib/lesson/default-lesson";
import { ReflectionStep } from "./reflection-step";

const render = () =>
  renderToString(<ReflectionStep draft={SAMPLE_DRAFTS.complete} update={() => {}} readOnly={false} content={defaultLessonContent()} />);

describe("ReflectionStep", () => {
  it("tells students that answers can be shown to the class, not that only the teacher sees them", () => {
    const html = render();
    // Submitted answers go on the teacher's discussion board (names hidden unless switched on), and a
    // starred one can appear in the Class Recap: promising privacy from the class would be untrue.
    expect(html).not.toContain("Only your teacher sees your answers");
    expect(html).toContain("Your teacher reads your answers and may show some to the class, usually without your name.");
  });

  it("still asks the student to answer on their own first, with a box for every question", () => {
    const html = render();
    expect(html).toContain("Answer on your own first; you&#x27;ll talk about these with the class afterwards.");
    for (const question of defaultLessonContent().questions) expect(html).toContain(`id="answer-${question.id}"`);
  });
});
