import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StatusCounts, type ToDo } from "./status-counts";

// React's markers between adjacent texts (<!-- -->) are not part of what is read.
const render = (element: React.ReactElement) => renderToString(element).replaceAll("<!-- -->", "");

const counts = { notStarted: 2, inProgress: 1, excused: 0, submitted: 3, late: 2 };
const needs = (count: number, current = false): ToDo["needs"] => ({ count, href: "/list?filter=needs", current });
const missing = (count: number): NonNullable<ToDo["missing"]> => ({ count, href: "/list?filter=missing", current: false });

describe("StatusCounts", () => {
  it("puts what waits for the teacher first, as links to those students", () => {
    const html = render(<StatusCounts counts={counts} toDo={{ needs: needs(4), missing: missing(1) }} />);
    expect(html).toMatch(/<a [^>]*href="\/list\?filter=needs"[^>]*>4 need grading<\/a>/);
    expect(html).toMatch(/<a [^>]*href="\/list\?filter=missing"[^>]*>1 missing<\/a>/);
    expect(html.indexOf("grading")).toBeLessThan(html.indexOf("Not started"));
  });

  it("says one in the singular, and marks the filter the list shows", () => {
    const html = render(<StatusCounts counts={counts} toDo={{ needs: needs(1, true) }} />);
    expect(html).toMatch(/<a [^>]*aria-current="true"[^>]*>1 needs grading<\/a>/);
    expect(html).not.toContain("missing");
  });

  it("offers nothing to do when nothing waits, nor without a to-do", () => {
    for (const html of [
      render(<StatusCounts counts={counts} toDo={{ needs: needs(0), missing: missing(0) }} />),
      render(<StatusCounts counts={counts} />),
    ]) {
      expect(html).not.toContain('data-testid="to-do"');
      expect(html).not.toContain("<a ");
      expect(html).toContain("Not started");
    }
  });
});
