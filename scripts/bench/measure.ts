import { setTimeout as sleep } from "node:timers/promises";
import { mintSessionCookie, SESSION_COOKIE } from "../../lib/test/session-cookie";
import { ACCEPT_GZIP, closedLoop, connections, percentile, request, type Reply } from "./http";
import type { Route } from "./routes";
import type { School } from "./school";
import { cpuMs, type Server } from "./server";

/**
 * One route, measured the same way as every other: server CPU per request over a sequential run
 * after a warm-up, then latency and throughput with CONCURRENT_CLIENTS at once. Each run comes
 * right after the same run of the trivial route, so that a ratio compares two figures taken with
 * the machine in the same state (others' work on a shared machine changes both). Runs are capped
 * by a count and by a time, whichever comes first, so a route that costs seconds per request at
 * 5,000 students still finishes (the table says how many requests each figure comes from).
 */

export const CONCURRENT_CLIENTS = 10;
/** Each run's limits: up to `count` requests or `seconds`, whichever comes first, but at least `atLeast`. */
export const RUNS = {
  serverWarmUp: { count: 2000, seconds: 4, atLeast: 1 },
  warmUp: { count: 30, seconds: 3, atLeast: 2 },
  sequential: { count: 500, seconds: 8, atLeast: 3 },
  concurrent: { count: 400, seconds: 8, atLeast: CONCURRENT_CLIENTS },
};

/** Before each sequential run, see sequentialRun. */
export const PAUSE_MS = 1000;

export type RouteFigures = {
  route: Route;
  path: string;
  /** Why this route has no figures (a wrong status or page): nothing else is filled in. */
  problem?: string;
  cpuMs: number;
  /** The database server's CPU per request over the same run (PostgreSQL; on SQLite it is in cpuMs). */
  databaseCpuMs?: number;
  sequentialRequests: number;
  /** Median latency of the sequential run: one user, nobody else asking. */
  aloneP50: number;
  p50: number;
  p95: number;
  /** The trivial route's figures from the runs just before this route's (its own, for the trivial route). */
  trivialCpuMs: number;
  trivialP95: number;
  perSecond: number;
  concurrentRequests: number;
  wireBytes: number;
  decodedBytes: number;
  encoding: string;
};

/** The Auth.js session cookie for a seeded user, as a request's Cookie header. */
export async function sessionCookie(secret: string, user: School["teacher"]): Promise<string> {
  return `${SESSION_COOKIE}=${await mintSessionCookie(secret, user)}`;
}

/**
 * Every route for a while first (RUNS.serverWarmUp each): a fresh server keeps getting cheaper for
 * thousands of requests while V8 compiles the hot paths (/api/health went from 3.4 to 1.4 ms of CPU
 * over its first 4,000 requests), and all routes share most of that code.
 */
export async function warmUpServer(server: Server, school: School, routes: Route[], cookies: Cookies) {
  const agent = connections(1);
  for (const route of routes) {
    const headers = headersFor(route, cookies);
    const send = () => request(server.origin + route.path(school), { headers, agent });
    await closedLoop({ clients: 1, ...RUNS.serverWarmUp, send, expectStatus: route.status });
  }
  agent.destroy();
}

type Cookies = Record<Route["as"], string>;

/** `databaseCpuMs`: the database server's CPU so far, in ms, when it runs outside the app (PostgreSQL). */
export async function measureRoute(
  server: Server,
  school: School,
  route: Route,
  trivial: Route,
  cookies: Cookies,
  databaseCpuMs?: () => number,
) {
  const path = route.path(school);
  const url = server.origin + path;
  const headers = headersFor(route, cookies);
  const expectStatus = route.status ?? 200;
  const failed = (problem: string): RouteFigures => ({ ...emptyFigures(route, path), problem });

  // The page is the one we mean to measure, before and after the runs.
  const verify = async () => {
    const reply = await request(url, { headers, keepBody: true });
    const problem = reply.status === expectStatus ? route.check(reply.body!, school) : `HTTP ${reply.status}${location(reply)}`;
    return { reply, problem };
  };
  const first = await verify();
  if (first.problem) return failed(first.problem);

  // The trivial route's run, just before the same run of this route (nothing for the trivial route itself).
  const trivialUrl = server.origin + trivial.path(school);
  const trivialHeaders = headersFor(trivial, cookies);
  const alongside = async <T extends Run>(run: (url: string, headers: Record<string, string>) => Promise<T>) =>
    route === trivial ? undefined : run(trivialUrl, trivialHeaders);

  const trivialSequential = await alongside((u, h) => sequentialRun(server, u, h, trivial.status ?? 200, databaseCpuMs));
  const sequential = await sequentialRun(server, url, headers, expectStatus, databaseCpuMs);
  const trivialConcurrent = await alongside((u, h) => concurrentRun(u, h, trivial.status ?? 200));
  const concurrent = await concurrentRun(url, headers, expectStatus);
  for (const [run, what] of [
    [trivialSequential, `${trivial.label}, sequential`],
    [sequential, "sequential"],
    [trivialConcurrent, `${trivial.label}, ${CONCURRENT_CLIENTS} clients`],
    [concurrent, `${CONCURRENT_CLIENTS} clients`],
  ] as const) {
    if (run?.failures.length) return failed(`${what}: ${summarize(run.failures)}`);
  }

  const last = await verify();
  if (last.problem) return failed(`after the runs: ${last.problem}`);
  const p95 = percentile(concurrent.latencies, 95);
  return {
    route,
    path,
    cpuMs: sequential.cpuMs,
    databaseCpuMs: sequential.databaseCpuMs,
    trivialCpuMs: trivialSequential?.cpuMs ?? sequential.cpuMs,
    sequentialRequests: sequential.latencies.length,
    aloneP50: percentile(sequential.latencies, 50),
    p50: percentile(concurrent.latencies, 50),
    p95,
    trivialP95: trivialConcurrent ? percentile(trivialConcurrent.latencies, 95) : p95,
    perSecond: concurrent.latencies.length / concurrent.seconds,
    concurrentRequests: concurrent.latencies.length,
    wireBytes: first.reply.wireBytes,
    decodedBytes: Buffer.byteLength(first.reply.body!),
    encoding: first.reply.headers["content-encoding"] ?? "none",
  } satisfies RouteFigures;
}

/**
 * The trivial route's own row, from all its runs on this server: its own and those made alongside
 * each route (medians), since a server keeps getting cheaper per request for a long while.
 */
export function trivialRow(figures: RouteFigures[], trivial: Route): RouteFigures[] {
  const own = figures.find((f) => f.route === trivial);
  const alongside = figures.filter((f) => f !== own && !f.problem);
  if (!own || own.problem) return figures;
  const cpuMs = median([own.cpuMs, ...alongside.map((f) => f.trivialCpuMs)]);
  const p95 = median([own.p95, ...alongside.map((f) => f.trivialP95)]);
  return figures.map((f) => (f === own ? { ...own, cpuMs, trivialCpuMs: cpuMs, p95, trivialP95: p95 } : f));
}

function median(values: number[]) {
  return percentile(values, 50);
}

function headersFor(route: Route, cookies: Cookies): Record<string, string> {
  return { ...ACCEPT_GZIP, ...(route.as === "nobody" ? {} : { cookie: cookies[route.as] }) };
}

type Run = Awaited<ReturnType<typeof closedLoop>>;

/**
 * A warm-up, then the sequential run over one connection, with the server's CPU per request. The
 * pause lets the server finish what the last run left it doing (garbage collection, compiling),
 * which would otherwise count towards this one.
 */
async function sequentialRun(
  server: Server,
  url: string,
  headers: Record<string, string>,
  expectStatus: number,
  databaseCpuMs?: () => number,
) {
  const agent = connections(1);
  const send = () => request(url, { headers, agent });
  try {
    await closedLoop({ clients: 1, ...RUNS.warmUp, send, expectStatus });
    await sleep(PAUSE_MS);
    const cpuBefore = cpuMs(server.pid);
    const databaseBefore = databaseCpuMs?.();
    const run = await closedLoop({ clients: 1, ...RUNS.sequential, send, expectStatus });
    const requests = run.latencies.length;
    return {
      ...run,
      cpuMs: (cpuMs(server.pid) - cpuBefore) / requests,
      databaseCpuMs: databaseBefore === undefined ? undefined : (databaseCpuMs!() - databaseBefore) / requests,
    };
  } finally {
    agent.destroy();
  }
}

async function concurrentRun(url: string, headers: Record<string, string>, expectStatus: number) {
  const agent = connections(CONCURRENT_CLIENTS);
  try {
    return await closedLoop({
      clients: CONCURRENT_CLIENTS,
      ...RUNS.concurrent,
      send: () => request(url, { headers, agent }),
      expectStatus,
    });
  } finally {
    agent.destroy();
  }
}

function emptyFigures(route: Route, path: string): RouteFigures {
  return {
    route,
    path,
    cpuMs: NaN,
    sequentialRequests: 0,
    aloneP50: NaN,
    p50: NaN,
    p95: NaN,
    trivialCpuMs: NaN,
    trivialP95: NaN,
    perSecond: NaN,
    concurrentRequests: 0,
    wireBytes: NaN,
    decodedBytes: NaN,
    encoding: "",
  };
}

function location(reply: Reply) {
  return reply.headers.location ? ` to ${reply.headers.location}` : "";
}

/** "HTTP 500 ×3, HTTP 404 ×1" */
export function summarize(failures: string[]): string {
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].map(([what, n]) => `${what} ×${n}`).join(", ");
}
