import "../zod-jitless";
import { z } from "zod";
import { idSchema, storableText } from "./common";

/**
 * Erasing a student: the administrator types the student's email or name to confirm. Whether it
 * matches is the server's check (db/queries/privacy.ts), answered on this field.
 */
export const eraseStudentSchema = z.object({
  userId: idSchema,
  confirmation: storableText()
    .trim()
    .min(1, "Type the student's email or name to confirm.")
    .max(320, "That is longer than any email or name."),
});

/** A teacher's "I've kept what I need" on a scheduled erasure of one of their students. */
export const acknowledgeErasureSchema = z.object({ requestId: idSchema });
