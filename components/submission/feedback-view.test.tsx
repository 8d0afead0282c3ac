import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "@/lib/lesson/default-lesson";
import { FeedbackView } from "./feedback-view";

const grade = (scores: { criterionId: string; points: number | null; comment: string }[]) => ({
  earlier: false,
  returnedAt: new Date("2026-11-21T09:00:00Z"),
  updatedAt: null,
  feedback: "See me after class.",
  scores,
});

describe("FeedbackView (what the student reads once work is returned)", () => {
  it("shows the total of the points given", () => {
    const html = renderToString(
      <FeedbackView rubric={DEFAULT_RUBRIC} grade={grade([{ criterionId: "ideation", points: 3, comment: "" }])} />,
    );
    expect(html).toContain('data-testid="feedback-total"');
    expect(html).toMatch(/>3<!-- --> \/ <!-- -->12</);
  });

  it("gives feedback alone with no total: no score of 0 the teacher never gave", () => {
    const html = renderToString(<FeedbackView rubric={DEFAULT_RUBRIC} grade={grade([])} />);
    expect(html).not.toContain('data-testid="feedback-total"');
    expect(html).toContain("See me after class.");
  });
});
