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
import { action } from "@/lib/server/action";
import { enrollmentActionSchema, sectionFormSchema, sectionIdSchema, setFlagSchema, updateSectionSchema } from "@/lib/validations/sections";

const refresh = (sectionId?: string) => {
  revalidatePath("/sections");
  if (sectionId) revalidatePath(`/sections/${sectionId}`);
};

export const createSectionAction = action("teacher", sectionFormSchema, (input, user) => {
  const section = createSection(user, input);
  refresh();
  return { id: section.id };
});

export const renameSectionAction = action("teacher", updateSectionSchema, (input, user) => {
  const section = renameSection(user, input.sectionId, input);
  refresh(section.id);
  return { name: section.name, term: section.term };
});

export const setArchivedAction = action("teacher", setFlagSchema, (input, user) => {
  setSectionArchived(user, input.sectionId, input.value);
  refresh(input.sectionId);
  return { archived: input.value };
});

export const setJoinEnabledAction = action("teacher", setFlagSchema, (input, user) => {
  setJoinEnabled(user, input.sectionId, input.value);
  refresh(input.sectionId);
  return { joinEnabled: input.value };
});

export const regenerateJoinCodeAction = action("teacher", sectionIdSchema, (input, user) => {
  const section = regenerateJoinCode(user, input.sectionId);
  refresh(section.id);
  return { joinCode: section.joinCode };
});

export const setEnrollmentRemovedAction = action("teacher", enrollmentActionSchema, (input, user) => {
  setEnrollmentRemoved(user, input.sectionId, input.enrollmentId, input.removed);
  refresh(input.sectionId);
  return { removed: input.removed };
});
