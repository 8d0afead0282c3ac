import { Fragment } from "react";
import { LocalTime } from "@/components/ui/local-time";
import type { Timeline } from "@/lib/analytics";
import { ChartFigure, NumbersTable } from "./chart-figure";

const BEFORE = "bg-indigo-600";
const AFTER = "bg-amber-600";

/** A dashed line between the last period before the due date and the first one after it. */
function DueLine() {
  return (
    <div className="relative -mt-10 w-0 border-l-2 border-dashed border-slate-700">
      <span className="absolute top-0 left-1 text-xs font-semibold whitespace-nowrap text-slate-800">Due</span>
    </div>
  );
}

/** Submissions per period, measured from the due date, with the due date marked. */
export function TimelineChart({ timeline }: { timeline: Timeline & { extended?: number } }) {
  const { buckets, bucketSize, before, after, extended = 0 } = timeline;
  const highest = Math.max(1, ...buckets.map((b) => b.count));
  const busiest = buckets.reduce((best, b) => (b.count > best.count ? b : best));
  const summary =
    `Submissions over time, in periods of ${bucketSize}: ${before} before the due date and ${after} after it. ` +
    `Most came ${busiest.label.charAt(0).toLowerCase()}${busiest.label.slice(1)} (${busiest.count}).`;

  const chart = (
    <>
      <div className="flex h-48 gap-1 pt-10">
        {buckets.map((b) => (
          <Fragment key={b.index}>
            {b.index === 0 && <DueLine />}
            <div className="relative min-w-0 flex-1">
              {/* SVG's own position attributes, not style attributes: the Content-Security-Policy allows none (ADR 011). */}
              {b.count > 0 && (
                <svg className="absolute inset-0 size-full overflow-visible" aria-hidden="true">
                  <text
                    x="50%"
                    y={`${100 - (b.count / highest) * 100}%`}
                    dy="-6"
                    textAnchor="middle"
                    className="fill-slate-900 text-xs font-semibold tabular-nums"
                  >
                    {b.count}
                  </text>
                  <rect
                    y={`${100 - (b.count / highest) * 100}%`}
                    width="100%"
                    height={`${(b.count / highest) * 100}%`}
                    rx="2"
                    className={b.afterDue ? "fill-amber-600" : "fill-indigo-600"}
                  />
                </svg>
              )}
            </div>
          </Fragment>
        ))}
      </div>
      <div className="flex gap-1 border-t border-slate-400 pt-1">
        {buckets.map((b) => (
          <Fragment key={b.index}>
            {b.index === 0 && <div className="w-0" />}
            <span className="min-w-0 flex-1 text-center text-[11px] leading-tight tracking-tight text-slate-600">{b.short}</span>
          </Fragment>
        ))}
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        <li className="flex items-center gap-1.5">
          <span className={`size-3 rounded-sm ${BEFORE}`} />
          Before the due date
        </li>
        <li className="flex items-center gap-1.5">
          <span className={`size-3 rounded-sm ${AFTER}`} />
          After the due date
        </li>
      </ul>
    </>
  );

  return (
    <ChartFigure
      testId="timeline-chart"
      name="submissions over time"
      summary={summary}
      caption={
        <p className="text-sm text-slate-600">
          Each bar covers {bucketSize}, counted back and forward from the due date (the dashed line). Each student is counted once, at their
          latest submission.
          {extended > 0 && (
            <span data-testid="timeline-extended">
              {" "}
              {extended === 1 ? "One of them has" : `${extended} of them have`} a later due date of their own (an extension): their work is
              placed against the class&apos;s date too, so it may fall after it though it came in on time.
            </span>
          )}
        </p>
      }
      chart={chart}
      table={
        <NumbersTable
          label="Submissions in each period"
          columns={[{ label: "Period" }, { label: "Students", numeric: true }, { label: "Running total", numeric: true }]}
          rows={buckets.map((b) => ({
            key: String(b.index),
            cells: [
              <>
                <span className="block">{b.label}</span>
                <span className="block text-xs text-slate-600">
                  <LocalTime iso={b.start.toISOString()} /> – <LocalTime iso={b.end.toISOString()} />
                </span>
              </>,
              b.count,
              b.runningTotal,
            ],
          }))}
        />
      }
    />
  );
}
