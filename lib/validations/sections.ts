import "../zod-jitless";
import { z } from "zod";
import { idSchema, optionalText, requiredText } from "./common";

export const SECTION_NAME_MAX = 80;
export const SECTION_TERM_MAX = 40;

/** Create and rename share one form. */
export const sectionFormSchema = z.object({
  name: requiredText("Section name", SECTION_NAME_MAX),
  term: optionalText("Term", SECTION_TERM_MAX),
});

export const updateSectionSchema = sectionFormSchema.extend({ sectionId: idSchema });

export const sectionIdSchema = z.object({ sectionId: idSchema });

export const setFlagSchema = z.object({ sectionId: idSchema, value: z.boolean() });

export const enrollmentActionSchema = z.object({
  sectionId: idSchema,
  enrollmentId: idSchema,
  removed: z.boolean(),
});
