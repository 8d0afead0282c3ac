import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SERVER_MALLOC_ENV } from "../lib.mjs";

/**
 * The app under measurement: a production build in its own dist dir, served by scripts/server.mjs
 * (the server `npm start` runs), and what /proc says about that process. Everything started here
 * is stopped, and every temporary folder removed, when the bench ends, however it ends.
 */

export const root = path.resolve(import.meta.dirname, "../..");
export const DIST_DIR = ".next-bench";

// ---- Clean-up, on every way out ----

const cleanups: (() => void)[] = [];

/** Runs `fn` (synchronous) when the bench exits, fails, or is interrupted. */
export function atExit(fn: () => void) {
  cleanups.push(fn);
}

function runCleanups() {
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      fn();
    } catch (error) {
      console.error(error);
    }
  }
}

process.on("exit", runCleanups);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the bench's servers…`);
    runCleanups();
    process.exit(130);
  });
}

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), prefix));
  atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---- The build ----

/**
 * `next build` into DIST_DIR, unless `reuse` and a build is there. next build rewrites
 * tsconfig.json (it adds the dist dir's types): the file is put back byte for byte afterwards.
 */
export async function build({ reuse }: { reuse: boolean }) {
  if (reuse && fs.existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) {
    console.log(`Using the existing build in ${DIST_DIR} (--no-build).`);
    return;
  }
  if (reuse) console.log(`--no-build, but there is no build in ${DIST_DIR}: building.`);
  console.log(`Building (next build into ${DIST_DIR})…`);
  const tsconfig = path.join(root, "tsconfig.json");
  const saved = fs.readFileSync(tsconfig);
  const restore = () => fs.writeFileSync(tsconfig, saved);
  atExit(restore);
  // Its own process group, so that an interrupted bench stops the build's workers too.
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const stopBuild = () => killGroup(child);
  atExit(stopBuild);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  restore();
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-4000)}`);
}

function killGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

// ---- The server ----

export type Server = { pid: number; origin: string; authSecret: string; stop: () => Promise<void>; log: () => string };

/**
 * The app on `port`, its log and uploads in `dataDir`: on the SQLite file `dataDir`/app.db, or on the
 * PostgreSQL database `databaseUrl` (which any number of instances may share). An exported
 * DATABASE_URL or STORAGE_URL never leaks in: the bench says which database, and images stay local.
 */
export async function startServer(input: { port: number; dataDir: string; authSecret: string; databaseUrl?: string }): Promise<Server> {
  const { port, dataDir, authSecret, databaseUrl } = input;
  const logFile = path.join(dataDir, "server.log");
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, [path.join(root, "scripts/server.mjs")], {
    cwd: root,
    // As `npm start` runs it (scripts/start.mjs), with its memory settings unless already set.
    env: {
      ...SERVER_MALLOC_ENV,
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_PATH: path.join(dataDir, "app.db"),
      DATABASE_URL: databaseUrl ?? "",
      STORAGE_URL: "",
      UPLOADS_DIR: path.join(dataDir, "uploads"),
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: "true",
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      TEACHER_SIGNUP_CODE: "",
    },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  atExit(kill);
  const readLog = () => fs.readFileSync(logFile, "utf8");
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${readLog().slice(-3000)}`);
    const ok = await fetch(`${origin}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      kill();
      throw new Error(`the server did not answer /api/health within 60 s:\n${readLog().slice(-3000)}`);
    }
    await sleep(200);
  }
  return {
    pid: child.pid!,
    origin,
    authSecret,
    log: readLog,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM"); // scripts/server.mjs closes within 10 s
      await Promise.race([exited, sleep(12_000)]);
      kill();
    },
  };
}

// ---- What /proc says about the server ----

const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim() || 100);

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), from field 3 on. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined; // gone
  }
}

/**
 * The server's processes: itself and anything it started (scripts/server.mjs forks nothing and
 * Next.js's production server runs in-process; sharp's threads are the process's own), so that a
 * worker process would be counted if one ever appeared.
 */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...childrenOf(tree[i]!));
  return tree;
}

/** Children of any of the process's threads (/proc/<pid>/task/<tid>/children). */
function childrenOf(pid: number): number[] {
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      return ""; // the thread or the process is gone
    }
  };
  let threads: string[];
  try {
    threads = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return threads.flatMap((tid) => read(`/proc/${pid}/task/${tid}/children`).split(" ").filter(Boolean).map(Number));
}

/**
 * CPU time, user + system, all threads, in ms: the server's own, its children's that have exited
 * (cutime/cstime), and those of its live descendants. /proc counts in clock ticks (10 ms), so
 * figures come from runs of many requests.
 */
export function cpuMs(pid: number): number {
  let ticks = 0;
  for (const [i, p] of processTree(pid).entries()) {
    const f = statFields(p);
    if (!f) continue;
    // Fields 14-17 of stat: utime, stime, cutime, cstime (f[0] is field 3).
    ticks += Number(f[11]) + Number(f[12]) + (i === 0 ? Number(f[13]) + Number(f[14]) : 0);
  }
  return ticks * TICK_MS;
}

/** CPU time of the process itself, without its children's (the server without its image worker), in ms. */
export function ownCpuMs(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) * TICK_MS : 0;
}

/** Resident memory (VmRSS) of the server and its descendants, in bytes. */
export function rssBytes(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      kb += Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb * 1024;
}
