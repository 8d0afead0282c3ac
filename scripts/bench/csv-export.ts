/**
 * The CSV exports measured in-process: seeds N graded submissions (a realistic finished draft each)
 * into a throwaway database and runs the exports exactly as GET …/grades.csv runs them (same
 * queries, layouts and stream), read to the end as a browser would:
 *   - the detailed export of one assignment, with comments (the widest file);
 *   - the section-wide export (one column group per assignment; the section also holds a second,
 *     just-assigned assignment, so two statements run side by side).
 * Each size runs in a fresh process: "first" is the detailed export's cold run (JIT, new read
 * connection); the section-wide "first" comes after it, so only its own statements are new. Then the
 * median of the next runs (warm: a running server's steady state). Memory: peak heap and private RSS
 * during the timed runs (the heap includes garbage not yet collected), and the peak *live* heap
 * (forced GC at every chunk) in an untimed run: what shows whether memory grows with the row count.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const SIZES = [1_000, 10_000];
const WARM_RUNS = 5;
const GOAL_MS = 300;
/** The flag that makes `scripts/bench.ts` measure one size and print it as JSON (a child process). */
export const CHILD_FLAG = "--csv-export-rows";

type Target = Awaited<ReturnType<typeof seed>>;
type Kind = "detailed" | "section";

async function seed(rows: number) {
  const { writeTransaction } = await import("../../db/index");
  const { enroll, makeAssignment, makeGrade, makeSection, makeSubmission, makeUser } = await import("../../db/factories");
  const { SAMPLE_DRAFTS } = await import("../../db/sample-work");
  // A realistic finished draft: its size decides how many pages a submission row spans.
  const draft = SAMPLE_DRAFTS.complete;
  return await writeTransaction(async (tx) => {
    const teacher = await makeUser(tx, { role: "teacher", email: "bench-teacher@example.com", name: "Bench Teacher", passwordHash: "x" });
    const section = await makeSection(tx, { teacherId: teacher.id, name: "Bench section" });
    const assignment = await makeAssignment(tx, { sectionId: section.id, dueAt: new Date() });
    await makeAssignment(tx, { sectionId: section.id, title: "Next recap", dueAt: new Date(Date.now() + 7 * 86_400_000) });
    for (let i = 0; i < rows; i++) {
      const student = await makeUser(tx, { role: "student", email: `s${i}@bench.test`, name: `Student ${i} Example`, passwordHash: "x" });
      await enroll(tx, { sectionId: section.id, studentId: student.id });
      const { submission } = await makeSubmission(tx, {
        assignment,
        studentId: student.id,
        draft,
        submittedAt: [new Date(Date.now() - 60_000)],
      });
      await makeGrade(tx, {
        submissionId: submission.id,
        teacherId: teacher.id,
        scores: { ideation: { points: 3, comment: "Good" }, copywriting: { points: 2 }, design: { points: 3 }, reflection: { points: 1 } },
        feedback: "Well done",
        at: new Date(),
      });
    }
    return {
      actor: { id: teacher.id, name: teacher.name, email: teacher.email, role: teacher.role },
      sectionId: section.id,
      assignmentId: assignment.id,
    };
  });
}

/** The stream the route would return (modules loaded once, before any clock starts). */
async function opener() {
  const { exportAssignment, exportSection } = await import("../../db/queries/export");
  const { layoutFor, sectionLayout } = await import("../../lib/gradebook");
  const { isPastDue } = await import("../../lib/assignment-window");
  const { csvStream } = await import("../../lib/csv");
  return async (kind: Kind, target: Target): Promise<ReadableStream<Uint8Array>> => {
    if (kind === "section") {
      const { section, assignments, rows } = await exportSection(target.actor, target.sectionId);
      const layout = sectionLayout(section.name, assignments, new Date());
      return csvStream(
        layout.header,
        (async function* () {
          for await (const { student, work } of rows) yield layout.toRow(student, work);
        })(),
      );
    }
    const exported = await exportAssignment(target.actor, target.sectionId, target.assignmentId);
    const layout = layoutFor("detailed", {
      title: exported.assignment.title,
      sectionName: exported.section.name,
      rubric: exported.assignment.rubric,
      comments: true,
      pastDue: isPastDue(exported.assignment, new Date()),
    });
    return csvStream(
      layout.preamble[0]!,
      (async function* () {
        for await (const row of exported.rows) yield layout.toRow(row);
      })(),
    );
  };
}
let open: Awaited<ReturnType<typeof opener>>;

/** One full export, read to the end; `onChunk` runs between chunks (memory sampling). */
async function exportOnce(kind: Kind, target: Target, onChunk: () => void) {
  const started = performance.now();
  const reader = (await open(kind, target)).getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
    onChunk();
  }
  return { ms: performance.now() - started, bytes, dataLines: lines - 1 };
}

/**
 * The process's own resident memory. On Linux, the anonymous part only: the export's read
 * connection memory-maps the database file, and those pages are the OS's shared file cache.
 */
function privateRss(): number {
  try {
    const kb = /RssAnon:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage.rss();
}

async function measureKind(kind: Kind, target: Target) {
  global.gc?.();
  const baseline = { heapUsed: process.memoryUsage().heapUsed, rss: privateRss() };
  let peakHeap = baseline.heapUsed;
  let peakRss = baseline.rss;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    peakRss = Math.max(peakRss, privateRss());
  };
  const cold = await exportOnce(kind, target, sample);
  const warm = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push((await exportOnce(kind, target, sample)).ms);
  warm.sort((a, b) => a - b);
  // Untimed: what stays reachable mid-export, however large the file.
  global.gc?.();
  const liveBaseline = process.memoryUsage().heapUsed;
  let peakLive = liveBaseline;
  await exportOnce(kind, target, () => {
    global.gc?.();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  });
  return {
    cold,
    warmMedian: warm[Math.floor(warm.length / 2)]!,
    heapGrowth: peakHeap - baseline.heapUsed,
    liveGrowth: peakLive - liveBaseline,
    rssGrowth: peakRss - baseline.rss,
  };
}

/** Child process: one size, printed as JSON. */
export async function measureOneSize(rows: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-bench-csv-"));
  process.env.DATABASE_PATH = path.join(dir, "bench.db");
  try {
    const target = await seed(rows);
    open = await opener();
    const detailed = await measureKind("detailed", target);
    const section = await measureKind("section", target);
    for (const r of [detailed, section])
      if (r.cold.dataLines !== rows) throw new Error(`expected ${rows} data lines, got ${r.cold.dataLines}`);
    return { rows, detailed, section };
  } finally {
    await (await import("../../db/index")).closeDatabase();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every size, each in a fresh process (`entry` is scripts/bench.ts); the section of the report, as Markdown lines. */
export function measureCsvExports(entry: string): string[] {
  if (!global.gc) throw new Error("run with --expose-gc (npm run bench does)");
  const results: Awaited<ReturnType<typeof measureOneSize>>[] = SIZES.map((rows) =>
    JSON.parse(
      execFileSync(process.execPath, [...process.execArgv, entry, CHILD_FLAG, String(rows)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      })
        .trim()
        .split("\n")
        .at(-1)!,
    ),
  );
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  const lines = [
    "In-process, without HTTP: the queries, layout and stream of GET …/grades.csv, read to the end, for graded",
    "submissions with a finished draft each; each size in a fresh process.",
    "",
    "| export | rows | first | then (median) | CSV | peak heap (live) | peak private RSS |",
    "|---|--:|--:|--:|--:|--:|--:|",
  ];
  for (const [kind, label] of [
    ["detailed", "Detailed, with comments"],
    ["section", "Section-wide, 2 assignments"],
  ] as const) {
    for (const r of results) {
      const m = r[kind];
      lines.push(
        `| ${label} | ${r.rows.toLocaleString("en-US")} | ${ms(m.cold.ms)} | ${ms(m.warmMedian)} | ${mb(m.cold.bytes)} | ` +
          `+${mb(m.heapGrowth)} (+${mb(m.liveGrowth)}) | +${mb(m.rssGrowth)} |`,
      );
    }
  }
  const big = results.at(-1)!;
  const verdict = (n: number) => (n < GOAL_MS ? "met" : "NOT met");
  lines.push(
    "",
    `Goal: ${big.rows.toLocaleString("en-US")} rows under ${GOAL_MS} ms — detailed warm ${verdict(big.detailed.warmMedian)}, ` +
      `first ${verdict(big.detailed.cold.ms)}; section-wide warm ${verdict(big.section.warmMedian)}, first ${verdict(big.section.cold.ms)}.`,
  );
  return lines;
}
