import Link from "next/link";

export type StatusCountsValue = { notStarted: number; inProgress: number; excused: number; submitted: number; late: number };

const ITEMS: { key: keyof StatusCountsValue; label: string; testId: string; tone: string }[] = [
  { key: "notStarted", label: "Not started", testId: "count-not-started", tone: "text-slate-900" },
  { key: "inProgress", label: "In progress", testId: "count-in-progress", tone: "text-indigo-800" },
  { key: "submitted", label: "Submitted", testId: "count-submitted", tone: "text-green-800" },
  { key: "late", label: "Late", testId: "count-late", tone: "text-amber-800" },
];

/** What waits for the teacher, as links to those students in the Students list (its filters). */
export type ToDo = {
  needs: { count: number; href: string; current: boolean };
  /** Once past due: work not handed in (nor excused, nor given time of its own). */
  missing?: { count: number; href: string; current: boolean };
};

const toDoLink =
  "inline-flex min-h-10 items-center rounded-full px-3 text-sm font-semibold ring-1 hover:bg-white sm:min-h-8 aria-[current=true]:ring-2";

/**
 * How many active students are at each stage of one assignment. "Submitted" means on time; the
 * excused (with nothing handed in) are in none of the boxes, and a line under them says how many.
 * With `toDo` (the Students list; the section page's summaries, work to grade alone), what waits for
 * the teacher comes first, each a link to those students: the stages alone don't say how much of the
 * handed-in work is still to grade.
 */
export function StatusCounts({ counts, toDo }: { counts: StatusCountsValue; toDo?: ToDo }) {
  return (
    <div className="space-y-1">
      {toDo && (toDo.needs.count > 0 || (toDo.missing?.count ?? 0) > 0) && (
        <p className="mb-2 flex flex-wrap gap-2" data-testid="to-do">
          {toDo.needs.count > 0 && (
            <Link
              href={toDo.needs.href}
              aria-current={toDo.needs.current || undefined}
              className={`${toDoLink} bg-indigo-50 text-indigo-800 ring-indigo-300`}
            >
              {toDo.needs.count} {toDo.needs.count === 1 ? "needs" : "need"} grading
            </Link>
          )}
          {toDo.missing && toDo.missing.count > 0 && (
            <Link
              href={toDo.missing.href}
              aria-current={toDo.missing.current || undefined}
              className={`${toDoLink} bg-red-50 text-red-800 ring-red-300`}
            >
              {toDo.missing.count} missing
            </Link>
          )}
        </p>
      )}
      <dl className="grid grid-cols-2 gap-1.5 sm:grid-cols-4 sm:gap-2">
        {ITEMS.map((item) => (
          <div
            key={item.key}
            data-testid={item.testId}
            className="flex min-w-0 items-baseline justify-between gap-2 rounded-md bg-slate-50 px-3 py-1.5 ring-1 ring-slate-200 sm:block"
          >
            <dt className="text-xs text-slate-600">{item.label}</dt>
            <dd className={`text-lg font-semibold tabular-nums ${counts[item.key] > 0 ? item.tone : "text-slate-500"}`}>
              {counts[item.key]}
            </dd>
          </div>
        ))}
      </dl>
      {counts.excused > 0 && (
        <p className="text-xs text-slate-600" data-testid="count-excused">
          {counts.excused} excused (not expected to hand in)
        </p>
      )}
    </div>
  );
}
