import "../zod-jitless";
import { z } from "zod";
import { normalizeKey } from "@/lib/normalize-key";
import { storableText } from "@/lib/validations/common";

/** Limits shared by the teacher's editors and the server. */
export const LESSON_LIMITS = {
  columns: 15,
  rows: 50,
  cell: 100,
  columnName: 60,
  question: 1000,
  questions: 5,
  longText: 5000,
  caseStudy: 20000,
  copyExample: 1000,
  planParts: 6,
  partTitle: 80,
  partMinutes: 240,
  planText: 3000,
  criteria: 8,
  criterionTitle: 60,
  criterionDescription: 300,
  levelLabel: 30,
  descriptor: 300,
} as const;

/**
 * The id an editor gives a column, customer, question, criterion or plan part (lib/new-id.ts).
 * Answers, cells and scores are looked up by it on plain objects, so the names of Object.prototype's
 * properties ("constructor", "__proto__", "toString"…) are refused: looked up, they would find a
 * function where nothing was written.
 */
const id = storableText()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/)
  .refine((value) => !(value in Object.prototype), "This id is reserved.");

/** Ids are unique within their list: two alike would show one answer, cell or score twice. */
const uniqueIds = (what: string) =>
  [(items: { id: string }[]) => new Set(items.map((i) => i.id)).size === items.length, `Two ${what} have the same id.`] as const;

export const datasetSchema = z
  .object({
    columns: z
      .array(
        z.object({
          id,
          name: storableText()
            .trim()
            .min(1, "Every column needs a name.")
            .max(LESSON_LIMITS.columnName)
            // Students write a column's name between brackets as a placeholder ([Most Ordered Drink]).
            .regex(/^[^[\]\n]*$/, "A column name can't contain [ or ]: students write it between brackets as a placeholder."),
        }),
      )
      .min(2, "Keep at least the name column and one datapoint.")
      .max(LESSON_LIMITS.columns)
      .refine(...uniqueIds("columns")),
    nameColumnId: id,
    rows: z
      .array(z.object({ id, values: z.record(storableText(), storableText().max(LESSON_LIMITS.cell)) }))
      .min(1, "Keep at least one customer.")
      .max(LESSON_LIMITS.rows)
      .refine(...uniqueIds("customers")),
  })
  .refine((d) => d.columns.some((c) => c.id === d.nameColumnId), "The name column is missing.")
  // Placeholders match a column's name ignoring capitals and spaces ([TopDrink] is [Top Drink]), so two
  // names that differ only in those would send one column's value where the other's was meant.
  .refine(
    (d) => new Set(d.columns.map((c) => normalizeKey(c.name))).size === d.columns.length,
    "Two columns have the same name (capitals and spaces aside): a placeholder couldn't tell them apart.",
  );

export const questionsSchema = z
  .array(z.object({ id, prompt: storableText().trim().min(1, "A question can't be empty.").max(LESSON_LIMITS.question) }))
  .min(1)
  .max(LESSON_LIMITS.questions)
  .refine(...uniqueIds("questions"));

export const rubricSchema = z.object({
  criteria: z
    .array(
      z.object({
        id,
        title: storableText().trim().min(1, "Every criterion needs a title.").max(LESSON_LIMITS.criterionTitle),
        description: storableText().trim().max(LESSON_LIMITS.criterionDescription),
        levels: z
          .array(
            z.object({
              points: z.number().int().min(0).max(100),
              label: storableText().trim().max(LESSON_LIMITS.levelLabel),
              descriptor: storableText().trim().min(1, "Every level needs a descriptor.").max(LESSON_LIMITS.descriptor),
            }),
          )
          .min(2)
          .max(6)
          .refine((levels) => new Set(levels.map((l) => l.points)).size === levels.length, "Two levels have the same points."),
      }),
    )
    .min(1)
    .max(LESSON_LIMITS.criteria)
    .refine(...uniqueIds("criteria")),
});

/** The teacher's lesson plan: timed parts (each with a classroom timer) and the notes for the class discussion. */
export const lessonPlanSchema = z.object({
  parts: z
    .array(
      z.object({
        id,
        title: storableText().trim().min(1, "Every part needs a title.").max(LESSON_LIMITS.partTitle),
        minutes: z
          .number({ error: `Minutes must be a whole number from 1 to ${LESSON_LIMITS.partMinutes}.` })
          .int(`Minutes must be a whole number from 1 to ${LESSON_LIMITS.partMinutes}.`)
          .min(1, `Minutes must be a whole number from 1 to ${LESSON_LIMITS.partMinutes}.`)
          .max(LESSON_LIMITS.partMinutes, `Minutes must be a whole number from 1 to ${LESSON_LIMITS.partMinutes}.`),
        plan: storableText().trim().max(LESSON_LIMITS.planText),
      }),
    )
    .min(1, "Keep at least one part.")
    .max(LESSON_LIMITS.planParts)
    .refine(...uniqueIds("parts")),
  discussionNote: storableText().trim().max(LESSON_LIMITS.planText),
  /** One prompt per line. */
  discussionPrompts: storableText().trim().max(LESSON_LIMITS.planText),
  grouping: storableText().trim().max(LESSON_LIMITS.planText),
});

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the one source of the LessonContent type
const lessonContentSchema = z.object({
  caseStudy: storableText().max(LESSON_LIMITS.caseStudy),
  brief: storableText().max(LESSON_LIMITS.longText),
  /** The worked example of reusable copy shown beside the student's copy editor. */
  copyExample: storableText().max(LESSON_LIMITS.copyExample),
  dataset: datasetSchema,
  aliases: z.record(storableText(), z.array(storableText().max(LESSON_LIMITS.columnName))),
  questions: questionsSchema,
  lessonPlan: lessonPlanSchema,
});

export type Dataset = z.infer<typeof datasetSchema>;
export type Rubric = z.infer<typeof rubricSchema>;
export type LessonContent = z.infer<typeof lessonContentSchema>;
export type LessonPlan = LessonContent["lessonPlan"];

/** The fields added after assignments were first stored: content saved before them lacks them. */
type LaterFields = "copyExample" | "lessonPlan";
/** Content as stored in assignments.content; read it through withLessonDefaults (default-lesson.ts). */
export type StoredLessonContent = Omit<LessonContent, LaterFields> & Partial<Pick<LessonContent, LaterFields>>;
