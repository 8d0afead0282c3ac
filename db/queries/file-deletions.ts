import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, writeTransaction } from "@/db";
import { pendingFileDeletions } from "@/db/schema";
import type { Db } from "./ownership";

/**
 * Stored files on their way out (pending_file_deletions). Every path that removes a file (an
 * erasure, the purge, a student deleting an image, an upload or card save that failed) first records
 * its key here, in the transaction that removes its row; the file is deleted after the commit and
 * the key forgotten. A storage outage or a crash in between leaves the key, which the next
 * `npm run purge` deletes (lib/server/stored-files.ts). Storage keys only: nothing about a person.
 */

/** Records the keys on the caller's write transaction, beside the change that stops using the files. */
export async function queueFileDeletions(tx: Db, keys: readonly string[], queuedAt = new Date()): Promise<void> {
  if (keys.length === 0) return;
  await tx
    .insert(pendingFileDeletions)
    .values(keys.map((storageKey) => ({ storageKey, queuedAt })))
    .onConflictDoNothing();
}

/** Records the keys of files no row refers to (stored for an upload whose row was never written). */
export async function queueUnreferencedFiles(keys: readonly string[]): Promise<void> {
  await writeTransaction(async (tx) => await queueFileDeletions(tx, keys));
}

/** The storage keys waiting to be deleted, oldest first. */
export async function listPendingFileDeletions(): Promise<string[]> {
  const rows = await (
    await getDb()
  )
    .select({ key: pendingFileDeletions.storageKey })
    .from(pendingFileDeletions)
    .orderBy(pendingFileDeletions.queuedAt, pendingFileDeletions.storageKey);
  return rows.map((row) => row.key);
}

/** The file is gone: forget its key. */
export async function forgetPendingFile(storageKey: string): Promise<void> {
  await writeTransaction(async (tx) => {
    await tx.delete(pendingFileDeletions).where(eq(pendingFileDeletions.storageKey, storageKey));
  });
}

/** Deleting the file failed: keep the key for the next purge, with what went wrong (no personal data: a storage error). */
export async function notePendingFileFailure(storageKey: string, error: string): Promise<void> {
  await writeTransaction(async (tx) => {
    await tx
      .update(pendingFileDeletions)
      .set({ attempts: sql`${pendingFileDeletions.attempts} + 1`, lastError: error.slice(0, 500) })
      .where(eq(pendingFileDeletions.storageKey, storageKey));
  });
}
