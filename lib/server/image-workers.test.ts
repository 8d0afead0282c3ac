import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ImageRefused, ImageWorkers, WorkerGone } from "./image-workers";

/**
 * The pool with a real worker process (lib/server/image-worker.mjs), as the server runs it, but an
 * idle time of a fraction of a second.
 */

const limits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxShortSide: 1080, thumbWidth: 480 };
const script = path.resolve("lib/server/image-worker.mjs");
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3355aa" } })
    .png()
    .toBuffer();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let workers: ImageWorkers | undefined;
afterEach(() => workers?.stop());

describe("ImageWorkers", () => {
  it("re-encodes in a child process, which exits once idle and comes back for the next image", async () => {
    workers = new ImageWorkers({ concurrency: 2, script, idleMs: 200 });
    const result = await workers.run({ kind: "bytes", bytes: await png(300, 200), limits });
    expect(result).toMatchObject({ format: "png", width: 300, height: 200 });
    expect(Buffer.isBuffer(result.image) && Buffer.isBuffer(result.thumbnail)).toBe(true);
    const first = workers.pid!;
    expect(first).not.toBe(process.pid);
    expect(alive(first)).toBe(true);
    await vi.waitFor(() => expect(alive(first)).toBe(false), { timeout: 5000 });
    expect(workers.pid).toBeUndefined();
    await workers.run({ kind: "bytes", bytes: await png(10, 10), limits });
    expect(workers.pid).not.toBe(first);
  });

  it("runs images side by side in the one worker", async () => {
    workers = new ImageWorkers({ concurrency: 2, script, idleMs: 60_000 });
    const results = await Promise.all(
      [300, 400, 500].map(async (width) => workers!.run({ kind: "bytes", bytes: await png(width, 100), limits })),
    );
    expect(results.map((r) => r.width)).toEqual([300, 400, 500]);
  });

  it("says why an image is refused, and fails otherwise on a server fault", async () => {
    workers = new ImageWorkers({ concurrency: 1, script, idleMs: 60_000 });
    const refusal = workers.run({ kind: "bytes", bytes: Buffer.from("<svg></svg>"), limits });
    await expect(refusal).rejects.toBeInstanceOf(ImageRefused);
    await expect(refusal).rejects.toMatchObject({ reason: "type" });
    const fault = workers.run({ kind: "form", file: "/nonexistent/upload.part", contentType: "multipart/form-data; boundary=x", limits });
    await expect(fault).rejects.toThrow(/ENOENT/);
    await expect(fault).rejects.not.toBeInstanceOf(ImageRefused);
  });

  it("fails the images in a worker that dies, and carries on with a new one", async () => {
    workers = new ImageWorkers({ concurrency: 1, script, idleMs: 60_000 });
    await workers.run({ kind: "bytes", bytes: await png(10, 10), limits });
    const doomed = workers.pid!;
    // Killed before it can answer: the job is sent to a process that is gone, or about to be.
    const pending = workers.run({ kind: "bytes", bytes: await png(10, 10), limits });
    process.kill(doomed, "SIGKILL");
    await expect(pending).rejects.toBeInstanceOf(WorkerGone);
    const after = await workers.run({ kind: "bytes", bytes: await png(20, 20), limits });
    expect(after.width).toBe(20);
    expect(workers.pid).not.toBe(doomed);
  });
});
