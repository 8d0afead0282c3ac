import { describe, expect, it } from "vitest";
import { answerKey, boardHref, positionInQuestion, projectorFontSize, projectorSlides, questionJump } from "./discussion";

const questions = [
  { id: "q1", answers: [{ submissionId: "a" }, { submissionId: "b" }, { submissionId: "c" }] },
  { id: "q2", answers: [] },
  { id: "q3", answers: [{ submissionId: "b" }, { submissionId: "a" }] },
];
const starred = new Set([answerKey("q1", "b"), answerKey("q3", "a")]);
const isStarred = (key: string) => starred.has(key);

describe("projector slides", () => {
  it("run through every answer, question after question, skipping empty questions", () => {
    const slides = projectorSlides(questions, isStarred, false);
    expect(slides.map((s) => `${s.questionId}/${s.submissionId}`)).toEqual(["q1/a", "q1/b", "q1/c", "q3/b", "q3/a"]);
    expect(positionInQuestion(slides, 1)).toEqual({ position: 2, total: 3 });
    expect(positionInQuestion(slides, 3)).toEqual({ position: 1, total: 2 });
    expect(positionInQuestion(slides, 9)).toEqual({ position: 0, total: 0 });
  });

  it("keep only starred answers when asked", () => {
    const slides = projectorSlides(questions, isStarred, true);
    expect(slides).toEqual([
      { questionId: "q1", submissionId: "b" },
      { questionId: "q3", submissionId: "a" },
    ]);
    expect(positionInQuestion(slides, 1)).toEqual({ position: 1, total: 1 });
  });

  it("jump between questions like a slide deck", () => {
    const slides = projectorSlides(questions, isStarred, false);
    expect(questionJump(slides, 0, 1)).toBe(3);
    expect(questionJump(slides, 2, 1)).toBe(3);
    expect(questionJump(slides, 4, 1)).toBe(4);
    expect(questionJump(slides, 4, -1)).toBe(3);
    expect(questionJump(slides, 3, -1)).toBe(0);
    expect(questionJump(slides, 0, -1)).toBe(0);
  });
});

describe("projector type size", () => {
  it("shrinks as answers grow", () => {
    const sizes = [10, 300, 900, 4000].map((n) => projectorFontSize("x".repeat(n)));
    expect(new Set(sizes).size).toBe(4);
    expect(sizes[0]).toContain("5rem");
  });
});

describe("the board's address", () => {
  it("holds each view a reload should keep, and nothing for the default", () => {
    const path = "/sections/s/assignments/a/discussion";
    expect(boardHref(path, { names: false, starred: false })).toBe(path);
    expect(boardHref(path, { names: true, starred: false })).toBe(`${path}?names=1`);
    expect(boardHref(path, { names: false, starred: true })).toBe(`${path}?starred=1`);
    expect(boardHref(path, { names: true, starred: true })).toBe(`${path}?names=1&starred=1`);
  });
});
