"use server";

import { revalidatePath } from "next/cache";
import { createAssignment, updateAssignmentSettings, updateLessonContent, updateRubric } from "@/db/queries/assignments";
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
  await updateLessonContent(user, input.sectionId, input.assignmentId, { dataset: input.dataset });
  refresh(input.sectionId, input.assignmentId);
  return null;
});

export const updateQuestionsAction = action("teacher", updateQuestionsSchema, async (input, user) => {
  await updateLessonContent(user, input.sectionId, input.assignmentId, { questions: input.questions });
  refresh(input.sectionId, input.assignmentId);
  return null;
});

export const updateTextsAction = action("teacher", updateTextsSchema, async (input, user) => {
  const { caseStudy, brief, copyExample } = input;
  await updateLessonContent(user, input.sectionId, input.assignmentId, {
    caseStudy,
    brief,
    ...(copyExample === undefined ? {} : { copyExample }),
  });
  refresh(input.sectionId, input.assignmentId);
  return null;
});

export const updateLessonPlanAction = action("teacher", updateLessonPlanSchema, async (input, user) => {
  await updateLessonContent(user, input.sectionId, input.assignmentId, { lessonPlan: input.lessonPlan });
  refresh(input.sectionId, input.assignmentId);
  return null;
});

export const updateRubricAction = action("teacher", updateRubricSchema, async (input, user) => {
  await updateRubric(user, input.sectionId, input.assignmentId, input.rubric);
  refresh(input.sectionId, input.assignmentId);
  return null;
});
