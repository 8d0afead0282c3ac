import Link from "next/link";
import { SectionExportLinks } from "@/components/grading/export-links";
import { buttonClass } from "@/components/ui/button-class";
import { LocalTime } from "@/components/ui/local-time";
import { queueSearch } from "@/lib/grading-queue";
import { StatusCounts, type StatusCountsValue } from "./status-counts";
import { WindowBadge } from "./window-badge";

export type SectionAssignment = StatusCountsValue & {
  id: string;
  title: string;
  dueAt: Date;
  closeAt: Date | null;
  acceptLate: boolean;
  /** Work waiting for a grade: a link to those students in the assignment's Students list. */
  needsGrading: number;
};

/**
 * The section page's list of assignments, with where the class stands on each, and the download of
 * all of them side by side (`unreturned`: work with points not returned yet, over every assignment).
 */
export function SectionAssignments({
  sectionId,
  archived,
  assignments,
  unreturned,
}: {
  sectionId: string;
  archived: boolean;
  assignments: SectionAssignment[];
  unreturned: number;
}) {
  return (
    <section aria-labelledby="assignments-heading">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="assignments-heading" className="text-base font-semibold">
          Assignments <span className="font-normal text-slate-500">({assignments.length})</span>
        </h2>
        {!archived && (
          <Link href={`/sections/${sectionId}/assignments/new`} className={buttonClass("primary")}>
            Assign lesson
          </Link>
        )}
      </div>
      {archived && (
        <p className="mt-2 text-sm text-slate-600" data-testid="assign-unavailable">
          Restore this section to assign the lesson again. Existing assignments stay as they are.
        </p>
      )}
      {assignments.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          {archived
            ? "No assignments were made in this section."
            : "Nothing assigned yet. Assign the lesson to give your students the activity and a due date."}
        </p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" data-testid="assignment-list">
          {assignments.map((assignment) => (
            <li
              key={assignment.id}
              className="py-4 first:pt-1 last:pb-0 lg:grid lg:grid-cols-[minmax(0,1fr)_28rem] lg:items-center lg:gap-6"
            >
              <div>
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                  <Link
                    href={`/sections/${sectionId}/assignments/${assignment.id}`}
                    className="min-w-0 font-semibold wrap-anywhere text-indigo-700 underline-offset-2 hover:underline"
                  >
                    {assignment.title}
                  </Link>
                  <WindowBadge timing={assignment} archived={archived} />
                </div>
                <p className="mt-0.5 text-sm text-slate-600">
                  Due <LocalTime iso={assignment.dueAt.toISOString()} />
                </p>
              </div>
              <div className="mt-2 lg:mt-0">
                <StatusCounts
                  counts={assignment}
                  toDo={{
                    needs: {
                      count: assignment.needsGrading,
                      href: `/sections/${sectionId}/assignments/${assignment.id}${queueSearch({ filter: "needs" })}`,
                      current: false,
                    },
                  }}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
      {assignments.length > 0 && <SectionExportLinks path={`/sections/${sectionId}/grades.csv`} unreturned={unreturned} />}
    </section>
  );
}
