"use server";

import { toWorkImage } from "@/lib/workspace";
import { revalidatePath } from "next/cache";
import { reorderImages, saveDraft, submitWork, updateImageCaption } from "@/db/queries/work";
import { action } from "@/lib/server/action";
import { deleteDraftImage } from "@/lib/server/stored-files";
import { addCardImages } from "@/lib/server/studio";
import {
  captionSchema,
  imageIdSchema,
  reorderImagesSchema,
  saveDraftSchema,
  submitSchema,
  addCardsSchema,
} from "@/lib/validations/workspace";

/** Autosave. A conflict is a normal answer (another tab saved first), not an error. */
export const saveDraftAction = action(
  "student",
  saveDraftSchema,
  async (input, user) => await saveDraft(user, input.assignmentId, input.baseVersion, input.draft),
);

export const submitWorkAction = action("student", submitSchema, async (input, user) => {
  const result = await submitWork(user, input.assignmentId, input.baseVersion, input.confirmIncomplete);
  revalidatePath(`/assignments/${input.assignmentId}`);
  revalidatePath("/classes");
  return result;
});

export const updateCaptionAction = action("student", captionSchema, async (input, user) => {
  await updateImageCaption(user, input.imageId, input.caption);
  return null;
});

export const deleteImageAction = action("student", imageIdSchema, async (input, user) => {
  // Files go after the row, their keys queued with its removal: a storage failure or a crash in
  // between leaves a queued key for the purge, never a broken image or an unrecorded file.
  await deleteDraftImage(user, input.imageId);
  return null;
});

export const reorderImagesAction = action("student", reorderImagesSchema, async (input, user) => {
  await reorderImages(user, input.assignmentId, input.imageIds);
  return null;
});

/** "Use these cards": the saved card, drawn for the chosen customers, joins the design's graphics. */
export const addCardsAction = action("student", addCardsSchema, async (input, user) => {
  const images = await addCardImages(user, input.assignmentId, input.customerIds);
  return images.map(toWorkImage);
});
