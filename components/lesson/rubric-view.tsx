import type { Rubric } from "@/lib/lesson/types";
import { rubricMaximum } from "@/lib/grading";

/**
 * The rubric as a table: one row per criterion, its levels side by side. Read-only. On a phone each
 * criterion stacks above its levels (a 192 px header column left the levels 90 px at 320 px); the
 * explicit roles keep it a table to a screen reader when its parts are displayed as blocks.
 */
export function RubricView({ rubric }: { rubric: Rubric }) {
  return (
    <div className="overflow-x-auto">
      <table role="table" className="min-w-full text-left text-sm max-sm:block">
        <caption className="pb-2 text-left text-sm text-slate-600 max-sm:block">
          {rubric.criteria.length} criteria, {rubricMaximum(rubric)} points in all.
        </caption>
        <thead role="rowgroup" className="bg-slate-50 text-xs text-slate-600 max-sm:sr-only">
          <tr role="row">
            <th role="columnheader" scope="col" className="px-3 py-2 font-semibold">
              Criterion
            </th>
            <th role="columnheader" scope="col" className="px-3 py-2 font-semibold">
              Levels
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup" className="divide-y divide-slate-100 align-top max-sm:block">
          {rubric.criteria.map((criterion) => (
            <tr role="row" key={criterion.id} className="max-sm:block max-sm:py-2">
              <th role="rowheader" scope="row" className="px-3 py-3 max-sm:block max-sm:px-0 max-sm:pb-1 sm:w-48">
                <span className="block font-semibold">{criterion.title}</span>
                <span className="block text-xs font-normal text-slate-600">{criterion.description}</span>
              </th>
              <td role="cell" className="px-3 py-3 max-sm:block max-sm:px-0 max-sm:pt-1">
                <ul className="grid gap-2 sm:grid-cols-3">
                  {[...criterion.levels]
                    .sort((a, b) => b.points - a.points)
                    .map((level) => (
                      <li key={level.points} className="rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
                        <span className="block text-xs font-semibold text-slate-700">
                          {level.points} {level.points === 1 ? "point" : "points"}
                          {level.label ? ` · ${level.label}` : ""}
                        </span>
                        <span className="block text-sm">{level.descriptor}</span>
                      </li>
                    ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
