import fs from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { listPendingFileDeletions } from "@/db/queries/file-deletions";
import { addImage, getStudentWork, submitWork } from "@/db/queries/work";
import { pendingFileDeletions } from "@/db/schema";
import { classroom, fakeImage } from "@/lib/test/factories";
import * as storage from "./storage";
import { storedPath } from "./storage/store";
import { deleteDraftImage, deleteQueuedFiles, discardStoredFiles } from "./stored-files";

const onDisk = (key: string) => fs.existsSync(path.join(process.env.UPLOADS_DIR!, storedPath(key)));

/** A student's draft image whose two files are really stored. */
async function storedImage() {
  const room = await classroom();
  const keys = {
    storageKey: await storage.storeFile(Buffer.from("original"), "png"),
    thumbnailKey: await storage.storeFile(Buffer.from("thumb"), "webp"),
  };
  const image = await addImage(room.student.actor, room.assignment.id, { ...fakeImage(8, 8), ...keys }, "");
  return { ...room, image, keys: [keys.storageKey, keys.thumbnailKey] };
}

describe("a student removing an image", () => {
  it("deletes the row and both files, leaving nothing queued", async () => {
    const { student, assignment, image, keys } = await storedImage();
    expect(keys.every(onDisk)).toBe(true);
    await deleteDraftImage(student.actor, image.id);
    expect((await getStudentWork(student.actor, assignment.id)).images).toEqual([]);
    expect(keys.some(onDisk)).toBe(false);
    expect(await listPendingFileDeletions()).toEqual([]);
  });

  it("keeps a file the store failed to delete queued, with the error, and the purge's drain deletes it later", async () => {
    const { student, assignment, image, keys } = await storedImage();
    const spy = vi.spyOn(storage, "deleteStoredFile").mockRejectedValueOnce(new Error("bucket unreachable"));
    await deleteDraftImage(student.actor, image.id);
    spy.mockRestore();
    expect((await getStudentWork(student.actor, assignment.id)).images).toEqual([]);
    const left = await (await getDb()).select().from(pendingFileDeletions);
    expect(left).toEqual([expect.objectContaining({ storageKey: keys[0], attempts: 1, lastError: "bucket unreachable" })]);
    expect(onDisk(keys[0]!)).toBe(true);
    expect(onDisk(keys[1]!)).toBe(false);

    // What `npm run purge` does after its own work.
    expect(await deleteQueuedFiles(await listPendingFileDeletions())).toEqual({ deleted: 1, failed: 0 });
    expect(onDisk(keys[0]!)).toBe(false);
    expect(await listPendingFileDeletions()).toEqual([]);
  });

  it("leaves an image kept for a submitted attempt, and its files, in place", async () => {
    const { student, assignment, image, keys } = await storedImage();
    const version = (await getStudentWork(student.actor, assignment.id)).version;
    await submitWork(student.actor, assignment.id, version, true);
    await deleteDraftImage(student.actor, image.id);
    expect(keys.every(onDisk)).toBe(true);
    expect(await listPendingFileDeletions()).toEqual([]);
  });
});

describe("files stored for a row that was never written", () => {
  it("are queued before they are deleted: a failed delete stays queued for the purge, a deleted one leaves nothing", async () => {
    // An upload whose row addImage refused, or a card save that failed part-way: its stored files go.
    const keys = [await storage.storeFile(Buffer.from("a"), "png"), await storage.storeFile(Buffer.from("b"), "webp")];
    const spy = vi.spyOn(storage, "deleteStoredFile").mockRejectedValueOnce(new Error("bucket unreachable"));
    await discardStoredFiles(keys);
    spy.mockRestore();
    expect(await listPendingFileDeletions()).toEqual([keys[0]]);
    expect(onDisk(keys[0]!)).toBe(true);
    expect(onDisk(keys[1]!)).toBe(false);
    expect(await deleteQueuedFiles(await listPendingFileDeletions())).toEqual({ deleted: 1, failed: 0 });
    expect(keys.some(onDisk)).toBe(false);
    expect(await listPendingFileDeletions()).toEqual([]);
  });
});
