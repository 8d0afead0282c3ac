export type StatusCountsValue = { notStarted: number; inProgress: number; excused: number; submitted: number; late: number };

const ITEMS: { key: keyof StatusCountsValue; label: string; testId: string; tone: string }[] = [
  { key: "notStarted", label: "Not started", testId: "count-not-started", tone: "text-slate-900" },
  { key: "inProgress", label: "In progress", testId: "count-in-progress", tone: "text-indigo-800" },
  { key: "submitted", label: "Submitted", testId: "count-submitted", tone: "text-green-800" },
  { key: "late", label: "Late", testId: "count-late", tone: "text-amber-800" },
];

/**
 * How many active students are at each stage of one assignment. "Submitted" means on time; the
 * excused (with nothing handed in) are in none of the boxes, and a line under them says how many.
 */
export function StatusCounts({ counts }: { counts: StatusCountsValue }) {
  return (
    <div className="space-y-1">
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
