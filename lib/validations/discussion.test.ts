import { describe, expect, it } from "vitest";
import { discussionViewSchema, setStarSchema } from "./discussion";

describe("discussion view params", () => {
  it("show names only for an exact ?names=1", () => {
    expect(discussionViewSchema.parse({ names: "1" })).toEqual({ names: true });
    for (const names of [undefined, "", "0", "true", "yes", ["1", "1"]])
      expect(discussionViewSchema.parse({ names })).toEqual({ names: false });
    expect(discussionViewSchema.parse({})).toEqual({ names: false });
  });
});

describe("star input", () => {
  it("needs a submission id, a question id and an explicit value", () => {
    const submissionId = crypto.randomUUID();
    expect(setStarSchema.safeParse({ submissionId, questionId: "q1", starred: true }).success).toBe(true);
    expect(setStarSchema.safeParse({ submissionId, questionId: "q1" }).success).toBe(false);
    expect(setStarSchema.safeParse({ submissionId, questionId: "q1", starred: "true" }).success).toBe(false);
    expect(setStarSchema.safeParse({ submissionId: "not-an-id", questionId: "q1", starred: true }).success).toBe(false);
    expect(setStarSchema.safeParse({ submissionId, questionId: "", starred: true }).success).toBe(false);
  });
});
