import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressible, compressResponse, COMPRESSION } from "./response-compression";

describe("which responses may be compressed", () => {
  it("text the browser reads: pages, the RSC payload, JSON, CSV, scripts, styles, SVG", () => {
    for (const type of [
      "text/html; charset=utf-8",
      "text/x-component",
      "application/json",
      "text/csv; charset=utf-8",
      "application/javascript; charset=UTF-8",
      "text/javascript",
      "text/css; charset=UTF-8",
      "text/plain",
      "image/svg+xml",
      "application/manifest+json",
      "application/problem+json",
      "TEXT/HTML",
    ]) {
      expect(compressible(200, type), type).toBe(true);
    }
  });

  it("whether Node.js holds the Content-Type as a string or, as Next.js sets it for route handlers, an array", () => {
    expect(compressible(200, ["text/csv; charset=utf-8"])).toBe(true);
    expect(compressible(200, ["image/png"])).toBe(false);
  });

  it("never images, fonts, archives, binary or a server-sent event stream", () => {
    for (const type of [
      "image/png",
      "image/jpeg",
      "image/webp",
      "image/avif",
      "font/woff2",
      "application/octet-stream",
      "application/zip",
      "application/pdf",
      "video/mp4",
      "text/event-stream",
      "multipart/form-data; boundary=x",
    ]) {
      expect(compressible(200, type), type).toBe(false);
    }
  });

  it("never a response without a type, without a body (204, 304) or with part of one (206)", () => {
    expect(compressible(200, undefined)).toBe(false);
    expect(compressible(200, "")).toBe(false);
    expect(compressible(204, "application/json")).toBe(false);
    expect(compressible(304, "text/html")).toBe(false);
    expect(compressible(206, "text/css")).toBe(false);
    expect(compressible(404, "text/html")).toBe(true);
  });
});

const BIG_TEXT = Array.from({ length: 400 }, (_, i) => `"Rivera, Dana ${i}","student${i}@example.com",3,2,3,1,9\n`).join("");

/** The test's own way to let a streaming response go on: resolved by the client once it has read the first part. */
let firstPartRead: () => void = () => undefined;

/** Answers as Next.js does: headers set (Content-Type as an array), flushHeaders(), then the body as a stream of writes, each flushed. */
async function answer(req: http.IncomingMessage, res: http.ServerResponse) {
  compressResponse(req, res);
  const url = new URL(req.url ?? "/", "http://test.invalid");
  const type = url.searchParams.get("type") ?? "text/csv; charset=utf-8";
  const status = Number(url.searchParams.get("status") ?? 200);
  const send = (chunks: string[]) => {
    res.statusCode = status;
    res.setHeader("Content-Type", [type]);
    if (url.searchParams.has("no-transform")) res.setHeader("Cache-Control", "no-store, no-transform");
    if (url.searchParams.has("encoded")) res.setHeader("Content-Encoding", "gzip");
    res.flushHeaders();
    for (const chunk of chunks) {
      res.write(new TextEncoder().encode(chunk));
      (res as http.ServerResponse & { flush?: () => void }).flush?.();
    }
  };
  switch (url.pathname) {
    case "/tiny":
      send(['{"ok":true}']);
      return res.end();
    case "/big":
      send([BIG_TEXT.slice(0, 5000), BIG_TEXT.slice(5000)]);
      return res.end();
    case "/empty":
      send([]);
      return res.end();
    case "/stream": {
      // The rest is only written once the client has decoded the first part: a compressor that
      // buffered the stream would never let the test finish.
      const wait = new Promise<void>((resolve) => (firstPartRead = resolve));
      send([BIG_TEXT.slice(0, 5000)]);
      await wait;
      res.write(BIG_TEXT.slice(5000));
      return res.end();
    }
    default:
      res.statusCode = 404;
      return res.end();
  }
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; wire: Buffer; text: string };

function decoder(encoding: string | undefined) {
  if (encoding === "br") return zlib.createBrotliDecompress();
  if (encoding === "gzip") return zlib.createGunzip();
  if (encoding === undefined) return null;
  throw new Error(`unexpected Content-Encoding ${encoding}`);
}

let origin = "";
const server = http.createServer((req, res) => void answer(req, res));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Options = { method?: string; raw?: boolean; onText?: (text: string) => void };

function get(path: string, acceptEncoding?: string, { method = "GET", raw = false, onText }: Options = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding };
    const request = http.request(`${origin}${path}`, { method, headers }, (res) => {
      const wire: Buffer[] = [];
      let text = "";
      const decode = raw ? null : decoder(res.headers["content-encoding"]);
      const body = decode ?? res;
      if (decode) res.pipe(decode);
      res.on("data", (chunk: Buffer) => wire.push(chunk));
      body.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        onText?.(text);
      });
      body.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, wire: Buffer.concat(wire), text }));
      body.on("error", reject);
    });
    request.on("error", reject);
    request.end();
  });
}

describe("compressing a response", () => {
  it("prefers brotli, then gzip, and sends exactly what it was given once decoded", async () => {
    for (const [accept, expected] of [
      ["gzip, deflate, br, zstd", "br"],
      ["br", "br"],
      ["gzip", "gzip"],
      ["gzip, deflate", "gzip"],
      ["*", "br"],
      ["br;q=0, gzip", "gzip"],
      ["br;q=0.5, gzip;q=1", "gzip"],
    ] as const) {
      const reply = await get("/big", accept);
      expect(reply.headers["content-encoding"], accept).toBe(expected);
      expect(reply.headers.vary).toMatch(/accept-encoding/i);
      expect(reply.text).toBe(BIG_TEXT);
      expect(reply.wire.length).toBeLessThan(BIG_TEXT.length / 4);
    }
  });

  it("sends it plain (with Vary) when the client takes neither, refuses both with q=0, or sends no Accept-Encoding", async () => {
    for (const accept of [undefined, "identity", "gzip;q=0, br;q=0", "compress", "deflate;q=0, gzip;q=0, br;q=0, identity"]) {
      const reply = await get("/big", accept);
      expect(reply.headers["content-encoding"], accept).toBeUndefined();
      expect(reply.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(reply.text).toBe(BIG_TEXT);
    }
  });

  it("leaves a small body as it is, and sends it with its length in one piece", async () => {
    const reply = await get("/tiny", "gzip, br");
    expect(reply.headers["content-encoding"]).toBeUndefined();
    expect(reply.headers["content-length"]).toBe("11");
    expect(reply.text).toBe('{"ok":true}');
    expect(COMPRESSION.thresholdBytes).toBeGreaterThan(11);
    const empty = await get("/empty", "gzip, br");
    expect(empty.headers["content-encoding"]).toBeUndefined();
    expect(empty.text).toBe("");
  });

  it("keeps a stream streaming: each part reaches the client, decoded, before the next is written", async () => {
    const reply = await get("/stream", "gzip, br", {
      onText: (text) => {
        if (text.length >= 5000) firstPartRead();
      },
    });
    expect(reply.headers["content-encoding"]).toBe("br");
    expect(reply.text).toBe(BIG_TEXT);
  });

  it("never touches images, an encoded body, no-transform, HEAD, 204 or 304", async () => {
    const image = await get("/big?type=image/png", "gzip, br");
    expect(image.headers["content-encoding"]).toBeUndefined();
    expect(image.headers.vary).toBeUndefined();
    expect(image.text).toBe(BIG_TEXT);
    expect((await get("/big?no-transform", "gzip, br")).headers["content-encoding"]).toBeUndefined();
    // A body the route encoded itself (here: labelled so) is passed on as it is, never encoded twice.
    const encoded = await get("/big?encoded", "gzip, br", { raw: true });
    expect(encoded.headers["content-encoding"]).toBe("gzip");
    expect(encoded.wire.toString("utf8")).toBe(BIG_TEXT);
    const head = await get("/big", "gzip, br", { method: "HEAD" });
    expect(head.headers["content-encoding"]).toBeUndefined();
    expect(head.wire.length).toBe(0);
    for (const status of [204, 304]) {
      const reply = await get(`/empty?status=${status}`, "gzip, br");
      expect(reply.status).toBe(status);
      expect(reply.headers["content-encoding"]).toBeUndefined();
    }
  });
});
