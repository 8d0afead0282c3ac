import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { gradeTotal, rubricMaximum } from "@/lib/grading";
import type { Rubric } from "@/lib/lesson/types";

type Grade = {
  /** The grade returned before the teacher reopened the work, shown while the student improves it. */
  earlier: boolean;
  returnedAt: Date;
  updatedAt: Date | null;
  feedback: string;
  scores: { criterionId: string; points: number | null; comment: string }[];
};

/** What the student sees once work is returned: each criterion's level, descriptor and comment. */
export function FeedbackView({ rubric, grade, earlierNote }: { rubric: Rubric; grade: Grade; earlierNote?: string }) {
  // Feedback alone gave no points: no "0 / 12" for it.
  const total = gradeTotal(rubric, grade.scores);
  return (
    <section
      aria-labelledby="feedback-heading"
      className="rounded-lg bg-white p-5 shadow-sm ring-2 ring-green-600 sm:p-6"
      data-testid="feedback"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="feedback-heading" className="text-lg font-semibold">
          {grade.earlier ? "Your teacher's feedback on your earlier attempt" : "Your teacher's feedback"}
        </h2>
        {grade.updatedAt && <Badge tone="amber">Updated</Badge>}
        {total !== null && (
          <span className="ml-auto text-2xl font-bold" data-testid="feedback-total">
            {total} / {rubricMaximum(rubric)}
          </span>
        )}
      </div>
      {grade.earlier && (
        <p className="mt-1 text-sm text-slate-700" data-testid="feedback-earlier">
          {earlierNote ?? "Your teacher reopened this work. Here is what they said last time."}
        </p>
      )}
      <p className="text-xs text-slate-600">
        Returned <LocalTime iso={grade.returnedAt.toISOString()} />
        {grade.updatedAt && (
          <>
            {" "}
            · grades changed <LocalTime iso={grade.updatedAt.toISOString()} />
          </>
        )}
      </p>
      <ul className="mt-4 space-y-3">
        {rubric.criteria.map((criterion) => {
          const score = grade.scores.find((s) => s.criterionId === criterion.id);
          const level = criterion.levels.find((l) => l.points === score?.points);
          return (
            <li key={criterion.id} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h3 className="font-semibold">{criterion.title}</h3>
                <span className="text-sm font-semibold">
                  {level
                    ? `${level.points} ${level.points === 1 ? "point" : "points"}${level.label ? ` · ${level.label}` : ""}`
                    : "Not scored"}
                </span>
              </div>
              {level && <p className="text-sm text-slate-700">{level.descriptor}</p>}
              {score?.comment && <p className="mt-2 border-l-4 border-indigo-300 pl-3 text-sm whitespace-pre-wrap">{score.comment}</p>}
            </li>
          );
        })}
      </ul>
      {grade.feedback && (
        <div className="mt-4">
          <h3 className="font-semibold">Overall</h3>
          <p className="mt-1 text-sm whitespace-pre-wrap">{grade.feedback}</p>
        </div>
      )}
    </section>
  );
}
