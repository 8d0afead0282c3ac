import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StatusBadge } from "./status-badge";

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/<!-- -->/g, "");

describe("StatusBadge", () => {
  it("keeps late work marked Late once it is graded or returned", () => {
    expect(text(renderToString(<StatusBadge status="graded" late />))).toBe("Graded Late");
    expect(text(renderToString(<StatusBadge status="returned" late />))).toBe("Returned Late");
  });

  it("says nothing more for work on time, or where the status already says late", () => {
    expect(text(renderToString(<StatusBadge status="graded" />))).toBe("Graded");
    expect(text(renderToString(<StatusBadge status="submitted_late" late />))).toBe("Submitted late");
  });
});
