import { describe, expect, it } from "vitest";
import {
  average,
  buildAnalytics,
  formatNumber,
  median,
  percentOf,
  pickCounts,
  scoreDistributions,
  submissionSummary,
  submissionTimeline,
  studentsShownAlone,
  totalsSummary,
  type StudentWork,
} from "./analytics";
import { DEFAULT_DATASET, DEFAULT_RUBRIC } from "./lesson/default-lesson";
import type { Dataset, Rubric } from "./lesson/types";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const due = new Date("2026-11-20T17:00:00Z");
const at = (offset: number) => new Date(due.getTime() + offset);

describe("median and average", () => {
  it("take the middle value of an odd count, in any order", () => {
    expect(median([9, 3, 7])).toBe(7);
    expect(median([5])).toBe(5);
  });

  it("average the two middle values of an even count", () => {
    expect(median([8, 11])).toBe(9.5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("are null for no values rather than 0 or NaN", () => {
    expect(median([])).toBeNull();
    expect(average([])).toBeNull();
  });

  it("average is the plain mean", () => {
    expect(average([8, 11])).toBe(9.5);
    expect(average([1, 2, 2])).toBeCloseTo(5 / 3);
  });

  it("format to at most one decimal, and shares to whole percents", () => {
    expect(formatNumber(9)).toBe("9");
    expect(formatNumber(9.5)).toBe("9.5");
    expect(formatNumber(5 / 3)).toBe("1.7");
    expect(percentOf(1, 3)).toBe("33%");
    expect(percentOf(0, 0)).toBe("0%");
  });
});

describe("score distributions", () => {
  it("count each criterion's levels, highest first, including levels nobody got", () => {
    const works = [
      [
        { criterionId: "ideation", points: 3 },
        { criterionId: "design", points: 2 },
      ],
      [
        { criterionId: "ideation", points: 3 },
        { criterionId: "design", points: 1 },
      ],
    ];
    const [ideation, , design] = scoreDistributions(DEFAULT_RUBRIC, works);
    expect(ideation).toMatchObject({ criterionId: "ideation", title: "Ideation", maximum: 3, scored: 2, average: 3, median: 3 });
    expect(ideation!.levels).toEqual([
      { points: 3, label: "Strong", count: 2 },
      { points: 2, label: "Developing", count: 0 },
      { points: 1, label: "Beginning", count: 0 },
    ]);
    expect(design!.levels.map((l) => l.count)).toEqual([0, 1, 1]);
    expect(design).toMatchObject({ average: 1.5, median: 1.5 });
  });

  it("follow an edited rubric: any number of criteria and levels, in the rubric's order", () => {
    const rubric: Rubric = {
      criteria: [
        {
          id: "pitch",
          title: "Pitch",
          description: "",
          levels: [
            { points: 0, label: "Missing", descriptor: "x" },
            { points: 5, label: "Great", descriptor: "x" },
            { points: 10, label: "", descriptor: "x" },
          ],
        },
      ],
    };
    const [pitch, ...rest] = scoreDistributions(rubric, [[{ criterionId: "pitch", points: 0 }], [{ criterionId: "pitch", points: 10 }]]);
    expect(rest).toEqual([]);
    expect(pitch!.maximum).toBe(10);
    expect(pitch!.levels.map((l) => [l.points, l.count])).toEqual([
      [10, 1],
      [5, 0],
      [0, 1],
    ]);
  });

  it("show every level at 0 when nothing is graded", () => {
    const distributions = scoreDistributions(DEFAULT_RUBRIC, []);
    expect(distributions).toHaveLength(4);
    expect(distributions.every((d) => d.scored === 0 && d.average === null && d.levels.every((l) => l.count === 0))).toBe(true);
  });

  it("summarize totals against the rubric's maximum", () => {
    expect(totalsSummary(DEFAULT_RUBRIC, [11, 8])).toEqual({ count: 2, average: 9.5, median: 9.5, lowest: 8, highest: 11, maximum: 12 });
    expect(totalsSummary(DEFAULT_RUBRIC, [])).toMatchObject({ count: 0, average: null, median: null, maximum: 12 });
  });
});

describe("datapoint picks", () => {
  it("count every datapoint column, including ones nobody chose, most chosen first", () => {
    const { students, columns } = pickCounts(DEFAULT_DATASET, [["drink", "spend", "month"], ["drink", "month", "pastry"], ["drink"]]);
    expect(students).toBe(3);
    expect(columns.map((c) => [c.columnId, c.count])).toEqual([
      ["drink", 3],
      ["month", 2],
      ["spend", 1],
      ["pastry", 1],
      ["purchases", 0],
      ["earliest", 0],
      ["latest", 0],
      ["visits", 0],
    ]);
    expect(columns[0]!.name).toBe("Most Ordered Drink");
  });

  it("leave out the name column and picks of columns that no longer exist", () => {
    const dataset: Dataset = { ...DEFAULT_DATASET, columns: DEFAULT_DATASET.columns.filter((c) => c.id !== "spend") };
    const { students, columns } = pickCounts(dataset, [["spend", "drink"], ["spend"], ["name"], []]);
    expect(students).toBe(1);
    expect(columns.find((c) => c.columnId === "spend")).toBeUndefined();
    expect(columns.find((c) => c.columnId === "name")).toBeUndefined();
    expect(columns.reduce((sum, c) => sum + c.count, 0)).toBe(1);
  });

  it("count a student once per column even if a draft repeats it", () => {
    expect(pickCounts(DEFAULT_DATASET, [["drink", "drink"]]).columns[0]).toMatchObject({ columnId: "drink", count: 1 });
  });
});

describe("submissions over time", () => {
  it("is null when nothing is submitted", () => {
    expect(submissionTimeline(due, [])).toBeNull();
  });

  it("groups by periods measured from the due date, with the due date between two bars", () => {
    const timeline = submissionTimeline(due, [at(-29 * HOUR), at(-2 * HOUR), at(-1 * HOUR), at(5 * HOUR)])!;
    expect(timeline.bucketSize).toBe("6 hours");
    expect(timeline.buckets.map((b) => b.index)).toEqual([-5, -4, -3, -2, -1, 0]);
    expect(timeline.buckets.map((b) => b.count)).toEqual([1, 0, 0, 0, 2, 1]);
    expect(timeline.buckets.map((b) => b.runningTotal)).toEqual([1, 1, 1, 1, 3, 4]);
    expect(timeline.buckets.at(-2)).toMatchObject({ label: "Within 6 hours before the due date", short: "−6h", afterDue: false, end: due });
    expect(timeline.buckets.at(-1)).toMatchObject({ label: "Within 6 hours after the due date", short: "+6h", afterDue: true, start: due });
    expect(timeline.buckets[0]).toMatchObject({ label: "24–30 hours before the due date", start: at(-30 * HOUR), end: at(-24 * HOUR) });
    expect([timeline.before, timeline.after]).toEqual([3, 1]);
  });

  it("counts work submitted exactly at the due date as on time", () => {
    const timeline = submissionTimeline(due, [due, at(1)])!;
    expect(timeline.buckets.map((b) => [b.index, b.count])).toEqual([
      [-1, 1],
      [0, 1],
    ]);
    expect([timeline.before, timeline.after]).toEqual([1, 1]);
  });

  it("shows one period on each side of the due date even if all work is on one side", () => {
    const timeline = submissionTimeline(due, [at(-10 * 60_000)])!;
    expect(timeline.bucketSize).toBe("1 hour");
    expect(timeline.buckets.map((b) => [b.short, b.count])).toEqual([
      ["−1h", 1],
      ["+1h", 0],
    ]);
  });

  it("widens the periods to fit a long span in a few bars", () => {
    const timeline = submissionTimeline(due, [at(-9 * DAY), at(-3 * DAY + HOUR), at(2 * DAY)], 10)!;
    expect(timeline.bucketSize).toBe("2 days");
    expect(timeline.buckets.length).toBeLessThanOrEqual(10);
    expect(timeline.buckets[0]).toMatchObject({ label: "8–10 days before the due date", short: "−10d", count: 1 });
    expect(timeline.buckets.at(-1)).toMatchObject({ label: "Within 2 days after the due date", count: 1 });
    expect(timeline.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(3);
  });

  it("still fits work months away from the due date", () => {
    const timeline = submissionTimeline(due, [at(-200 * DAY), at(150 * DAY)])!;
    expect(timeline.buckets.length).toBeLessThanOrEqual(10);
    expect(timeline.bucketSize).toMatch(/weeks$/);
    expect(timeline.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(2);
  });
});

describe("submission summary", () => {
  const counts = { enrolled: 5, notStarted: 1, inProgress: 1, excused: 0, submitted: 2, late: 1 };
  const timing = { dueAt: due, acceptLate: true, closeAt: null };

  it("calls work not submitted missing once the due date has passed", () => {
    expect(submissionSummary(counts, timing, at(HOUR))).toEqual({
      enrolled: 5,
      excused: 0,
      expected: 5,
      submitted: 3,
      onTime: 2,
      late: 1,
      notSubmitted: 2,
      notStarted: 1,
      inProgress: 1,
      overdue: true,
      missing: 2,
      extended: 0,
    });
  });

  it("leaves out of missing those with an extension still running, once overdue, and counts them apart", () => {
    expect(submissionSummary({ ...counts, extended: 1 }, timing, at(HOUR))).toMatchObject({ notSubmitted: 2, missing: 1, extended: 1 });
    expect(submissionSummary({ ...counts, extended: 1 }, timing, at(-HOUR))).toMatchObject({ missing: 0, extended: 0 });
  });

  it("counts nothing missing before the due date", () => {
    expect(submissionSummary(counts, timing, at(-HOUR))).toMatchObject({ overdue: false, missing: 0, notSubmitted: 2 });
    expect(submissionSummary(counts, timing, due)).toMatchObject({ overdue: false, missing: 0 });
  });

  it("expects no work of excused students, nor calls it missing", () => {
    const excused = { enrolled: 5, notStarted: 0, inProgress: 1, excused: 1, submitted: 2, late: 1 };
    expect(submissionSummary(excused, timing, at(HOUR))).toMatchObject({ enrolled: 5, excused: 1, expected: 4, submitted: 3, missing: 1 });
  });

  it("calls work missing when the assignment closed before its due date", () => {
    expect(submissionSummary(counts, { ...timing, closeAt: at(-2 * HOUR) }, at(-HOUR))).toMatchObject({ overdue: true, missing: 2 });
  });
});

describe("buildAnalytics", () => {
  const work = (overrides: Partial<StudentWork>): StudentWork => ({
    graded: false,
    waiting: false,
    total: null,
    scores: [],
    submittedAt: null,
    picks: [],
    handedInPicks: [],
    ...overrides,
  });
  const points = (p: [number, number, number, number]) =>
    ["ideation", "copywriting", "design", "reflection"].map((criterionId, i) => ({ criterionId, points: p[i]! }));

  it("bases scores on graded work only, and picks on everyone's drafts", () => {
    const analytics = buildAnalytics(
      {
        assignment: { dueAt: due, acceptLate: true, closeAt: null, rubric: DEFAULT_RUBRIC, content: { dataset: DEFAULT_DATASET } },
        counts: { enrolled: 4, notStarted: 1, inProgress: 0, excused: 0, submitted: 2, late: 1 },
        students: [
          work({ graded: true, total: 11, scores: points([3, 3, 2, 3]), submittedAt: at(-DAY), picks: ["drink", "spend", "month"] }),
          work({ graded: true, total: 8, scores: points([2, 2, 1, 3]), submittedAt: at(-2 * HOUR), picks: ["drink", "month", "pastry"] }),
          work({ submittedAt: at(3 * HOUR), waiting: true, picks: ["drink", "visits", "month"] }),
          work({}),
        ],
      },
      at(DAY),
    );
    expect(analytics.graded).toBe(2);
    expect(analytics.awaitingGrading).toBe(1);
    expect(analytics.totals).toMatchObject({ count: 2, average: 9.5, median: 9.5, maximum: 12 });
    expect(analytics.criteria.map((c) => c.levels.map((l) => l.count))).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [0, 1, 1],
      [2, 0, 0],
    ]);
    expect(analytics.picks.students).toBe(3);
    expect(analytics.picks.columns.slice(0, 2)).toMatchObject([
      { columnId: "drink", count: 3 },
      { columnId: "month", count: 3 },
    ]);
    expect(analytics.summary).toMatchObject({ submitted: 3, late: 1, missing: 1, overdue: true });
    expect(analytics.timeline).toMatchObject({ before: 2, after: 1, extended: 0 });
  });
  it("says how many of the students on the timeline have a due date of their own, handed in or not", () => {
    const assignment = { dueAt: due, acceptLate: true, closeAt: null, rubric: DEFAULT_RUBRIC, content: { dataset: DEFAULT_DATASET } };
    const counts = { enrolled: 3, notStarted: 1, inProgress: 0, excused: 0, submitted: 2, late: 0 };
    const students = [
      work({ submittedAt: at(3 * HOUR), extended: true }), // after the class's date, on time by theirs
      work({ submittedAt: at(-HOUR) }),
      work({ extended: true }), // nothing handed in: not on the timeline
    ];
    expect(buildAnalytics({ assignment, counts, students }, at(DAY)).timeline).toMatchObject({ before: 1, after: 1, extended: 1 });
  });
  it("names the students whose own work a figure shows alone: one who chose datapoints, one graded", () => {
    const assignment = { dueAt: due, acceptLate: true, closeAt: null, rubric: DEFAULT_RUBRIC, content: { dataset: DEFAULT_DATASET } };
    const counts = { enrolled: 3, notStarted: 1, inProgress: 1, excused: 0, submitted: 1, late: 0 };
    const ids = ["ana", "ben", "cy"];
    const input = (students: StudentWork[]) => ({ assignment, counts, students });
    // Ben alone chose datapoints (in his draft); nobody is graded.
    expect(studentsShownAlone(input([work({}), work({ picks: ["drink"] }), work({})]), ids)).toEqual(["ben"]);
    // Ana alone graded, Ben and Cy chose datapoints: only Ana's scores are hers alone.
    const graded = work({ graded: true, total: 9, scores: points([3, 2, 2, 2]), submittedAt: at(-DAY) });
    expect(studentsShownAlone(input([graded, work({ picks: ["drink"] }), work({ picks: ["spend"] })]), ids)).toEqual(["ana"]);
    // Both figures one student's: named once.
    expect(studentsShownAlone(input([{ ...graded, picks: ["drink"] }, work({}), work({})]), ids)).toEqual(["ana"]);
    // A pick of a column since deleted, or of the name, is no datapoint: nobody's work is shown alone.
    expect(studentsShownAlone(input([work({ picks: ["gone"] }), work({ picks: ["name"] }), work({})]), ids)).toEqual([]);
    // Two of each: figures of the class.
    expect(studentsShownAlone(input([{ ...graded, picks: ["drink"] }, { ...graded, picks: ["spend"] }, work({})]), ids)).toEqual([]);
  });
});
