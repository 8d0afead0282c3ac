"use server";

import { revalidatePath } from "next/cache";
import { createAssignment, updateAssignmentSettings, updateLessonContent, updateRubric } from "@/db/queries/assignments";
import type { LessonPart } from "@/lib/lesson/part-version";
import { action } from "@/lib/server/action";
import {
  createAssignmentSchema,
  updateDatasetSchema,
  updateLessonPlanSchema,
  updateQuestionsSchema,
  updateRubricSchema,
  updateSettingsSchema,
  updateTextsSchema,
} from "@/lib/validations/assignments";

/** The version of the part the form was opened with: a save over a newer one is refused (lib/lesson/part-version.ts). */
const seen = (part: LessonPart, input: { base: string }) => ({ part, version: input.base });

const refresh = (sectionId: string, assignmentId?: string) => {
  revalidatePath(`/sections/${sectionId}`);
  if (assignmentId) revalidatePath(`/sections/${sectionId}/assignments/${assignmentId}`);
};

export const createAssignmentAction = action("teacher", createAssignmentSchema, async (input, user) => {
  const created = await createAssignment(user, input.sectionId, input.settings);
  refresh(input.sectionId);
  return { id: created.id };
});

export const updateSettingsAction = action("teacher", updateSettingsSchema, async (input, user) => {
  await updateAssignmentSettings(user, input.sectionId, input.assignmentId, input.settings);
  refresh(input.sectionId, input.assignmentId);
  return null;
});

export const updateDatasetAction = action("teacher", updateDatasetSchema, async (input, user) => {
  const saved = await updateLessonContent(user, input.sectionId, input.assignmentId, { dataset: input.dataset }, seen("dataset", input));
  refresh(input.sectionId, input.assignmentId);
  return saved;
});

export const updateQuestionsAction = action("teacher", updateQuestionsSchema, async (input, user) => {
  const saved = await updateLessonContent(
    user,
    input.sectionId,
    input.assignmentId,
    { questions: input.questions },
    seen("questions", input),
  );
  refresh(input.sectionId, input.assignmentId);
  return saved;
});

export const updateTextsAction = action("teacher", updateTextsSchema, async (input, user) => {
  const { caseStudy, brief, copyExample } = input;
  const patch = { caseStudy, brief, ...(copyExample === undefined ? {} : { copyExample }) };
  const saved = await updateLessonContent(user, input.sectionId, input.assignmentId, patch, seen("texts", input));
  refresh(input.sectionId, input.assignmentId);
  return saved;
});

export const updateLessonPlanAction = action("teacher", updateLessonPlanSchema, async (input, user) => {
  const saved = await updateLessonContent(
    user,
    input.sectionId,
    input.assignmentId,
    { lessonPlan: input.lessonPlan },
    seen("lessonPlan", input),
  );
  refresh(input.sectionId, input.assignmentId);
  return saved;
});

export const updateRubricAction = action("teacher", updateRubricSchema, async (input, user) => {
  await updateRubric(user, input.sectionId, input.assignmentId, input.rubric);
  refresh(input.sectionId, input.assignmentId);
  return null;
});
