// @ts-check
// The image worker: a child process of the app server (lib/server/image-workers.ts starts it) that
// checks and re-encodes one upload at a time, asked over the IPC channel. It holds libvips, the
// multipart parser and every pixel buffer, so that their memory goes back to the system when it
// exits, once idle; a crash on a hostile file ends it, not the server. It exits when its parent
// disconnects, or dies.
import { processImageBytes, processUploadForm, Refusal } from "./image-pipeline.mjs";

/**
 * @typedef {{ id: number; limits: import("./image-pipeline.mjs").ImageLimits } & (
 *   | { kind: "bytes"; bytes: Uint8Array }
 *   | { kind: "form"; file: string; contentType: string }
 * )} WorkerRequest
 */
/**
 * The upload was refused (`reason`), or, without a reason, processing failed for another cause
 * (a server fault, such as a missing file).
 * @typedef {{ id: number; ok: false; reason?: import("./image-pipeline.mjs").RefusalReason; detail: string }} WorkerRefusal
 */
/** @typedef {{ id: number; ok: true } & import("./image-pipeline.mjs").ProcessedPixels} WorkerResult */
/** @typedef {WorkerResult | WorkerRefusal} WorkerReply */

const send = process.send?.bind(process);
if (!send) throw new Error("lib/server/image-worker.mjs runs as a child process with an IPC channel (child_process.fork)");

process.on("message", async (/** @type {WorkerRequest} */ request) => {
  const { id, limits } = request;
  /** @type {WorkerReply} */
  let reply;
  try {
    const result =
      request.kind === "form"
        ? await processUploadForm(request.file, request.contentType, limits)
        : await processImageBytes(request.bytes, limits);
    reply = { id, ok: true, ...result };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    reply = error instanceof Refusal ? { id, ok: false, reason: error.reason, detail } : { id, ok: false, detail };
  }
  send(reply);
  // The image's buffers (pixels, input, outputs) are outside V8's heap, which is tiny here, so
  // nothing would collect them for a while: dozens of megabytes. A young-generation collection
  // frees them, for a fraction of a millisecond, once this handler has let go of them.
  setImmediate(() => globalThis.gc?.({ type: "minor" }));
});

process.on("disconnect", () => process.exit(0));
