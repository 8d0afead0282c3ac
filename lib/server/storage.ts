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

export function readStoredFile(key: string): Promise<Buffer> {
  return fs.readFile(pathFor(key));
}

export async function deleteStoredFile(key: string): Promise<void> {
  await fs.rm(pathFor(key), { force: true });
}
