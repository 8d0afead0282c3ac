/**
 * The request edge: what the app's HTTP server (scripts/server.mjs) checks before Next.js sees a
 * request. Next.js reads whole bodies before some of its own limits apply, turns its 413 into a
 * 500, and answers a path it cannot percent-decode with a 500; this policy refuses those requests
 * first, with the app's JSON or its 404 page. Pure (no sockets), so it is unit-tested.
 */
import ipaddr from "ipaddr.js";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";
import { SERVER_REFERENCE_ID_LENGTH } from "next/dist/shared/lib/server-reference-info.js";
import "../zod-jitless";
import { z } from "zod";
import { CLIENT_ADDRESS_HEADER, EDGE_TOKEN_HEADER } from "../client-address";
import { isStorableText } from "../validations/common";

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

export type Refusal = {
  status: 400 | 403 | 404 | 405 | 408 | 413 | 415 | 503;
  error: string;
  retryAfterSeconds?: number;
  /** With 405: the methods the app takes (the Allow header). */
  allow?: string;
};

export type BodyPolicy = {
  limit: number;
  /**
   * "buffer": the server reads the body (bounded) before Next.js starts; "stream": the route reads
   * it itself, as it arrives (spoolBody, lib/server/upload-body.ts).
   */
  read: "buffer" | "stream";
  tooLarge: string;
  /** A POST that Next.js may run as a server action (any but the upload's and Auth.js's). */
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
  // Any other POST may be run as a server action: a page's, and under /api too, since no other route
  // handler takes a POST and Next.js renders its not-found page, which runs actions, for a path
  // that matches nothing.
  return { limit: BODY_LIMITS.action, read: "buffer", tooLarge: tooLargeMessage(BODY_LIMITS.action), action: method === "POST" };
}

/** The request's target as Next.js reads it (WHATWG URL: dot segments resolved, path still percent-encoded), or null. */
function targetOf(url: string): URL | null {
  try {
    if (url.startsWith("/")) return new URL(`http://edge.invalid${url}`);
    const absolute = new URL(url); // the absolute form a proxy may send
    return absolute.protocol === "http:" || absolute.protocol === "https:" ? absolute : null;
  } catch {
    return null;
  }
}

/**
 * Whether the path percent-decodes to text a query can carry. Next.js hands route segments to the
 * page decoded, and PostgreSQL refuses a NUL in any text parameter: `/sections/%00` would be a 500
 * there (a 404 on SQLite). No route of the app has such a character in its path.
 */
function decodable(pathname: string) {
  try {
    return isStorableText(decodeURIComponent(pathname));
  } catch {
    return false;
  }
}

/**
 * Same-origin check for server actions, as Next.js does it (Origin's host against X-Forwarded-Host,
 * else Host) but answered with a 403 instead of Next's 500. No Origin (a hand-made request, which
 * carries no one else's cookies) passes, as in Next.js.
 */
function crossOrigin(headers: EdgeHeaders): boolean {
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

/** A host as a URL has it (name or address, optional port), and nothing a URL parser would cut off or drop. */
function isHost(value: string): boolean {
  if (!/^[^\s/?#@\\,]+$/.test(value)) return false;
  try {
    const url = new URL(`http://${value}`);
    return url.pathname === "/" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

/**
 * The headers Next.js and Auth.js build the request's own URL from (for redirects, the session's
 * endpoints, the server actions' same-origin check): Host, else X-Forwarded-Host, and
 * X-Forwarded-Proto. A value they cannot make a URL of fails every page with a 500, so it is refused
 * here; a list that proxies appended to is cut to its first entry, the host the client asked for
 * (as Next.js reads it). Rewrites the headers in place; false when they are malformed.
 */
function normalizeHostHeaders(headers: EdgeHeaders): boolean {
  // Node.js answers an HTTP/1.1 request without Host with 400 itself; HTTP/1.0 may leave it out.
  const host = first(headers.host);
  if (host !== undefined && !isHost(host)) return false;
  for (const [name, valid] of [
    ["x-forwarded-host", isHost],
    ["x-forwarded-proto", (value: string) => value === "http" || value === "https"],
  ] as const) {
    const value = headers[name];
    if (value === undefined) continue;
    const entry = [value].flat().join(",").split(",")[0]!.trim().toLowerCase();
    if (!valid(entry)) return false;
    headers[name] = entry;
  }
  return true;
}

const contentLengthSchema = z.coerce.number().int().nonnegative();

const MALFORMED: Refusal = { status: 400, error: "That request is malformed." };

/**
 * The methods the app answers: its route handlers export GET and POST (Next.js adds HEAD and
 * OPTIONS), and pages take GET and their actions' POST. Node.js answers CONNECT itself; TRACE made
 * every route handler fail with a 500 (undici refuses to build a Request for it).
 */
const METHODS = ["GET", "HEAD", "POST", "OPTIONS"];
const METHOD_NOT_ALLOWED: Refusal = { status: 405, error: "That method is not allowed here.", allow: METHODS.join(", ") };

/**
 * Auth.js's endpoints this app has, by method: its CSRF token, the list of providers and the sign-in
 * page's redirect (GET); sign-out and the credentials callback, a hand-made sign-in as Auth.js
 * documents it (POST, as a form). Anything else under /api/auth is 404: a provider the app lacks
 * (Auth.js logs an error for each), Auth.js's own pages (its error page answers 500 to
 * `?error=Configuration`), a GET of the callback or a HEAD (logged errors), and the session
 * endpoint, which nothing here uses: it answered a cookie's name and email from the token alone,
 * without the database's check (a signed-out or deactivated session's too), and re-issued the
 * cookie. The app's own pages sign in and out through server actions.
 */
const AUTH_ENDPOINTS: Partial<Record<string, RegExp>> = {
  GET: /^\/api\/auth\/(?:csrf|providers|signin)\/?$/,
  POST: /^\/api\/auth\/(?:signout|callback\/credentials)\/?$/,
};

/** Auth.js reads a JSON body it cannot parse as "Bad request", but logs the parser's error with its stack. */
const AUTH_BODY_TYPE = "application/x-www-form-urlencoded";
const AUTH_BODY_REFUSED: Refusal = { status: 415, error: `Send this as a form (${AUTH_BODY_TYPE}).` };

/**
 * Auth.js's test of a callback URL (`isValidHttpUrl` in @auth/core's assertConfig): one that fails
 * it makes Auth.js answer every call, the session check on each page included, with an error (500
 * from /api/auth; a signed-in user looks signed out on a page).
 */
function isCallbackUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? "http://edge.invalid" : undefined).protocol);
  } catch {
    return false;
  }
}

const CALLBACK_URL_COOKIE = /^(?:__Secure-)?authjs\.callback-url$/;

/** Trims as Auth.js's cookie parser does: spaces and tabs only (String#trim would also take U+00A0, which it keeps). */
function cookieTrim(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, "");
}

/** A cookie value as Auth.js reads it (@auth/core's vendored `cookie.parse`): percent-decoded when it can be. */
function cookieValue(raw: string): string {
  if (!raw.includes("%")) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Drops a callback-url cookie Auth.js would refuse (a browser keeps whatever a script or another
 * subdomain set): without it Auth.js uses the site's own address, as for a first visit.
 */
function dropMalformedCallbackCookies(headers: EdgeHeaders): void {
  const header = first(headers.cookie);
  if (header === undefined || !header.includes("callback-url")) return;
  const kept = header.split(";").filter((pair) => {
    const at = pair.indexOf("=");
    if (at === -1 || !CALLBACK_URL_COOKIE.test(cookieTrim(pair.slice(0, at)))) return true;
    const value = cookieValue(cookieTrim(pair.slice(at + 1)));
    return value === "" || isCallbackUrl(value); // an empty one Auth.js ignores
  });
  if (kept.length === 0) delete headers.cookie;
  else headers.cookie = kept.join(";");
}

/**
 * The headers an App Router navigation sends. Next.js answers a router-state tree it cannot parse
 * with a plain-text 500, so that one is checked with Next.js's own parser. Prefetches are "1": the
 * app does not enable Cache Components, whose runtime prefetches ("2", "3") made Next.js prerender
 * pages at request time and log an error for each.
 */
function routerHeadersMalformed(headers: EdgeHeaders): boolean {
  if (first(headers.rsc) !== "1") return false; // a path ending in .rsc is a 404 (unusedPath)
  const prefetch = first(headers["next-router-prefetch"]);
  if (prefetch !== undefined && prefetch !== "1") return true;
  try {
    parseAndValidateFlightRouterState(headers["next-router-state-tree"]);
    return false;
  } catch {
    return true;
  }
}

/** A server action's id as Next.js builds it: 42 hexadecimal digits (anything else is its 400 and a logged error). */
const ACTION_ID = new RegExp(`^[0-9a-f]{${SERVER_REFERENCE_ID_LENGTH}}$`);

/**
 * Paths Next.js answers though the app has no use for them: its global-error page (a 500, though
 * nothing failed), its image optimizer (the app has no `next/image`; each miss logged an error),
 * and any path ending in `.rsc`, which Next.js reads as an App Router request whatever the headers
 * say (its client asks for such paths only in a static export, which this app is not).
 */
function unusedPath(pathname: string): boolean {
  return pathname === "/_global-error" || pathname === "/_next/image" || pathname.endsWith(".rsc");
}

/**
 * Everything that can be decided from the request line and headers, before any body is read. Cuts
 * X-Forwarded-Host and X-Forwarded-Proto to one entry each (normalizeHostHeaders) and drops a
 * callback-url cookie Auth.js would refuse.
 */
export function admit(request: EdgeRequest): Admission {
  if (!normalizeHostHeaders(request.headers)) return { kind: "refuse", refusal: MALFORMED };
  dropMalformedCallbackCookies(request.headers);
  const method = (request.method ?? "GET").toUpperCase();
  if (!METHODS.includes(method)) return { kind: "refuse", refusal: METHOD_NOT_ALLOWED };
  const target = targetOf(request.url ?? "");
  const pathname = target?.pathname ?? null;
  const api = pathname !== null && (pathname === "/api" || pathname.startsWith("/api/"));
  const page = (method === "GET" || method === "HEAD") && !api;
  // Before any rewrite: the 404 page would read the same headers.
  if (routerHeadersMalformed(request.headers)) return { kind: "refuse", refusal: MALFORMED };
  if (pathname === null || !decodable(pathname) || unusedPath(pathname)) {
    if (page) return { kind: "rewrite", url: NOT_FOUND_PATH };
    return { kind: "refuse", refusal: { status: 404, error: "Not found" } };
  }
  if (pathname === "/api/auth" || pathname.startsWith("/api/auth/")) {
    if (!AUTH_ENDPOINTS[method]?.test(pathname)) return { kind: "refuse", refusal: { status: 404, error: "Not found" } };
    const callbackUrls = target!.searchParams.getAll("callbackUrl");
    if (!callbackUrls.every((value) => value === "" || isCallbackUrl(value))) return { kind: "refuse", refusal: MALFORMED };
    const contentType = first(request.headers["content-type"])?.split(";")[0]?.trim().toLowerCase();
    if (method === "POST" && contentType !== AUTH_BODY_TYPE) return { kind: "refuse", refusal: AUTH_BODY_REFUSED };
  }
  const body = bodyPolicy(method, pathname);
  if (!body) return { kind: "pass", body: null };
  const declared = request.headers["content-length"];
  if (declared !== undefined) {
    const length = contentLengthSchema.safeParse(first(declared));
    if (!length.success) return { kind: "refuse", refusal: MALFORMED };
    if (length.data > body.limit) return { kind: "refuse", refusal: { status: 413, error: body.tooLarge } };
  }
  if (body.action && crossOrigin(request.headers)) {
    return { kind: "refuse", refusal: { status: 403, error: "Requests from other sites are not accepted." } };
  }
  const actionId = first(request.headers["next-action"]);
  if (body.action && actionId !== undefined && !ACTION_ID.test(actionId)) return { kind: "refuse", refusal: MALFORMED };
  return { kind: "pass", body };
}

/** Next.js refuses more arguments than this with a 500 (SERVER_ACTION_ARGS_LIMIT). */
const MAX_ACTION_ARGUMENTS = 1000;

/**
 * Strings that React's reply decoder reads without another part of the body: escaped text ("$$…"),
 * undefined, NaN, ±Infinity, -0, dates, BigInts (at most 300 digits), temporary references and
 * a FormData argument's fields. Any other "$…" string points at a part of a kind the app never
 * sends (a plain JSON body has none at all), and one that is missing makes Next.js answer with a 500.
 */
const INLINE_REPLY_VALUE = /^\$(?:\$|T$|Infinity$|-Infinity$|-0$|NaN$|undefined$|D|n-?\d{1,300}$|K)/;

/**
 * How deeply an action's arguments may nest. The app's deepest (a draft with its card, a lesson's
 * dataset) are under 10 levels; React's reply decoder recurses, so a few thousand levels of `[[[…`
 * in 8 KB would overflow its stack and answer with a 500 before any session is checked.
 */
const MAX_ACTION_DEPTH = 32;

/** Whether JSON is an argument list React can decode without parts the app never sends. */
function isArgumentList(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > MAX_ACTION_ARGUMENTS) return false;
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item === "string" && item.startsWith("$") && !INLINE_REPLY_VALUE.test(item)) return false;
    if (item !== null && typeof item === "object") {
      if (depth > MAX_ACTION_DEPTH) return false;
      for (const child of Object.values(item)) pending.push([child, depth + 1]);
    }
  }
  return true;
}

/**
 * The most parts a multipart action body may have. The app's own are a form of one or two fields
 * (Sign out's, before hydration) or a fetch action whose FormData argument has a few; thousands of
 * tiny parts in 1 MB would hold the event loop for seconds while they are parsed (here and again by
 * Next.js), so they are counted before anything parses them.
 */
const MAX_ACTION_PARTS = 64;

/** How many parts a multipart body has (boundary lines, less the closing one), or null without a boundary. */
function multipartParts(contentType: string, body: Uint8Array<ArrayBuffer>): number | null {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const value = boundary?.[1] ?? boundary?.[2];
  if (!value) return null;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${value}`);
  let count = 0;
  for (let at = bytes.indexOf(delimiter); at !== -1 && count <= MAX_ACTION_PARTS + 1; at = bytes.indexOf(delimiter, at + delimiter.length))
    count++;
  return count - 1;
}

/** The one field React renders into a server action's own form, naming the action (hexadecimal id). */
const PROGRESSIVE_ACTION_FIELD = new RegExp(`^\\$ACTION_ID_[0-9a-f]{${SERVER_REFERENCE_ID_LENGTH}}$`);

/**
 * A server action's body, once buffered. Next.js answers with a 500 whatever React cannot decode,
 * so only what the app's pages send gets through:
 * - a fetch action (Next-Action header) sends its argument list as JSON, or as multipart whose field
 *   "0" holds it; either way it can refer to no part but a FormData argument's fields;
 * - a form the browser posts itself (a server action's own form before hydration, no Next-Action)
 *   names its action in one `$ACTION_ID_…` field. The app has no forms with bound arguments or
 *   `useActionState` (`$ACTION_REF_…`, `$ACTION_KEY`), whose fields React decodes as more replies.
 * No action takes a file (images go to their own route), and a multipart body has at most
 * MAX_ACTION_PARTS parts. Any other POST to a page is not an action, and passes.
 */
export async function checkActionBody(headers: EdgeHeaders, body: Uint8Array<ArrayBuffer>): Promise<Refusal | null> {
  const contentType = first(headers["content-type"]) ?? "";
  const fetchAction = first(headers["next-action"]) !== undefined;
  const invalid = MALFORMED;
  try {
    if (contentType.toLowerCase().startsWith("multipart/form-data")) {
      const parts = multipartParts(contentType, body);
      if (parts === null || parts > MAX_ACTION_PARTS) return invalid;
      const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
      const names = [...form.keys()];
      if ([...form.values()].some((value) => typeof value !== "string")) return invalid;
      if (!fetchAction) {
        const actionFields = names.filter((name) => name.startsWith("$ACTION_"));
        return actionFields.length === 1 && PROGRESSIVE_ACTION_FIELD.test(actionFields[0]!) ? null : invalid;
      }
      const root = form.get("0");
      return typeof root === "string" && isArgumentList(JSON.parse(root)) ? null : invalid;
    }
    if (!fetchAction) return null;
    return isArgumentList(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body))) ? null : invalid;
  } catch {
    return invalid;
  }
}

/**
 * The server's limits on connections and time (scripts/server.mjs). Node.js 20 would wait 300 s for
 * a request and take any number of connections, so slow clients could hold memory without end.
 */
export const SERVER_TIMEOUTS = {
  /** From a request's first byte until its headers are in (at most 16 KB: under a second even on a poor mobile link). */
  headersMs: 20_000,
  /**
   * From a request's first byte until its whole body is in, for every route. Set by the largest
   * body, an image upload (10 MB + 64 KB): that takes 84 s at 1 Mbit/s, a student's share of a
   * school's uplink when a class uploads at once. Only a signed-in student's upload can take this
   * long: the route answers anyone else before it reads the body, and every other body must arrive
   * within `bufferedBodyMs`.
   */
  requestMs: 120_000,
  /** For the bodies the server buffers (at most 1 MB: 8 s at 1 Mbit/s) before Next.js sees them; then 408. */
  bufferedBodyMs: 30_000,
  /** An idle keep-alive connection is closed after this (Node's default); a proxy in front should use a shorter idle timeout. */
  keepAliveMs: 5_000,
  /** How often Node.js checks the header and request timeouts (its default, 30 s, would let them overrun by that much). */
  checkEveryMs: 5_000,
} as const;

/**
 * All bodies the server holds in memory at once (bodies being buffered and those handed to Next.js
 * whose answer is not finished): past it, the request that would pass it gets 503 with Retry-After.
 * 64 requests at the largest buffered limit (1 MB) fit; a typical action or sign-in is a few hundred
 * bytes. Uploads are streamed to their route (which checks the session first) and not counted.
 */
export const BUFFERED_BODIES_BUDGET = 64 * MB;

export const SERVER_BUSY: Refusal = { status: 503, error: "The server is busy. Try again in a few seconds.", retryAfterSeconds: 5 };
export const BODY_TOO_SLOW: Refusal = { status: 408, error: "That request took too long to arrive." };

/** Bytes held across all requests, against a limit; each request takes and gives back through its own Reservation. */
export class BodyBudget {
  private used = 0;
  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.used;
  }

  reservation(): Reservation {
    return new Reservation(this);
  }

  /** @internal through Reservation */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  /** @internal through Reservation */
  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** One request's share of a BodyBudget; release() (once the answer is done) gives all of it back, and may be called more than once. */
export class Reservation {
  private held = 0;
  constructor(private readonly budget: BodyBudget) {}

  take(bytes: number): boolean {
    if (!this.budget.take(bytes)) return false;
    this.held += bytes;
    return true;
  }

  readonly release = (): void => {
    this.budget.give(this.held);
    this.held = 0;
  };
}

export type Collected = "kept" | "too large" | "busy";

/**
 * Counts a body's bytes as they arrive and keeps them only while they stay within the limit and,
 * with a reservation, within the server's budget.
 */
export class BodyCollector {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private outcome: Collected = "kept";
  constructor(
    readonly limit: number,
    private readonly reservation?: Reservation,
  ) {}

  /** "too large" once the body has passed the limit, "busy" when the budget has no room for it; nothing more is kept after either. */
  add(chunk: Uint8Array): Collected {
    if (this.outcome !== "kept") return this.outcome;
    this.size += chunk.byteLength;
    if (this.size > this.limit) this.outcome = "too large";
    else if (this.reservation && !this.reservation.take(chunk.byteLength)) this.outcome = "busy";
    if (this.outcome === "kept") {
      this.chunks.push(chunk);
    } else {
      this.chunks = [];
      this.reservation?.release();
    }
    return this.outcome;
  }

  /** What was kept: the whole body, unless it was refused (then nothing). */
  bytes(): Uint8Array<ArrayBuffer> {
    const bytes = new Uint8Array(this.outcome === "kept" ? this.size : 0);
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}

const ipSchema = z.union([z.ipv4(), z.ipv6()]);

/** "::ffff:203.0.113.5" is the IPv4 client 203.0.113.5 on a dual-stack socket: one client, one key. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** What `TRUST_PROXY=1` (or `true`) means, as it did when TRUST_PROXY was a switch: a proxy on this machine. */
const LOOPBACK_PROXIES = ["127.0.0.0/8", "::1/128"] as const;

const TRUST_PROXY_EXAMPLE = "e.g. TRUST_PROXY=127.0.0.1,10.0.0.0/8,::1";

/** An address or CIDR range, strictly written (no "127.1" or hex forms); an IPv4-mapped IPv6 one as IPv4. */
function parseRange(entry: string): Range | null {
  const [address = "", bits, ...rest] = entry.split("/");
  if (rest.length > 0) return null;
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) ip = ipaddr.IPv4.parse(address);
  else if (address.includes(":") && !address.includes("%") && ipSchema.safeParse(address).success) ip = ipaddr.IPv6.parse(address);
  else return null;
  const max = ip.kind() === "ipv4" ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return null;
  if (ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress() && prefix >= 96) return [ip.toIPv4Address(), prefix - 96];
  return [ip, prefix];
}

function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  try {
    return ipaddr.process(address); // an IPv4-mapped IPv6 address comes back as IPv4
  } catch {
    return null;
  }
}

/** The reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY): addresses and CIDR ranges. */
export class TrustedProxies {
  static readonly none = new TrustedProxies([]);

  private constructor(private readonly parsed: readonly Range[]) {}

  /**
   * A comma-separated list of addresses and CIDR ranges ("127.0.0.1,10.0.0.0/8,::1"); "1"/"true"
   * (and the other words a switch takes) mean LOOPBACK_PROXIES, "0"/"false" none. A string is the
   * reason the list is not one.
   */
  static parse(setting: string | undefined): TrustedProxies | string {
    const value = setting?.trim() ?? "";
    if (value === "") return TrustedProxies.none;
    const asSwitch = z.stringbool().safeParse(value);
    if (asSwitch.success) return asSwitch.data ? TrustedProxies.parse(LOOPBACK_PROXIES.join(",")) : TrustedProxies.none;
    const entries = value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length === 0) return `lists no address (${TRUST_PROXY_EXAMPLE})`;
    const parsed: Range[] = [];
    for (const entry of entries) {
      const range = parseRange(entry);
      if (!range)
        return `${JSON.stringify(entry.slice(0, 60))} is not an IP address or CIDR range; list your reverse proxies' addresses (${TRUST_PROXY_EXAMPLE}), or 1 for a proxy on this machine`;
      parsed.push(range);
    }
    return new TrustedProxies(parsed);
  }

  /** As CIDR ranges, for the log and the tests. */
  get ranges(): string[] {
    return this.parsed.map(([ip, bits]) => `${ip.toString()}/${bits}`);
  }

  get empty(): boolean {
    return this.parsed.length === 0;
  }

  includes(address: string): boolean {
    const ip = parseAddress(address);
    return ip !== null && this.parsed.some(([range, bits]) => range.kind() === ip.kind() && ip.match(range, bits));
  }
}

/**
 * One X-Forwarded-For entry as an address, or null. "203.0.113.5:4711" and "[2001:db8::1]:443", as
 * some proxies write them, count without the port.
 */
function forwardedAddress(entry: string): string | null {
  const unbracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry)?.[1] ?? /^(\d+\.\d+\.\d+\.\d+):\d{1,5}$/.exec(entry)?.[1] ?? entry;
  const address = normalizeAddress(unbracketed);
  return ipSchema.safeParse(address).success ? address : null;
}

export type ClientAddress = {
  address: string | undefined;
  /** X-Forwarded-For from a trusted proxy had an entry that is not an address: one line for the log (the address is the peer's). */
  malformed?: string;
  /** X-Forwarded-For came from a peer that TRUST_PROXY does not list, so it was ignored: a line for the log (once is enough). */
  untrustedPeer?: string;
};

/**
 * The client's address: the socket's peer. When that peer is one of the trusted proxies
 * (TRUST_PROXY), X-Forwarded-For is read from the right, each entry having been appended by the hop
 * after it: the client is the right-most entry that is not itself a trusted proxy (the ones before
 * it are claims nobody we trust vouched for), or the left-most when all are. From any other peer
 * the header is ignored, as anyone can send it.
 */
export function trustedClientAddress(socketAddress: string | undefined, forwardedFor: HeaderValue, proxies: TrustedProxies): ClientAddress {
  const peer = socketAddress ? normalizeAddress(socketAddress) : undefined;
  const header = [forwardedFor ?? []].flat().join(",");
  if (!peer || header.trim() === "") return { address: peer };
  if (proxies.empty) {
    return {
      address: peer,
      untrustedPeer:
        `X-Forwarded-For from ${peer} is ignored: TRUST_PROXY is not set (behind a reverse proxy, set it to the proxy's ` +
        "address, or every client counts as the proxy's address)",
    };
  }
  if (!proxies.includes(peer)) {
    return {
      address: peer,
      untrustedPeer: `X-Forwarded-For from ${peer} is ignored: TRUST_PROXY does not list that address (add it if it is your reverse proxy)`,
    };
  }
  const entries = header.split(",").map((entry) => entry.trim());
  let client = peer;
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const address = forwardedAddress(entries[i]!);
    if (address === null) {
      const shown = JSON.stringify(entries[i]!.slice(0, 60));
      return {
        address: peer,
        malformed: `X-Forwarded-For from proxy ${peer} has ${shown}, which is not an address: the proxy's own address stands for the client`,
      };
    }
    client = address;
    if (!proxies.includes(address)) break;
  }
  return { address: client };
}

/** Drops whatever the client sent under the edge's own header names, then stamps the trusted address. */
export function stampClientAddress(headers: EdgeHeaders, address: string | undefined, token: string): void {
  // Next.js forwards a fetch action posted to a page that does not have it to one that does, through
  // this same server, with the original request's headers: the stamp of that original request stays
  // (else every such request would come from the loopback address, and share its sign-in limits).
  // Only this process knows its token, so no client can send it.
  if (first(headers[EDGE_TOKEN_HEADER]) === token && first(headers[CLIENT_ADDRESS_HEADER]) !== undefined) return;
  delete headers[CLIENT_ADDRESS_HEADER];
  delete headers[EDGE_TOKEN_HEADER];
  if (!address) return;
  headers[CLIENT_ADDRESS_HEADER] = address;
  headers[EDGE_TOKEN_HEADER] = token;
}

const blank = (value: unknown) => (value === "" ? undefined : value);

const serverEnvSchema = z.object({
  PORT: z.preprocess(blank, z.coerce.number().int().min(1).max(65535).default(3000)),
  // Where to listen; unset listens on every interface, as `next start` does.
  HOST: z.preprocess(blank, z.string().optional()),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, context) => {
      const proxies = TrustedProxies.parse(value);
      if (typeof proxies === "string") {
        context.addIssue({ code: "custom", message: proxies });
        return z.NEVER;
      }
      return proxies;
    }),
  // Open connections at once (idle keep-alive ones included); past it Node.js closes new ones at once.
  MAX_CONNECTIONS: z.preprocess(blank, z.coerce.number().int().min(1).default(1000)),
  RECAP_DIAGNOSTICS_DIR: z.preprocess(blank, z.string().optional()),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** The server's settings from the environment; throws an Error whose message names each bad one (meant to be printed without a stack). */
export function serverEnv(env: Record<string, string | undefined>): ServerEnv {
  const parsed = serverEnvSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid server settings: ${problems.join("; ")}`);
}
