/**
 * `npm run bench`: seeds N graded submissions into a throwaway database and measures the CSV export
 * (the same query, layout and stream as GET …/grades.csv): the first (cold) export, the median of
 * the next ones (warm: a running server's steady state), and peak memory, for two class sizes so
 * that any growth with the row count shows. Not part of the test suite.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const SIZES = [1_000, 10_000];
const WARM_RUNS = 5;
const GOAL_MS = 300;

async function seed(rows: number) {
  const { getDb } = await import("../db/index");
  const { enroll, makeAssignment, makeGrade, makeSection, makeSubmission, makeUser } = await import("../db/factories");
  const draft = { ideas: [], picks: [], copy: "Hi [Name]!", answers: {} };
  return getDb().transaction((tx) => {
    const teacher = makeUser(tx, { role: "teacher", email: "bench-teacher@example.com", name: "Bench Teacher", passwordHash: "x" });
    const section = makeSection(tx, { teacherId: teacher.id, name: "Bench section" });
    const assignment = makeAssignment(tx, { sectionId: section.id, dueAt: new Date() });
    for (let i = 0; i < rows; i++) {
      const student = makeUser(tx, { role: "student", email: `s${i}@bench.test`, name: `Student ${i} Example`, passwordHash: "x" });
      enroll(tx, { sectionId: section.id, studentId: student.id });
      const { submission } = makeSubmission(tx, { assignment, studentId: student.id, draft, submittedAt: [new Date(Date.now() - 60_000)] });
      makeGrade(tx, {
        submissionId: submission.id,
        teacherId: teacher.id,
        scores: { ideation: { points: 3, comment: "Good" }, copywriting: { points: 2 }, design: { points: 3 }, reflection: { points: 1 } },
        feedback: "Well done",
        at: new Date(),
      });
    }
    return { actor: { id: teacher.id, name: teacher.name, email: teacher.email, role: teacher.role }, sectionId: section.id, assignmentId: assignment.id };
  });
}

/** One full export, read to the end as a browser would. */
async function exportOnce(target: Awaited<ReturnType<typeof seed>>) {
  const { exportAssignment } = await import("../db/queries/export");
  const { layoutFor } = await import("../lib/gradebook");
  const { csvStream } = await import("../lib/csv");
  const started = performance.now();
  const exported = exportAssignment(target.actor, target.sectionId, target.assignmentId);
  const layout = layoutFor("detailed", { title: exported.assignment.title, sectionName: exported.section.name, rubric: exported.assignment.rubric, comments: true });
  const cells = (function* () {
    for (const row of exported.rows) yield layout.toRow(row);
  })();
  let bytes = 0;
  let lines = 0;
  const reader = csvStream(layout.preamble[0]!, cells).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (const b of value) if (b === 10) lines++;
  }
  return { ms: performance.now() - started, bytes, dataLines: lines - 1 };
}

async function measure(rows: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-bench-"));
  process.env.DATABASE_PATH = path.join(dir, "bench.db");
  delete (globalThis as { recapDb?: unknown }).recapDb;
  const target = await seed(rows);

  global.gc?.();
  const baseline = process.memoryUsage();
  let peakHeap = baseline.heapUsed;
  let peakRss = baseline.rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 2);
  const cold = await exportOnce(target);
  const warm = [];
  for (let i = 0; i < WARM_RUNS; i++) warm.push((await exportOnce(target)).ms);
  clearInterval(sampler);

  (globalThis as { recapDb?: { sqlite: { close(): void } } }).recapDb?.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
  warm.sort((a, b) => a - b);
  return { rows, cold, warmMedian: warm[Math.floor(warm.length / 2)]!, heapGrowth: peakHeap - baseline.heapUsed, rssGrowth: peakRss - baseline.rss };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const results = [];
for (const size of SIZES) results.push(await measure(size));
console.log(`CSV export (detailed, with comments) of graded submissions, on ${os.cpus().length} cores:`);
for (const r of results) {
  console.log(
    `  ${r.rows.toLocaleString("en-US").padStart(6)} rows: first ${r.cold.ms.toFixed(0).padStart(4)} ms, then median ${r.warmMedian.toFixed(0).padStart(4)} ms; ` +
      `${mb(r.cold.bytes)} of CSV; peak heap +${mb(r.heapGrowth)}, peak RSS +${mb(r.rssGrowth)}`,
  );
  if (r.cold.dataLines !== r.rows) throw new Error(`expected ${r.rows} data lines, got ${r.cold.dataLines}`);
}
const big = results.at(-1)!;
console.log(
  `Goal: ${big.rows.toLocaleString("en-US")} rows under ${GOAL_MS} ms — warm ${big.warmMedian < GOAL_MS ? "met" : "NOT met"}, first export ${big.cold.ms < GOAL_MS ? "met" : "NOT met"}.`,
);
