import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** Uploaded files live outside public/, under generated names, served only by authorized routes. */
function uploadsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.UPLOADS_DIR ?? path.join(process.cwd(), "data", "uploads"));
}

const KEY = /^[0-9a-f-]{36}\.(png|jpeg|webp)$/;

function pathFor(key: string): string {
  if (!KEY.test(key)) throw new Error("Invalid storage key");
  return path.join(uploadsDir(), key.slice(0, 2), key);
}

/** Writes atomically (temp file + rename), so a crash never leaves half a file under a real key. */
export async function storeFile(data: Buffer, extension: "png" | "jpeg" | "webp"): Promise<string> {
  const key = `${randomUUID()}.${extension}`;
  const target = pathFor(key);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  await fs.writeFile(temp, data, { flag: "wx" });
  await fs.rename(temp, target);
  return key;
}

/** Where request bodies wait while they are checked: beside the uploads (a /tmp may live in memory). */
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

export function readStoredFile(key: string): Promise<Buffer> {
  return fs.readFile(pathFor(key));
}

export async function deleteStoredFile(key: string): Promise<void> {
  await fs.rm(pathFor(key), { force: true });
}
