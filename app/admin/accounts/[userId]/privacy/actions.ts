"use server";

import { revalidatePath } from "next/cache";
import { cancelErasure, eraseStudent, scheduleErasure } from "@/db/queries/privacy";
import { action } from "@/lib/server/action";
import { deleteQueuedFiles } from "@/lib/server/stored-files";
import { accountIdSchema } from "@/lib/validations/admin";
import { eraseStudentSchema } from "@/lib/validations/privacy";

const refresh = (userId: string) => revalidatePath(`/admin/accounts/${userId}/privacy`);

/**
 * Schedules the student's erasure: their teachers are warned on their sections from now on.
 * Administrators only; anyone else gets not_found.
 */
export const scheduleErasureAction = action("admin", accountIdSchema, async ({ userId }, user) => {
  const request = await scheduleErasure(user, userId);
  refresh(userId);
  return { eraseAfter: request.eraseAfter.toISOString() };
});

/** Cancels the student's scheduled erasure; the teachers' warnings go. Administrators only. */
export const cancelErasureAction = action("admin", accountIdSchema, async ({ userId }, user) => {
  const result = await cancelErasure(user, userId);
  refresh(userId);
  return result;
});

/**
 * Erases a student (one transaction), then deletes their stored files; a file that fails stays
 * queued for `npm run purge`. Administrators only; anyone else gets not_found. Refused on the
 * confirmation field until the student's teachers have been warned and have acknowledged (or the
 * notice period has passed).
 */
export const eraseStudentAction = action("admin", eraseStudentSchema, async ({ userId, confirmation }, user) => {
  const { fileKeys } = await eraseStudent(user, userId, confirmation);
  const files = await deleteQueuedFiles(fileKeys);
  return { filesLeft: files.failed };
});
