import { describe, expect, it } from "vitest";
import {
  draftScoreQuestion,
  gradeTotal,
  handedInSinceScored,
  handedInSinceScoredQuestion,
  parseEarlierGrade,
  pointsDiffer,
} from "./grading";

describe("parseEarlierGrade", () => {
  const grade = {
    returnedAt: "2026-11-30T09:15:00.000Z",
    feedback: "Add a closing line",
    scores: [{ criterionId: "ideation", points: 2, comment: "Good picks" }],
  };

  it("reads a stored earlier grade, as the jsonb's object or as JSON text", () => {
    expect(parseEarlierGrade(grade)).toEqual(grade);
    expect(parseEarlierGrade(JSON.stringify(grade))).toEqual(grade);
  });

  it("reads a missing or malformed part as empty, and skips scores that aren't one", () => {
    expect(
      parseEarlierGrade({
        returnedAt: grade.returnedAt,
        scores: [null, "x", { points: 3 }, { criterionId: "design", points: "3", comment: 7 }, ...grade.scores],
      }),
    ).toEqual({ ...grade, feedback: "", scores: [{ criterionId: "design", points: null, comment: "" }, ...grade.scores] });
    expect(parseEarlierGrade({ returnedAt: grade.returnedAt, feedback: "x", scores: "none" })).toEqual({
      returnedAt: grade.returnedAt,
      feedback: "x",
      scores: [],
    });
  });

  it("is no grade at all without a valid return date, or when it isn't an object", () => {
    for (const value of [null, undefined, "", "not json", "null", 42, [], { feedback: "?" }, { ...grade, returnedAt: "yesterday" }])
      expect(parseEarlierGrade(value), JSON.stringify(value)).toBeNull();
  });
});

describe("pointsDiffer", () => {
  const earlier = {
    returnedAt: "2026-11-01T10:00:00.000Z",
    feedback: "Good",
    scores: [
      { criterionId: "ideation", points: 2, comment: "" },
      { criterionId: "design", points: 3, comment: "Bold" },
      { criterionId: "copywriting", points: null, comment: "A comment, no points" },
    ],
  };
  it("is false for the points the student was given, whatever the comments", () => {
    expect(
      pointsDiffer(earlier, [
        { criterionId: "design", points: 3 },
        { criterionId: "ideation", points: 2 },
        { criterionId: "copywriting", points: null },
      ]),
    ).toBe(false);
  });
  it("is true for a changed, added or cleared score, and for any points when none were returned", () => {
    expect(
      pointsDiffer(earlier, [
        { criterionId: "ideation", points: 2 },
        { criterionId: "design", points: 1 },
      ]),
    ).toBe(true);
    expect(
      pointsDiffer(earlier, [
        { criterionId: "ideation", points: 2 },
        { criterionId: "design", points: 3 },
        { criterionId: "copywriting", points: 1 },
      ]),
    ).toBe(true);
    expect(pointsDiffer(earlier, [{ criterionId: "ideation", points: 2 }])).toBe(true);
    expect(pointsDiffer(null, [{ criterionId: "ideation", points: 2 }])).toBe(true);
    expect(pointsDiffer(null, [])).toBe(false);
  });
});

describe("gradeTotal", () => {
  const rubric = { criteria: [{ id: "ideation" }, { id: "copywriting" }] };
  it("sums the rubric's rows, a row without points as none", () => {
    expect(gradeTotal(rubric, [{ criterionId: "ideation", points: 3 }])).toBe(3);
    expect(gradeTotal(rubric, [{ criterionId: "ideation", points: 0 }])).toBe(0);
  });
  it("leaves out a row no longer in the rubric, and gives no total for feedback alone", () => {
    expect(
      gradeTotal(rubric, [
        { criterionId: "ideation", points: 2 },
        { criterionId: "removed", points: 3 },
      ]),
    ).toBe(2);
    expect(gradeTotal(rubric, [])).toBeNull();
    expect(gradeTotal(rubric, [{ criterionId: "ideation", points: null }])).toBeNull();
  });
});

describe("handedInSinceScored", () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 10, 1, 9, 0, seconds));
  it("says so when every score was saved before the attempt handed in now", () => {
    expect(handedInSinceScored([{ updatedAt: at(1) }, { updatedAt: at(2) }], at(3))).toBe(true);
  });
  it("not once any score was saved since, nor with no score or nothing handed in", () => {
    expect(handedInSinceScored([{ updatedAt: at(1) }, { updatedAt: at(4) }], at(3))).toBe(false);
    expect(handedInSinceScored([{ updatedAt: at(3) }], at(3))).toBe(false);
    expect(handedInSinceScored([], at(3))).toBe(false);
    expect(handedInSinceScored([{ updatedAt: at(1) }], null)).toBe(false);
  });
});

describe("handedInSinceScoredQuestion", () => {
  it("says 'again' for a later attempt, and 'while it was still a draft' for the first", () => {
    expect(handedInSinceScoredQuestion(2)).toMatch(/handed this work in again after it was last scored/);
    expect(handedInSinceScoredQuestion(1)).toMatch(/scored while it was still a draft/);
    expect(handedInSinceScoredQuestion(1)).not.toMatch(/again/);
  });
});

describe("draftScoreQuestion", () => {
  it("says a draft's scores count in the export, and an excused student's don't", () => {
    expect(draftScoreQuestion(false)).toContain("Scores count in the grade export");
    expect(draftScoreQuestion(true)).toContain("excused");
    expect(draftScoreQuestion(true)).not.toContain("Scores count in the grade export");
    expect(draftScoreQuestion(true)).toContain("leaves excused work out");
  });
});
