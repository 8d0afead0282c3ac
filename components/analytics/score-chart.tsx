import { formatNumber, percentOf, type CriterionDistribution, type LevelCount } from "@/lib/analytics";
import { plural } from "@/lib/text";
import { BarList } from "./bar-list";
import { ChartFigure, NumbersTable } from "./chart-figure";

/** "3 points · Strong", as the grading view names a level (the label is optional in a rubric). */
const levelName = (level: Pick<LevelCount, "points" | "label">) =>
  `${plural(level.points, "point")}${level.label ? ` · ${level.label}` : ""}`;

/** How the graded work spread over one criterion's levels. */
export function ScoreChart({ distribution }: { distribution: CriterionDistribution }) {
  const { title, levels, scored, average, median, maximum } = distribution;
  const summary =
    `${title}, ${plural(scored, "graded submission")}: ` +
    levels.map((l) => `${levelName(l)}, ${plural(l.count, "student")}`).join("; ") +
    ".";
  return (
    <ChartFigure
      testId={`criterion-${distribution.criterionId}`}
      name={title}
      summary={summary}
      caption={
        <>
          <h3 className="font-semibold wrap-anywhere">{title}</h3>
          <p className="text-sm text-slate-600">
            Average {average === null ? "—" : formatNumber(average)} · median {median === null ? "—" : formatNumber(median)} (out of{" "}
            {maximum})
          </p>
        </>
      }
      chart={<BarList scale={scored} bars={levels.map((l) => ({ key: String(l.points), label: levelName(l), value: l.count }))} />}
      table={
        <NumbersTable
          label={`${title}: students at each level`}
          columns={[{ label: "Level" }, { label: "Students", numeric: true }, { label: "Share", numeric: true }]}
          rows={levels.map((l) => ({ key: String(l.points), cells: [levelName(l), l.count, percentOf(l.count, scored)] }))}
        />
      }
    />
  );
}
