import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spoolBody } from "./upload-body";

const incoming = () => fs.readdirSync(path.join(process.env.UPLOADS_DIR!, "incoming"));

function chunks(parts: (string | Error)[]) {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts.shift();
      if (part === undefined) controller.close();
      else if (part instanceof Error) controller.error(part);
      else controller.enqueue(new TextEncoder().encode(part));
    },
  });
}

describe("spoolBody", () => {
  it("keeps the whole body on disk until it is discarded", async () => {
    const body = await spoolBody(chunks(["hello ", "world"]), 11);
    expect(body?.size).toBe(11);
    expect(incoming()).toHaveLength(1);
    expect(fs.readFileSync(body!.path, "utf8")).toBe("hello world");
    await body!.discard();
    expect(incoming()).toEqual([]);
  });

  it("stops at the limit and keeps nothing", async () => {
    expect(await spoolBody(chunks(["hello ", "world"]), 10)).toBeNull();
    expect(incoming()).toEqual([]);
  });

  it("stops reading as soon as the body passes the limit", async () => {
    let pulled = 0;
    const fiftyMegabytes = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled === 50 * 16) return controller.close();
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    expect(await spoolBody(fiftyMegabytes, 1024 * 1024)).toBeNull();
    // The chunk that crossed the 1 MB limit (the 17th of 64 KB), plus at most the one the stream had queued ahead.
    expect(pulled).toBeLessThanOrEqual(18);
    expect(incoming()).toEqual([]);
  });

  it("reads a body cut short (the client left) as empty and keeps nothing", async () => {
    const body = await spoolBody(chunks(["hello ", new Error("connection reset")]), 100);
    expect(body).toMatchObject({ size: 0, path: "" });
    expect(incoming()).toEqual([]);
  });

  it("takes a missing body as empty", async () => {
    expect(await spoolBody(null, 10)).toMatchObject({ size: 0, path: "" });
  });
});
