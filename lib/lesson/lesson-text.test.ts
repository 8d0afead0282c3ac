import { describe, expect, it } from "vitest";
import { countWords, parseInline, parseLessonText, promptLines } from "./lesson-text";

describe("parseLessonText", () => {
  it("reads headings, paragraphs, bullets and numbered items", () => {
    const text = "## Title\n\nFirst line\ncontinues here.\n\n### Sub\n- one\n- **two** items\n1. first\n2) second\nAfter the list.";
    expect(parseLessonText(text)).toEqual([
      { kind: "heading", level: 1, text: "Title" },
      { kind: "paragraph", content: [{ text: "First line continues here.", bold: false }] },
      { kind: "heading", level: 2, text: "Sub" },
      {
        kind: "list",
        ordered: false,
        items: [
          [{ text: "one", bold: false }],
          [
            { text: "two", bold: true },
            { text: " items", bold: false },
          ],
        ],
      },
      { kind: "list", ordered: true, items: [[{ text: "first", bold: false }], [{ text: "second", bold: false }]] },
      { kind: "paragraph", content: [{ text: "After the list.", bold: false }] },
    ]);
  });

  it("keeps anything else as typed: markup, a lone #, an unclosed **", () => {
    expect(parseLessonText("# not a heading <b>hi</b>")).toEqual([
      { kind: "paragraph", content: [{ text: "# not a heading <b>hi</b>", bold: false }] },
    ]);
    expect(parseInline("a ** b")).toEqual([{ text: "a ** b", bold: false }]);
  });

  it("reads old plain paragraphs (blank lines, Windows line ends) as before", () => {
    expect(parseLessonText("One.\r\n\r\nTwo.").map((b) => b.kind)).toEqual(["paragraph", "paragraph"]);
    expect(parseLessonText("")).toEqual([]);
  });

  it("counts the words a reader sees, not the markup", () => {
    expect(countWords("## Two words\n\n- **three** more words\n\nAnd four more here.")).toBe(9);
  });
});

describe("promptLines", () => {
  it("gives one prompt per non-empty line, without bullets", () => {
    expect(promptLines("How many?\n\n- Who sees it?\r\n  ")).toEqual(["How many?", "Who sees it?"]);
  });
});
