import { isPastDue, type AssignmentTiming } from "./assignment-window";
import type { ScoreValue } from "./grading";
import { criterionMaximum, rubricMaximum } from "./grading";
import type { Dataset, Rubric } from "./lesson/types";
import { plural } from "./text";

/**
 * Class analytics for one assignment. Pure: the query layer hands over the raw inputs (see
 * db/queries/analytics.ts) and everything the page shows is computed here, so it can be tested.
 */

// ——— Plain statistics ———

export function average(values: number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

/** 9, 9.5, 9.3 (never "9.0" or "9.333…"); a fixed locale so server and tests agree. */
export function formatNumber(value: number): string {
  return oneDecimal.format(value);
}

/** A whole-number share, "0%" when there is nothing to share. */
export function percentOf(count: number, of: number): string {
  return `${of === 0 ? 0 : Math.round((count / of) * 100)}%`;
}

// ——— Submitted, late, missing ———

/** Where the class stands, as counted by listSectionAssignments (the section page's own counts). */
export type StatusCounts = {
  enrolled: number;
  notStarted: number;
  inProgress: number;
  excused: number;
  submitted: number;
  late: number;
  /** Of those not handed in (nor excused), how many have a date of their own (an extension) still running. */
  extended?: number;
};

export type SubmissionSummary = {
  enrolled: number;
  /** Excused students with nothing handed in: neither expected nor missing. */
  excused: number;
  /** The students whose work is expected: every active student but the excused. */
  expected: number;
  /** On time and late together. */
  submitted: number;
  onTime: number;
  late: number;
  notSubmitted: number;
  notStarted: number;
  inProgress: number;
  /**
   * True once work can no longer be handed in on time (past due, or closed early): from then on,
   * work not submitted is missing rather than merely not yet in.
   */
  overdue: boolean;
  missing: number;
  /** Once overdue: not handed in, but with a date of their own still running, so not missing yet. */
  extended: number;
};

export function submissionSummary(counts: StatusCounts, timing: AssignmentTiming, now: Date): SubmissionSummary {
  const overdue = isPastDue(timing, now);
  const notSubmitted = counts.notStarted + counts.inProgress;
  const extended = overdue ? (counts.extended ?? 0) : 0;
  return {
    enrolled: counts.enrolled,
    excused: counts.excused,
    expected: counts.enrolled - counts.excused,
    submitted: counts.submitted + counts.late,
    onTime: counts.submitted,
    late: counts.late,
    notSubmitted,
    notStarted: counts.notStarted,
    inProgress: counts.inProgress,
    overdue,
    missing: overdue ? notSubmitted - extended : 0,
    extended,
  };
}

// ——— Scores ———

export type LevelCount = { points: number; label: string; count: number };

export type CriterionDistribution = {
  criterionId: string;
  title: string;
  maximum: number;
  /** The criterion's own levels, highest first, each with how many graded works got it. */
  levels: LevelCount[];
  scored: number;
  average: number | null;
  median: number | null;
};

/**
 * How the given works spread over each criterion's levels. Levels come from the rubric itself
 * (any number of criteria and levels), so a level nobody got still shows, with 0.
 */
export function scoreDistributions(rubric: Rubric, works: ScoreValue[][]): CriterionDistribution[] {
  return rubric.criteria.map((criterion) => {
    const points = works
      .map((scores) => scores.find((s) => s.criterionId === criterion.id)?.points)
      .filter((p): p is number => p !== null && p !== undefined);
    const levels = [...criterion.levels]
      .sort((a, b) => b.points - a.points)
      .map((level) => ({ points: level.points, label: level.label, count: points.filter((p) => p === level.points).length }));
    return {
      criterionId: criterion.id,
      title: criterion.title,
      maximum: criterionMaximum(criterion),
      levels,
      scored: points.length,
      average: average(points),
      median: median(points),
    };
  });
}

export type TotalsSummary = {
  count: number;
  average: number | null;
  median: number | null;
  lowest: number | null;
  highest: number | null;
  maximum: number;
};

export function totalsSummary(rubric: Rubric, totals: number[]): TotalsSummary {
  return {
    count: totals.length,
    average: average(totals),
    median: median(totals),
    lowest: totals.length ? Math.min(...totals) : null,
    highest: totals.length ? Math.max(...totals) : null,
    maximum: rubricMaximum(rubric),
  };
}

// ——— Datapoints chosen in ideation ———

export type PickCount = { columnId: string; name: string; count: number };

/**
 * How many students chose each datapoint: every column of the table but the customer's name
 * (which students never pick), including columns nobody chose. A pick of a column the teacher
 * has since deleted counts for nothing, as it does in the workspace's own checks.
 */
export function pickCounts(dataset: Dataset, picks: string[][]): { students: number; columns: PickCount[] } {
  const columns = pickableColumns(dataset);
  const counts = new Map(columns.map((c) => [c.id, 0]));
  let students = 0;
  for (const chosen of picks) {
    const valid = new Set(chosen.filter((id) => counts.has(id)));
    if (valid.size > 0) students += 1;
    for (const id of valid) counts.set(id, counts.get(id)! + 1);
  }
  // Most chosen first; Array.sort is stable, so ties keep the table's column order.
  const result = columns.map((c) => ({ columnId: c.id, name: c.name, count: counts.get(c.id)! })).sort((a, b) => b.count - a.count);
  return { students, columns: result };
}

// ——— Submissions over time ———

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

type Step = { ms: number; amount: number; unit: "hour" | "day" | "week"; short: "h" | "d" | "w" };

/** Bucket sizes to try, smallest first; weeks keep doubling so any span fits. */
function* steps(): Generator<Step> {
  for (const amount of [1, 2, 3, 6, 12]) yield { ms: amount * HOUR, amount, unit: "hour", short: "h" };
  for (const amount of [1, 2, 3]) yield { ms: amount * DAY, amount, unit: "day", short: "d" };
  for (let amount = 1; ; amount *= 2) yield { ms: amount * WEEK, amount, unit: "week", short: "w" };
}

type TimeBucket = {
  /** Buckets before the due date are negative (-1 ends at the due date); 0 starts just after it. */
  index: number;
  start: Date;
  end: Date;
  afterDue: boolean;
  /** "1–2 days before the due date". */
  label: string;
  /** For the chart's axis: "−2d" is the bucket reaching two days back, "+1d" the first day after. */
  short: string;
  count: number;
  /** Submissions up to the end of this bucket. */
  runningTotal: number;
};

export type Timeline = { bucketSize: string; buckets: TimeBucket[]; before: number; after: number };

const MAX_BUCKETS = 10;

function describe(index: number, step: Step): { label: string; short: string } {
  const after = index >= 0;
  const near = (after ? index : -index - 1) * step.amount;
  const far = near + step.amount;
  const side = after ? "after" : "before";
  const units = (n: number) => (n === 1 ? step.unit : `${step.unit}s`);
  const label = near === 0 ? `Within ${plural(far, step.unit)} ${side} the due date` : `${near}–${far} ${units(far)} ${side} the due date`;
  return { label, short: `${after ? "+" : "−"}${far}${step.short}` };
}

/**
 * Latest submission times grouped into equal periods measured from the due date, so the due date
 * always falls between two bars (never inside one) and no time zone is involved. Picks the
 * smallest period that fits everything in at most `maxBuckets` bars, always including one
 * period on each side of the due date. Work submitted exactly at the due date is on time, as
 * in assignmentWindow. Null when nothing has been submitted.
 */
export function submissionTimeline(dueAt: Date, submittedAt: Date[], maxBuckets = MAX_BUCKETS): Timeline | null {
  if (submittedAt.length === 0) return null;
  const due = dueAt.getTime();
  const offsets = submittedAt.map((d) => d.getTime() - due);
  const [earliest, latest] = [Math.min(...offsets), Math.max(...offsets)];
  for (const step of steps()) {
    const bucketOf = (offset: number) => Math.ceil(offset / step.ms) - 1;
    const first = Math.min(bucketOf(earliest), -1);
    const last = Math.max(bucketOf(latest), 0);
    if (last - first + 1 > maxBuckets) continue;

    let runningTotal = 0;
    const buckets: TimeBucket[] = [];
    for (let index = first; index <= last; index++) {
      const count = offsets.filter((o) => bucketOf(o) === index).length;
      runningTotal += count;
      buckets.push({
        index,
        start: new Date(due + index * step.ms),
        end: new Date(due + (index + 1) * step.ms),
        afterDue: index >= 0,
        ...describe(index, step),
        count,
        runningTotal,
      });
    }
    const after = offsets.filter((o) => o > 0).length;
    return { bucketSize: plural(step.amount, step.unit), buckets, before: offsets.length - after, after };
  }
  throw new Error("unreachable: week steps grow without bound");
}

/**
 * The timeline with how many of the students it counts have a due date of their own (an
 * extension): it measures everyone from the class's date, so their on-time work may fall after it.
 */
function withOwnDates(timeline: Timeline | null, students: StudentWork[]) {
  return timeline && { ...timeline, extended: students.filter((s) => s.submittedAt && s.extended).length };
}

// ——— Everything the page shows ———

/** One active student's work, as the query layer reads it. */
export type StudentWork = {
  /** Fully scored and not handed in again since (lib/grading isGradedSince), or returned so: only these count for scores. */
  graded: boolean;
  /** Handed in and waiting for the teacher, as the Students list's "Needs grading" (neither returned nor reopened). */
  waiting: boolean;
  /** Returned with some criteria unscored (the teacher was asked first): neither graded nor waiting, so said apart. */
  returnedPartly?: boolean;
  total: number | null;
  scores: ScoreValue[];
  /** The latest submission, or null if never submitted. */
  submittedAt: Date | null;
  /** Column ids of the datapoints in the current draft, submitted or not. */
  picks: string[];
  /** Column ids of the datapoints in the last attempt handed in (none if never): the Class Recap's. */
  handedInPicks: string[];
  /** Has a later due date of their own (an extension). */
  extended?: boolean;
};

/** The columns a student can pick: every one but the customer's name. */
function pickableColumns(dataset: Dataset) {
  return dataset.columns.filter((c) => c.id !== dataset.nameColumnId);
}

/**
 * The students whose own work a figure of the analytics page shows alone, for the access log (ADR
 * 014): the datapoints chart when one student alone has chosen any (a draft's picks count there),
 * and the score figures when one student alone is graded. `studentIds` are `students`' own, in order.
 */
export function studentsShownAlone({ assignment, students }: AnalyticsInput, studentIds: readonly string[]): string[] {
  const columns = new Set(pickableColumns(assignment.content.dataset).map((c) => c.id));
  const picked = studentIds.filter((_, i) => students[i]!.picks.some((id) => columns.has(id)));
  const graded = studentIds.filter((_, i) => students[i]!.graded);
  return [...new Set([...(picked.length === 1 ? picked : []), ...(graded.length === 1 ? graded : [])])];
}

export type AnalyticsInput = {
  assignment: AssignmentTiming & { rubric: Rubric; content: { dataset: Dataset } };
  counts: StatusCounts;
  students: StudentWork[];
};

export function buildAnalytics({ assignment, counts, students }: AnalyticsInput, now: Date) {
  const graded = students.filter((s) => s.graded);
  const summary = submissionSummary(counts, assignment, now);
  return {
    summary,
    graded: graded.length,
    /** Waiting for the teacher (the Students list's "Needs grading"): left out of the score figures until graded. */
    awaitingGrading: students.filter((s) => s.waiting).length,
    /** Returned partly scored: not counted in the score figures, and not waiting either. */
    returnedPartly: students.filter((s) => s.returnedPartly).length,
    totals: totalsSummary(
      assignment.rubric,
      graded.map((s) => s.total ?? 0),
    ),
    criteria: scoreDistributions(
      assignment.rubric,
      graded.map((s) => s.scores),
    ),
    picks: pickCounts(
      assignment.content.dataset,
      students.map((s) => s.picks),
    ),
    timeline: withOwnDates(
      submissionTimeline(
        assignment.dueAt,
        students.flatMap((s) => (s.submittedAt ? [s.submittedAt] : [])),
      ),
      students,
    ),
  };
}

export type Analytics = ReturnType<typeof buildAnalytics>;
