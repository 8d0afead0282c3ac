import type { ReactNode } from "react";
import { formatNumber, type Analytics } from "@/lib/analytics";

type Tone = "plain" | "good" | "warn" | "bad";
const TONES: Record<Tone, string> = { plain: "text-slate-900", good: "text-green-800", warn: "text-amber-800", bad: "text-red-800" };

function Figure({
  label,
  value,
  note,
  tone = "plain",
  testId,
}: {
  label: string;
  value: ReactNode;
  note?: ReactNode;
  tone?: Tone;
  testId: string;
}) {
  return (
    <div data-testid={testId} className="min-w-0 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className={`text-xl font-semibold tabular-nums ${TONES[tone]}`} data-testid={`${testId}-value`}>
        {value}
      </dd>
      {note && <dd className="text-xs text-slate-600">{note}</dd>}
    </div>
  );
}

/** The headline numbers: where the class stands and how the graded work scored. */
export function SummaryFigures({ analytics }: { analytics: Analytics }) {
  const { summary, totals, graded } = analytics;
  const outOf = (value: number | null) =>
    value === null ? (
      "—"
    ) : (
      <>
        {formatNumber(value)}
        <span className="text-sm font-normal text-slate-600"> / {totals.maximum}</span>
      </>
    );
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="analytics-summary">
      <Figure
        testId="figure-enrolled"
        label="Enrolled"
        value={summary.enrolled}
        note={summary.excused ? `active students, ${summary.excused} excused` : "active students"}
      />
      <Figure testId="figure-submitted" label="Submitted" value={summary.submitted} note={`of ${summary.expected}, late work included`} />
      <Figure testId="figure-on-time" label="On time" value={summary.onTime} tone={summary.onTime > 0 ? "good" : "plain"} />
      <Figure testId="figure-late" label="Late" value={summary.late} tone={summary.late > 0 ? "warn" : "plain"} />
      {summary.overdue ? (
        <Figure
          testId="figure-missing"
          label="Missing"
          value={summary.missing}
          tone={summary.missing > 0 ? "bad" : "plain"}
          note={
            summary.extended
              ? `${summary.extended} more with an extension still running`
              : `${summary.inProgress} in progress, ${summary.notStarted} not started`
          }
        />
      ) : (
        <Figure testId="figure-missing" label="Not submitted yet" value={summary.notSubmitted} note="not due yet" />
      )}
      <Figure testId="figure-graded" label="Graded" value={graded} note={`of ${summary.submitted} submitted`} />
      <Figure
        testId="figure-average"
        label="Average total"
        value={outOf(totals.average)}
        note={totals.count ? undefined : "nothing graded yet"}
      />
      <Figure
        testId="figure-median"
        label="Median total"
        value={outOf(totals.median)}
        note={totals.count ? undefined : "nothing graded yet"}
      />
    </dl>
  );
}
