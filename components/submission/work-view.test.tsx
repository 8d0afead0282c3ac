import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SAMPLE_DRAFTS } from "@/db/sample-work";
import { defaultLessonContent } from "@/lib/lesson/default-lesson";
import { WorkView } from "./work-view";

const render = (copy: string) =>
  renderToString(<WorkView draft={{ ...SAMPLE_DRAFTS.complete, copy }} images={[]} content={defaultLessonContent()} />);

describe("WorkView (the teacher's view of a student's work)", () => {
  it("says plainly that no copy was written, not the student's 'Your preview appears here as you write'", () => {
    const html = render("  ");
    expect(html).toContain("No copy written.");
    expect(html).not.toContain("Your preview appears here");
  });

  it("shows written copy filled in for a customer", () => {
    const html = render("Hi [Name]!");
    expect(html).not.toContain("No copy written.");
    expect(html).toContain("Sarah Johns");
    expect(html).toContain("Preview for each customer");
  });
});
