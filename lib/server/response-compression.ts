/**
 * Compression for everything the app's HTTP server (scripts/server.mjs) sends. Text (HTML, the RSC
 * payload, JSON, CSV, JS, CSS, SVG) goes out brotli- or gzip-encoded when the client accepts it,
 * exactly once; images and other binary never. Next.js's own `compress` is off (next.config.js):
 * it skipped every route handler, the CSV exports included, because Next.js hands it their
 * Content-Type as an array (vercel/next.js#98007).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";
import compression from "compression";

export const COMPRESSION = {
  /** Smaller bodies go out as they are: a zlib stream costs ~0.14 ms of CPU, more than a trivial request's own work. */
  thresholdBytes: 1024,
  /**
   * Brotli, which browsers prefer, at quality 4: a quarter smaller than gzip at about gzip's CPU on
   * our pages, CSV and scripts; 5 and 6 cost up to twice as much for 5% less, 11 a hundred times more.
   */
  brotliQuality: 4,
  /** zlib's default, for clients without brotli. */
  gzipLevel: 6,
} as const;

/**
 * Text the browser reads, never binary: images, fonts and archives are compressed already, and a
 * server-sent event stream must reach the client event by event.
 */
const TEXT_TYPE =
  /^(?:text\/(?!event-stream$)[a-z0-9.+-]+|application\/(?:json|javascript|ecmascript|xml|x-ndjson|manifest\+json|[a-z0-9.-]+\+(?:json|xml))|image\/svg\+xml)$/;

/** "text/csv" from a Content-Type header value, whether Node.js holds it as a string or (as Next.js sets it) an array. */
function mediaType(contentType: unknown): string | null {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  if (typeof value !== "string") return null;
  return value.split(";")[0]!.trim().toLowerCase() || null;
}

/**
 * Whether a response may be compressed at all. The middleware then also leaves alone a HEAD
 * request, a body already encoded, `Cache-Control: no-transform`, a body under the threshold and a
 * client whose Accept-Encoding takes neither brotli nor gzip.
 */
export function compressible(status: number, contentType: unknown): boolean {
  // No body (1xx, 204, 304), or a byte range of the body (206) that compressing would break.
  if (status < 200 || status === 204 || status === 206 || status === 304) return false;
  const type = mediaType(contentType);
  return type !== null && TEXT_TYPE.test(type);
}

const encode = compression({
  filter: (_req, res) => compressible(res.statusCode, res.getHeader("content-type")),
  threshold: COMPRESSION.thresholdBytes,
  level: COMPRESSION.gzipLevel,
  brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: COMPRESSION.brotliQuality } },
});

type Chunk = string | Uint8Array;
type Callback = (error?: Error | null) => void;
type Write = (this: ServerResponse, ...args: unknown[]) => boolean;
type End = (this: ServerResponse, ...args: unknown[]) => ServerResponse;

function bytesOf(chunk: Chunk, encoding?: BufferEncoding): Buffer {
  return typeof chunk === "string" ? Buffer.from(chunk, encoding ?? "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Next.js sends the headers of every streamed body (all of its pages and route handlers) before the
 * first chunk, so the middleware would decide before the size is known and compress even an
 * 11-byte JSON. This holds the first chunk until the body ends (then its size is known, and headers
 * and body leave in one write) or until the next turn of the event loop (then it is a stream, and
 * goes on chunk by chunk, each flushed as it comes). Calls with a callback are passed straight on.
 */
function holdFirstChunk(res: ServerResponse): void {
  const write = res.write as Write;
  const end = res.end as End;
  const flushHeaders = res.flushHeaders;
  let held: Buffer | null = null;
  let timer: NodeJS.Immediate | undefined;
  const restore = () => {
    clearImmediate(timer);
    res.write = write as ServerResponse["write"];
    res.end = end as ServerResponse["end"];
    res.flushHeaders = flushHeaders;
  };
  const release = () => {
    restore();
    if (held === null) return;
    const chunk = held;
    held = null;
    write.call(res, chunk);
    (res as ServerResponse & { flush?: () => void }).flush?.();
  };
  // The headers leave with the first bytes of the body instead.
  res.flushHeaders = () => undefined;
  res.write = function holdingWrite(this: ServerResponse, chunk: Chunk, encoding?: BufferEncoding | Callback, callback?: Callback) {
    if (held !== null || typeof encoding === "function" || callback || res.headersSent) {
      release();
      return write.call(res, chunk, encoding, callback);
    }
    held = bytesOf(chunk, encoding);
    timer = setImmediate(release);
    return true;
  } as ServerResponse["write"];
  res.end = function holdingEnd(this: ServerResponse, chunk?: Chunk | Callback, encoding?: BufferEncoding | Callback, callback?: Callback) {
    restore();
    if (held === null || typeof chunk === "function" || typeof encoding === "function" || callback) {
      release();
      return end.call(res, chunk, encoding, callback);
    }
    const body = chunk === undefined || chunk === null ? held : Buffer.concat([held, bytesOf(chunk, encoding)]);
    held = null;
    // Known now: the middleware measures it against the threshold (and drops it if it compresses).
    if (!res.headersSent && !res.hasHeader("content-length")) res.setHeader("Content-Length", body.length);
    return end.call(res, body);
  } as ServerResponse["end"];
  res.once("close", () => {
    held = null;
    restore();
  });
}

/** Sets up the response to be compressed as above; call before anything writes to it. */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
  encode(req, res, () => undefined);
  holdFirstChunk(res);
}
