import { describeCards, type CardFigures } from "./cards";
import type { FirstLoadJs } from "./first-load-js";
import { CONCURRENT_CLIENTS, PAUSE_MS, RUNS, type RouteFigures } from "./measure";
import { ROUTES } from "./routes";
import { SCALE_CLIENTS, SCALE_PATHS, SCALE_RUNS, type ScaleRun, type ScaleSetup } from "./scale";
import type { School } from "./school";
import { describePipeline, type PipelineFigures, type UploadFigures } from "./uploads";

/** The figures of one run, as Markdown: printed, and written to docs/benchmarks.md. */

export type Dialect = "sqlite" | "postgres";
const DIALECT_NAMES: Record<Dialect, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

type ClassResult = { dialect: Dialect; classSize: number; mix: School["mix"]; routes: RouteFigures[]; rssAfter: number };

export type Results = {
  meta: {
    date: string;
    commit: string;
    node: string;
    cores: string;
    load: string;
    busy: boolean;
    minutes: number;
    serverProcesses: string;
    /** "PostgreSQL 15.14", or why the PostgreSQL parts did not run. */
    postgres: string;
  };
  classes: ClassResult[];
  firstLoadJs: { label: string; figures: FirstLoadJs }[];
  uploads?: UploadFigures & { classSize: number; pipeline: PipelineFigures };
  csvExports: string[];
  scaleOut: ScaleSetup[];
  cards?: CardFigures;
};

/** What issue 11 asks for, in the units of the tables. */
const GOALS = {
  gradingFlat: 1.2, // CPU per request at the largest class over the smallest
  gradingP95: 2, // × health's p95
  studentsAtSmallest: 3, // × health's CPU
  studentsAloneMs: 1000, // at the largest class
  workspace: 2, // × health's CPU
  firstLoadKb: 150,
  uploadPeakMb: 600,
  uploadBackToIdle: 1.25, // RSS after both rounds over the idle RSS before them
  uploadCpuMs: 167 / 2,
  /** Issue 12: per-request CPU of two instances over one, on the same database (noise on a shared machine allowed). */
  scaleOutCpuRise: 1.2,
};

/** Ids shown as their names, for the paths under the table. */
const PLACEHOLDERS = { sectionId: "{section}", assignmentId: "{assignment}", middleStudent: { id: "{student}" } } as School;

const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (n: number) =>
  Number.isNaN(n) ? "–" : n < 10 ? `${n.toFixed(1)} ms` : n < 10_000 ? `${n.toFixed(0)} ms` : `${(n / 1000).toFixed(1)} s`;
const times = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : n.toFixed(0)}×` : "–");
const count = (n: number) => n.toLocaleString("en-US");
const verdict = (ok: boolean) => (ok ? "**met**" : "**not met**");

export function renderReport(results: Results): string {
  const { meta, classes } = results;
  const sqlite = classes.filter((c) => c.dialect === "sqlite");
  const pg = classes.filter((c) => c.dialect === "postgres");
  const first = sqlite.length ? sqlite : pg;
  const sizes = first.map((c) => count(c.classSize)).join(", ");
  const largest = count(first.at(-1)?.classSize ?? 0);
  const pgRan = pg.length > 0 || results.scaleOut.some((s) => s.label.startsWith("PostgreSQL"));
  const lines = [
    "# Benchmarks",
    "",
    `Written by \`npm run bench\` (scripts/bench.ts) on ${meta.date}: commit ${meta.commit}, Node ${meta.node}, ${meta.cores}; ` +
      `the run took ${meta.minutes.toFixed(1)} minutes; load average (1 / 5 / 15 min) ${meta.load}. Each run overwrites this file.`,
    ...(meta.busy
      ? [
          "",
          "**The machine was busy with other work during this run** (load average above half the cores): the latencies " +
            "(alone, p50, p95, req/s, upload times) include waiting for other processes and are not comparable with a quiet " +
            "run; CPU per request is far less affected.",
        ]
      : []),
    "",
    "## How",
    "",
    `A production build (\`next build\`), served by \`node scripts/server.mjs\` as \`npm start\` serves it (${meta.serverProcesses}), ` +
      `on the same machine as the load. One fresh database and server per class size (${sizes} students), ` +
      [
        sqlite.length ? "on SQLite" : "",
        pgRan
          ? `on ${meta.postgres} (one throwaway cluster for the run, scripts/pg-server.mjs, on 127.0.0.1 with fsync off as a test ` +
            "server has it; a new database per class size, seeded the same way and then `ANALYZE`d, as autovacuum would have on a " +
            "live install; the app's pool of 10 connections)"
          : `(PostgreSQL: ${meta.postgres})`,
      ]
        .filter(Boolean)
        .join(sqlite.length && pgRan ? " and then " : " ") +
      ": " +
      `one teacher, one section, one assignment (the class of ${largest}: ${mixText(first.at(-1)?.mix)}), with the sample drafts of ` +
      "db/sample-work.ts; around it a second assignment, a second section and 8 other teachers with two classes of 30 each " +
      "(scripts/bench/school.ts). Requests are signed in with a session cookie minted for a seeded user, and send " +
      "`Accept-Encoding: gzip` as a browser does.",
    "",
    "- **CPU / request**: user + system time of the server process (all threads, and any child process) from /proc, over a " +
      `sequential run after a warm-up (every route first, ${limits(RUNS.serverWarmUp)} each, as a fresh server keeps getting ` +
      `cheaper for thousands of requests; then ${limits(RUNS.warmUp)} of this one, and a ${PAUSE_MS / 1000} s pause), divided by the requests ` +
      `(${limits(RUNS.sequential)}). On PostgreSQL this is the app's CPU only: the database's own work runs in its server's ` +
      "processes (a column of its own, **+ database**); on SQLite it runs inside the app's process and is counted.",
    "- **× health**, **p95 × health**: over `/api/health`'s figure from the same run made right before this route's, on " +
      "the same server, so that both see the machine in the same state. The health rows' CPU and p95 are the medians of all " +
      "its runs on that server (its own and those alongside each route).",
    "- **alone**: median latency of that sequential run (one user).",
    `- **p50 / p95 @${CONCURRENT_CLIENTS}**: latency with ${CONCURRENT_CLIENTS} clients in a closed loop (each sends its next ` +
      `request when the last has answered; ${limits(RUNS.concurrent)}), timed from send to last byte; **req/s** is what those ` +
      "clients got through. A closed loop has no coordinated omission to correct: no request is meant to leave on a schedule.",
    "- **response**: body bytes on the wire and how they were encoded (the decoded size in brackets).",
    "- **requests**: how many the CPU figure and the latencies come from (sequential + concurrent).",
    "- Every response must answer 200 (the unknown address: 404), and the page is checked before and after the runs (the student's name on the grading " +
      "view, the class's count on the Students list, the student's own draft in the workspace, every row in the CSV), so a " +
      "redirect or an error page can never pass for a fast figure.",
  ];
  if (sqlite.length) lines.push("", `## Requests, at ${sizes} students`, "", ...routeTable(sqlite));
  lines.push(
    "",
    `Paths (scripts/bench/routes.ts): ${ROUTES.map((r) => `\`${r.path(PLACEHOLDERS)}\``).join(", ")}.`,
    "",
    `The server's RSS after these runs: ${sqlite.map((c) => `${mb(c.rssAfter)} (class of ${count(c.classSize)})`).join(", ")}.`,
  );
  if (pg.length) {
    lines.push(
      "",
      `## Requests on PostgreSQL, at ${pg.map((c) => count(c.classSize)).join(", ")} students`,
      "",
      `The same routes, runs and checks on ${meta.postgres}, each class in its own database. **+ database**: the PostgreSQL ` +
        "cluster's CPU per request over the same sequential run (its backend, and any background work in that time), which on " +
        "SQLite is part of the app's own figure; the ratios are over the app's CPU, as on SQLite.",
      "",
      ...routeTable(pg),
      "",
      `The server's RSS after these runs: ${pg.map((c) => `${mb(c.rssAfter)} (class of ${count(c.classSize)})`).join(", ")}.`,
    );
    if (sqlite.length) lines.push("", "Side by side, the ratios of both tables (SQLite / PostgreSQL):", "", ...ratioTable(sqlite, pg));
  } else {
    lines.push("", "## Requests on PostgreSQL", "", `Not measured: PostgreSQL was ${meta.postgres}.`);
  }
  if (results.firstLoadJs.length) {
    lines.push(
      "",
      "## First-load JavaScript",
      "",
      "Every script under /_next/static the page's HTML names (script tags, script preloads, and the chunks in the RSC " +
        "payload), each once, without the `noModule` polyfills a modern browser skips. **gzip -9**: each file compressed at " +
        "level 9 here; **as served**: the bytes the server sends for `Accept-Encoding: gzip`.",
      "",
      "| page | files | raw | gzip -9 | as served |",
      "|---|--:|--:|--:|--:|",
      ...results.firstLoadJs.map(
        ({ label, figures: f }) =>
          `| ${label} | ${f.files} | ${kb(f.rawBytes)} | ${kb(f.gzipBytes)} | ${kb(f.servedBytes)}${f.servedCompressed ? "" : " (not all compressed)"} |`,
      ),
    );
  }

  const up = results.uploads;
  if (up) {
    lines.push(
      "",
      "## Uploads",
      "",
      `${up.rounds.length} rounds of ${up.rounds[0]?.uploads} students of the class of ${count(up.classSize)} posting a ` +
        `${(up.photoBytes / 1024 / 1024).toFixed(1)} MB 3000×2000 JPEG (quality 85, EXIF orientation 6) to ` +
        "POST /api/assignments/{id}/images at once, one connection each, on a freshly started server (same database); its VmRSS " +
        "sampled every 100 ms. CPU / upload: the CPU of the server and its image worker over the round divided by the uploads; " +
        "the server's own share (receiving the body, storing the results, answering) in brackets. Idle before the rounds (after " +
        `one warm-up upload): ${mb(up.idleRss)}.`,
      "",
      "| round | errors | p50 | p95 | all done in | CPU / upload | peak RSS | RSS 5 s after |",
      "|--:|---|--:|--:|--:|--:|--:|--:|",
      ...up.rounds.map(
        (r, i) =>
          `| ${i + 1} | ${r.errorCount ? escapeCell(r.errors) : "0"} | ${ms(r.p50)} | ${ms(r.p95)} | ${r.seconds.toFixed(1)} s | ` +
          `${ms(r.cpuMsPerUpload)} (${ms(r.serverCpuMsPerUpload)}) | ${mb(r.peakRss)} | ${mb(r.settledRss)} |`,
      ),
      "",
      `RSS ${up.finalAfterSeconds} s after the last round: ${mb(up.finalRss)}.`,
      "",
      describePipeline(up.pipeline),
    );
  }

  if (results.scaleOut.length) lines.push("", "## Scale-out", "", describeScaleOut(results.scaleOut, meta.postgres));
  else lines.push("", "## Scale-out", "", "Not measured in this run (`--sizes` is a quick look; `--only=scale` runs the scale-out alone).");

  lines.push("", "## Against the goals of issue 11", "", ...goals(results));
  lines.push("", "## CSV exports", "", ...results.csvExports, "");
  if (results.cards) lines.push("## Studio cards", "", describeCards(results.cards), "");
  return lines.join("\n");
}

function goals(results: Results): string[] {
  const dialects = (["sqlite", "postgres"] as const).filter((d) => results.classes.some((c) => c.dialect === d));
  return [
    ...dialects.flatMap((d) =>
      routeGoals(results.classes.filter((c) => c.dialect === d)).map((line) => `- **${DIALECT_NAMES[d]}**: ${line}`),
    ),
    ...otherGoals(results),
  ];
}

/** The goals about routes, for one database's classes. */
function routeGoals(classes: ClassResult[]): string[] {
  const out: string[] = [];
  const byKey = (key: string) => classes.map((c) => ({ c, r: c.routes.find((f) => f.route.key === key)!, health: health(c) }));
  const failed = (rows: ReturnType<typeof byKey>) => rows.some(({ r, health }) => r.problem || health.problem);
  const [first, last] = [classes[0], classes.at(-1)];

  const grading = byKey("grading");
  if (!failed(grading) && first && last) {
    const cpus = grading.map(({ r }) => r.cpuMs);
    const spread = Math.max(...cpus) / Math.min(...cpus);
    const p95s = grading.map(({ r }) => p95Ratio(r));
    out.push(
      `Grading view flat (CPU within ${GOALS.gradingFlat}× across class sizes): ${times(spread)} — ${verdict(spread <= GOALS.gradingFlat)}; ` +
        `p95 at most ${GOALS.gradingP95}× health's: ${p95s.map(times).join(", ")} — ${verdict(p95s.every((x) => x <= GOALS.gradingP95))}.`,
    );
  }
  const students = byKey("students");
  if (!failed(students) && students.length) {
    const atFirst = cpuRatio(students[0]!.r);
    const growth = students.slice(1).map(({ r, c }, i) => {
      const prev = students[i]!;
      return `${times(r.cpuMs / prev.r.cpuMs)} CPU for ${times(c.classSize / prev.c.classSize)} students`;
    });
    const alone = students.at(-1)!.r.aloneP50;
    out.push(
      `Students list at most ${GOALS.studentsAtSmallest}× health at ${count(students[0]!.c.classSize)}: ${times(atFirst)} — ` +
        `${verdict(atFirst <= GOALS.studentsAtSmallest)}; ${growth.length ? `growth: ${growth.join(", ")}; ` : ""}alone at ${count(students.at(-1)!.c.classSize)}: ` +
        `${ms(alone)} — ${verdict(alone < GOALS.studentsAloneMs)} (under ${ms(GOALS.studentsAloneMs)}).`,
    );
  }
  const workspace = byKey("workspace");
  if (!failed(workspace)) {
    const ratios = workspace.map(({ r }) => cpuRatio(r));
    out.push(
      `Student workspace at most ${GOALS.workspace}× health: ${ratios.map(times).join(", ")} — ${verdict(ratios.every((x) => x <= GOALS.workspace))}.`,
    );
  }
  out.push(
    `\`/api/health\` CPU per request (the floor; the issue asks why it is not a fraction of a millisecond): ${classes.map((c) => ms(health(c).cpuMs)).join(", ")}.`,
  );
  // Not goals: the floors of a page, so that the ratios above can be read against what the App Router
  // itself costs here (an empty page) and what any signed-in page costs (the account page).
  const notFound = byKey("notFound");
  const account = byKey("account");
  if (!failed(notFound) && !failed(account)) {
    const overAccount = (key: string) => {
      const rows = byKey(key);
      return failed(rows) ? "—" : rows.map(({ r }, i) => times(r.cpuMs / account[i]!.r.cpuMs)).join(", ");
    };
    out.push(
      `The page floors (no goal): an empty page (404, signed out) ${notFound.map(({ r }) => times(cpuRatio(r))).join(", ")} health; ` +
        `the account page ${account.map(({ r }) => times(cpuRatio(r))).join(", ")} health. Over the account page: Students list ` +
        `${overAccount("students")}, grading view ${overAccount("grading")}, student workspace ${overAccount("workspace")}.`,
    );
  }
  return out;
}

/** The goals that do not depend on the database. */
function otherGoals(results: Results): string[] {
  const out: string[] = [];
  for (const { label, figures } of results.firstLoadJs) {
    out.push(
      `- First-load JavaScript of the ${label.toLowerCase()} at most ${GOALS.firstLoadKb} KB gzip: ${kb(figures.gzipBytes)} — ` +
        `${verdict(figures.gzipBytes <= GOALS.firstLoadKb * 1024)}.`,
    );
  }
  const text = results.classes.flatMap((c) => c.routes).filter((r) => !r.problem && r.decodedBytes > 1024);
  const plain = [...new Set(text.filter((r) => r.encoding !== "gzip").map((r) => r.route.label))];
  out.push(`- Text responses over 1 KB compressed: ${plain.length ? `not ${plain.join(", ")}` : "all"} — ${verdict(!plain.length)}.`);
  const up = results.uploads;
  if (up) {
    const peak = Math.max(...up.rounds.map((r) => r.peakRss));
    const cpu = Math.max(...up.rounds.map((r) => r.cpuMsPerUpload));
    const errors = up.rounds.reduce((n, r) => n + r.errorCount, 0);
    out.push(
      `- Uploads: peak RSS under ${GOALS.uploadPeakMb} MB: ${mb(peak)} — ${verdict(peak < GOALS.uploadPeakMb * 1024 * 1024)}; back to idle ` +
        `(within ${GOALS.uploadBackToIdle}× of ${mb(up.idleRss)}): ${mb(up.finalRss)} — ${verdict(up.finalRss <= up.idleRss * GOALS.uploadBackToIdle)}; ` +
        `CPU per upload at most ${ms(GOALS.uploadCpuMs)}: ${ms(cpu)} — ${verdict(cpu <= GOALS.uploadCpuMs)}; errors: ${errors}.`,
    );
  }
  return out;
}

/**
 * One database's routes at every class size, route by route. Where the database is a server of its
 * own, its CPU over the same sequential run is a column of its own ("+ database").
 */
function routeTable(classes: ClassResult[]): string[] {
  const withDatabase = classes.some((c) => c.routes.some((r) => r.databaseCpuMs !== undefined));
  const lines = [
    `| route | class | CPU / request |${withDatabase ? " + database |" : ""} × health | alone | p50 @${CONCURRENT_CLIENTS} | p95 @${CONCURRENT_CLIENTS} | p95 × health | req/s | response | requests |`,
    `|---|--:|--:|${withDatabase ? "--:|" : ""}--:|--:|--:|--:|--:|--:|---|--:|`,
  ];
  for (const route of ROUTES) {
    for (const c of classes) {
      const r = c.routes.find((f) => f.route.key === route.key)!;
      if (r.problem) {
        lines.push(`| ${route.label} | ${count(c.classSize)} | **failed**: ${escapeCell(r.problem)} ||||||||${withDatabase ? "|" : ""}`);
        continue;
      }
      lines.push(
        `| ${route.label} | ${count(c.classSize)} | ${ms(r.cpuMs)} |${withDatabase ? ` ${ms(r.databaseCpuMs ?? NaN)} |` : ""} ` +
          `${times(cpuRatio(r))} | ${ms(r.aloneP50)} | ` +
          `${ms(r.p50)} | ${ms(r.p95)} | ${times(p95Ratio(r))} | ${r.perSecond.toFixed(r.perSecond < 10 ? 1 : 0)} | ` +
          `${kb(r.wireBytes)} ${r.encoding === "none" ? "plain" : r.encoding} (${kb(r.decodedBytes)}) | ` +
          `${r.sequentialRequests} + ${r.concurrentRequests} |`,
      );
    }
  }
  return lines;
}

/** The two databases' ratios next to each other, for the class sizes both ran. */
function ratioTable(sqlite: ClassResult[], pg: ClassResult[]): string[] {
  const lines = ["| route | class | × health | p95 × health | CPU / request | alone |", "|---|--:|--:|--:|--:|--:|"];
  const pair = (a: number, b: number, format: (n: number) => string) => `${format(a)} / ${format(b)}`;
  for (const route of ROUTES.filter((r) => r.key !== "health")) {
    for (const c of sqlite) {
      const other = pg.find((p) => p.classSize === c.classSize);
      const a = c.routes.find((f) => f.route.key === route.key)!;
      const b = other?.routes.find((f) => f.route.key === route.key);
      if (!b) continue;
      if (a.problem || b.problem) {
        lines.push(`| ${route.label} | ${count(c.classSize)} | failed on ${a.problem ? "SQLite" : "PostgreSQL"} ||||`);
        continue;
      }
      lines.push(
        `| ${route.label} | ${count(c.classSize)} | ${pair(cpuRatio(a), cpuRatio(b), times)} | ${pair(p95Ratio(a), p95Ratio(b), times)} | ` +
          `${pair(a.cpuMs, b.cpuMs, ms)} | ${pair(a.aloneP50, b.aloneP50, ms)} |`,
      );
    }
  }
  return lines;
}

/** The scale-out section: what was run, the caveat, the table, the read-back and the verdict. */
export function describeScaleOut(setups: ScaleSetup[], postgres: string): string {
  const withPg = setups.some((s) => s.label.startsWith("PostgreSQL"));
  const lines = [
    `Issue 12: the grading view of one student and autosave, with ${SCALE_CLIENTS.join(" and ")} clients in a closed loop, against ` +
      `${setups.map((s) => s.label).join("; ")}` +
      `${withPg ? ` (${postgres}; the two instances are two app processes on two ports sharing one database, with the same AUTH_SECRET)` : ` (PostgreSQL: ${postgres})`}. ` +
      "Each set-up has its own freshly seeded class of 500, and all are up at once. Each instance is first warmed up " +
      `(${SCALE_RUNS.warmUp.requests} requests or ${SCALE_RUNS.warmUp.seconds} s of each workload, with ${SCALE_CLIENTS[0]} clients). ` +
      `Then each run (${SCALE_RUNS.seconds} s) is made ${SCALE_RUNS.rounds === 2 ? "twice" : `${SCALE_RUNS.rounds} times`}, right ` +
      "after the same run of the other set-ups, in one order and then the other, and the figures are over both: a shared " +
      "machine's load moves every set-up's alike. Clients are split round-robin between the instances, each on its own " +
      "keep-alive connection, as a load balancer spreads them. Each autosave client is a student of its own saving a full draft " +
      "from the version its last save returned, so a conflict would be a lost write: every reply that is not a 200 with the " +
      "save acknowledged counts as an error. Paths: " +
      `${SCALE_PATHS.grading}; ${SCALE_PATHS.autosave}.`,
    "",
    "**The caveat**: this machine has two cores, shared by the load generator, every app instance and PostgreSQL, and two " +
      "instances cannot show more throughput than those cores allow. One Node.js process runs its JavaScript on one core, so " +
      "here a second instance can take up what the first leaves of the other core, and no more; the figures say nothing about " +
      "what a second machine would add. What the two-instance rows are for: nothing errors when two instances serve one " +
      "database, and the cost per request does not rise. **app CPU / request** sums the CPU of all instances (from /proc, each with its child processes) over all " +
      "requests; **per instance** divides each instance's CPU by the requests it answered; **database CPU / request** is the " +
      "PostgreSQL cluster's (postmaster, backends, background workers), which on SQLite is inside the app's own figure.",
    "",
    "| set-up | workload | clients | req/s | p50 | p95 | errors | app CPU / request | per instance | database CPU / request | requests |",
    "|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|",
  ];
  for (const setup of setups) {
    for (const r of setup.runs) {
      lines.push(
        `| ${setup.label} | ${r.workload} | ${r.clients} | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ` +
          `${r.errorCount ? `**${escapeCell(r.errors)}**` : "0"} | ${ms(r.appCpuMs)} | ` +
          `${r.instances.map((i) => `${ms(i.cpuMs)} (${count(i.requests)})`).join(", ")} | ` +
          `${r.databaseCpuMs === undefined ? "in the app" : ms(r.databaseCpuMs)} | ${count(r.requests)} |`,
      );
    }
  }
  lines.push("", "Autosaves read back after the runs:");
  for (const setup of setups) {
    lines.push(`- ${setup.label}: ${setup.verified}.${setup.problems.length ? ` **Problems**: ${setup.problems.join("; ")}.` : ""}`);
  }
  lines.push("", ...scaleVerdict(setups));
  return lines.join("\n");
}

/** Issue 12's bar: no errors anywhere, and two instances cost no more per request than one on the same database. */
function scaleVerdict(setups: ScaleSetup[]): string[] {
  const errors = setups.reduce((n, s) => n + s.problems.length + s.runs.reduce((m, r) => m + r.errorCount, 0), 0);
  const out = [`- Errors across every set-up, run and read-back: ${errors} — ${verdict(errors === 0)}.`];
  const one = setups.find((s) => s.label.startsWith("PostgreSQL") && s.instances === 1);
  const two = setups.find((s) => s.label.startsWith("PostgreSQL") && s.instances === 2);
  if (one && two) {
    const rises = two.runs.map((r) => {
      const base = one.runs.find((b) => b.workload === r.workload && b.clients === r.clients)!;
      const total = (x: ScaleRun) => x.appCpuMs + (x.databaseCpuMs ?? 0);
      return { r, app: r.appCpuMs / base.appCpuMs, total: total(r) / total(base) };
    });
    const worst = Math.max(...rises.map((x) => x.app));
    out.push(
      `- Per-request CPU of two PostgreSQL instances over one (app; app + database), at most ${GOALS.scaleOutCpuRise}× ` +
        `(a shared machine's noise): ${rises.map(({ r, app, total }) => `${r.workload} @${r.clients} ${times(app)}; ${times(total)}`).join(", ")} — ` +
        `${verdict(worst <= GOALS.scaleOutCpuRise)}.`,
    );
  }
  return out;
}

/** "up to 500 requests or 8 s, at least 3" */
function limits(run: { count: number; seconds: number; atLeast: number }) {
  return `up to ${run.count} requests or ${run.seconds} s, at least ${run.atLeast}`;
}

/** "250 not started, 500 in progress, …" */
function mixText(mix: School["mix"] | undefined) {
  return Object.entries(mix ?? {})
    .map(([state, n]) => `${count(n)} ${state}`)
    .join(", ");
}

/** Over /api/health's figures from the runs made right before this route's. */
const cpuRatio = (r: RouteFigures) => r.cpuMs / r.trivialCpuMs;
const p95Ratio = (r: RouteFigures) => r.p95 / r.trivialP95;

function health(c: ClassResult) {
  return c.routes.find((r) => r.route.key === "health")!;
}

function escapeCell(text: string) {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
