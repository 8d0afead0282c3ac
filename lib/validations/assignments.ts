import "../zod-jitless";
import { z } from "zod";
import { datasetSchema, LESSON_LIMITS, lessonPlanSchema, questionsSchema, rubricSchema } from "@/lib/lesson/types";
import { assignmentInstant, idSchema, requiredText, storableText } from "./common";

export const ASSIGNMENT_TITLE_MAX = 120;
export const INSTRUCTIONS_MAX = 2000;

const instant = assignmentInstant;

/** Dates travel as ISO instants: the browser converts the teacher's local time before sending. */
const settingsFields = z.object({
  title: requiredText("Title", ASSIGNMENT_TITLE_MAX),
  instructions: storableText().trim().max(INSTRUCTIONS_MAX, `Instructions can be at most ${INSTRUCTIONS_MAX} characters.`),
  dueAt: instant("The due date"),
  acceptLate: z.boolean(),
  closeAt: z
    .union([z.literal(""), z.null(), instant("The close date")])
    .optional()
    .transform((v) => (v instanceof Date ? v : null)),
});
const datesInOrder = (v: z.output<typeof settingsFields>) => !v.closeAt || v.closeAt >= v.dueAt;
const DATES_OUT_OF_ORDER = "The close date can't be before the due date.";
const assignmentSettingsSchema = settingsFields.refine(datesInOrder, { path: ["closeAt"], message: DATES_OUT_OF_ORDER });
export type AssignmentSettingsInput = z.input<typeof settingsFields>;

const ref = { sectionId: idSchema, assignmentId: idSchema };

export const createAssignmentSchema = z.object({ sectionId: idSchema, settings: assignmentSettingsSchema });
/** The version of the part the form was opened with (lib/lesson/part-version.ts): a save over a newer one is refused. */
const base = z.string().max(20);
/**
 * `closeNow`: the assignment closes as it is saved, by the server's clock (Close now). The dates the
 * form holds then are replaced (lib/assignment-window.ts `closedAt`), so their order is not checked.
 */
export const updateSettingsSchema = z
  .object({ ...ref, base, settings: settingsFields, closeNow: z.boolean().optional() })
  .refine((v) => v.closeNow || datesInOrder(v.settings), { path: ["settings", "closeAt"], message: DATES_OUT_OF_ORDER });

export const updateDatasetSchema = z.object({ ...ref, base, dataset: datasetSchema });
export const updateQuestionsSchema = z.object({ ...ref, base, questions: questionsSchema });
export const updateRubricSchema = z.object({ ...ref, base, rubric: rubricSchema });
export const updateLessonPlanSchema = z.object({ ...ref, base, lessonPlan: lessonPlanSchema });
export const updateTextsSchema = z.object({
  ...ref,
  base,
  // Students read both before the activity: an empty one would leave an empty panel on their screen.
  caseStudy: storableText()
    .trim()
    .min(1, "Students read the case study first: write one, or reset the texts to the lesson's own.")
    .max(LESSON_LIMITS.caseStudy, `The case study can be at most ${LESSON_LIMITS.caseStudy} characters.`),
  brief: storableText()
    .trim()
    .min(1, "The brief frames the activity: write one, or reset the texts to the lesson's own.")
    .max(LESSON_LIMITS.longText, `The brief can be at most ${LESSON_LIMITS.longText} characters.`),
  /** Optional so that a caller from before the worked example existed leaves it as it is. */
  copyExample: storableText()
    .trim()
    .max(LESSON_LIMITS.copyExample, `The worked example can be at most ${LESSON_LIMITS.copyExample} characters.`)
    .optional(),
});
