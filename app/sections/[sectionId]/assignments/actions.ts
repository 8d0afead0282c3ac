"use server";

import { revalidatePath } from "next/cache";
import { createAssignment, updateAssignmentSettings, updateLessonContent, updateRubric } from "@/db/queries/assignments";
import type { SessionUser } from "@/db/queries/accounts";
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

/**
 * Saves one part of the lesson from its editor, based on the version of it the form was opened with
 * (`base`): a save over a version saved since is refused (lib/lesson/part-version.ts). Returns the new version.
 */
async function savePart(
  user: SessionUser,
  input: { sectionId: string; assignmentId: string; base: string },
  part: LessonPart,
  patch: Parameters<typeof updateLessonContent>[3],
) {
  const saved = await updateLessonContent(user, input.sectionId, input.assignmentId, patch, { part, version: input.base });
  refresh(input.sectionId, input.assignmentId);
  return saved;
}

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
  const saved = await updateAssignmentSettings(user, input.sectionId, input.assignmentId, input.settings, input.base, {
    closeNow: input.closeNow,
  });
  refresh(input.sectionId, input.assignmentId);
  return saved;
});

export const updateDatasetAction = action("teacher", updateDatasetSchema, async (input, user) =>
  savePart(user, input, "dataset", { dataset: input.dataset }),
);

export const updateQuestionsAction = action("teacher", updateQuestionsSchema, async (input, user) =>
  savePart(user, input, "questions", { questions: input.questions }),
);

export const updateTextsAction = action("teacher", updateTextsSchema, async (input, user) => {
  const { caseStudy, brief, copyExample } = input;
  return savePart(user, input, "texts", { caseStudy, brief, ...(copyExample === undefined ? {} : { copyExample }) });
});

export const updateLessonPlanAction = action("teacher", updateLessonPlanSchema, async (input, user) =>
  savePart(user, input, "lessonPlan", { lessonPlan: input.lessonPlan }),
);

export const updateRubricAction = action("teacher", updateRubricSchema, async (input, user) => {
  const saved = await updateRubric(user, input.sectionId, input.assignmentId, input.rubric, input.base);
  refresh(input.sectionId, input.assignmentId);
  return saved;
});
