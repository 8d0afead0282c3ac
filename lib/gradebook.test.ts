import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvStream } from "./csv";
import { distinctTitles, layoutFor, sectionLayout, studentRecordLayout, type GradebookRow } from "./gradebook";
import { DEFAULT_RUBRIC } from "./lesson/default-lesson";

/** A score per rubric row, in the rubric's order; the first row's comment given, the rest blank. */
const scores = (points: number[], firstComment = "") =>
  DEFAULT_RUBRIC.criteria.map((c, i) => ({ criterionId: c.id, points: points[i]!, comment: i === 0 ? firstComment : "" }));

const row = (over: Partial<GradebookRow> = {}): GradebookRow => ({
  name: "Emma O'Brien",
  email: "emma@school.test",
  status: "returned",
  submittedAt: new Date("2026-11-20T15:04:05.000Z"),
  late: false,
  attempts: 2,
  returnedAt: new Date("2026-11-21T09:00:00.000Z"),
  feedback: "Lovely work",
  scores: scores([3, 2, 3, 2], "Great picks"),
  total: 10,
  earlier: null,
  ...over,
});

async function csv(layout: ReturnType<typeof layoutFor>, rows: GradebookRow[]) {
  const all = [...layout.preamble.slice(1), ...rows.map(layout.toRow)];
  const text = await new Response(csvStream(layout.preamble[0]!, all)).text();
  return { text, parsed: parse(text) as string[][] };
}

const input = { title: "Year in Review", sectionName: "Period 3 — Marketing", rubric: DEFAULT_RUBRIC, comments: false, pastDue: false };

describe("Canvas layout", () => {
  it("has Canvas's header, the Points Possible row and Last, First names", async () => {
    const { text, parsed } = await csv(layoutFor("canvas", input), [
      row(),
      row({ name: "Cher", email: "cher@school.test", total: null, status: "in_progress" }),
    ]);
    expect(text.split("\r\n")[0]).toBe('"Student","ID","SIS User ID","SIS Login ID","Section","Year in Review"');
    expect(text.split("\r\n")[1]).toBe('"    Points Possible",,,,,12');
    expect(parsed[2]).toEqual(["O'Brien, Emma", "", "", "emma@school.test", "Period 3 — Marketing", "10"]);
    expect(parsed[3]).toEqual(["Cher", "", "", "cher@school.test", "Period 3 — Marketing", ""]);
  });
});

describe("only grades returned", () => {
  it("leaves out grading not returned yet, in every layout; returned work and the default files keep it", async () => {
    const graded = row({ name: "Gus Graded", email: "gus@school.test", status: "graded", returnedAt: null, total: 9 });
    const rows = [row(), graded];
    const canvas = (await csv(layoutFor("canvas", { ...input, returnedOnly: true }), rows)).parsed;
    expect(canvas.slice(2).map((r) => r[5])).toEqual(["10", ""]);
    expect((await csv(layoutFor("canvas", input), rows)).parsed.slice(2).map((r) => r[5])).toEqual(["10", "9"]);
    const simple = (await csv(layoutFor("simple", { ...input, returnedOnly: true }), rows)).parsed;
    expect(simple.slice(1)).toEqual([
      ["emma@school.test", "Emma O'Brien", "10"],
      ["gus@school.test", "Gus Graded", ""],
    ]);
    const detailed = (await csv(layoutFor("detailed", { ...input, comments: true, returnedOnly: true }), rows)).parsed;
    // The status still says why the row is empty (graded, no "Returned at"); no points, levels, comments or feedback.
    expect(detailed[2]!.slice(4, 5)).toEqual(["Graded"]);
    expect(detailed[2]!.slice(8)).toEqual(["", "", "", "", "", "", "", "", "", "12", "", "", "", "", "", "", ""]);
    expect(detailed[1]).toContain("Great picks");
  });

  it("gives reopened work the grade returned before, in every layout; without an earlier grade it stays blank", async () => {
    const earlier = {
      returnedAt: new Date("2026-11-21T09:00:00.000Z"),
      feedback: "Add a closing line",
      scores: scores([2, 1, 2, 1], "More picks"),
      total: 6,
    };
    // Reopened, handed in again and scored again, not returned yet: the student still reads the earlier grade.
    const reopened = row({ name: "Rita Reopened", email: "rita@school.test", status: "graded", returnedAt: null, total: 11, earlier });
    const graded = row({ name: "Gus Graded", email: "gus@school.test", status: "graded", returnedAt: null, total: 9 });
    const rows = [reopened, graded];
    const only = { ...input, returnedOnly: true };
    expect((await csv(layoutFor("canvas", only), rows)).parsed.slice(2).map((r) => r[5])).toEqual(["6", ""]);
    expect((await csv(layoutFor("simple", only), rows)).parsed.slice(1).map((r) => r[2])).toEqual(["6", ""]);
    const detailed = (await csv(layoutFor("detailed", { ...only, comments: true }), rows)).parsed;
    expect(detailed[1]!.slice(4, 5)).toEqual(["Graded"]);
    expect(detailed[1]!.slice(8)).toEqual([
      ...["2", "Developing", "1", "Beginning", "2", "Developing", "1", "Beginning"],
      ...["6", "12", "50", "2026-11-21T09:00:00.000Z"],
      ...["More picks", "", "", "", "Add a closing line"],
    ]);
    expect(detailed[2]!.slice(8)).toEqual(["", "", "", "", "", "", "", "", "", "12", "", "", "", "", "", "", ""]);
    // Without the option the files carry the grading as it is now, returned or not.
    expect((await csv(layoutFor("canvas", input), rows)).parsed.slice(2).map((r) => r[5])).toEqual(["11", "9"]);
    expect((await csv(layoutFor("simple", input), rows)).parsed.slice(1).map((r) => r[2])).toEqual(["11", "9"]);
    const current = (await csv(layoutFor("detailed", { ...input, comments: true }), rows)).parsed;
    expect(current[1]!.slice(16)).toEqual(["11", "12", "91.7", "", "Great picks", "", "", "", "Lovely work"]);
  });
});

describe("detailed layout", () => {
  it("has a column pair per criterion, totals, percent and ISO UTC times", async () => {
    const { parsed } = await csv(layoutFor("detailed", input), [row()]);
    expect(parsed[0]).toEqual([
      "Last name",
      "First name",
      "Email",
      "Section",
      "Status",
      "Submitted at (UTC)",
      "Late",
      "Attempts",
      "Ideation points",
      "Ideation level",
      "Copywriting points",
      "Copywriting level",
      "Design points",
      "Design level",
      "Reflection / Discussion points",
      "Reflection / Discussion level",
      "Total",
      "Maximum",
      "Percent",
      "Returned at (UTC)",
    ]);
    expect(parsed[1]).toEqual([
      "O'Brien",
      "Emma",
      "emma@school.test",
      "Period 3 — Marketing",
      "Returned",
      "2026-11-20T15:04:05.000Z",
      "no",
      "2",
      "3",
      "Strong",
      "2",
      "Developing",
      "3",
      "Strong",
      "2",
      "Developing",
      "10",
      "12",
      "83.3",
      "2026-11-21T09:00:00.000Z",
    ]);
  });

  it("adds comments and the overall feedback when asked, neutralizing formulas", async () => {
    const { parsed } = await csv(layoutFor("detailed", { ...input, comments: true }), [row({ feedback: '=HYPERLINK("x")' })]);
    expect(parsed[0]!.slice(-2)).toEqual(["Reflection / Discussion comment", "Overall feedback"]);
    expect(parsed[1]!.at(-5)).toBe("Great picks");
    expect(parsed[1]!.at(-1)).toBe(`'=HYPERLINK("x")`);
  });

  it("leaves blanks for work that was never submitted", async () => {
    const { parsed } = await csv(layoutFor("detailed", input), [
      row({ status: "not_started", submittedAt: null, returnedAt: null, attempts: 0, scores: [], total: null }),
    ]);
    expect(parsed[1]!.slice(4, 8)).toEqual(["Not started", "", "", "0"]);
    expect(parsed[1]!.slice(16, 19)).toEqual(["", "12", ""]);
  });

  it("calls work not handed in missing once the assignment is past due, and only that work", async () => {
    const rows = [
      row({ status: "not_started", submittedAt: null, returnedAt: null, attempts: 0, scores: [], total: null }),
      row({ status: "in_progress", submittedAt: null, returnedAt: null, attempts: 0, scores: [], total: null }),
      row({ status: "submitted_late", late: true, returnedAt: null }),
      row({ status: "graded", returnedAt: null }),
      row(),
    ];
    const status = async (pastDue: boolean) =>
      (await csv(layoutFor("detailed", { ...input, pastDue }), rows)).parsed.slice(1).map((r) => r[4]);
    expect(await status(true)).toEqual(["Missing (not started)", "Missing (in progress)", "Submitted late", "Graded", "Returned"]);
    expect(await status(false)).toEqual(["Not started", "In progress", "Submitted late", "Graded", "Returned"]);
  });
});

describe("simple and section layouts", () => {
  it("simple is email, name, total", async () => {
    const { parsed } = await csv(layoutFor("simple", input), [row()]);
    expect(parsed).toEqual([
      ["Email", "Name", "Total"],
      ["emma@school.test", "Emma O'Brien", "10"],
    ]);
  });

  it("section-wide has one column group per assignment", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const timing = (dueAt: string, closeAt: string | null = null) => ({
      dueAt: new Date(dueAt),
      acceptLate: true,
      closeAt: closeAt ? new Date(closeAt) : null,
    });
    const layout = sectionLayout(
      "P3",
      [
        { id: "a", title: "Recap 1", rubric: DEFAULT_RUBRIC, ...timing("2026-12-08T12:00:00Z") },
        { id: "b", title: "Recap 2", rubric: DEFAULT_RUBRIC, ...timing("2026-12-08T12:00:00Z") },
        // Past due, and one closed before its due date: not handed in is missing in both.
        { id: "c", title: "Recap 3", rubric: DEFAULT_RUBRIC, ...timing("2026-11-30T12:00:00Z") },
        { id: "d", title: "Recap 4", rubric: DEFAULT_RUBRIC, ...timing("2026-12-08T12:00:00Z", "2026-12-01T11:00:00Z") },
      ],
      now,
    );
    expect(layout.header).toEqual([
      "Last name",
      "First name",
      "Email",
      "Section",
      "Recap 1 total",
      "Recap 1 maximum",
      "Recap 1 percent",
      "Recap 1 status",
      "Recap 2 total",
      "Recap 2 maximum",
      "Recap 2 percent",
      "Recap 2 status",
      ...["total", "maximum", "percent", "status"].map((c) => `Recap 3 ${c}`),
      ...["total", "maximum", "percent", "status"].map((c) => `Recap 4 ${c}`),
    ]);
    const inProgress = row({ status: "in_progress", submittedAt: null, returnedAt: null, scores: [], total: null });
    expect(layout.toRow({ name: "Emma O'Brien", email: "e@x" }, [row(), undefined, undefined, inProgress])).toEqual([
      "O'Brien",
      "Emma",
      "e@x",
      "P3",
      10,
      12,
      83.3,
      "Returned",
      null,
      12,
      null,
      "Not started",
      null,
      12,
      null,
      "Missing (not started)",
      null,
      12,
      null,
      "Missing (in progress)",
    ]);
    // Only grades returned: work graded but not returned loses its total; reopened work gives the grade returned before.
    const graded = row({ status: "graded", returnedAt: null, total: 11 });
    const reopened = row({
      status: "reopened",
      returnedAt: null,
      total: 12,
      earlier: { returnedAt: new Date("2026-11-21T09:00:00.000Z"), feedback: "", scores: scores([2, 2, 2, 2]), total: 8 },
    });
    const returnedOnly = sectionLayout(
      "P3",
      [{ id: "a", title: "Recap 1", rubric: DEFAULT_RUBRIC, ...timing("2026-12-08T12:00:00Z") }],
      now,
      {
        returnedOnly: true,
      },
    );
    const cells = (layout: typeof returnedOnly, work: GradebookRow) => layout.toRow({ name: "Emma", email: "e@x" }, [work]).slice(4);
    expect(cells(returnedOnly, row())).toEqual([10, 12, 83.3, "Returned"]);
    expect(cells(returnedOnly, graded)).toEqual([null, 12, null, "Graded"]);
    expect(cells(returnedOnly, reopened)).toEqual([8, 12, 66.7, "Reopened"]);
    const everything = sectionLayout("P3", [{ id: "a", title: "Recap 1", rubric: DEFAULT_RUBRIC, ...timing("2026-12-08T12:00:00Z") }], now);
    expect(cells(everything, graded)).toEqual([11, 12, 91.7, "Graded"]);
    expect(cells(everything, reopened)).toEqual([12, 12, 100, "Reopened"]);
    // The same work before those dates: not started and in progress.
    const before = sectionLayout("P3", [{ id: "d", title: "Recap 4", rubric: DEFAULT_RUBRIC, ...timing("2026-12-08T12:00:00Z") }], now);
    expect(before.toRow({ name: "Emma", email: "e@x" }, [inProgress]).at(-1)).toBe("In progress");
  });
});

describe("one student's record (the erasure notice's download)", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const recap = (id: string, title: string, dueAt: string) => ({
    id,
    title,
    rubric: DEFAULT_RUBRIC,
    dueAt: new Date(dueAt),
    acceptLate: true,
    closeAt: null,
  });
  const layout = studentRecordLayout(
    "P3",
    [recap("a", "Recap 1", "2026-11-20T12:00:00Z"), recap("b", "Recap 2", "2026-11-25T12:00:00Z")],
    now,
  );
  const student = { name: "Emma O'Brien", email: "emma@school.test" };

  it("gives every score, comment and feedback of each assignment, the grade returned before too, each row naming the student", async () => {
    const reopened = row({
      status: "reopened",
      returnedAt: null,
      total: 12,
      feedback: "",
      scores: scores([3, 3, 3, 3]),
      earlier: {
        returnedAt: new Date("2026-11-21T09:00:00.000Z"),
        feedback: "Almost there",
        scores: scores([2, 2, 2, 2], "Two picks"),
        total: 8,
      },
    });
    const rows = layout.toRows(student, [row(), reopened]);
    const text = await new Response(csvStream(layout.header, rows)).text();
    const parsed = parse(text) as string[][];
    expect(parsed[0]).toEqual([
      "Student",
      "Email",
      "Section",
      "Assignment",
      "Status",
      "Submitted at (UTC)",
      "Late",
      "Returned at (UTC)",
      "Item",
      "Points",
      "Level",
      "Maximum",
      "Comment",
    ]);
    const lead = [
      "Emma O'Brien",
      "emma@school.test",
      "P3",
      "Recap 1",
      "Returned",
      "2026-11-20T15:04:05.000Z",
      "no",
      "2026-11-21T09:00:00.000Z",
    ];
    expect(parsed.slice(1, 7)).toEqual([
      [...lead, "Ideation", "3", "Strong", "3", "Great picks"],
      [...lead, "Copywriting", "2", "Developing", "3", ""],
      [...lead, "Design", "3", "Strong", "3", ""],
      [...lead, "Reflection / Discussion", "2", "Developing", "3", ""],
      [...lead, "Total", "10", "", "12", ""],
      [...lead, "Overall feedback", "", "", "", "Lovely work"],
    ]);
    // Reopened: the grading in progress, then the grade the student was returned before.
    const second = parsed.slice(7).map((r) => [r[3], r[4], r[7], r[8], r[9], r[12]]);
    expect(second).toEqual([
      ["Recap 2", "Reopened", "", "Ideation", "3", ""],
      ["Recap 2", "Reopened", "", "Copywriting", "3", ""],
      ["Recap 2", "Reopened", "", "Design", "3", ""],
      ["Recap 2", "Reopened", "", "Reflection / Discussion", "3", ""],
      ["Recap 2", "Reopened", "", "Total", "12", ""],
      ["Recap 2", "Reopened", "", "Overall feedback", "", ""],
      ["Recap 2", "Reopened", "2026-11-21T09:00:00.000Z", "Grade returned before: Ideation", "2", "Two picks"],
      ["Recap 2", "Reopened", "2026-11-21T09:00:00.000Z", "Grade returned before: Copywriting", "2", ""],
      ["Recap 2", "Reopened", "2026-11-21T09:00:00.000Z", "Grade returned before: Design", "2", ""],
      ["Recap 2", "Reopened", "2026-11-21T09:00:00.000Z", "Grade returned before: Reflection / Discussion", "2", ""],
      ["Recap 2", "Reopened", "2026-11-21T09:00:00.000Z", "Grade returned before: Total", "8", ""],
      ["Recap 2", "Reopened", "2026-11-21T09:00:00.000Z", "Grade returned before: Overall feedback", "", "Almost there"],
    ]);
  });

  it("lists an assignment the student never opened, as missing once it is past due", () => {
    const rows = layout.toRows(student, [undefined, undefined]);
    expect(rows.map((r) => [r[3], r[4], r[8], r[9]])).toEqual(
      ["Recap 1", "Recap 2"].flatMap((title) =>
        ["Ideation", "Copywriting", "Design", "Reflection / Discussion", "Total", "Overall feedback"].map((item) => [
          title,
          "Missing (not started)",
          item,
          null,
        ]),
      ),
    );
  });
});

describe("column headers of the section-wide file", () => {
  it("number repeated assignment titles, whatever the capitals, so that no two columns share a name", () => {
    expect(distinctTitles(["Year in Review", "Recap", "year in review ", "Year in Review (2)", "Year in Review"])).toEqual([
      "Year in Review (1)",
      "Recap",
      "year in review (3)",
      "Year in Review (2)",
      "Year in Review (4)",
    ]);
    // Titles that differ are left as they are.
    expect(distinctTitles(["Recap 1", "Recap 2"])).toEqual(["Recap 1", "Recap 2"]);
    const now = new Date("2026-12-01T12:00:00Z");
    const timing = { dueAt: new Date("2026-12-08T12:00:00Z"), acceptLate: true, closeAt: null };
    const { header } = sectionLayout(
      "P3",
      [
        { id: "a", title: "Recap", rubric: DEFAULT_RUBRIC, ...timing },
        { id: "b", title: "Recap", rubric: DEFAULT_RUBRIC, ...timing },
      ],
      now,
    );
    expect(new Set(header).size).toBe(header.length);
    expect(header.slice(4, 9)).toEqual([
      "Recap (1) total",
      "Recap (1) maximum",
      "Recap (1) percent",
      "Recap (1) status",
      "Recap (2) total",
    ]);
  });
});
