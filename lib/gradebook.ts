import { splitName, type Cell } from "./csv";
import { isPastDue, type AssignmentTiming } from "./assignment-window";
import { criterionMaximum, rubricMaximum } from "./grading";
import { statusWords, type DisplayStatus } from "./grading-queue";
import type { Rubric } from "./lesson/types";

/** Gradebook CSV layouts. Pure: rows in, cells out; the route streams them through lib/csv. */

export const EXPORT_FORMATS = ["detailed", "canvas", "simple"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type GradebookRow = {
  name: string;
  email: string;
  status: DisplayStatus;
  submittedAt: Date | null;
  late: boolean;
  attempts: number;
  returnedAt: Date | null;
  feedback: string;
  scores: { criterionId: string; points: number | null; comment: string }[];
  total: number | null;
  /**
   * Work reopened (or handed in again since) and not returned again: the grade the student was
   * returned before, which they keep reading meanwhile (lib/grading.ts EarlierGrade). Otherwise null.
   */
  earlier: Pick<GradebookRow, "returnedAt" | "feedback" | "scores" | "total"> | null;
  /** The student's own due date (an extension) has not passed yet: work not in is not missing yet. */
  extensionRunning?: boolean;
};

/** Whether a row's work not handed in is missing: the assignment is past due, and no extension of theirs still runs. */
const pastDueFor = (pastDue: boolean, row: GradebookRow | undefined) => pastDue && !row?.extensionRunning;

const iso = (d: Date | null) => (d ? d.toISOString() : "");
const percent = (total: number | null, max: number) => (total === null || max === 0 ? null : Math.round((total / max) * 1000) / 10);

export type Layout = { preamble: Cell[][]; toRow: (row: GradebookRow) => Cell[] };

/**
 * A row as the student sees it: grading not yet returned (scores, comments, feedback, total) is left
 * out, so a gradebook import posts only grades the students have been given. Reopened work gives
 * the grade returned before instead, with its return time: the student still has that grade, and
 * a blank would make an import blank or skip it.
 */
function returnedGradeOnly(row: GradebookRow): GradebookRow {
  if (row.returnedAt) return row;
  if (row.earlier) return { ...row, ...row.earlier };
  return { ...row, total: null, feedback: "", scores: row.scores.map((s) => ({ ...s, points: null, comment: "" })) };
}

/**
 * `pastDue`: the assignment is past due (isPastDue), so work not handed in is written as missing.
 * `returnedOnly`: grading not yet returned is left out, reopened work's earlier grade given instead (returnedGradeOnly).
 */
export function layoutFor(
  format: ExportFormat,
  input: { title: string; sectionName: string; rubric: Rubric; comments: boolean; pastDue: boolean; returnedOnly?: boolean },
): Layout {
  const layout = fullLayout(format, input);
  return input.returnedOnly ? { ...layout, toRow: (row) => layout.toRow(returnedGradeOnly(row)) } : layout;
}

function fullLayout(
  format: ExportFormat,
  input: { title: string; sectionName: string; rubric: Rubric; comments: boolean; pastDue: boolean },
): Layout {
  const { rubric, sectionName, title, pastDue } = input;
  const max = rubricMaximum(rubric);
  if (format === "simple") {
    return { preamble: [["Email", "Name", "Total"]], toRow: (r) => [r.email, r.name, r.total] };
  }
  if (format === "canvas") {
    // Canvas's gradebook import: this exact header, then the "Points Possible" row.
    return {
      preamble: [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", title],
        ["    Points Possible", "", "", "", "", max],
      ],
      toRow: (r) => {
        const { first, last } = splitName(r.name);
        // Canvas reads "EX" in a grade cell as excused, so the student's grade leaves the assignment out.
        return [first ? `${last}, ${first}` : last, "", "", r.email, sectionName, r.status === "excused" ? "EX" : r.total];
      },
    };
  }
  const header: Cell[] = ["Last name", "First name", "Email", "Section", "Status", "Submitted at (UTC)", "Late", "Attempts"];
  for (const c of rubric.criteria) header.push(`${c.title} points`, `${c.title} level`);
  header.push("Total", "Maximum", "Percent", "Returned at (UTC)");
  if (input.comments) {
    for (const c of rubric.criteria) header.push(`${c.title} comment`);
    header.push("Overall feedback");
  }
  return {
    preamble: [header],
    toRow: (r) => {
      const { first, last } = splitName(r.name);
      const cells: Cell[] = [
        last,
        first,
        r.email,
        sectionName,
        statusWords(r.status, pastDueFor(pastDue, r)),
        iso(r.submittedAt),
        r.submittedAt ? (r.late ? "yes" : "no") : "",
        r.attempts,
      ];
      for (const c of rubric.criteria) {
        const points = r.scores.find((s) => s.criterionId === c.id)?.points ?? null;
        cells.push(points, c.levels.find((l) => l.points === points)?.label ?? "");
      }
      cells.push(r.total, max, percent(r.total, max), iso(r.returnedAt));
      if (input.comments) {
        for (const c of rubric.criteria) cells.push(r.scores.find((s) => s.criterionId === c.id)?.comment ?? "");
        cells.push(r.feedback);
      }
      return cells;
    },
  };
}

/**
 * Assignment titles made distinct for column headers: a school gradebook imports columns by name, so
 * two assignments both called "Year in Review" would land in one column (or the import refuses the
 * file). Each of a repeated title is numbered in the file's order ("Year in Review (1)", "(2)"),
 * skipping a number another title already has.
 */
export function distinctTitles(titles: string[]): string[] {
  const key = (title: string) => title.trim().replace(/\s+/g, " ").toLowerCase();
  const taken = new Set(titles.map(key));
  const repeated = new Set(titles.map(key).filter((k, i, all) => all.indexOf(k) !== i));
  const next = new Map<string, number>();
  return titles.map((title) => {
    if (!repeated.has(key(title))) return title;
    const numbered = (n: number) => `${title.trim()} (${n})`;
    let n = next.get(key(title)) ?? 1;
    while (taken.has(key(numbered(n)))) n++;
    next.set(key(title), n + 1);
    taken.add(key(numbered(n)));
    return numbered(n);
  });
}

/** The section-wide file: one group of columns (total, maximum, percent, status) per assignment. */
export function sectionLayout(
  sectionName: string,
  assignments: ({ id: string; title: string; rubric: Rubric } & AssignmentTiming)[],
  now: Date,
  { returnedOnly = false }: { returnedOnly?: boolean } = {},
) {
  const pastDue = assignments.map((a) => isPastDue(a, now));
  const header: Cell[] = ["Last name", "First name", "Email", "Section"];
  for (const title of distinctTitles(assignments.map((a) => a.title)))
    header.push(`${title} total`, `${title} maximum`, `${title} percent`, `${title} status`);
  return {
    header,
    toRow: (student: { name: string; email: string }, work: (GradebookRow | undefined)[]) => {
      const { first, last } = splitName(student.name);
      const cells: Cell[] = [last, first, student.email, sectionName];
      assignments.forEach((a, i) => {
        const row = work[i] && returnedOnly ? returnedGradeOnly(work[i]) : work[i];
        const max = rubricMaximum(a.rubric);
        cells.push(
          row?.total ?? null,
          max,
          percent(row?.total ?? null, max),
          statusWords(row?.status ?? "not_started", pastDueFor(pastDue[i]!, row)),
        );
      });
      return cells;
    },
  };
}

/**
 * One student's whole record in a section, kept by the teacher before the student is erased: a row
 * per rubric row, total and overall feedback of each assignment (with their comments), and the grade
 * returned before when reopened work has not been returned again. Every row names the student and
 * the assignment, so the file reads on its own once the account is gone.
 */
export function studentRecordLayout(
  sectionName: string,
  assignments: ({ id: string; title: string; rubric: Rubric } & AssignmentTiming)[],
  now: Date,
) {
  const header: Cell[] = [
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
  ];
  return {
    header,
    toRows: (student: { name: string; email: string }, work: (GradebookRow | undefined)[]): Cell[][] =>
      assignments.flatMap((a, i) => {
        const row = work[i];
        const status = statusWords(row?.status ?? "not_started", pastDueFor(isPastDue(a, now), row));
        const lead = (returnedAt: Date | null): Cell[] => [
          student.name,
          student.email,
          sectionName,
          a.title,
          status,
          iso(row?.submittedAt ?? null),
          row?.submittedAt ? (row.late ? "yes" : "no") : "",
          iso(returnedAt),
        ];
        const grade = (g: Pick<GradebookRow, "returnedAt" | "feedback" | "scores" | "total">, prefix: string): Cell[][] => [
          ...a.rubric.criteria.map((c) => {
            const score = g.scores.find((s) => s.criterionId === c.id);
            const points = score?.points ?? null;
            const level = c.levels.find((l) => l.points === points)?.label ?? "";
            return [...lead(g.returnedAt), `${prefix}${c.title}`, points, level, criterionMaximum(c), score?.comment ?? ""];
          }),
          [...lead(g.returnedAt), `${prefix}Total`, g.total, "", rubricMaximum(a.rubric), ""],
          [...lead(g.returnedAt), `${prefix}Overall feedback`, null, "", "", g.feedback],
        ];
        const empty = { returnedAt: null, feedback: "", scores: [], total: null };
        return [...grade(row ?? empty, ""), ...(row?.earlier ? grade(row.earlier, "Grade returned before: ") : [])];
      }),
  };
}
