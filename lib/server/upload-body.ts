import { writeSync } from "node:fs";
import fs from "node:fs/promises";
import { incomingPath } from "./storage";

/** A request body written to disk as it arrived: read it when its turn comes, and always discard it. */
export type SpooledBody = {
  size: number;
  /** The file it is in (none for an empty body): the image worker reads it itself (lib/server/images.ts). */
  path: string;
  discard(): Promise<void>;
};

const EMPTY: SpooledBody = { size: 0, path: "", discard: async () => undefined };

/**
 * Writes a request body to a new temporary file as it arrives, each chunk as soon as it comes, so
 * that an upload waiting for the image queue holds no memory. Returns null as soon as the body
 * passes `limit` (reading stops and the file goes). A body cut short because the client left reads
 * as empty, which the upload route answers as "no file".
 */
export async function spoolBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<SpooledBody | null> {
  if (!body) return EMPTY;
  const file = await incomingPath();
  const handle = await fs.open(file, "wx");
  const reader = body.getReader();
  let size = 0;
  let outcome: "complete" | "too large" | "cut short" = "complete";
  try {
    for (;;) {
      const chunk = await reader.read().catch(() => null);
      if (!chunk) {
        outcome = "cut short";
        break;
      }
      if (chunk.done) break;
      size += chunk.value.byteLength;
      if (size > limit) {
        outcome = "too large";
        await reader.cancel().catch(() => undefined);
        break;
      }
      // Synchronously, into the page cache (tens of microseconds for a 64 KB chunk), so the chunk
      // is done with at once. Through libuv's thread pool, 200 uploads at once took the server 50
      // to 100 MB higher, and it kept 40 to 80 MB more afterwards (npm run bench -- --only=uploads).
      for (let written = 0; written < chunk.value.byteLength;) written += writeSync(handle.fd, chunk.value, written);
    }
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(file, { force: true });
    throw error;
  }
  await handle.close();
  const discard = () => fs.rm(file, { force: true });
  if (outcome !== "complete") {
    await discard();
    return outcome === "too large" ? null : EMPTY;
  }
  return { size, path: file, discard };
}
