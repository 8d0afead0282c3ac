import "../zod-jitless";
import { z } from "zod";
import { idSchema, storableText } from "./common";

/** Roster import: what the teacher pasted or uploaded, and which column holds what. */

export const ROSTER_MAX_CHARS = 200_000;

/**
 * School-system exports can be wide (dozens of columns, the address far to the right), so the
 * bound is generous. The guess and the column choices stop at the same bound (lib/roster.ts), so
 * a mapping the preview offers is always one the import accepts.
 */
export const ROSTER_MAX_COLUMNS = 200;

const column = z
  .number()
  .int()
  .min(0)
  .max(ROSTER_MAX_COLUMNS - 1, `Only the first ${ROSTER_MAX_COLUMNS} columns can be used: move the name and email columns further left.`);

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
    .max(
      ROSTER_MAX_CHARS,
      `That list is longer than ${ROSTER_MAX_CHARS.toLocaleString("en-US")} characters: remove columns you don't need, or import it in parts.`,
    ),
  /** Left out on the first preview, so the server guesses it from the file. */
  mapping: rosterMappingSchema.optional(),
});

/** A new one-time password for a student who hasn't signed in yet (a lost slip). */
export const resetOneTimePasswordSchema = z.object({ sectionId: idSchema, studentId: idSchema });

/** The teacher withdraws an invitation from their section. */
export const cancelInvitationSchema = z.object({ sectionId: idSchema, invitationId: idSchema });

/** The invited student's answer, on "My classes". */
export const invitationResponseSchema = z.object({ invitationId: idSchema, accept: z.boolean() });
