import fs from "node:fs/promises";
import { incomingPath } from "./storage";

/** A request body written to disk as it arrived: read it when its turn comes, and always discard it. */
export type SpooledBody = {
  size: number;
  read(): Promise<Uint8Array<ArrayBuffer>>;
  discard(): Promise<void>;
};

const WRITE_BATCH = 256 * 1024;

const EMPTY: SpooledBody = { size: 0, read: async () => new Uint8Array(0), discard: async () => undefined };

/**
 * Writes a request body to a new temporary file as it arrives, holding at most WRITE_BATCH of it in
 * memory, so that an upload waiting for the image queue holds no memory. Returns null as soon as
 * the body passes `limit` (reading stops and the file goes). A body cut short because the client
 * left reads as empty, which the upload route answers as "no file".
 */
export async function spoolBody(body: ReadableStream<Uint8Array> | null, limit: number): Promise<SpooledBody | null> {
  if (!body) return EMPTY;
  const file = await incomingPath();
  const handle = await fs.open(file, "wx");
  const reader = body.getReader();
  let size = 0;
  let outcome: "complete" | "too large" | "cut short" = "complete";
  // Chunks arrive at up to 64 KB; each write is a trip to libuv's thread pool, so fewer, larger ones.
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const batch = pending;
    pending = [];
    pendingBytes = 0;
    await handle.writev(batch);
  };
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
      pending.push(chunk.value);
      pendingBytes += chunk.value.byteLength;
      // Awaiting the write is the back-pressure: no more is read than the disk has taken.
      if (pendingBytes >= WRITE_BATCH) await flush();
    }
    if (outcome === "complete") await flush();
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
  const read = async () => {
    const bytes = await fs.readFile(file);
    return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength); // a view, not a copy
  };
  return { size, read, discard };
}
