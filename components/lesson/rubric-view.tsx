import type { Rubric } from "@/lib/lesson/types";
import { rubricMaximum } from "@/lib/grading";

/** The rubric as a table: one row per criterion, one column per level. Read-only. */
export function RubricView({ rubric }: { rubric: Rubric }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="pb-2 text-left text-sm text-slate-600">
          {rubric.criteria.length} criteria, {rubricMaximum(rubric)} points in all.
        </caption>
        <thead className="bg-slate-50 text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              Criterion
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              Levels
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rubric.criteria.map((criterion) => (
            <tr key={criterion.id}>
              <th scope="row" className="w-48 px-3 py-3">
                <span className="block font-semibold">{criterion.title}</span>
                <span className="block text-xs font-normal text-slate-600">{criterion.description}</span>
              </th>
              <td className="px-3 py-3">
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
