import "server-only";
import type { SessionUser } from "@/db/queries/accounts";
import { forgetPendingFile, notePendingFileFailure, queueUnreferencedFiles } from "@/db/queries/file-deletions";
import { deleteImage } from "@/db/queries/work";
import { deleteStoredFile } from "./storage";

/**
 * Deleting stored files, one way for every path (an erasure, the purge, a removed image, a failed
 * upload or card save): the keys are first queued in pending_file_deletions (db/queries/file-deletions.ts),
 * then each file is deleted and its key forgotten. A file that fails to delete keeps its key, with
 * the error, and the next `npm run purge` deletes it: no file is ever left without a record.
 */

/**
 * Deletes each queued file and forgets its key; a file that fails stays queued (with the error) for
 * the next `npm run purge`. Returns how many were deleted and how many failed.
 */
export async function deleteQueuedFiles(keys: readonly string[]): Promise<{ deleted: number; failed: number }> {
  let deleted = 0;
  let failed = 0;
  for (const key of keys) {
    try {
      await deleteStoredFile(key);
      await forgetPendingFile(key);
      deleted++;
    } catch (error) {
      failed++;
      await notePendingFileFailure(key, error instanceof Error ? error.message : String(error));
    }
  }
  return { deleted, failed };
}

/** Files stored for something whose row was never written (an upload or a card save that failed): queued, then deleted. */
export async function discardStoredFiles(keys: readonly string[]): Promise<void> {
  try {
    await queueUnreferencedFiles(keys);
  } catch {
    // The database failed as well (often why the row was never written): delete what can be deleted
    // without a record, and leave the caller's own error to be the one reported.
    await Promise.allSettled(keys.map(deleteStoredFile));
    return;
  }
  await deleteQueuedFiles(keys);
}

/**
 * The student removes an image from their draft: the row goes with its files' keys queued, in one
 * transaction (deleteImage), then the files. One kept for a submitted attempt has no files to delete.
 */
export async function deleteDraftImage(actor: SessionUser, imageId: string): Promise<void> {
  const { deletedKeys } = await deleteImage(actor, imageId);
  await deleteQueuedFiles(deletedKeys);
}
