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

/**
 * Reads the open file a chunk at a time as the response is sent, and closes it however the stream
 * ends. It ends with the last byte rather than after one more empty read, so a small file (a
 * thumbnail) is whole at once and the app's server can still give it a Content-Length (Next.js drops
 * a route handler's own).
 */
function streamOf(handle: FileHandle, size: number): ReadableStream<Uint8Array> {
  let position = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const length = Math.min(CHUNK, size - position);
        const { bytesRead, buffer } = await handle.read(new Uint8Array(length), 0, length, position);
        position += bytesRead;
        if (bytesRead > 0) controller.enqueue(buffer.subarray(0, bytesRead));
        if (bytesRead === 0 || position >= size) {
          // Ended before the file closes: closing is a trip to the thread pool, the end need not wait.
          controller.close();
          await handle.close();
        }
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
      return { body: streamOf(handle, size), size, type: typeOf(key) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  },
  async remove(key) {
    await fs.rm(fileFor(key), { force: true });
  },
};
