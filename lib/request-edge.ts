/**
 * The request edge: what the app's HTTP server (scripts/server.mjs) checks before Next.js sees a
 * request. Next.js reads whole bodies before some of its own limits apply, turns its 413 into a
 * 500, and answers a path it cannot percent-decode with a 500; this policy refuses those requests
 * first, with the app's JSON or its 404 page. Pure (no sockets), so it is unit-tested.
 */
import { z } from "zod";
import { CLIENT_ADDRESS_HEADER, EDGE_TOKEN_HEADER } from "./client-address";

const KB = 1024;
const MB = 1024 * KB;

export const BODY_LIMITS = {
  /** Server actions and any other POST: the same as `serverActions.bodySizeLimit` in next.config.js. */
  action: 1 * MB,
  /** Auth.js's endpoints take a sign-in form or a sign-out: a few hundred bytes. */
  auth: 64 * KB,
  /** One image of at most IMAGE_LIMITS.maxBytes (10 MB), plus its multipart envelope and caption. */
  upload: 10 * MB + 64 * KB,
} as const;

export const UPLOAD_TOO_LARGE = "That image is larger than 10 MB. Export it smaller and try again.";

/** Next.js renders the app's not-found page (with status 404) for this path. */
export const NOT_FOUND_PATH = "/_not-found";

const UPLOAD_ROUTE = /^\/api\/assignments\/[^/]+\/images\/?$/;

export type Refusal = { status: 400 | 403 | 404 | 413; error: string };

export type BodyPolicy = {
  limit: number;
  /** "buffer": the server reads the body (bounded) before Next.js starts; "stream": the route reads it itself through readBodyWithin. */
  read: "buffer" | "stream";
  tooLarge: string;
  /** A POST to a page, which Next.js may run as a server action. */
  action: boolean;
};

export type Admission =
  | { kind: "refuse"; refusal: Refusal }
  /** Serve this URL instead: the app's own 404 page for a page path that cannot be decoded. */
  | { kind: "rewrite"; url: string }
  | { kind: "pass"; body: BodyPolicy | null };

type HeaderValue = string | string[] | undefined;
export type EdgeHeaders = Record<string, HeaderValue>;
export type EdgeRequest = { method?: string; url?: string; headers: EdgeHeaders };

function first(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function tooLargeMessage(limit: number) {
  return `That request is too large: the limit here is ${limit >= MB ? `${limit / MB} MB` : `${limit / KB} KB`}.`;
}

/** The route's limit for a request that carries a body (anything but GET and HEAD), or null for none. */
export function bodyPolicy(method: string, pathname: string): BodyPolicy | null {
  if (method === "GET" || method === "HEAD") return null;
  if (UPLOAD_ROUTE.test(pathname)) return { limit: BODY_LIMITS.upload, read: "stream", tooLarge: UPLOAD_TOO_LARGE, action: false };
  if (pathname === "/api/auth" || pathname.startsWith("/api/auth/")) {
    return { limit: BODY_LIMITS.auth, read: "buffer", tooLarge: tooLargeMessage(BODY_LIMITS.auth), action: false };
  }
  const page = !(pathname === "/api" || pathname.startsWith("/api/"));
  return { limit: BODY_LIMITS.action, read: "buffer", tooLarge: tooLargeMessage(BODY_LIMITS.action), action: page && method === "POST" };
}

/** The path as Next.js reads it (WHATWG URL, dot segments resolved, still percent-encoded), or null. */
function pathnameOf(url: string): string | null {
  try {
    if (url.startsWith("/")) return new URL(`http://edge.invalid${url}`).pathname;
    const absolute = new URL(url); // the absolute form a proxy may send
    return absolute.protocol === "http:" || absolute.protocol === "https:" ? absolute.pathname : null;
  } catch {
    return null;
  }
}

function decodable(pathname: string) {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Same-origin check for server actions, as Next.js does it (Origin's host against X-Forwarded-Host,
 * else Host) but answered with a 403 instead of Next's 500. No Origin (a hand-made request, which
 * carries no one else's cookies) passes, as in Next.js.
 */
export function crossOrigin(headers: EdgeHeaders): boolean {
  const origin = first(headers.origin);
  if (origin === undefined) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const forwardedHost = first(headers["x-forwarded-host"])?.split(",")[0]?.trim();
  const host = forwardedHost || first(headers.host);
  return !originHost || originHost !== host;
}

const contentLengthSchema = z.coerce.number().int().nonnegative();

/** Everything that can be decided from the request line and headers, before any body is read. */
export function admit(request: EdgeRequest): Admission {
  const method = (request.method ?? "GET").toUpperCase();
  const pathname = pathnameOf(request.url ?? "");
  const api = pathname !== null && (pathname === "/api" || pathname.startsWith("/api/"));
  if (pathname === null || !decodable(pathname)) {
    if ((method === "GET" || method === "HEAD") && !api) return { kind: "rewrite", url: NOT_FOUND_PATH };
    return { kind: "refuse", refusal: { status: 404, error: "Not found" } };
  }
  const body = bodyPolicy(method, pathname);
  if (!body) return { kind: "pass", body: null };
  const declared = request.headers["content-length"];
  if (declared !== undefined) {
    const length = contentLengthSchema.safeParse(first(declared));
    if (!length.success) return { kind: "refuse", refusal: { status: 400, error: "That request is malformed." } };
    if (length.data > body.limit) return { kind: "refuse", refusal: { status: 413, error: body.tooLarge } };
  }
  if (body.action && crossOrigin(request.headers)) {
    return { kind: "refuse", refusal: { status: 403, error: "Requests from other sites are not accepted." } };
  }
  return { kind: "pass", body };
}

/** Next.js refuses more arguments than this with a 500 (SERVER_ACTION_ARGS_LIMIT). */
const MAX_ACTION_ARGUMENTS = 1000;

/**
 * Strings that React's reply decoder reads without another part of the body: escaped text ("$$…"),
 * undefined, NaN, ±Infinity, -0, dates, BigInts (at most 300 digits), temporary references and
 * form data. Any other "$…" string points at a part that a plain JSON body does not have, which
 * Next.js answers with a 500.
 */
const INLINE_REPLY_VALUE = /^\$(?:\$|T$|Infinity$|-Infinity$|-0$|NaN$|undefined$|D|n-?\d{1,300}$|K)/;

/** Whether JSON is an argument list; with `standalone` (a plain JSON body), one React can decode on its own. */
function isArgumentList(value: unknown, standalone: boolean): boolean {
  if (!Array.isArray(value) || value.length > MAX_ACTION_ARGUMENTS) return false;
  if (!standalone) return true;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === "string" && item.startsWith("$") && !INLINE_REPLY_VALUE.test(item)) return false;
    if (item !== null && typeof item === "object") pending.push(...Object.values(item));
  }
  return true;
}

/**
 * A server action's body, once buffered: a fetch action (Next-Action header) sends its argument
 * list as JSON, or as multipart whose field "0" holds it; any multipart body must parse. Next.js
 * answers anything else with a 500.
 */
export async function checkActionBody(headers: EdgeHeaders, body: Uint8Array<ArrayBuffer>): Promise<Refusal | null> {
  const contentType = first(headers["content-type"]) ?? "";
  const fetchAction = first(headers["next-action"]) !== undefined;
  const invalid: Refusal = { status: 400, error: "That request is malformed." };
  try {
    if (contentType.toLowerCase().startsWith("multipart/form-data")) {
      const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
      const root = form.get("0");
      return !fetchAction || (typeof root === "string" && isArgumentList(JSON.parse(root), false)) ? null : invalid;
    }
    if (!fetchAction) return null;
    return isArgumentList(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body)), true) ? null : invalid;
  } catch {
    return invalid;
  }
}

/** Counts a body's bytes as they arrive and keeps them only while they stay within the limit. */
export class BodyCollector {
  private chunks: Uint8Array[] = [];
  private size = 0;
  constructor(readonly limit: number) {}

  /** False once the body has passed the limit; nothing more is kept after that. */
  add(chunk: Uint8Array): boolean {
    this.size += chunk.byteLength;
    if (this.size > this.limit) {
      this.chunks = [];
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  /** What was kept: the whole body, unless it passed the limit (then nothing). */
  bytes(): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(this.size > this.limit ? 0 : this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}

/**
 * Reads a request body up to `limit` bytes, or returns null as soon as it passes the limit (and
 * stops reading: memory stays bounded by the limit, whether or not Content-Length was sent).
 */
export async function readBodyWithin(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const collector = new BodyCollector(limit);
  if (!body) return collector.bytes();
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return collector.bytes();
    if (!collector.add(value)) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
  }
}

const ipSchema = z.union([z.ipv4(), z.ipv6()]);

/** "::ffff:203.0.113.5" is the IPv4 client 203.0.113.5 on a dual-stack socket: one client, one key. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * The client's address: the socket's peer; behind a proxy we were told to trust (TRUST_PROXY), the
 * right-most X-Forwarded-For entry, the one that proxy appended (the ones before it are the
 * client's own claims).
 */
export function trustedClientAddress(socketAddress: string | undefined, forwardedFor: HeaderValue, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const entries = [forwardedFor ?? []].flat().join(",").split(",");
    const rightMost = entries[entries.length - 1]?.trim();
    if (rightMost && ipSchema.safeParse(normalizeAddress(rightMost)).success) return normalizeAddress(rightMost);
  }
  return socketAddress ? normalizeAddress(socketAddress) : undefined;
}

/** Drops whatever the client sent under the edge's own header names, then stamps the trusted address. */
export function stampClientAddress(headers: EdgeHeaders, address: string | undefined, token: string): void {
  delete headers[CLIENT_ADDRESS_HEADER];
  delete headers[EDGE_TOKEN_HEADER];
  if (!address) return;
  headers[CLIENT_ADDRESS_HEADER] = address;
  headers[EDGE_TOKEN_HEADER] = token;
}

const flag = z.preprocess((value) => (value === "" ? undefined : value), z.stringbool().default(false));

const serverEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Where to listen; unset listens on every interface, as `next start` does.
  HOST: z.preprocess((value) => (value === "" ? undefined : value), z.string().optional()),
  TRUST_PROXY: flag,
  RECAP_DIAGNOSTICS_DIR: z.preprocess((value) => (value === "" ? undefined : value), z.string().optional()),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export function serverEnv(env: Record<string, string | undefined>): ServerEnv {
  return serverEnvSchema.parse(env);
}
