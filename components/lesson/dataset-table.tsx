import type { Dataset } from "@/lib/lesson/types";

/**
 * The customer table, read-only. Scrolls sideways on a phone instead of breaking the layout, with
 * the customers' names held at the left edge so every value still has its name beside it; from a
 * laptop's width up, headers and cells wrap so that every column fits without scrolling.
 */
const HELD = "max-lg:sticky max-lg:left-0 max-lg:shadow-[1px_0_0_var(--color-slate-200)]";
export function DatasetTable({ dataset, highlight = [], caption }: { dataset: Dataset; highlight?: string[]; caption?: string }) {
  return (
    <div className="-mx-5 overflow-x-auto sm:mx-0" tabIndex={0} role="region" aria-label={caption ?? "Customer data"}>
      <table className="min-w-full text-left text-sm">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            {dataset.columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                className={`px-3 py-2 align-bottom font-semibold whitespace-nowrap lg:px-2 lg:whitespace-normal ${highlight.includes(column.id) ? "bg-indigo-100 text-indigo-900" : ""} ${column.id === dataset.nameColumnId ? `${HELD} bg-slate-50` : ""}`}
              >
                {column.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {dataset.rows.map((row) => (
            <tr key={row.id}>
              {dataset.columns.map((column) =>
                column.id === dataset.nameColumnId ? (
                  <th
                    key={column.id}
                    scope="row"
                    className={`${HELD} bg-white px-3 py-2 font-medium whitespace-nowrap lg:px-2 lg:whitespace-normal`}
                  >
                    {row.values[column.id]}
                  </th>
                ) : (
                  <td
                    key={column.id}
                    className={`px-3 py-2 whitespace-nowrap lg:px-2 lg:whitespace-normal ${highlight.includes(column.id) ? "bg-indigo-50" : ""}`}
                  >
                    {row.values[column.id]}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
