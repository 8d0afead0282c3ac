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

  it("shows an answer to a question the teacher has since removed apart, under the questions asked; none when every answer's question is there", () => {
    const content = defaultLessonContent();
    const [first, second, third] = content.questions;
    const draft = {
      ...SAMPLE_DRAFTS.complete,
      answers: { [first!.id]: "One", [second!.id]: "Answer to the removed one", [third!.id]: "Three" },
    };
    const all = renderToString(<WorkView draft={draft} images={[]} content={content} />);
    expect(all).toContain("Answer to the removed one");
    expect(all).not.toContain("since removed");
    const fewer = renderToString(<WorkView draft={draft} images={[]} content={{ ...content, questions: [first!, third!] }} />);
    expect(fewer).toContain("An answer to a question<!-- --> since removed from the lesson");
    expect(fewer).toContain("Answer to the removed one");
    // Still under their own questions, renumbered: the third answer is under the third question's prompt.
    expect(fewer.indexOf(third!.prompt.slice(0, 30))).toBeLessThan(fewer.indexOf("Three"));
    expect(fewer.indexOf("Three")).toBeLessThan(fewer.indexOf("Answer to the removed one"));
  });
});
