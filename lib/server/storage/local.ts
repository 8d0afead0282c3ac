import type { FileHandle } from "node:fs/promises";
import fs from "node:fs/promises";
import path from "node:path";
import { NotFoundError } from "@/lib/errors";
import { storedPath, typeOf, type FileStore } from "./store";

/** Uploaded files live outside public/, under generated names, served only by authorized routes. */
export function uploadsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.UPLOADS_DIR ?? path.join(process.cwd(), "data", "uploads"));
}

function fileFor(key: string): string {
  return path.join(uploadsDir(), storedPath(key));
}

function missingAsNotFound(error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new NotFoundError("image");
  throw error;
}

const CHUNK = 64 * 1024;

/** Reads the open file a chunk at a time as the response is sent, and closes it however the stream ends. */
function streamOf(handle: FileHandle): ReadableStream<Uint8Array> {
  let position = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { bytesRead, buffer } = await handle.read(new Uint8Array(CHUNK), 0, CHUNK, position);
        if (bytesRead === 0) {
          await handle.close();
          controller.close();
          return;
        }
        position += bytesRead;
        controller.enqueue(buffer.subarray(0, bytesRead));
      } catch (error) {
        await handle.close().catch(() => undefined);
        throw error;
      }
    },
    async cancel() {
      await handle.close();
    },
  });
}

/** The default store: a folder on this machine (UPLOADS_DIR, read on every call so tests can move it). */
export const localStore: FileStore = {
  /** Atomic: a temp file renamed into place, so a crash never leaves half a file under a real key. */
  async put(key, data) {
    const target = fileFor(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.tmp`;
    await fs.writeFile(temp, data, { flag: "wx" });
    await fs.rename(temp, target);
  },
  async read(key) {
    return fs.readFile(fileFor(key)).catch(missingAsNotFound);
  },
  async open(key) {
    const handle = await fs.open(fileFor(key), "r").catch(missingAsNotFound);
    try {
      const { size } = await handle.stat();
      return { body: streamOf(handle), size, type: typeOf(key) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  },
  async remove(key) {
    await fs.rm(fileFor(key), { force: true });
  },
};
