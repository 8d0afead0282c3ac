"use server";

import { revalidatePath } from "next/cache";
import {
  createSection,
  regenerateJoinCode,
  renameSection,
  setEnrollmentRemoved,
  setJoinEnabled,
  setSectionArchived,
} from "@/db/queries/sections";
import { acknowledgeErasure } from "@/db/queries/privacy";
import { action } from "@/lib/server/action";
import { acknowledgeErasureSchema } from "@/lib/validations/privacy";
import { enrollmentActionSchema, sectionFormSchema, sectionIdSchema, setFlagSchema, updateSectionSchema } from "@/lib/validations/sections";

const refresh = (sectionId?: string) => {
  revalidatePath("/sections");
  if (sectionId) revalidatePath(`/sections/${sectionId}`);
};

export const createSectionAction = action("teacher", sectionFormSchema, async (input, user) => {
  const section = await createSection(user, input);
  refresh();
  return { id: section.id };
});

export const renameSectionAction = action("teacher", updateSectionSchema, async (input, user) => {
  const section = await renameSection(user, input.sectionId, input);
  refresh(section.id);
  return { name: section.name, term: section.term };
});

export const setArchivedAction = action("teacher", setFlagSchema, async (input, user) => {
  await setSectionArchived(user, input.sectionId, input.value);
  refresh(input.sectionId);
  return { archived: input.value };
});

export const setJoinEnabledAction = action("teacher", setFlagSchema, async (input, user) => {
  await setJoinEnabled(user, input.sectionId, input.value);
  refresh(input.sectionId);
  return { joinEnabled: input.value };
});

export const regenerateJoinCodeAction = action("teacher", sectionIdSchema, async (input, user) => {
  const section = await regenerateJoinCode(user, input.sectionId);
  refresh(section.id);
  return { joinCode: section.joinCode };
});

export const setEnrollmentRemovedAction = action("teacher", enrollmentActionSchema, async (input, user) => {
  await setEnrollmentRemoved(user, input.sectionId, input.enrollmentId, input.removed);
  refresh(input.sectionId);
  return { removed: input.removed };
});

/** "I've kept what I need": the teacher acknowledges a scheduled erasure of one of their students. */
export const acknowledgeErasureAction = action("teacher", acknowledgeErasureSchema, async (input, user) => {
  await acknowledgeErasure(user, input.requestId);
  revalidatePath("/sections", "layout");
  return { acknowledged: true };
});
