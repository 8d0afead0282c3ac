"use server";

import { revalidatePath } from "next/cache";
import { createAssignment, updateAssignmentSettings, updateLessonContent, updateRubric } from "@/db/queries/assignments";
import { action } from "@/lib/server/action";
import {
  createAssignmentSchema,
  updateDatasetSchema,
  updateQuestionsSchema,
  updateRubricSchema,
  updateSettingsSchema,
  updateTextsSchema,
} from "@/lib/validations/assignments";

const refresh = (sectionId: string, assignmentId?: string) => {
  revalidatePath(`/sections/${sectionId}`);
  if (assignmentId) revalidatePath(`/sections/${sectionId}/assignments/${assignmentId}`);
};

export const createAssignmentAction = action("teacher", createAssignmentSchema, (input, user) => {
  const created = createAssignment(user, input.sectionId, input.settings);
  refresh(input.sectionId);
  return { id: created.id };
});

export const updateSettingsAction = action("teacher", updateSettingsSchema, (input, user) => {
  updateAssignmentSettings(user, input.sectionId, input.assignmentId, input.settings);
  refresh(input.sectionId, input.assignmentId);
  return null;
});

export const updateDatasetAction = action("teacher", updateDatasetSchema, (input, user) => {
  updateLessonContent(user, input.sectionId, input.assignmentId, { dataset: input.dataset });
  refresh(input.sectionId, input.assignmentId);
  return null;
});

export const updateQuestionsAction = action("teacher", updateQuestionsSchema, (input, user) => {
  updateLessonContent(user, input.sectionId, input.assignmentId, { questions: input.questions });
  refresh(input.sectionId, input.assignmentId);
  return null;
});

export const updateTextsAction = action("teacher", updateTextsSchema, (input, user) => {
  updateLessonContent(user, input.sectionId, input.assignmentId, { caseStudy: input.caseStudy, brief: input.brief });
  refresh(input.sectionId, input.assignmentId);
  return null;
});

export const updateRubricAction = action("teacher", updateRubricSchema, (input, user) => {
  updateRubric(user, input.sectionId, input.assignmentId, input.rubric);
  refresh(input.sectionId, input.assignmentId);
  return null;
});
