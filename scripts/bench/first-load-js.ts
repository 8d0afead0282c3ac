import zlib from "node:zlib";
import { ACCEPT_GZIP, request } from "./http";
import type { Route } from "./routes";
import type { School } from "./school";
import type { Server } from "./server";

/**
 * The JavaScript a page makes the browser download before it is interactive: every script under
 * /_next/static that the HTML names. Next.js 16 emits them as `<script src async>` tags, a
 * `<link rel="preload" as="script">` for the page's own chunk, and chunk paths inside the RSC
 * payload (the client components' chunks); all three are collected, each file counted once.
 * `noModule` scripts (polyfills for old browsers) are left out: a modern browser skips them.
 * Weighed two ways: gzip at level 9 of each file (what a build tool reports), and the bytes the
 * server actually sends when asked with Accept-Encoding: gzip.
 */

export type FirstLoadJs = {
  files: number;
  rawBytes: number;
  gzipBytes: number;
  servedBytes: number;
  servedCompressed: boolean;
  /** Each file's gzip weight, to see which one grew (`npm run bench -- --only=js`). */
  perFile: { src: string; gzipBytes: number }[];
};

export async function firstLoadJs(server: Server, school: School, route: Route, cookie: string): Promise<FirstLoadJs> {
  const page = await request(server.origin + route.path(school), { headers: { ...ACCEPT_GZIP, cookie }, keepBody: true });
  if (page.status !== 200) throw new Error(`${route.label}: HTTP ${page.status}`);
  const problem = route.check(page.body!, school);
  if (problem) throw new Error(`${route.label}: ${problem}`);
  const scripts = scriptsOf(page.body!);
  let rawBytes = 0;
  let gzipBytes = 0;
  let servedBytes = 0;
  let servedCompressed = true;
  const perFile: FirstLoadJs["perFile"] = [];
  for (const src of scripts) {
    const raw = await request(server.origin + src, { keepBody: true });
    const served = await request(server.origin + src, { headers: ACCEPT_GZIP });
    if (raw.status !== 200 || served.status !== 200) throw new Error(`${src}: HTTP ${raw.status}`);
    rawBytes += Buffer.byteLength(raw.body!);
    const gzipped = zlib.gzipSync(raw.body!, { level: 9 }).length;
    gzipBytes += gzipped;
    perFile.push({ src, gzipBytes: gzipped });
    servedBytes += served.wireBytes;
    servedCompressed &&= served.headers["content-encoding"] === "gzip";
  }
  return { files: scripts.length, rawBytes, gzipBytes, servedBytes, servedCompressed, perFile };
}

function scriptsOf(html: string): string[] {
  const found = new Set<string>();
  const polyfills = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src?.startsWith("/_next/static/")) (/\bnoModule\b/i.test(tag) ? polyfills : found).add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href?.startsWith("/_next/static/") && /\bas="script"|\brel="modulepreload"/.test(tag)) found.add(href);
  }
  // In the RSC payload, a string inside a string: quotes come escaped, the path without /_next/.
  for (const [, chunk] of html.matchAll(/(?:\/_next\/)?(static\/chunks\/[\w.~-]+\.js)\b/g)) found.add(`/_next/${chunk}`);
  return [...found].filter((src) => !polyfills.has(src));
}
