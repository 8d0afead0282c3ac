import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { parseStorageUrl } from "./storage/config";
import { localStore, uploadsDir } from "./storage/local";
import { s3Store } from "./storage/s3";
import { typeOf, type FileStore, type StoredExtension, type StoredFileStream } from "./storage/store";

/**
 * Stored images live in the local folder (UPLOADS_DIR, the default) or, when STORAGE_URL names a
 * bucket, in S3-compatible object storage (ADR 009). Callers see the same functions either way.
 */

let current: { url: string | undefined; store: FileStore } | undefined;

/** The store STORAGE_URL chooses; checked on first use, and again only if the variable changes (tests). */
function store(): FileStore {
  const url = process.env.STORAGE_URL;
  if (!current || current.url !== url) {
    const location = parseStorageUrl(url);
    current = { url, store: location ? s3Store(location) : localStore };
  }
  return current.store;
}

/** Stores the bytes under a new random key and returns it; a reader never sees half a file. */
export async function storeFile(data: Buffer, extension: StoredExtension): Promise<string> {
  const key = `${randomUUID()}.${extension}`;
  await store().put(key, data, typeOf(key));
  return key;
}

/** The whole file; a missing one is a NotFoundError. */
export async function readStoredFile(key: string): Promise<Buffer> {
  return store().read(key);
}

/** The file as a stream, with its length and type, for a route to send once it has checked who asks. */
export async function openStoredFile(key: string): Promise<StoredFileStream> {
  return store().open(key);
}

export async function deleteStoredFile(key: string): Promise<void> {
  await store().remove(key);
}

/** Where request bodies wait while they are checked: local disk beside the uploads (a /tmp may live in memory), whatever the store. */
function incomingDir(): string {
  return path.join(uploadsDir(), "incoming");
}

/** A leftover body (the server stopped mid-upload) is this old at least: no upload takes that long. */
const LEFTOVER_MS = 24 * 60 * 60 * 1000;
let incomingReady: Promise<void> | undefined;

/**
 * A new, unused path for a request body that has not been checked yet; never under a storage key,
 * so nothing there can be served. The first call in a process clears leftovers of earlier ones.
 */
export async function incomingPath(): Promise<string> {
  incomingReady ??= (async () => {
    const dir = incomingDir();
    await fs.mkdir(dir, { recursive: true });
    const cutoff = Date.now() - LEFTOVER_MS;
    for (const name of await fs.readdir(dir)) {
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => null);
      if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true });
    }
  })().catch((error: unknown) => {
    incomingReady = undefined;
    throw error;
  });
  await incomingReady;
  return path.join(incomingDir(), `${randomUUID()}.part`);
}
