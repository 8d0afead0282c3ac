/**
 * `npm run bench`: what issue 11 measures, in one run on this machine, written to docs/benchmarks.md.
 *   1. A production build in its own dist dir (.next-bench); `--no-build` reuses the last one.
 *   2. For each class size: a fresh throwaway database (scripts/bench/school.ts), the app's own
 *      server on it, and every route of scripts/bench/routes.ts measured side by side with
 *      /api/health: server CPU per request, latency alone and with 10 clients, throughput, size.
 *   3. The first-load JavaScript of the student workspace and the grading view.
 *   4. Two rounds of 200 students uploading a 2 MB photo at once (class of 500), with the server's memory.
 *   5. The CSV exports in-process (scripts/bench/csv-export.ts), as before.
 * Options: `--no-build`; `--sizes=30,500` (fewer class sizes, for a quick look: printed, not
 * written); `--only=uploads` (step 4 alone, on the class of 500: printed, not written). Not part
 * of the test suite: figures depend on the machine, so they are compared within one run, as ratios.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as prettier from "prettier";
import { CHILD_FLAG, measureCsvExports, measureOneSize } from "./bench/csv-export";
import { firstLoadJs } from "./bench/first-load-js";
import { measureRoute, sessionCookie, trivialRow, warmUpServer, type RouteFigures } from "./bench/measure";
import { renderReport, type Results } from "./bench/report";
import { FIRST_LOAD_PAGES, ROUTES } from "./bench/routes";
import { seedSchool } from "./bench/school";
import { build, processTree, root, rssBytes, startServer, tempDir, type Server } from "./bench/server";
import { describeUploads, makePhoto, measureUploads } from "./bench/uploads";

const CLASS_SIZES = [30, 500, 5_000];
/** The class whose students upload: 200 of them must be able to. */
const UPLOAD_CLASS = 500;
/** One port per class size, from here (the bench's range is 3400-3420). */
const FIRST_PORT = 3400;
const REPORT = path.join(root, "docs/benchmarks.md");

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean" },
    sizes: { type: "string" },
    only: { type: "string" },
    [CHILD_FLAG.slice(2)]: { type: "string" },
  },
});

const childRows = flags[CHILD_FLAG.slice(2)];
if (childRows) {
  console.log(JSON.stringify(await measureOneSize(Number(childRows))));
} else if (flags.only === "uploads") {
  await uploadsOnly();
} else if (flags.only) {
  throw new Error(`--only=${flags.only}: the only part that runs alone is "uploads"`);
} else {
  await main();
}

async function main() {
  const started = Date.now();
  const sizes = flags.sizes ? flags.sizes.split(",").map(Number) : CLASS_SIZES;
  await build({ reuse: Boolean(flags["no-build"]) });
  const authSecret = randomBytes(32).toString("base64url");
  const loadBefore = loadAverage();
  const results: Results = {
    meta: { date: "", commit: commit(), node: process.version, cores: cores(), load: "", busy: false, minutes: 0, serverProcesses: "" },
    classes: [],
    firstLoadJs: [],
    csvExports: [],
  };

  // Every ratio is over this one.
  const trivial = ROUTES.find((r) => r.key === "health")!;
  for (const [i, classSize] of sizes.entries()) {
    const dataDir = tempDir("recap-bench-");
    console.log(`\nClass of ${classSize.toLocaleString("en-US")}: seeding…`);
    const school = await seedSchool(path.join(dataDir, "app.db"), classSize);
    const port = FIRST_PORT + i;
    await withServer({ port, dataDir, authSecret }, async (server) => {
      const cookies = {
        teacher: await sessionCookie(authSecret, school.teacher),
        student: await sessionCookie(authSecret, school.middleStudent),
        nobody: "",
      };
      await warmUpServer(server, school, ROUTES, cookies);
      const routes: RouteFigures[] = [];
      for (const route of ROUTES) {
        const figures = await measureRoute(server, school, route, trivial, cookies);
        console.log(
          `  ${route.label}: ${figures.problem ? `FAILED: ${figures.problem}` : `${figures.cpuMs.toFixed(1)} ms CPU, p95 ${figures.p95.toFixed(0)} ms`}`,
        );
        routes.push(figures);
      }
      results.classes.push({ classSize, mix: school.mix, routes: trivialRow(routes, trivial), rssAfter: rssBytes(server.pid) });
      const tree = processTree(server.pid).length;
      results.meta.serverProcesses = tree === 1 ? "one Node process, no child processes" : `${tree} processes, all counted`;
      // The scripts a page loads do not depend on the class: weighed once.
      if (i === 0) {
        for (const key of FIRST_LOAD_PAGES) {
          const route = ROUTES.find((r) => r.key === key)!;
          results.firstLoadJs.push({ label: route.label, figures: await firstLoadJs(server, school, route, cookies[route.as]) });
        }
      }
    });
    // On a fresh server, so that its memory is not what the page runs left behind.
    if (classSize === UPLOAD_CLASS) {
      console.log("  Uploads: 2 rounds of 200 at once, on a fresh server…");
      const photo = await makePhoto();
      await withServer({ port, dataDir, authSecret }, async (server) => {
        results.uploads = { classSize, ...(await measureUploads(server, school, photo)) };
      });
    }
  }

  console.log("\nCSV exports (in-process)…");
  results.csvExports = measureCsvExports(path.join(root, "scripts/bench.ts"));
  results.meta.date = new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";
  results.meta.minutes = (Date.now() - started) / 60_000;
  const loadAfter = loadAverage();
  results.meta.load = `${loadBefore.text} before the run (after the build), ${loadAfter.text} after`;
  results.meta.busy = Math.max(loadBefore.oneMinute, loadAfter.oneMinute) > os.cpus().length / 2;
  // Formatted as `npm run lint` wants it (Prettier aligns the tables, which also reads better here).
  const report = await prettier.format(renderReport(results), { ...(await prettier.resolveConfig(REPORT)), filepath: REPORT });
  // A partial run (--sizes) is a quick look: it leaves the full figures in place.
  if (flags.sizes) {
    console.log(`\n${report}\n(--sizes: not written to ${path.relative(root, REPORT)}.)`);
  } else {
    fs.writeFileSync(REPORT, report);
    console.log(`\n${report}\nWritten to ${path.relative(root, REPORT)}.`);
  }
}

/** Step 4 alone, for a quick look at the uploads: printed, not written. */
async function uploadsOnly() {
  await build({ reuse: Boolean(flags["no-build"]) });
  const dataDir = tempDir("recap-bench-");
  console.log(`Class of ${UPLOAD_CLASS}: seeding…`);
  const school = await seedSchool(path.join(dataDir, "app.db"), UPLOAD_CLASS);
  console.log("Uploads: 2 rounds of 200 at once, on a fresh server…");
  const photo = await makePhoto();
  const authSecret = randomBytes(32).toString("base64url");
  await withServer({ port: FIRST_PORT, dataDir, authSecret }, async (server) => {
    const figures = await measureUploads(server, school, photo);
    console.log(`\n${describeUploads(figures)}\n(--only=uploads: not written to ${path.relative(root, REPORT)}.)`);
  });
}

/** Starts the app on this data, runs `fn`, and stops it; the server's log is shown if `fn` fails. */
async function withServer(input: Parameters<typeof startServer>[0], fn: (server: Server) => Promise<void>) {
  const server = await startServer(input);
  try {
    await fn(server);
  } catch (error) {
    console.error(`Server log (last lines):\n${server.log().slice(-3000)}`);
    throw error;
  } finally {
    await server.stop();
  }
}

/** The commit measured, and whether the tree differed from it. */
function commit(): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trimEnd();
  try {
    const head = git("log", "-1", "--format=%h");
    const changed = git("status", "--porcelain", "--untracked-files=no")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(3))
      .filter((file) => file !== "docs/benchmarks.md");
    return changed.length ? `${head}, with uncommitted changes to ${changed.join(", ")}` : head;
  } catch {
    return "unknown (not a git checkout)";
  }
}

/** Other work on the machine shows here: the figures of a busy machine are not comparable. */
function loadAverage() {
  const load = os.loadavg();
  return { oneMinute: load[0]!, text: load.map((n) => n.toFixed(2)).join(" / ") };
}

function cores(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores (${cpus[0]?.model.trim() ?? "unknown CPU"})`;
}
