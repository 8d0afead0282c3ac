import { describe, expect, it } from "vitest";
import { parseEarlierGrade } from "./grading";

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
