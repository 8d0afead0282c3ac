import { describe, expect, it } from "vitest";
import { allGraded, isMissing, placeWords, statusWords, ungradedView } from "./grading-queue";

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

  it("says where the grading view's student is in the list's view: the class order plainly, a filter or sort by name, a student the filter lost as such", () => {
    expect(placeWords(3, 30, { filter: "all", sort: "label", dir: "asc" }, false)).toBe("3 of 30");
    expect(placeWords(2, 12, { filter: "needs", sort: "label", dir: "asc" }, false)).toBe("2 of 12 · Needs grading");
    expect(placeWords(1, 30, { filter: "all", sort: "total", dir: "desc" }, false)).toBe("1 of 30 · Total, highest first");
    expect(placeWords(4, 5, { filter: "missing", sort: "label", dir: "desc" }, true)).toBe("4 of 5 · Missing · Name, Z to A");
    expect(placeWords(null, 11, { filter: "needs", sort: "submittedAt", dir: "asc" }, false)).toBe("Not in “Needs grading” · 11 there");
  });

  it("looks for the next ungraded among everyone from a view of everyone, else among those who need grading, in the same order", () => {
    expect(ungradedView({ filter: "all", sort: "total", dir: "desc" })).toEqual({ filter: "all", sort: "total", dir: "desc" });
    for (const filter of ["needs", "graded", "returned", "missing", "extended", "excused"] as const)
      expect(ungradedView({ filter, sort: "status", dir: "asc" })).toEqual({ filter: "needs", sort: "status", dir: "asc" });
  });
});
