"use server";

import { eraseStudent } from "@/db/queries/privacy";
import { action } from "@/lib/server/action";
import { deleteQueuedFiles } from "@/lib/server/privacy";
import { eraseStudentSchema } from "@/lib/validations/privacy";

/**
 * Erases a student (one transaction), then deletes their stored files; a file that fails stays
 * queued for `npm run purge`. Administrators only; anyone else gets not_found.
 */
export const eraseStudentAction = action("admin", eraseStudentSchema, async ({ userId, confirmation }, user) => {
  const { fileKeys } = await eraseStudent(user, userId, confirmation);
  const files = await deleteQueuedFiles(fileKeys);
  return { filesLeft: files.failed };
});
