#!/usr/bin/env node
// The app's HTTP server (`npm start`, `npm run dev` with --dev, and the e2e tests): Next.js behind
// the request edge in lib/server/request-edge.ts, which bounds request bodies (each, and all buffered ones
// together), connections and time, refuses cross-site server actions and undecodable paths, and
// stamps the trusted client address (lib/client-address.ts); every text response is compressed
// here (lib/server/response-compression.ts) and leaves with a Content-Security-Policy (lib/server/csp.ts); after a
// burst of request bodies, the memory they fragmented goes back to the machine (lib/server/memory-release.ts).
// Plain Node: only these TypeScript modules are loaded through tsx's scoped import, so nothing
// else in the process (Next.js included) is transpiled on the fly.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { tsImport } from "tsx/esm/api";

const edge = await tsImport("../lib/server/request-edge.ts", import.meta.url);
const { EDGE_TOKEN_ENV } = await tsImport("../lib/client-address.ts", import.meta.url);
const { compressResponse } = await tsImport("../lib/server/response-compression.ts", import.meta.url);
const { applyContentSecurityPolicy, NON_DOCUMENT_POLICY } = await tsImport("../lib/server/csp.ts", import.meta.url);
const { AFTER_BURSTS, MEMORY_RELEASES_LOG, MEMORY_REPORTS_LOG, MemoryAfterBursts, liveMemory, releaseFreedMemory } = await tsImport(
  "../lib/server/memory-release.ts",
  import.meta.url,
);

const { settingsProblems } = await tsImport("../lib/server/settings.ts", import.meta.url);

const dev = process.argv.includes("--dev");
let config;
try {
  config = edge.serverEnv(process.env);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
// The app's own settings, all checked before anything listens: a mistake stops the server here,
// each problem named, rather than failing the first page or upload that needs it.
const problems = settingsProblems(process.env);
if (problems.length > 0) {
  console.error(`Recap Classroom cannot start:\n${problems.map((problem) => `- ${problem}`).join("\n")}`);
  process.exit(1);
}
// Next.js reads NODE_ENV when it loads, so set it before importing it.
process.env.NODE_ENV = dev ? "development" : "production";
// A new secret per process: only this server can vouch for the client-address header.
process.env[EDGE_TOKEN_ENV] = randomBytes(32).toString("base64url");
const edgeToken = process.env[EDGE_TOKEN_ENV];

/** How long a refused request may keep sending its body (thrown away) before the connection is cut. */
const LINGER_MS = 5_000;
/** Requests whose rest is being thrown away: nothing may pause them again. */
const draining = new WeakSet();
/** The bodies this server buffers, all requests together (BUFFERED_BODIES_BUDGET). */
const bodyBudget = new edge.BodyBudget(edge.BUFFERED_BODIES_BUDGET);
/** After a class's worth of bodies (a burst of uploads), the memory they fragmented goes back to the machine. */
const afterBursts = new MemoryAfterBursts({
  ...AFTER_BURSTS,
  release: (bodyBytes) => void releaseAfterBurst(bodyBytes).catch((error) => console.error(error)),
});
/**
 * Peers that sent X-Forwarded-For although TRUST_PROXY does not list them: said once each, for the
 * first few (a proxy missing from the list shows up here; so may anyone reaching the port directly).
 */
const untrustedPeersSaid = new Set();

if (config.RECAP_DIAGNOSTICS_DIR) recordDiagnostics(config.RECAP_DIAGNOSTICS_DIR);

const { default: next } = await import("next");
const { headersMs, requestMs, keepAliveMs, checkEveryMs } = edge.SERVER_TIMEOUTS;
const server = http.createServer({ headersTimeout: headersMs, requestTimeout: requestMs, connectionsCheckingInterval: checkEveryMs });
server.keepAliveTimeout = keepAliveMs;
server.maxConnections = config.MAX_CONNECTIONS;
// Node.js closes a connection past MAX_CONNECTIONS at once, without an answer; say so, at most once a minute.
let lastDropLogged = 0;
server.on("drop", () => {
  if (Date.now() - lastDropLogged < 60_000) return;
  lastDropLogged = Date.now();
  console.warn(`Turning connections away: MAX_CONNECTIONS (${config.MAX_CONNECTIONS}) are open`);
});
const app = next({ dev, hostname: config.HOST ?? "localhost", port: config.PORT, httpServer: server });
await app.prepare();
const handleWithNext = app.getRequestHandler();

server.on("request", (req, res) => void handle(req, res));
// A client that waits for "100 Continue" learns of a refusal before it sends the body.
server.on("checkContinue", (req, res) => {
  const admission = edge.admit(req);
  if (admission.kind === "refuse") return refuse(req, res, admission.refusal);
  res.writeContinue();
  void handle(req, res);
});
server.once("error", (error) => {
  console.error(`Cannot listen on port ${config.PORT}: ${error.message}`);
  process.exit(1);
});
server.listen(config.PORT, config.HOST, () => {
  console.log(`Recap Classroom ready on http://${config.HOST ?? "localhost"}:${config.PORT}${dev ? " (development)" : ""}`);
  if (!config.TRUST_PROXY.empty) console.log(`X-Forwarded-For is believed from ${config.TRUST_PROXY.ranges.join(", ")} (TRUST_PROXY)`);
});

async function handle(req, res) {
  // A client that goes away mid-request is not a server error.
  req.on("error", () => undefined);
  res.on("error", () => undefined);
  compressResponse(req, res);
  // Before anything can answer, the edge's own refusals included: every response leaves with a policy.
  applyContentSecurityPolicy(req, res, { dev });
  try {
    const client = edge.trustedClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], config.TRUST_PROXY);
    if (client.malformed) console.warn(client.malformed);
    if (client.untrustedPeer && untrustedPeersSaid.size < 10 && !untrustedPeersSaid.has(client.address)) {
      untrustedPeersSaid.add(client.address);
      console.warn(`${client.untrustedPeer} (said once for this address)`);
    }
    edge.stampClientAddress(req.headers, client.address, edgeToken);
    const admission = edge.admit(req);
    if (admission.kind === "refuse") return refuse(req, res, admission.refusal);
    if (admission.kind === "rewrite") {
      req.url = admission.url;
      return await handleWithNext(req, res);
    }
    const policy = admission.body;
    if (!policy) return await handleWithNext(req, res);
    const burst = afterBursts.begin();
    res.once("close", burst.end);
    if (policy.read === "stream") {
      dropRestOfBody(req, res); // the route may answer (401, 413) before the body has all arrived
      return await handleWithNext(streamed(req, policy.limit, burst.received), res);
    }
    const reservation = bodyBudget.reservation();
    res.once("close", reservation.release); // Next.js holds the body until it has answered
    const read = await buffered(req, policy, reservation);
    if (read === undefined) return; // the client went away
    if (read.refusal) return refuse(req, res, read.refusal);
    const body = read.body;
    burst.received(body.length);
    if (policy.action) {
      const refusal = await edge.checkActionBody(req.headers, body);
      if (refusal) return refuse(req, res, refusal);
    }
    return await handleWithNext(replayed(req, body), res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) refuse(req, res, { status: 500, error: "Something went wrong." });
    else res.destroy();
  }
}

/** Answers at once with the app's JSON; a body still arriving is read and thrown away. */
function refuse(req, res, refusal) {
  dropRestOfBody(req, res);
  const json = JSON.stringify({ error: refusal.error });
  res.writeHead(refusal.status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(json),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    // Also for a refusal sent from "checkContinue", before handle() has set the policy up.
    "Content-Security-Policy": NON_DOCUMENT_POLICY,
    ...(refusal.retryAfterSeconds ? { "Retry-After": String(refusal.retryAfterSeconds) } : {}),
    ...(refusal.allow ? { Allow: refusal.allow } : {}),
  });
  res.end(json);
}

/**
 * For an answer sent before the whole body has arrived: the rest is read and dropped (memory stays
 * flat), for at most LINGER_MS. On a keep-alive connection Node.js then reads the next request; on
 * one it closes after this answer, it half-closes first and keeps reading (RFC 9112 §9.6), because
 * closing with unread data makes the client see a reset instead of the answer.
 */
function dropRestOfBody(req, res) {
  res.on("finish", () => afterBody(req, () => undefined));
  const socket = req.socket;
  const destroySoon = socket.destroySoon;
  socket.destroySoon = function lingeringClose() {
    if (req.complete || req.destroyed) return destroySoon.call(this);
    this.end();
    afterBody(req, () => this.destroy());
  };
}

/** Reads and drops what is left of a request body, then calls `done`; cuts the connection after LINGER_MS. */
function afterBody(req, done) {
  let called = false;
  const finish = () => {
    if (called) return;
    called = true;
    clearTimeout(timer);
    done();
  };
  const timer = setTimeout(() => {
    finish();
    req.socket?.destroy();
  }, LINGER_MS);
  timer.unref();
  if (req.complete || req.destroyed) return finish();
  draining.add(req);
  req.removeAllListeners("data");
  req.once("end", finish).once("close", finish);
  req.resume();
}

/**
 * `{ body }`, up to the policy's limit, or `{ refusal }`: 413 past the limit, 503 past the server's
 * budget for buffered bodies, 408 when it has not all arrived within SERVER_TIMEOUTS.bufferedBodyMs;
 * undefined when the client left.
 */
function buffered(req, policy, reservation) {
  const collector = new edge.BodyCollector(policy.limit, reservation);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done({ refusal: edge.BODY_TOO_SLOW }), edge.SERVER_TIMEOUTS.bufferedBodyMs);
    const done = (value) => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("close", onClose);
      req.pause();
      resolve(value);
    };
    const onData = (chunk) => {
      const outcome = collector.add(chunk);
      if (outcome === "too large") done({ refusal: { status: 413, error: policy.tooLarge } });
      else if (outcome === "busy") done({ refusal: edge.SERVER_BUSY });
    };
    const onEnd = () => done({ body: collector.bytes() });
    const onClose = () => done(req.complete ? { body: collector.bytes() } : undefined);
    req.on("data", onData).on("end", onEnd).on("close", onClose);
  });
}

/**
 * What Next.js gets in place of the socket's request: the same method, URL, headers and socket,
 * with a body that is read from memory (Next.js uses no other part of the request; see its
 * lib/mock-request.js).
 */
class ReplayedRequest extends Readable {
  constructor(original, read) {
    super({ read });
    this.method = original.method;
    this.url = original.url;
    this.headers = original.headers;
    this.rawHeaders = Object.entries(original.headers).flatMap(([name, value]) => [value ?? []].flat().flatMap((v) => [name, String(v)]));
    this.httpVersion = original.httpVersion;
    this.httpVersionMajor = original.httpVersionMajor;
    this.httpVersionMinor = original.httpVersionMinor;
    this.socket = original.socket;
    this.trailers = {};
    this.rawTrailers = [];
    this.aborted = false;
    this.original = original;
  }
  get connection() {
    return this.socket;
  }
  get complete() {
    return this.original.complete;
  }
  get headersDistinct() {
    return Object.fromEntries(Object.entries(this.headers).map(([name, value]) => [name, [value ?? []].flat()]));
  }
  setTimeout(ms, callback) {
    this.original.setTimeout(ms, callback);
    return this;
  }
}

function replayed(original, body) {
  let sent = false;
  return new ReplayedRequest(original, function read() {
    if (!sent) this.push(body);
    sent = true;
    this.push(null);
  });
}

/**
 * For a route that reads its own body as it arrives (the upload route, through spoolBody): passes the body on as it arrives,
 * with back-pressure, and never more than `limit` + one chunk (the route answers 413 by then);
 * `received` hears of each chunk's size.
 */
function streamed(original, limit, received) {
  let size = 0;
  const replay = new ReplayedRequest(original, () => original.resume());
  const stop = () => {
    original.off("data", onData).off("end", onEnd);
    if (!draining.has(original)) original.pause();
  };
  const onData = (chunk) => {
    size += chunk.length;
    received(chunk.length);
    const more = replay.push(chunk);
    if (size > limit) {
      replay.push(null);
      stop();
    } else if (!more) {
      original.pause();
    }
  };
  const onEnd = () => replay.push(null);
  original.on("data", onData).on("end", onEnd);
  original.pause();
  replay.on("close", stop);
  original.on("close", () => {
    if (!original.complete) replay.destroy();
  });
  return replay;
}

/** Memory back to the machine (lib/server/memory-release.ts); under RECAP_DIAGNOSTICS_DIR, a line saying so. */
async function releaseAfterBurst(bodyBytes) {
  const rssBefore = process.memoryUsage.rss();
  const release = await releaseFreedMemory();
  if (!config.RECAP_DIAGNOSTICS_DIR) return;
  const line = JSON.stringify({ bodyBytes, rssBefore, rssAfter: process.memoryUsage.rss(), ...release });
  fs.appendFileSync(path.join(config.RECAP_DIAGNOSTICS_DIR, MEMORY_RELEASES_LOG), `${line}\n`);
}

/**
 * For the e2e tests (RECAP_DIAGNOSTICS_DIR): the process id, so a test can read the server's memory
 * from /proc, and a copy of everything written to stderr, so a test can check that nothing failed
 * (and, written where it happens, a line per release of memory after a burst: MEMORY_RELEASES_LOG).
 * On SIGUSR2, a line saying what the server still holds after a full collection (MEMORY_REPORTS_LOG).
 */
function recordDiagnostics(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "server.pid"), String(process.pid));
  process.on("SIGUSR2", () => fs.appendFileSync(path.join(dir, MEMORY_REPORTS_LOG), `${JSON.stringify(liveMemory())}\n`));
  const log = path.join(dir, "server-stderr.log");
  fs.appendFileSync(log, ""); // present from the start, so a test can tell "nothing logged" from "not recording"
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    fs.appendFileSync(log, chunk);
    return write(chunk, ...rest);
  };
}

let closing = false;
async function shutDown(signal) {
  if (closing) return;
  closing = true;
  console.log(`${signal}: closing the server…`);
  // Requests in flight may finish; a stuck one does not keep the process alive for long.
  setTimeout(() => process.exit(0), 10_000).unref();
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections();
  await closed;
  await app.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutDown("SIGTERM"));
process.on("SIGINT", () => void shutDown("SIGINT"));
