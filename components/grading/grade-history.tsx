import { LocalTime } from "@/components/ui/local-time";
import type { Rubric } from "@/lib/lesson/types";

type Event = {
  id: string;
  criterionId: string | null;
  field: "points" | "comment" | "feedback";
  oldValue: string | null;
  newValue: string | null;
  at: string;
  by: string;
};

const show = (v: string | null) => (v === null || v === "" ? "—" : v.length > 60 ? `“${v.slice(0, 60)}…”` : /^\d+$/.test(v) ? v : `“${v}”`);

/** Every grade change on this submission: who, when, what, old → new. */
export function GradeHistory({ events, rubric }: { events: Event[]; rubric: Rubric }) {
  const title = (id: string | null) => rubric.criteria.find((c) => c.id === id)?.title ?? "Overall";
  return (
    <details className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <summary className="cursor-pointer px-4 py-3 font-semibold">Grade history ({events.length})</summary>
      <ol className="divide-y divide-slate-100 border-t border-slate-100 text-sm" data-testid="grade-history">
        {events.map((e) => (
          <li key={e.id} className="px-4 py-2">
            <span className="text-slate-600">
              <LocalTime iso={e.at} /> · {e.by}
            </span>
            <span className="block">
              {title(e.criterionId)} {e.field === "points" ? "level" : e.field === "comment" ? "comment" : "feedback"}: {show(e.oldValue)} →{" "}
              {show(e.newValue)}
            </span>
          </li>
        ))}
        {events.length === 0 && <li className="px-4 py-2 text-slate-600">No grades yet.</li>}
      </ol>
    </details>
  );
}
