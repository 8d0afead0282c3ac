import { DISPLAY_STATUS_LABELS, type DisplayStatus } from "./workspace";

export type { DisplayStatus } from "./workspace";

/**
 * The grading queue's vocabulary, shared by the Students list, the grading view and the query that
 * serves both: what a row's status is, how the list filters and sorts, and how much of it one page shows.
 */

/** A status of work not handed in (lib/workspace.ts isHandedIn): what a teacher may excuse, or take an excusal back from. */
export function isNotHandedIn(status: DisplayStatus): boolean {
  return status === "not_started" || status === "in_progress" || status === "excused";
}

/**
 * Work not handed in once the assignment is past due (or closed early): what a school gradebook
 * calls missing. Work handed in late is late, not missing; an excused student's is excused.
 */
export function isMissing(status: DisplayStatus, pastDue: boolean): boolean {
  return pastDue && status !== "excused" && isNotHandedIn(status);
}

/** A status as the gradebook files write it: "Missing (not started)" once missing, so a filter on "Missing" finds it. */
export function statusWords(status: DisplayStatus, pastDue: boolean): string {
  const words = DISPLAY_STATUS_LABELS[status];
  return isMissing(status, pastDue) ? `Missing (${words.toLowerCase()})` : words;
}

/** The order "sort by status" uses: work waiting for the teacher first. */
export const STATUS_ORDER: readonly DisplayStatus[] = [
  "submitted",
  "submitted_late",
  "graded",
  "returned",
  "reopened",
  "in_progress",
  "not_started",
  "excused",
];

export const QUEUE_FILTERS = ["all", "needs", "graded", "returned", "missing", "extended", "excused"] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

const FILTER_LABELS: Record<QueueFilter, string> = {
  all: "Everyone",
  needs: "Needs grading",
  graded: "Graded, not returned",
  returned: "Returned",
  missing: "Not submitted",
  // A date of their own later than the class's, whatever their work's status (running or passed).
  extended: "With an extension",
  excused: "Excused",
};

/** The filter's label: work not submitted is "Missing" once the assignment is past due. */
export function filterLabel(filter: QueueFilter, pastDue: boolean): string {
  return filter === "missing" && pastDue ? "Missing" : FILTER_LABELS[filter];
}

/**
 * Somebody has handed in and none of it waits for a grade: what the empty "Needs grading" filter
 * says ("All graded") rather than "nobody matches". The excused, like those not started or in
 * progress (missing or not, with an extension or not), handed in nothing.
 */
export function allGraded(counts: Record<"all" | "needs" | "notStarted" | "inProgress" | "excused", number>): boolean {
  return counts.needs === 0 && counts.all > counts.notStarted + counts.inProgress + counts.excused;
}

export const QUEUE_SORTS = ["label", "status", "submittedAt", "total"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export const SORT_LABELS: Record<QueueSort, string> = { label: "student", status: "status", submittedAt: "submitted", total: "total" };

export type QueueView = { filter: QueueFilter; sort: QueueSort; dir: "asc" | "desc"; page: number };

/** What the grading view keeps of the Students list's view it was opened from: the order to walk, not the page. */
export type ListView = Omit<QueueView, "page">;

/**
 * A student's value in a sort, as a number: their status's place, their total (-1 for none), the
 * time they handed in (-1 for never); none in name order. The grading view's address carries the
 * value the student had when the teacher moved to them (`at`): grading and returning change a
 * status or a total, and the student must keep the place they were walked to, not jump ahead of the
 * students the teacher is about to grade.
 */
export function sortValue(
  sort: QueueSort,
  row: { status: DisplayStatus; total: number | null; submittedAt: Date | string | null },
): number | undefined {
  switch (sort) {
    case "label":
      return undefined;
    case "status":
      return STATUS_ORDER.indexOf(row.status);
    case "total":
      return row.total ?? -1;
    case "submittedAt":
      return row.submittedAt === null ? -1 : new Date(row.submittedAt).getTime();
  }
}

/**
 * Whether `at` can be a value of the sort (`sortValue`): a status's place, a total a database integer
 * holds, a time in milliseconds up to the year 9999 (PostgreSQL's last). Anything else in an address
 * is no place at all: the student's own is used.
 */
export function isSortValue(sort: QueueSort, at: number): boolean {
  if (!Number.isInteger(at)) return false;
  switch (sort) {
    case "label":
      return false;
    case "status":
      return at >= 0 && at < STATUS_ORDER.length;
    case "total":
      return at >= -1 && at <= 2 ** 31 - 1;
    case "submittedAt":
      return at >= -1 && at <= Date.UTC(9999, 11, 31, 23, 59, 59, 999);
  }
}

/** The grading view's query: the list's view (not its page) and the student's place in its sort. */
export function gradeSearch(view: ListView, at: number | undefined): string {
  const search = queueSearch({ ...view, page: 1 });
  if (at === undefined || view.sort === "label") return search;
  return `${search ? `${search}&` : "?"}at=${at}`;
}

/**
 * Where "Next ungraded" looks, from a view of the list: among those who need grading, in the same
 * order; among everyone when the view shows everyone, else in "Needs grading" (the other filters
 * hold nobody, or only some, of those waiting).
 */
export function ungradedView(view: ListView): ListView {
  return view.filter === "all" ? view : { ...view, filter: "needs" };
}

/** Each sort in both directions, in words (the phone's Sort menu, the grading view's place in the list). */
export const SORT_WORDS: Record<QueueSort, Record<QueueView["dir"], string>> = {
  label: { asc: "Name, A to Z", desc: "Name, Z to A" },
  status: { asc: "Status", desc: "Status, reversed" },
  submittedAt: { asc: "Submitted, earliest first", desc: "Submitted, latest first" },
  total: { asc: "Total, lowest first", desc: "Total, highest first" },
};

export const DEFAULT_QUEUE_VIEW: QueueView = { filter: "all", sort: "label", dir: "asc", page: 1 };

/** Rows per page of the Students list: a class of 30 fits on one; 5,000 students cost no more per page. */
export const QUEUE_PAGE_SIZE = 50;

/** The query string of a view of the Students list, leaving out what is the default. */
export function queueSearch(view: Partial<QueueView>): string {
  const full = { ...DEFAULT_QUEUE_VIEW, ...view };
  const params = new URLSearchParams();
  for (const key of ["filter", "sort", "dir", "page"] as const)
    if (full[key] !== DEFAULT_QUEUE_VIEW[key]) params.set(key, String(full[key]));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * Where the grading view's student stands in the list's view it was opened from: "3 of 30" in the
 * class order; with a filter or another sort, which ones ("3 of 12 · Needs grading · Total, highest
 * first"); and when the student isn't in the filter (any more: graded under "Needs grading"), so.
 */
export function placeWords(position: number | null, total: number, view: ListView, pastDue: boolean): string {
  const which = [
    ...(view.filter === "all" ? [] : [filterLabel(view.filter, pastDue)]),
    ...(view.sort === DEFAULT_QUEUE_VIEW.sort && view.dir === DEFAULT_QUEUE_VIEW.dir ? [] : [SORT_WORDS[view.sort][view.dir]]),
  ];
  if (position === null) return `Not in “${filterLabel(view.filter, pastDue)}” · ${total} there`;
  return [`${position} of ${total}`, ...which].join(" · ");
}
