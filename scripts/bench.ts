/**
 * `npm run bench`: seeds N graded submissions into a throwaway database and measures the CSV export
 * (the same query, layout and stream as GET …/grades.csv), its time and its memory, for two class
 * sizes so that growth with the row count shows. Not part of the test suite.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const SIZES = [1_000, 10_000];
const GOAL_MS = 300;

async function measure(rows: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recap-bench-"));
  process.env.DATABASE_PATH = path.join(dir, "bench.db");
  delete (globalThis as { recapDb?: unknown }).recapDb;
  const { getDb } = await import("../db/index");
  const { enroll, makeAssignment, makeGrade, makeSection, makeSubmission, makeUser } = await import("../db/factories");
  const { exportAssignment } = await import("../db/queries/export");
  const { layoutFor } = await import("../lib/gradebook");
  const { csvStream } = await import("../lib/csv");

  const db = getDb();
  const draft = { ideas: [], picks: [], copy: "Hi [Name]!", answers: {} };
  const { teacher, section, assignment } = db.transaction((tx) => {
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
      });
    }
    return { teacher, section, assignment };
  });
  const actor = { id: teacher.id, name: teacher.name, email: teacher.email, role: teacher.role };

  global.gc?.();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 2);

  if (process.env.BENCH_PROFILE) {
    const t0 = performance.now();
    const all = [...exportAssignment(actor, section.id, assignment.id).rows];
    const t1 = performance.now();
    const l = layoutFor("detailed", { title: "x", sectionName: "y", rubric: assignment.rubric, comments: true });
    const cellsAll = all.map(l.toRow);
    const t2 = performance.now();
    console.log(`  [profile ${rows}] query+rows ${(t1 - t0).toFixed(0)} ms, layout ${(t2 - t1).toFixed(0)} ms, cells ${cellsAll.length}`);
  }
  const started = performance.now();
  const exported = exportAssignment(actor, section.id, assignment.id);
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
  const elapsed = performance.now() - started;
  clearInterval(sampler);
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
  (globalThis as { recapDb?: { sqlite: { close(): void } } }).recapDb?.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows, lines: lines - 1, elapsed, bytes, heapGrowth: peakHeap - baseline.heapUsed, rssGrowth: peakRss - baseline.rss };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const results = [];
for (const size of SIZES) results.push(await measure(size));
console.log("CSV export (detailed, with comments), graded submissions:");
for (const r of results) {
  console.log(
    `  ${r.rows.toLocaleString("en-US").padStart(6)} rows: ${r.elapsed.toFixed(0).padStart(4)} ms, ${mb(r.bytes)} of CSV, ` +
      `peak heap +${mb(r.heapGrowth)}, peak RSS +${mb(r.rssGrowth)} (${r.lines} data lines)`,
  );
}
const big = results.at(-1)!;
console.log(`Goal: under ${GOAL_MS} ms for ${big.rows.toLocaleString("en-US")} rows — ${big.elapsed < GOAL_MS ? "met" : "NOT met"}.`);
if (big.lines !== big.rows) throw new Error(`expected ${big.rows} data lines, got ${big.lines}`);
