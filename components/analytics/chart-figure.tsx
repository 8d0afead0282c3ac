import type { ReactNode } from "react";

type Props = {
  /** Heading and any note shown above the chart. */
  caption: ReactNode;
  /** One or two sentences that say what the chart shows: the graphic's accessible name. */
  summary: string;
  /** Names the table toggle, so each reads differently to a screen reader ("… for Ideation"). */
  name: string;
  chart: ReactNode;
  table: ReactNode;
  testId?: string;
};

/**
 * A chart with its text equivalents. Assistive technology reads the graphic as one image named by
 * `summary`; the exact numbers sit in a table one click away, for everyone.
 */
export function ChartFigure({ caption, summary, name, chart, table, testId }: Props) {
  return (
    <figure className="min-w-0" data-testid={testId}>
      <figcaption>{caption}</figcaption>
      <div role="img" aria-label={summary} className="mt-3">
        {chart}
      </div>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-indigo-700">
          Show the numbers<span className="sr-only"> for {name}</span>
        </summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
    </figure>
  );
}

type Column = { label: string; numeric?: boolean };

/** A plain table of the numbers behind a chart: the first cell of each row heads it. */
export function NumbersTable({ label, columns, rows }: { label: string; columns: Column[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <table className="w-full text-left text-sm" aria-label={label}>
      <thead className="text-xs text-slate-600">
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col" className={`px-2 py-1.5 font-semibold ${column.numeric ? "text-right" : ""}`}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row" className="px-2 py-1.5 font-normal">
                  {cell}
                </th>
              ) : (
                <td key={i} className={`px-2 py-1.5 ${columns[i]?.numeric ? "text-right tabular-nums" : ""}`}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
