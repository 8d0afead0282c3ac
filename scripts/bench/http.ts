import http from "node:http";
import { performance } from "node:perf_hooks";
import zlib from "node:zlib";

/**
 * The load generator: plain node:http over keep-alive connections, so each request's latency is
 * timed exactly (send to last byte) and every response is looked at. A closed loop: each client
 * sends its next request when the last one has answered, so latencies are service times under
 * that many concurrent clients; coordinated omission (requests a slow server keeps from being
 * sent) does not apply, because no request is meant to be sent on a schedule.
 */

/** What a browser sends; Next.js compresses with gzip, so that is what we accept. */
export const ACCEPT_GZIP = { "accept-encoding": "gzip" };

export type Reply = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Body bytes as they crossed the wire (compressed if the server compressed them). */
  wireBytes: number;
  /** Send to last byte. */
  ms: number;
  /** The decoded body, when asked for. */
  body?: string;
};

type Options = { headers?: Record<string, string>; method?: string; body?: Buffer[]; keepBody?: boolean; agent?: http.Agent };

const TIMEOUT_MS = 300_000;

export function request(url: string, options: Options = {}): Promise<Reply> {
  const { headers = {}, method = "GET", body, keepBody = false, agent } = options;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(url, { method, headers, agent, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      let wireBytes = 0;
      res.on("data", (chunk: Buffer) => {
        wireBytes += chunk.length;
        if (keepBody) chunks.push(chunk);
      });
      res.on("error", reject);
      res.on("end", () => {
        const ms = performance.now() - started;
        let text: string | undefined;
        if (keepBody) {
          const raw = Buffer.concat(chunks);
          text = decode(raw, res.headers["content-encoding"]).toString("utf8");
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wireBytes, ms, body: text });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    for (const part of body ?? []) req.write(part);
    req.end();
  });
}

function decode(raw: Buffer, encoding: string | undefined): Buffer {
  if (encoding === "gzip") return zlib.gunzipSync(raw);
  if (encoding === "br") return zlib.brotliDecompressSync(raw);
  if (encoding === "deflate") return zlib.inflateSync(raw);
  return raw;
}

/** Keep-alive connections, at most `clients` at once. */
export function connections(clients: number) {
  return new http.Agent({ keepAlive: true, maxSockets: clients });
}

type ClosedLoop = { latencies: number[]; failures: string[]; seconds: number };

/**
 * `clients` loops, each sending `send()` again as soon as the last one answered, until `count`
 * requests have been sent or `seconds` have passed, but at least `atLeast` (requests in flight
 * then still finish). A reply that is not `expectStatus` is a failure, with its status, not a
 * latency.
 */
export async function closedLoop(input: {
  clients: number;
  count: number;
  seconds: number;
  atLeast?: number;
  send: () => Promise<Reply>;
  expectStatus?: number;
}): Promise<ClosedLoop> {
  const { clients, count, seconds, atLeast = clients, send, expectStatus = 200 } = input;
  const latencies: number[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let sent = 0;
  const client = async () => {
    while (sent < atLeast || (sent < count && performance.now() < deadline)) {
      sent++;
      try {
        const reply = await send();
        if (reply.status === expectStatus) latencies.push(reply.ms);
        else failures.push(`HTTP ${reply.status}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { latencies, failures, seconds: (performance.now() - started) / 1000 };
}

/** The p-th percentile (0-100) by nearest rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
