import { describe, expect, it } from "vitest";
import { allGraded, isMissing, statusWords } from "./grading-queue";

describe("the grading queue's words", () => {
  it("says All graded once somebody handed in and nothing waits; never for a class that handed in nothing, excused or missing", () => {
    expect(allGraded({ all: 3, needs: 0, notStarted: 1, inProgress: 0, excused: 1 })).toBe(true);
    expect(allGraded({ all: 3, needs: 1, notStarted: 1, inProgress: 0, excused: 0 })).toBe(false);
    // One excused, one not started: nobody handed in, so nothing is "all graded".
    expect(allGraded({ all: 2, needs: 0, notStarted: 1, inProgress: 0, excused: 1 })).toBe(false);
    expect(allGraded({ all: 0, needs: 0, notStarted: 0, inProgress: 0, excused: 0 })).toBe(false);
    // Two with a draft and an extension still running (so not missing): nobody handed in either.
    expect(allGraded({ all: 2, needs: 0, notStarted: 0, inProgress: 2, excused: 0 })).toBe(false);
  });

  it("never calls excused work missing, past due or not", () => {
    expect(isMissing("excused", true)).toBe(false);
    expect(statusWords("excused", true)).toBe("Excused");
    expect(statusWords("not_started", true)).toBe("Missing (not started)");
  });
});
