import { parse } from "csv-parse/sync";
import { describe, expect, it, vi } from "vitest";
import { getDatabase } from "@/db";
import { makeGrade, makeSubmission, makeUser } from "@/db/factories";
import type { TokenClaims } from "@/lib/server/auth";
import { assignment, enrollment, section, user } from "@/lib/test/factories";

/**
 * Every CSV download, fetched through its route with hostile names and comments, then read the
 * way spreadsheets read it: split on commas, on semicolons and on tabs. Whatever the separator,
 * no cell may start a formula.
 */

let claims: TokenClaims | null = null;
vi.mock("@/lib/server/auth", () => ({ auth: async () => (claims ? { claims } : null) }));

const { GET: rosterCsv } = await import("./roster.csv/route");
const { GET: sectionCsv } = await import("./grades.csv/route");
const { GET: assignmentCsv } = await import("./assignments/[assignmentId]/grades.csv/route");

const HOSTILE_NAMES = ["Bob ;=4+4", "Ann\t=1+1", "Cy,+SUM(1)", "Di;@A1", "Ed;-2+3", "=Fay", 'Gil ;\t=HYPERLINK("http://evil.example")'];

async function hostileClassroom() {
  const teacher = await user("teacher");
  const period = await section(teacher.row.id, { name: "Period 4;=SUM(1+1)" });
  const recap = await assignment(period.id, { title: "Recap;+1\t=2" });
  const students = [];
  for (const [i, name] of HOSTILE_NAMES.entries()) {
    // An address starting with "-" is a valid one, and as hostile as the names.
    const student = await makeUser((await getDatabase()).writer, {
      role: "student",
      name,
      email: `-csv${i}-${crypto.randomUUID()}@unit.test`,
      passwordHash: "not-a-real-hash",
    });
    await enrollment(period.id, student.id);
    const { submission } = await makeSubmission((await getDatabase()).writer, {
      assignment: recap,
      studentId: student.id,
      draft: { ideas: [], picks: [], copy: "", answers: {} },
      submittedAt: [new Date()],
    });
    await makeGrade((await getDatabase()).writer, {
      submissionId: submission.id,
      teacherId: teacher.row.id,
      scores: { ideation: { points: 2, comment: "Good;=1+1 and\t@SUM(A1)" }, design: { points: 3, comment: "Lines\n=2\nand\n\n-3" } },
      feedback: `Well done,=A1;-B1\r\n@C1 ${i}`,
    });
    students.push(student);
  }
  claims = {
    uid: teacher.row.id,
    role: "teacher",
    sv: teacher.row.sessionVersion,
    sid: crypto.randomUUID(),
    st: Math.floor(Date.now() / 1000),
  };
  return { period, recap, students };
}

async function download(
  get: (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>,
  path: string,
  params: Record<string, string>,
) {
  const response = await get(new Request(`http://app.test${path}`), { params: Promise.resolve(params) });
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  return response.text();
}

const FORMULA_START = /^[=+\-@\t\r\n]/;
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

/** Reads the file as a spreadsheet set to this separator might: past a cell's closing quote, a quote is just text. */
function cellsSplitOn(text: string, delimiter: string): string[] {
  const rows = parse(text, {
    delimiter,
    record_delimiter: "\r\n",
    relax_quotes: delimiter !== ",",
    relax_column_count: true,
  }) as string[][];
  return rows.flat();
}

function expectNoFormulas(text: string, label: string) {
  for (const [name, delimiter] of [
    ["comma", ","],
    ["semicolon", ";"],
    ["tab", "\t"],
  ] as const) {
    const cells = cellsSplitOn(text, delimiter);
    expect(cells.length, `${label}, ${name}`).toBeGreaterThan(0);
    const live = cells.filter((cell) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell));
    expect(live, `${label}, split on ${name}`).toEqual([]);
  }
}

/** Every text cell is written quoted, so "Period 4;=..." stays one cell in a semicolon spreadsheet. */
function expectTextQuoted(text: string) {
  const cells = (parse(text) as string[][]).flat().filter((cell) => cell !== "" && !PLAIN_NUMBER.test(cell));
  for (const cell of cells) expect(text).toContain(`"${cell.replaceAll('"', '""')}"`);
}

describe("CSV exports read with any separator", () => {
  it("the roster", async () => {
    const { period } = await hostileClassroom();
    const text = await download(rosterCsv, `/sections/${period.id}/roster.csv`, { sectionId: period.id });
    expect(text.split("\r\n")[0]).toBe('"Last name","First name","Email","Status","Joined at (UTC)","Removed at (UTC)","Has signed in"');
    expectTextQuoted(text);
    expectNoFormulas(text, "roster");
    const byComma = parse(text) as string[][];
    expect(byComma.find((row) => row[2]?.startsWith("'-csv0-"))?.slice(0, 2)).toEqual([";'=4+4", "Bob"]);
  });

  it("the section's grades side by side", async () => {
    const { period } = await hostileClassroom();
    const text = await download(sectionCsv, `/sections/${period.id}/grades.csv`, { sectionId: period.id });
    expectTextQuoted(text);
    expectNoFormulas(text, "section");
    expect(text).toContain(`,"Period 4;'=SUM(1+1)",5,12,41.7,"`);
  });

  for (const format of ["detailed", "canvas", "simple"] as const) {
    it(`an assignment's grades, ${format}, with comments`, async () => {
      const { period, recap } = await hostileClassroom();
      const path = `/sections/${period.id}/assignments/${recap.id}/grades.csv?format=${format}&comments=1`;
      const text = await download(assignmentCsv, path, { sectionId: period.id, assignmentId: recap.id });
      expectTextQuoted(text);
      expectNoFormulas(text, format);
    });
  }
});
