import "../zod-jitless";
import { z } from "zod";
import { idSchema, storableText } from "./common";

/** Roster import: what the teacher pasted or uploaded, and which column holds what. */

const ROSTER_MAX_CHARS = 200_000;

const column = z.number().int().min(0).max(50);

const rosterMappingSchema = z
  .object({
    hasHeader: z.boolean(),
    email: column,
    /** Either one column with the whole name, or first and/or last name columns. */
    name: column.nullable(),
    first: column.nullable(),
    last: column.nullable(),
  })
  .refine((m) => m.name !== null || m.first !== null || m.last !== null, {
    path: ["name"],
    message: "Choose the column with the students' names.",
  })
  .refine((m) => ![m.name, m.first, m.last].includes(m.email), {
    path: ["email"],
    message: "The email column can't also be a name column.",
  });
export type RosterMapping = z.output<typeof rosterMappingSchema>;

export const rosterImportSchema = z.object({
  sectionId: idSchema,
  text: storableText({ error: "Paste your list or choose a file." })
    .trim()
    .min(1, "Paste your list or choose a file.")
    .max(ROSTER_MAX_CHARS, "That list is too long: import at most 1,000 students at a time."),
  /** Left out on the first preview, so the server guesses it from the file. */
  mapping: rosterMappingSchema.optional(),
});

/** A new one-time password for a student who hasn't signed in yet (a lost slip). */
export const resetOneTimePasswordSchema = z.object({ sectionId: idSchema, studentId: idSchema });

/** The teacher withdraws an invitation from their section. */
export const cancelInvitationSchema = z.object({ sectionId: idSchema, invitationId: idSchema });

/** The invited student's answer, on "My classes". */
export const invitationResponseSchema = z.object({ invitationId: idSchema, accept: z.boolean() });
