import type { ReactNode } from "react";

export type Bar = { key: string; label: ReactNode; value: number };

/**
 * Horizontal bars, one per row, each with its count written beside it. Bars are drawn against
 * `scale` (say, the number of students counted), so a full bar means everyone.
 */
export function BarList({ bars, scale }: { bars: Bar[]; scale: number }) {
  return (
    <ul className="space-y-2">
      {bars.map((bar) => (
        <li key={bar.key} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_2rem] items-center gap-2 text-sm">
          <span className="wrap-anywhere text-slate-700">{bar.label}</span>
          {/* SVG's own width attribute, not a style attribute: the Content-Security-Policy allows none (ADR 011). */}
          <svg className="block h-4 w-full rounded-sm bg-slate-100" aria-hidden="true">
            <rect className="fill-indigo-600" width={`${scale > 0 ? (bar.value / scale) * 100 : 0}%`} height="100%" rx="2" />
          </svg>
          <span className="text-right font-semibold tabular-nums text-slate-900">{bar.value}</span>
        </li>
      ))}
    </ul>
  );
}
