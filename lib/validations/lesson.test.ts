import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_LESSON_PLAN, DEFAULT_RUBRIC, defaultLessonContent } from "@/lib/lesson/default-lesson";
import { LESSON_LIMITS } from "@/lib/lesson/types";
import { newId } from "@/lib/new-id";
import { updateDatasetSchema, updateLessonPlanSchema, updateQuestionsSchema, updateRubricSchema, updateTextsSchema } from "./assignments";

// `base`: the version of the part the form was opened with (lib/lesson/part-version.ts).
const ref = { sectionId: crypto.randomUUID(), assignmentId: crypto.randomUUID(), base: "v1" };
const errorsOf = (result: { error?: z.ZodError }) =>
  result.error ? result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) : [];

describe("the lesson plan schema", () => {
  it("accepts the default plan and trims what the teacher typed", () => {
    expect(updateLessonPlanSchema.safeParse({ ...ref, lessonPlan: DEFAULT_LESSON_PLAN }).success).toBe(true);
    const parsed = updateLessonPlanSchema.parse({ ...ref, lessonPlan: { ...DEFAULT_LESSON_PLAN, grouping: "  Pairs.  " } });
    expect(parsed.lessonPlan.grouping).toBe("Pairs.");
  });

  it("refuses a part without a title, minutes out of range or not whole, and says so on the field", () => {
    const parts = [
      { id: "a", title: " ", minutes: 30, plan: "" },
      { id: "b", title: "B", minutes: 0, plan: "" },
      { id: "c", title: "C", minutes: 12.5, plan: "" },
      { id: "d", title: "D", minutes: Number.NaN, plan: "" },
      { id: "e", title: "E", minutes: LESSON_LIMITS.partMinutes + 1, plan: "" },
    ];
    const errors = errorsOf(updateLessonPlanSchema.safeParse({ ...ref, lessonPlan: { ...DEFAULT_LESSON_PLAN, parts } }));
    expect(errors).toEqual([
      "lessonPlan.parts.0.title: Every part needs a title.",
      `lessonPlan.parts.1.minutes: Minutes must be a whole number from 1 to ${LESSON_LIMITS.partMinutes}.`,
      `lessonPlan.parts.2.minutes: Minutes must be a whole number from 1 to ${LESSON_LIMITS.partMinutes}.`,
      `lessonPlan.parts.3.minutes: Minutes must be a whole number from 1 to ${LESSON_LIMITS.partMinutes}.`,
      `lessonPlan.parts.4.minutes: Minutes must be a whole number from 1 to ${LESSON_LIMITS.partMinutes}.`,
    ]);
  });

  it("keeps between one and six parts and limits the texts", () => {
    const part = DEFAULT_LESSON_PLAN.parts[0]!;
    const withParts = (n: number) => ({
      ...ref,
      lessonPlan: { ...DEFAULT_LESSON_PLAN, parts: Array.from({ length: n }, (_, i) => ({ ...part, id: `p${i}` })) },
    });
    expect(updateLessonPlanSchema.safeParse(withParts(1)).success).toBe(true);
    expect(updateLessonPlanSchema.safeParse(withParts(LESSON_LIMITS.planParts)).success).toBe(true);
    expect(errorsOf(updateLessonPlanSchema.safeParse(withParts(0)))).toEqual(["lessonPlan.parts: Keep at least one part."]);
    expect(updateLessonPlanSchema.safeParse(withParts(LESSON_LIMITS.planParts + 1)).success).toBe(false);
    const long = "x".repeat(LESSON_LIMITS.planText + 1);
    expect(updateLessonPlanSchema.safeParse({ ...ref, lessonPlan: { ...DEFAULT_LESSON_PLAN, discussionPrompts: long } }).success).toBe(
      false,
    );
  });
});

describe("the texts schema", () => {
  const { caseStudy, brief, copyExample } = defaultLessonContent();

  it("accepts the default case study, brief and worked example", () => {
    expect(updateTextsSchema.parse({ ...ref, caseStudy, brief, copyExample })).toMatchObject({ caseStudy, brief, copyExample });
  });

  it("leaves the worked example out when a caller doesn't send it", () => {
    expect(updateTextsSchema.parse({ ...ref, caseStudy, brief })).not.toHaveProperty("copyExample");
  });

  it("refuses texts over their limits, with a message", () => {
    const errors = errorsOf(
      updateTextsSchema.safeParse({
        ...ref,
        caseStudy: "x".repeat(LESSON_LIMITS.caseStudy + 1),
        brief,
        copyExample: "x".repeat(LESSON_LIMITS.copyExample + 1),
      }),
    );
    expect(errors).toEqual([
      `caseStudy: The case study can be at most ${LESSON_LIMITS.caseStudy} characters.`,
      `copyExample: The worked example can be at most ${LESSON_LIMITS.copyExample} characters.`,
    ]);
  });
});

describe("the ids in a lesson", () => {
  const content = defaultLessonContent();
  const { dataset, questions } = content;
  const rubric = structuredClone(DEFAULT_RUBRIC);

  it("accepts the default lesson's, and any an editor makes", () => {
    expect(updateDatasetSchema.safeParse({ ...ref, dataset }).success).toBe(true);
    expect(updateQuestionsSchema.safeParse({ ...ref, questions: [...questions, { id: newId("q"), prompt: "One more?" }] }).success).toBe(
      true,
    );
    expect(updateRubricSchema.safeParse({ ...ref, rubric }).success).toBe(true);
    expect(updateLessonPlanSchema.safeParse({ ...ref, lessonPlan: DEFAULT_LESSON_PLAN }).success).toBe(true);
  });

  // Looked up on a plain object, these would find Object.prototype's functions: a 500 on every page that reads them.
  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])(
    "refuses %s, a name every object already has",
    (reserved) => {
      const column = { ...dataset.columns[1]!, id: reserved };
      const errors = [
        errorsOf(updateQuestionsSchema.safeParse({ ...ref, questions: [{ id: reserved, prompt: "Why?" }] })),
        errorsOf(updateDatasetSchema.safeParse({ ...ref, dataset: { ...dataset, columns: [dataset.columns[0]!, column] } })),
        errorsOf(updateDatasetSchema.safeParse({ ...ref, dataset: { ...dataset, nameColumnId: reserved } })),
        errorsOf(updateRubricSchema.safeParse({ ...ref, rubric: { criteria: [{ ...rubric.criteria[0]!, id: reserved }] } })),
        errorsOf(
          updateLessonPlanSchema.safeParse({
            ...ref,
            lessonPlan: { ...DEFAULT_LESSON_PLAN, parts: [{ ...DEFAULT_LESSON_PLAN.parts[0]!, id: reserved }] },
          }),
        ),
      ];
      for (const list of errors) expect(list.join("\n")).toMatch(/[iI]d: This id is reserved\./);
    },
  );

  it("refuses a column name with a bracket, which no placeholder could name, on the name's field; allows other punctuation", () => {
    const named = (name: string) =>
      updateDatasetSchema.safeParse({ ...ref, dataset: { ...dataset, columns: [dataset.columns[0]!, { ...dataset.columns[1]!, name }] } });
    for (const name of ["Pastry [favorite]", "Drink]", "[Drink"])
      expect(errorsOf(named(name))).toEqual([
        "dataset.columns.1.name: A column name can't contain [ or ]: students write it between brackets as a placeholder.",
      ]);
    expect(named("Pastry (favorite), café & co.").success).toBe(true);
  });

  it("refuses two column names a placeholder can't tell apart (capitals and spaces aside); allows names that differ in a letter", () => {
    const second = (name: string) =>
      updateDatasetSchema.safeParse({
        ...ref,
        dataset: { ...dataset, columns: [...dataset.columns, { id: newId("column"), name }] },
      });
    for (const name of ["Most OrderedDrink", "Most Ordered  Drink", "most ordered drink", "MostOrderedDrink"])
      expect(errorsOf(second(name)).join("\n"), name).toMatch(/Two columns have the same name \(capitals and spaces aside\)/);
    expect(second("Most Ordered Drinks").success).toBe(true);
  });

  it("refuses two questions, columns, customers, criteria or parts with the same id", () => {
    const twice = <T>(items: T[]) => [items[0]!, items[0]!, ...items.slice(2)];
    expect(errorsOf(updateQuestionsSchema.safeParse({ ...ref, questions: twice(questions) }))).toEqual([
      "questions: Two questions have the same id.",
    ]);
    const renamed = { ...dataset.columns[1]!, name: "Another name" };
    expect(
      errorsOf(
        updateDatasetSchema.safeParse({ ...ref, dataset: { ...dataset, columns: [dataset.columns[0]!, dataset.columns[1]!, renamed] } }),
      ),
    ).toEqual(["dataset.columns: Two columns have the same id."]);
    expect(errorsOf(updateDatasetSchema.safeParse({ ...ref, dataset: { ...dataset, rows: twice(dataset.rows) } }))).toEqual([
      "dataset.rows: Two customers have the same id.",
    ]);
    const criterion = { ...rubric.criteria[0]!, title: "Again" };
    expect(errorsOf(updateRubricSchema.safeParse({ ...ref, rubric: { criteria: [rubric.criteria[0]!, criterion] } }))).toEqual([
      "rubric.criteria: Two criteria have the same id.",
    ]);
    const part = { ...DEFAULT_LESSON_PLAN.parts[0]!, title: "Again" };
    expect(
      errorsOf(
        updateLessonPlanSchema.safeParse({ ...ref, lessonPlan: { ...DEFAULT_LESSON_PLAN, parts: [DEFAULT_LESSON_PLAN.parts[0]!, part] } }),
      ),
    ).toEqual(["lessonPlan.parts: Two parts have the same id."]);
  });
});
