import { percentOf, type PickCount } from "@/lib/analytics";
import { plural } from "@/lib/text";
import { BarList } from "./bar-list";
import { ChartFigure, NumbersTable } from "./chart-figure";

/** How many students chose each datapoint of the customer table. */
export function PicksChart({ picks }: { picks: { students: number; columns: PickCount[] } }) {
  const { students, columns } = picks;
  const chosen = columns.filter((c) => c.count > 0);
  const unchosen = columns.length - chosen.length;
  const summary =
    `Datapoints chosen by ${plural(students, "student")}: ` +
    chosen.map((c) => `${c.name}, ${c.count}`).join("; ") +
    (unchosen > 0 ? `. ${plural(unchosen, "datapoint was", "datapoints were")} chosen by nobody.` : ".");
  return (
    <ChartFigure
      testId="picks-chart"
      name="datapoints"
      summary={summary}
      caption={<p className="text-sm text-slate-600">Most chosen first. Each student chooses up to three.</p>}
      chart={<BarList scale={students} bars={columns.map((c) => ({ key: c.columnId, label: c.name, value: c.count }))} />}
      table={
        <NumbersTable
          label="Students choosing each datapoint"
          columns={[{ label: "Datapoint" }, { label: "Students", numeric: true }, { label: `Share of ${students}`, numeric: true }]}
          rows={columns.map((c) => ({ key: c.columnId, cells: [c.name, c.count, percentOf(c.count, students)] }))}
        />
      }
    />
  );
}
