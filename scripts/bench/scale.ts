import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { SAMPLE_DRAFTS } from "../../db/sample-work";
import { ACCEPT_GZIP, connections, percentile, request, type Reply } from "./http";
import { sessionCookie, summarize } from "./measure";
import { ROUTES } from "./routes";
import type { School } from "./school";
import { cpuMs, DIST_DIR, root, type Server } from "./server";

/**
 * Scale-out (issue 12): the grading view and autosave under N clients in a closed loop, against one
 * app instance or several sharing one database, each client pinned to one instance (round-robin),
 * as a load balancer with keep-alive connections spreads them. Every reply must be a 200 and, for
 * autosave, an acknowledged save; anything else is an error. Each autosave client is its own student
 * (a conflict then means a lost write, not two tabs), and after the runs every student's last
 * acknowledged draft is read back through the other instance's workspace page.
 */

export const SCALE_CLIENTS = [10, 20];
/** Each run's length; every run is made twice, the set-ups in one order and then the other, and the two are added up. */
const RUN_SECONDS = 8;
const ROUNDS = 2;
/** Per instance and workload before the runs, as a fresh server gets cheaper for thousands of requests. */
const WARM_UP = { requests: 800, seconds: 20 };
const PAUSE_MS = 1000;

type ScaleWorkload = "grading" | "autosave";
const WORKLOADS: ScaleWorkload[] = ["grading", "autosave"];

export type ScaleRun = {
  workload: ScaleWorkload;
  clients: number;
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  errorCount: number;
  errors: string;
  /** Server CPU per request, all app instances together (their child processes included). */
  appCpuMs: number;
  /** Each instance's CPU over the requests it answered. */
  instances: { requests: number; cpuMs: number }[];
  /** The PostgreSQL cluster's CPU per request (on SQLite the database runs inside the app's process). */
  databaseCpuMs?: number;
};

export type ScaleSetup = {
  label: string;
  instances: number;
  runs: ScaleRun[];
  /** "20 of 20 …": the autosave read-back. */
  verified: string;
  /** Anything that went wrong outside the measured runs (warm-up, page checks, read-back). */
  problems: string[];
};

/** The workloads' paths, for the report. */
export const SCALE_PATHS = {
  grading: `GET ${ROUTES.find((r) => r.key === "grading")!.path({ sectionId: "{section}", assignmentId: "{assignment}", middleStudent: { id: "{student}" } } as School)}`,
  autosave: "POST /assignments/{assignment} (the saveDraftAction server action, as the workspace sends it)",
};

/** How the runs were made, for the report. */
export const SCALE_RUNS = { seconds: RUN_SECONDS, rounds: ROUNDS, warmUp: WARM_UP };

type Student = School["canUpload"][number];
type Autosaver = { student: Student; cookie: string; version: number; saves: number; lastAcknowledged?: string };

export type ScaleInput = {
  label: string;
  servers: Server[];
  school: School;
  /** The database's own CPU so far, in ms, when it runs outside the app. */
  databaseCpuMs?: () => number;
};

type Totals = {
  latencies: number[];
  failures: string[];
  perServer: number[];
  appCpuMs: number[];
  databaseCpuMs: number;
  seconds: number;
};

/**
 * Every set-up is up at once (an idle one costs next to nothing) and the runs are interleaved: each
 * run of one set-up comes right after the same run of the others, in one order and then the other,
 * so that all of them see the machine in the same state (others' work on a shared machine moves
 * every figure).
 */
export async function measureScaleOut(inputs: ScaleInput[]): Promise<ScaleSetup[]> {
  const actionId = serverActionId("saveDraftAction");
  const setups = await Promise.all(inputs.map((input) => prepare(input, actionId)));
  for (const setup of setups) {
    console.log(`  Warming up ${setup.input.label}…`);
    await setup.warmUp();
  }
  const runs = new Map<string, Totals>();
  for (const clients of SCALE_CLIENTS) {
    for (const workload of WORKLOADS) {
      for (let round = 0; round < ROUNDS; round++) {
        for (const setup of round % 2 ? [...setups].reverse() : setups) {
          const key = `${setup.input.label}|${workload}|${clients}`;
          const totals = runs.get(key) ?? {
            latencies: [],
            failures: [],
            perServer: setup.input.servers.map(() => 0),
            appCpuMs: setup.input.servers.map(() => 0),
            databaseCpuMs: 0,
            seconds: 0,
          };
          runs.set(key, totals);
          await sleep(PAUSE_MS);
          await setup.measure(workload, clients, totals);
        }
      }
      for (const setup of setups) {
        const run = summarizeRun(workload, clients, runs.get(`${setup.input.label}|${workload}|${clients}`)!, setup.input);
        setup.runs.push(run);
        console.log(
          `    ${setup.input.label}, ${workload}, ${clients} clients: ${run.perSecond.toFixed(0)} req/s, p95 ${run.p95.toFixed(0)} ms, ` +
            `${run.errorCount} errors, app CPU ${run.appCpuMs.toFixed(1)} ms/request` +
            (run.databaseCpuMs === undefined ? "" : `, PostgreSQL ${run.databaseCpuMs.toFixed(1)} ms/request`),
        );
      }
    }
  }
  const out: ScaleSetup[] = [];
  for (const setup of setups) out.push(await setup.finish());
  return out;
}

function summarizeRun(workload: ScaleWorkload, clients: number, totals: Totals, input: ScaleInput): ScaleRun {
  const requests = totals.perServer.reduce((a, b) => a + b, 0);
  const appCpu = totals.appCpuMs.reduce((a, b) => a + b, 0);
  return {
    workload,
    clients,
    requests,
    seconds: totals.seconds,
    perSecond: totals.latencies.length / totals.seconds,
    p50: percentile(totals.latencies, 50),
    p95: percentile(totals.latencies, 95),
    errorCount: totals.failures.length,
    errors: summarize(totals.failures),
    appCpuMs: appCpu / requests,
    instances: totals.perServer.map((n, i) => ({ requests: n, cpuMs: totals.appCpuMs[i]! / n })),
    databaseCpuMs: input.databaseCpuMs ? totals.databaseCpuMs / requests : undefined,
  };
}

async function prepare(input: ScaleInput, actionId: string) {
  const { label, servers, school, databaseCpuMs } = input;
  const problems: string[] = [];
  const runs: ScaleRun[] = [];
  const grading = ROUTES.find((r) => r.key === "grading")!;
  const gradingPath = grading.path(school);
  const teacherCookie = await sessionCookie(servers[0]!.authSecret, school.teacher);

  // The page is the one meant, on every instance, before and after.
  const checkGradingPages = async (when: string) => {
    for (const [i, server] of servers.entries()) {
      const reply = await request(server.origin + gradingPath, { headers: { ...ACCEPT_GZIP, cookie: teacherCookie }, keepBody: true });
      const problem = reply.status === 200 ? grading.check(reply.body!, school) : `HTTP ${reply.status}`;
      if (problem) problems.push(`grading view on instance ${i + 1} ${when}: ${problem}`);
    }
  };
  await checkGradingPages("before the runs");

  const students = school.canUpload.filter((s) => s.id !== school.middleStudent.id).slice(0, Math.max(...SCALE_CLIENTS));
  if (students.length < Math.max(...SCALE_CLIENTS)) throw new Error(`only ${students.length} students can save; the scale-out needs more`);
  const autosavers: Autosaver[] = await Promise.all(
    students.map(async (student) => ({ student, cookie: await sessionCookie(servers[0]!.authSecret, student), version: 0, saves: 0 })),
  );
  // Each student's current version: a save from version 0 is either saved or answered with the newer one.
  for (const saver of autosavers) {
    const first = await saveDraft(servers[0]!, actionId, school, saver);
    if (first.problem) problems.push(`first save of ${saver.student.email}: ${first.problem}`);
  }

  const send = (workload: ScaleWorkload, k: number, server: Server, agent: http.Agent) =>
    workload === "grading"
      ? request(server.origin + gradingPath, { headers: { ...ACCEPT_GZIP, cookie: teacherCookie }, agent }).then((reply) =>
          reply.status === 200 ? { ms: reply.ms } : { ms: reply.ms, problem: `HTTP ${reply.status}` },
        )
      : saveDraft(server, actionId, school, autosavers[k]!, agent);

  /** `clients` closed loops, client k on instance k mod n, until `seconds` have passed or `maxRequests` were sent. */
  const loop = async (workload: ScaleWorkload, clients: number, seconds: number, maxRequests = Infinity) => {
    const latencies: number[] = [];
    const failures: string[] = [];
    const perServer = servers.map(() => 0);
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let sent = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, k) => {
        const s = k % servers.length;
        const agent = connections(1);
        try {
          while (performance.now() < deadline && sent < maxRequests) {
            sent++;
            perServer[s]!++;
            try {
              const outcome = await send(workload, k, servers[s]!, agent);
              if (outcome.problem) failures.push(outcome.problem);
              else latencies.push(outcome.ms);
            } catch (error) {
              failures.push((error as Error).message);
            }
          }
        } finally {
          agent.destroy();
        }
      }),
    );
    return { latencies, failures, perServer, seconds: (performance.now() - started) / 1000 };
  };

  return {
    input,
    runs,
    async warmUp() {
      for (const workload of WORKLOADS) {
        const run = await loop(workload, Math.min(...SCALE_CLIENTS), WARM_UP.seconds * servers.length, WARM_UP.requests * servers.length);
        if (run.failures.length) problems.push(`${workload} warm-up: ${summarize(run.failures)}`);
      }
    },
    async measure(workload: ScaleWorkload, clients: number, totals: Totals) {
      const appBefore = servers.map((s) => cpuMs(s.pid));
      const databaseBefore = databaseCpuMs?.() ?? 0;
      const run = await loop(workload, clients, RUN_SECONDS);
      const appAfter = servers.map((s) => cpuMs(s.pid));
      totals.databaseCpuMs += (databaseCpuMs?.() ?? 0) - databaseBefore;
      totals.latencies.push(...run.latencies);
      totals.failures.push(...run.failures);
      totals.seconds += run.seconds;
      run.perServer.forEach((n, i) => {
        totals.perServer[i]! += n;
        totals.appCpuMs[i]! += appAfter[i]! - appBefore[i]!;
      });
    },
    async finish(): Promise<ScaleSetup> {
      await checkGradingPages("after the runs");
      // Every acknowledged save is in the database: read back through another instance than the one that took it.
      let found = 0;
      const saved = autosavers.filter((a) => a.lastAcknowledged);
      for (const [k, saver] of autosavers.entries()) {
        if (!saver.lastAcknowledged) continue;
        const server = servers[(k + 1) % servers.length]!;
        const reply = await request(`${server.origin}/assignments/${school.assignmentId}`, {
          headers: { ...ACCEPT_GZIP, cookie: saver.cookie },
          keepBody: true,
        });
        if (reply.status === 200 && reply.body!.includes(saver.lastAcknowledged)) found++;
        else
          problems.push(
            `${saver.student.email}'s last acknowledged draft, ${saver.lastAcknowledged}, is not on its workspace (HTTP ${reply.status})`,
          );
      }
      const verified =
        `${found} of ${saved.length} students' last acknowledged draft read back from their workspace` +
        (servers.length > 1 ? " on the other instance" : "");
      return { label, instances: servers.length, runs, verified, problems };
    },
  };
}

/**
 * One autosave, as the workspace sends it: the student's draft with a marker unique to this save,
 * from the version last acknowledged. A refusal or a conflict comes back as a 200 with data, so the
 * reply's body says whether it was saved.
 */
async function saveDraft(
  server: Server,
  actionId: string,
  school: School,
  saver: Autosaver,
  agent?: http.Agent,
): Promise<{ ms: number; problem?: string }> {
  const marker = `(bench save ${saver.student.email} ${++saver.saves})`;
  const draft = { ...SAMPLE_DRAFTS.complete, copy: `${marker} ${SAMPLE_DRAFTS.complete.copy}` };
  const body = JSON.stringify([{ assignmentId: school.assignmentId, baseVersion: saver.version, draft }]);
  const reply: Reply = await request(`${server.origin}/assignments/${school.assignmentId}`, {
    method: "POST",
    headers: {
      ...ACCEPT_GZIP,
      cookie: saver.cookie,
      "next-action": actionId,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
    },
    body: [Buffer.from(body)],
    keepBody: true,
    agent,
  });
  if (reply.status !== 200) return { ms: reply.ms, problem: `HTTP ${reply.status}` };
  const saved = /"ok":true,"data":\{"saved":true,"version":(\d+)/.exec(reply.body!);
  if (saved) {
    saver.version = Number(saved[1]);
    saver.lastAcknowledged = marker;
    return { ms: reply.ms };
  }
  const conflict = /"saved":false,"conflict":.*"version":(\d+)/.exec(reply.body!);
  if (conflict) {
    const problem = saver.saves === 1 ? undefined : "conflict"; // the first save learns the current version
    saver.version = Number(conflict[1]);
    return { ms: reply.ms, problem };
  }
  return { ms: reply.ms, problem: `not saved: ${reply.body!.slice(0, 200)}` };
}

/** A server action's id in the bench's build (it changes with every build). */
function serverActionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node?: Record<string, { exportedName: string }>;
  };
  const ids = Object.entries(manifest.node ?? {}).filter(([, entry]) => entry.exportedName === exportedName);
  if (ids.length !== 1) throw new Error(`expected one server action named ${exportedName} in ${DIST_DIR}, found ${ids.length}`);
  return ids[0]![0];
}
