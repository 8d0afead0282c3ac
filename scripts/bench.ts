/**
 * `npm run bench`: what issues 11 and 12 measure, in one run on this machine, written to docs/benchmarks.md.
 *   1. A production build in its own dist dir (.next-bench); `--no-build` reuses the last one.
 *   2. For each class size, on SQLite and then on PostgreSQL: a fresh throwaway database
 *      (scripts/bench/school.ts; on PostgreSQL one cluster for the run, a new database per size,
 *      ANALYZEd after the seed), the app's own server on it, and every route of
 *      scripts/bench/routes.ts measured side by side with /api/health: server CPU per request,
 *      latency alone and with 10 clients, throughput, size.
 *   3. The first-load JavaScript of the student workspace and the grading view.
 *   4. Two rounds of 200 students uploading a 2 MB photo at once (class of 500, SQLite), with the server's memory.
 *   5. Scale-out (scripts/bench/scale.ts): the grading view and autosave with 10 and 20 clients
 *      against one instance on SQLite, one on PostgreSQL and two on PostgreSQL sharing the database.
 *   6. The CSV exports in-process (scripts/bench/csv-export.ts), as before.
 *   7. Drawing the studio's cards in-process (scripts/bench/cards.ts).
 * Options: `--no-build`; `--sizes=30,500` (fewer class sizes and no scale-out, for a quick look:
 * printed, not written); `--dialects=sqlite|postgres|both` (the default; one alone is printed, not written);
 * `--only=uploads` (step 4 alone), `--only=scale` (step 5 alone), `--only=cards` (step 7 alone) or
 * `--only=js` (step 3 alone, with each file's weight, to find what grew), printed, not written. Without
 * PostgreSQL's server programs the PostgreSQL parts are skipped, and the report says so. Not part
 * of the test suite: figures depend on the machine, so they are compared within one run, as ratios.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as prettier from "prettier";
import { describeCards, measureCardRendering } from "./bench/cards";
import { CHILD_FLAG, measureCsvExports, measureOneSize } from "./bench/csv-export";
import { firstLoadJs } from "./bench/first-load-js";
import { measureRoute, sessionCookie, trivialRow, warmUpServer, type RouteFigures } from "./bench/measure";
import { postgresMissing, startBenchPostgres, type BenchPostgres } from "./bench/pg";
import { describeScaleOut, renderReport, type Dialect, type Results } from "./bench/report";
import { FIRST_LOAD_PAGES, ROUTES } from "./bench/routes";
import { measureScaleOut, type ScaleInput, type ScaleSetup } from "./bench/scale";
import { SEED_FLAG, seedSchool, seedSchoolHere, type BenchDatabase, type School } from "./bench/school";
import { build, processTree, root, rssBytes, startServer, tempDir, type Server } from "./bench/server";
import { describePipeline, describeUploads, makePhoto, measurePipeline, measureUploads } from "./bench/uploads";

const CLASS_SIZES = [30, 500, 5_000];
/** The class whose students upload: 200 of them must be able to. */
const UPLOAD_CLASS = 500;
/** The class of the scale-out runs. */
const SCALE_CLASS = 500;
/** The bench's ports are 3400-3420: the class sizes on SQLite from here, on PostgreSQL from +5, the scale-out from +10. */
const FIRST_PORT = 3400;
const PORTS = { sqlite: FIRST_PORT, postgres: FIRST_PORT + 5, scale: FIRST_PORT + 10 };
const REPORT = path.join(root, "docs/benchmarks.md");

const { values: flags } = parseArgs({
  options: {
    "no-build": { type: "boolean" },
    sizes: { type: "string" },
    only: { type: "string" },
    dialects: { type: "string" },
    [CHILD_FLAG.slice(2)]: { type: "string" },
    [SEED_FLAG.slice(2)]: { type: "string" },
  },
});

const childRows = flags[CHILD_FLAG.slice(2)];
const childSeed = flags[SEED_FLAG.slice(2)];
if (childRows) {
  console.log(JSON.stringify(await measureOneSize(Number(childRows))));
} else if (childSeed) {
  await seedSchoolHere(String(childSeed));
} else if (flags.only === "uploads") {
  await uploadsOnly();
} else if (flags.only === "scale") {
  await scaleOnly();
} else if (flags.only === "js") {
  await firstLoadJsOnly();
} else if (flags.only === "cards") {
  console.log(`\n${describeCards(await measureCardRendering())}\n(--only=cards: not written to ${path.relative(root, REPORT)}.)`);
} else if (flags.only) {
  throw new Error(`--only=${flags.only}: the parts that run alone are "uploads", "scale", "cards" and "js"`);
} else {
  await main();
}

/** The dialects asked for (--dialects), less PostgreSQL when its programs are missing (said once). */
function dialects(): { wanted: Dialect[]; skipped?: string } {
  const asked = flags.dialects ?? "both";
  const wanted: Dialect[] =
    asked === "both" ? ["sqlite", "postgres"] : asked === "sqlite" || asked === "postgres" ? [asked] : invalid(`--dialects=${asked}`);
  const missing = wanted.includes("postgres") ? postgresMissing() : undefined;
  if (!missing) return { wanted };
  console.log(`${missing}\nSkipping the PostgreSQL parts of the bench.`);
  return { wanted: wanted.filter((d) => d !== "postgres"), skipped: missing };
}

function invalid(what: string): never {
  throw new Error(`${what}: expected sqlite, postgres or both`);
}

async function main() {
  const started = Date.now();
  const sizes = flags.sizes ? flags.sizes.split(",").map(Number) : CLASS_SIZES;
  const { wanted, skipped } = dialects();
  await build({ reuse: Boolean(flags["no-build"]) });
  const authSecret = randomBytes(32).toString("base64url");
  const loadBefore = loadAverage();
  const results: Results = {
    meta: {
      date: "",
      commit: commit(),
      node: process.version,
      cores: cores(),
      load: "",
      busy: false,
      minutes: 0,
      serverProcesses: "",
      postgres: skipped ? `skipped: ${skipped}` : wanted.includes("postgres") ? "" : "not run (--dialects)",
    },
    classes: [],
    firstLoadJs: [],
    csvExports: [],
    scaleOut: [],
  };
  const pg = wanted.includes("postgres") ? await startBenchPostgres() : undefined;
  if (pg) results.meta.postgres = await pg.version();

  // Every ratio is over this one.
  const trivial = ROUTES.find((r) => r.key === "health")!;
  for (const dialect of wanted) {
    for (const [i, classSize] of sizes.entries()) {
      const dataDir = tempDir("recap-bench-");
      console.log(`\nClass of ${classSize.toLocaleString("en-US")} on ${dialect === "sqlite" ? "SQLite" : "PostgreSQL"}: seeding…`);
      const { school, database } = await seed(dialect, dataDir, classSize, pg, `bench_${classSize}`);
      const port = PORTS[dialect] + i;
      await withServer({ port, dataDir, authSecret, databaseUrl: urlOf(database) }, async (server) => {
        const cookies = {
          teacher: await sessionCookie(authSecret, school.teacher),
          student: await sessionCookie(authSecret, school.middleStudent),
          nobody: "",
        };
        await warmUpServer(server, school, ROUTES, cookies);
        const routes: RouteFigures[] = [];
        for (const route of ROUTES) {
          const figures = await measureRoute(server, school, route, trivial, cookies, pg && dialect === "postgres" ? pg.cpuMs : undefined);
          console.log(
            `  ${route.label}: ${figures.problem ? `FAILED: ${figures.problem}` : `${figures.cpuMs.toFixed(1)} ms CPU${figures.databaseCpuMs === undefined ? "" : ` + ${figures.databaseCpuMs.toFixed(1)} ms in PostgreSQL`}, p95 ${figures.p95.toFixed(0)} ms`}`,
          );
          routes.push(figures);
        }
        results.classes.push({ dialect, classSize, mix: school.mix, routes: trivialRow(routes, trivial), rssAfter: rssBytes(server.pid) });
        const tree = processTree(server.pid).length;
        results.meta.serverProcesses = tree === 1 ? "one Node process, no child processes" : `${tree} processes, all counted`;
        // The scripts a page loads depend on neither the class nor the database: weighed once.
        if (i === 0 && !results.firstLoadJs.length) {
          for (const key of FIRST_LOAD_PAGES) {
            const route = ROUTES.find((r) => r.key === key)!;
            results.firstLoadJs.push({ label: route.label, figures: await firstLoadJs(server, school, route, cookies[route.as]) });
          }
        }
      });
      // On a fresh server, so that its memory is not what the page runs left behind.
      if (classSize === UPLOAD_CLASS && dialect === "sqlite") {
        console.log("  Uploads: 2 rounds of 200 at once, on a fresh server…");
        const photo = await makePhoto();
        await withServer({ port, dataDir, authSecret }, async (server) => {
          results.uploads = { classSize, ...(await measureUploads(server, school, photo)), pipeline: await measurePipeline(photo) };
        });
      }
    }
  }

  // A quick look (--sizes) leaves the scale-out to --only=scale.
  if (!flags.sizes) results.scaleOut = await scaleOut(wanted, pg, authSecret);
  await pg?.close();

  console.log("\nCSV exports (in-process)…");
  results.csvExports = measureCsvExports(path.join(root, "scripts/bench.ts"));
  console.log("\nStudio cards (in-process)…");
  results.cards = await measureCardRendering();
  results.meta.date = new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC";
  results.meta.minutes = (Date.now() - started) / 60_000;
  const loadAfter = loadAverage();
  results.meta.load = `${loadBefore.text} before the run (after the build), ${loadAfter.text} after`;
  results.meta.busy = Math.max(loadBefore.oneMinute, loadAfter.oneMinute) > os.cpus().length / 2;
  // Formatted as `npm run lint` wants it (Prettier aligns the tables, which also reads better here).
  const report = await prettier.format(renderReport(results), { ...(await prettier.resolveConfig(REPORT)), filepath: REPORT });
  // A partial run (--sizes, one dialect) is a quick look: it leaves the full figures in place.
  if (flags.sizes || flags.dialects) {
    console.log(`\n${report}\n(--sizes or --dialects: not written to ${path.relative(root, REPORT)}.)`);
  } else {
    fs.writeFileSync(REPORT, report);
    console.log(`\n${report}\nWritten to ${path.relative(root, REPORT)}.`);
  }
}

/**
 * A fresh school of `classSize` in `dataDir`/app.db, or in a new PostgreSQL database named `name`
 * (ANALYZEd after the seed, as autovacuum would have on a live install: without statistics the
 * planner guessed, and the detailed export took 508 ms instead of 294 at 5,000 students).
 */
async function seed(dialect: Dialect, dataDir: string, classSize: number, pg: BenchPostgres | undefined, name: string) {
  const database: BenchDatabase =
    dialect === "sqlite" ? { dialect, file: path.join(dataDir, "app.db") } : { dialect, url: await pg!.createDatabase(name) };
  const school = await seedSchool(database, classSize);
  if (database.dialect === "postgres") await pg!.analyze(database.url);
  return { school, database };
}

function urlOf(database: BenchDatabase) {
  return database.dialect === "postgres" ? database.url : undefined;
}

/**
 * Step 5: one instance on SQLite, one on PostgreSQL, two on PostgreSQL sharing one database, each
 * on its own fresh class; all up at once, so that scripts/bench/scale.ts can interleave their runs.
 */
async function scaleOut(wanted: Dialect[], pg: BenchPostgres | undefined, authSecret: string): Promise<ScaleSetup[]> {
  const setups = [
    { label: "SQLite, one instance", dialect: "sqlite" as const, instances: 1 },
    { label: "PostgreSQL, one instance", dialect: "postgres" as const, instances: 1 },
    { label: "PostgreSQL, two instances", dialect: "postgres" as const, instances: 2 },
  ].filter((s) => wanted.includes(s.dialect));
  if (!setups.length) return [];
  const inputs: ScaleInput[] = [];
  const servers: Server[] = [];
  let port = PORTS.scale;
  try {
    for (const [n, setup] of setups.entries()) {
      console.log(`\nScale-out, ${setup.label} (class of ${SCALE_CLASS}): seeding…`);
      const dataDir = tempDir("recap-bench-scale-");
      const { school, database } = await seed(setup.dialect, dataDir, SCALE_CLASS, pg, `bench_scale_${n}`);
      const instances: Server[] = [];
      for (let i = 0; i < setup.instances; i++) {
        // Each instance its own folder for its log and uploads in flight; the database is shared.
        const instanceDir = i === 0 ? dataDir : tempDir("recap-bench-scale-");
        instances.push(await startServer({ port: port++, dataDir: instanceDir, authSecret, databaseUrl: urlOf(database) }));
        servers.push(instances.at(-1)!);
      }
      inputs.push({
        label: setup.label,
        servers: instances,
        school,
        databaseCpuMs: database.dialect === "postgres" ? () => pg!.cpuMs() : undefined,
      });
    }
    console.log("\nScale-out runs, interleaved…");
    return await measureScaleOut(inputs);
  } catch (error) {
    for (const server of servers) console.error(`Server log (last lines):\n${server.log().slice(-3000)}`);
    throw error;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** Step 5 alone, for a quick look at the scale-out: printed, not written. */
async function scaleOnly() {
  const { wanted, skipped } = dialects();
  await build({ reuse: Boolean(flags["no-build"]) });
  const pg = wanted.includes("postgres") ? await startBenchPostgres() : undefined;
  const setups = await scaleOut(wanted, pg, randomBytes(32).toString("base64url"));
  const version = await pg?.version();
  await pg?.close();
  if (!setups.length) return console.log("Nothing to run.");
  const section = await prettier.format(describeScaleOut(setups, skipped ?? version ?? ""), {
    ...(await prettier.resolveConfig(REPORT)),
    filepath: REPORT,
  });
  console.log(`\n${section}\n(--only=scale: not written to ${path.relative(root, REPORT)}.)`);
}

/** Step 4 alone, for a quick look at the uploads: printed, not written. */
async function uploadsOnly() {
  await build({ reuse: Boolean(flags["no-build"]) });
  const dataDir = tempDir("recap-bench-");
  console.log(`Class of ${UPLOAD_CLASS}: seeding…`);
  const school: School = await seedSchool({ dialect: "sqlite", file: path.join(dataDir, "app.db") }, UPLOAD_CLASS);
  console.log("Uploads: 2 rounds of 200 at once, on a fresh server…");
  const photo = await makePhoto();
  const authSecret = randomBytes(32).toString("base64url");
  await withServer({ port: FIRST_PORT, dataDir, authSecret }, async (server) => {
    const figures = await measureUploads(server, school, photo);
    console.log(
      `\n${describeUploads(figures)}\n\n${describePipeline(await measurePipeline(photo))}\n(--only=uploads: not written to ${path.relative(root, REPORT)}.)`,
    );
  });
}

/** Step 3 alone, on a class of 30, with every file the page loads and its weight: printed, not written. */
async function firstLoadJsOnly() {
  await build({ reuse: Boolean(flags["no-build"]) });
  const dataDir = tempDir("recap-bench-");
  const school: School = await seedSchool({ dialect: "sqlite", file: path.join(dataDir, "app.db") }, 30);
  const authSecret = randomBytes(32).toString("base64url");
  await withServer({ port: FIRST_PORT, dataDir, authSecret }, async (server) => {
    const cookies = {
      teacher: await sessionCookie(authSecret, school.teacher),
      student: await sessionCookie(authSecret, school.middleStudent),
      nobody: "",
    };
    for (const key of FIRST_LOAD_PAGES) {
      const route = ROUTES.find((r) => r.key === key)!;
      const figures = await firstLoadJs(server, school, route, cookies[route.as]);
      console.log(`\n${route.label}: ${figures.files} files, ${kb(figures.gzipBytes)} gzip (${kb(figures.rawBytes)} raw)`);
      for (const file of [...figures.perFile].sort((a, b) => b.gzipBytes - a.gzipBytes))
        console.log(`  ${kb(file.gzipBytes).padStart(9)}  ${file.src}`);
    }
    console.log(`\n(--only=js: not written to ${path.relative(root, REPORT)}.)`);
  });
}

function kb(bytes: number) {
  return `${(bytes / 1024).toFixed(1)} KB`;
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
