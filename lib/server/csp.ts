/**
 * The Content-Security-Policy of every response (ADR 011): the app's own origin only, for
 * scripts, styles, fonts, images and connections; no third party can be reached from a page. The
 * app's HTTP server (scripts/server.mjs) sets it through `applyContentSecurityPolicy` as the headers
 * leave, so it knows the response's type and whether its route set a policy of its own.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

export const CSP_HEADER = "content-security-policy";

/**
 * sonner (the toasts) puts its stylesheet into a `<style>` element it creates itself, with no way
 * to give it the nonce: first empty, then with the sheet. These are the SHA-256 of those two
 * contents, so exactly they are allowed (lib/server/csp.test.ts recomputes the sheet's from the installed
 * sonner, and fails when an upgrade changes it).
 */
export const SONNER_STYLE_HASHES = [
  "'sha256-StEaX+se6YS7pqjzrzMIA0KaX9zF/8zAhvQXZAe5epY='",
  // the empty string's
  "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
] as const;

/**
 * The policy of an HTML page. Next.js reads the nonce from the request's copy of this header and
 * puts it on every script and style it writes into the page; 'strict-dynamic' lets those scripts
 * load the app's other chunks. In development React also needs eval (its error overlay) and
 * Next.js injects styles without a nonce.
 */
export function documentPolicy(nonce: string, { dev = false }: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}' ${SONNER_STYLE_HASHES.join(" ")}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Anything that is not a page (JSON, CSV, the RSC payload, scripts, the edge's refusals): nothing
 * may load from it if a browser is tricked into rendering it as a document.
 */
export const NON_DOCUMENT_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A fresh nonce: 128 random bits, base64 (the characters Next.js accepts in a nonce). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

function isHtml(contentType: unknown): boolean {
  const value = Array.isArray(contentType) ? contentType[0] : contentType;
  return typeof value === "string" && /^\s*text\/html\s*(;|$)/i.test(value);
}

/**
 * The policy a response leaves with: the one its route set, if any (the image route's own
 * `default-src 'none'; sandbox`), else the page policy with this request's nonce for HTML, else
 * NON_DOCUMENT_POLICY. Never two: browsers enforce every policy they are sent.
 */
export function responsePolicy(existing: unknown, contentType: unknown, nonce: string, options: { dev?: boolean } = {}): string | null {
  if (existing !== undefined) return null;
  return isHtml(contentType) ? documentPolicy(nonce, options) : NON_DOCUMENT_POLICY;
}

type WriteHead = (statusCode: number, statusMessage?: string | OutgoingHttpHeaders, headers?: OutgoingHttpHeaders) => ServerResponse;

/**
 * For scripts/server.mjs, before Next.js sees the request: a new nonce, the page policy on the
 * request (where Next.js looks for the nonce; any policy a client sent is replaced), and the
 * response's policy (above) added as its headers are written, whoever writes them.
 */
export function applyContentSecurityPolicy(req: IncomingMessage, res: ServerResponse, options: { dev?: boolean } = {}): void {
  const nonce = newNonce();
  req.headers[CSP_HEADER] = documentPolicy(nonce, options);
  delete req.headers[`${CSP_HEADER}-report-only`];
  const writeHead = res.writeHead as WriteHead;
  res.writeHead = function writeHeadWithPolicy(this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    // Headers given here win over those set before; fold them in first, so the policy sees them all.
    const headers = rest.find((arg) => typeof arg === "object" && arg !== null && !Array.isArray(arg)) as OutgoingHttpHeaders | undefined;
    const message = rest.find((arg) => typeof arg === "string") as string | undefined;
    if (headers) for (const [name, value] of Object.entries(headers)) if (value !== undefined) this.setHeader(name, value);
    const policy = responsePolicy(this.getHeader(CSP_HEADER), this.getHeader("content-type"), nonce, options);
    if (policy) this.setHeader(CSP_HEADER, policy);
    return message === undefined ? writeHead.call(this, statusCode) : writeHead.call(this, statusCode, message);
  } as ServerResponse["writeHead"];
}
