import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { getScriptNonceFromHeader } from "next/dist/server/app-render/get-script-nonce-from-header";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  applyContentSecurityPolicy,
  CSP_HEADER,
  documentPolicy,
  newNonce,
  NON_DOCUMENT_POLICY,
  responsePolicy,
  SONNER_STYLE_HASHES,
} from "./csp";

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/) as [string, ...string[]])
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe("the page policy", () => {
  const nonce = newNonce();
  const policy = directives(documentPolicy(nonce));

  it("allows only the app's own origin, plus data: and blob: images (upload previews)", () => {
    expect(Object.fromEntries(policy)).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
      "style-src": ["'self'", `'nonce-${nonce}'`, ...SONNER_STYLE_HASHES],
      "img-src": ["'self'", "data:", "blob:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "media-src": ["'none'"],
      "object-src": ["'none'"],
      "frame-src": ["'none'"],
      "worker-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'none'"],
    });
  });

  it("names no other host, scheme or unsafe keyword in production", () => {
    const sources = [...policy.values()].flat();
    const allowed = /^(?:'self'|'none'|'strict-dynamic'|'nonce-[A-Za-z0-9+/]+=*'|'sha256-[A-Za-z0-9+/]+=*'|data:|blob:)$/;
    expect(sources.filter((source) => !allowed.test(source))).toEqual([]);
  });

  it("carries a nonce Next.js finds (it reads it from the request's copy of the header)", () => {
    expect(getScriptNonceFromHeader(documentPolicy(nonce))).toBe(nonce);
  });

  it("in development also lets React eval and Next.js inject its styles", () => {
    const dev = directives(documentPolicy(nonce, { dev: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});

describe("nonces", () => {
  it("are 128 random bits, new each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("sonner's stylesheet", () => {
  it("is the one the policy's hash allows (an upgrade that changes it fails here: update SONNER_STYLE_HASHES)", () => {
    const require = createRequire(import.meta.url);
    const source = fs.readFileSync(require.resolve("sonner"), "utf8");
    const inserted = [...source.matchAll(/__insertCSS\(("(?:[^"\\]|\\.)*")\)/g)].map((match) => JSON.parse(match[1]!) as string);
    expect(inserted).toHaveLength(1);
    const hash = (css: string) => `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
    // It creates the element empty, then fills it: the browser checks both.
    expect([hash(inserted[0]!), hash("")]).toEqual(SONNER_STYLE_HASHES);
  });
});

describe("which policy a response leaves with", () => {
  const nonce = newNonce();

  it("a page: the page policy with this request's nonce", () => {
    expect(responsePolicy(undefined, "text/html; charset=utf-8", nonce)).toBe(documentPolicy(nonce));
  });

  it("anything else (JSON, CSV, the RSC payload, scripts), whether its type is a string or an array: nothing may load", () => {
    for (const type of ["application/json", ["text/csv; charset=utf-8"], "text/x-component", "application/javascript", undefined]) {
      expect(responsePolicy(undefined, type, nonce)).toBe(NON_DOCUMENT_POLICY);
    }
  });

  it("a route that set its own (the image route's sandbox): left as it is, never a second one", () => {
    expect(responsePolicy("default-src 'none'; sandbox", "image/png", nonce)).toBeNull();
    expect(responsePolicy("default-src 'none'; sandbox", "text/html", nonce)).toBeNull();
  });
});

describe("applyContentSecurityPolicy on a real server", () => {
  let server: http.Server;
  let base: string;
  const seenByApp: Record<string, string | undefined> = {};

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      applyContentSecurityPolicy(req, res);
      seenByApp[req.url!] = req.headers[CSP_HEADER] as string | undefined;
      if (req.url === "/page") {
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.write("<!doctype html><p>streamed");
        res.end("</p>");
      } else if (req.url === "/image") {
        res.setHeader("Content-Type", "image/png");
        res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        res.end("png");
      } else if (req.url === "/refused") {
        res.writeHead(413, "Too Large", { "Content-Type": "application/json", "Content-Security-Policy": "default-src 'none'" });
        res.end("{}");
      } else {
        res.writeHead(404, { "Content-Type": "application/json" });
        res.end("{}");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The response's Content-Security-Policy headers, every copy of them. */
  async function policies(path: string, headers: Record<string, string> = {}) {
    return await new Promise<{ status: number; policies: string[] }>((resolve, reject) => {
      http
        .get(`${base}${path}`, { headers }, (res) => {
          res.resume();
          resolve({ status: res.statusCode!, policies: res.headersDistinct[CSP_HEADER] ?? [] });
        })
        .on("error", reject);
    });
  }

  it("a page gets the page policy, with the nonce the app was given in the request", async () => {
    const { policies: sent } = await policies("/page");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBe(seenByApp["/page"]);
    expect(getScriptNonceFromHeader(sent[0]!)).toBeTruthy();
  });

  it("a new nonce for every request", async () => {
    const first = getScriptNonceFromHeader((await policies("/page")).policies[0]!);
    const second = getScriptNonceFromHeader((await policies("/page")).policies[0]!);
    expect(first).not.toBe(second);
  });

  it("a policy a client sends in its request never reaches the app", async () => {
    await policies("/page", { "Content-Security-Policy": "script-src 'nonce-chosen-by-client'" });
    expect(seenByApp["/page"]).not.toContain("chosen-by-client");
  });

  it("a route's own policy, set before or given to writeHead, is kept and not doubled", async () => {
    expect((await policies("/image")).policies).toEqual(["default-src 'none'; sandbox"]);
    expect(await policies("/refused")).toEqual({ status: 413, policies: ["default-src 'none'"] });
  });

  it("anything else gets the non-document policy", async () => {
    expect(await policies("/missing")).toEqual({ status: 404, policies: [NON_DOCUMENT_POLICY] });
  });
});
