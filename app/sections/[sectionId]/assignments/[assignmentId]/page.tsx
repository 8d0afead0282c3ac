import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AssignmentHeader } from "@/components/assignments/assignment-header";
import { StatusCounts } from "@/components/assignments/status-counts";
import { ExportLinks } from "@/components/grading/export-links";
import { SubmissionsTable } from "@/components/grading/submissions-table";
import { Card } from "@/components/ui/card";
import { countUnreturnedPoints } from "@/db/queries/export";
import { getQueuePage } from "@/db/queries/queue";
import { isPastDue } from "@/lib/assignment-window";
import { rubricMaximum } from "@/lib/grading";
import { gradeSearch, queueSearch, type QueueFilter } from "@/lib/grading-queue";
import { queueViewSchema } from "@/lib/validations/grading";
import { loadAssignmentPage } from "./load";

type Props = {
  params: Promise<{ sectionId: string; assignmentId: string }>;
  searchParams: Promise<{ tab?: string; filter?: string; sort?: string; dir?: string; page?: string }>;
};

/** The setup's tabs, for addresses from before they moved to their own page (?tab=rubric). */
const SETUP_TABS = new Set(["settings", "lesson", "rubric"]);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { assignment } = await loadAssignmentPage(params);
  return { title: assignment.title };
}

/** An assignment's Students list: one page of the class (filtered, sorted and paged on the server), with the way into grading. */
export default async function AssignmentPage({ params, searchParams }: Props) {
  const { user, section, assignment } = await loadAssignmentPage(params);
  const { tab, ...query } = await searchParams;
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  if (typeof tab === "string" && SETUP_TABS.has(tab)) redirect(`${base}/setup?tab=${tab}`);
  // Names, or "Student N" without names when grading anonymously: the queue decides labels.
  const queue = await getQueuePage(user, section.id, assignment.id, queueViewSchema.parse(query));
  const students = queue.entries.map((e) => ({
    studentId: e.studentId,
    label: e.label,
    email: e.email,
    status: e.status,
    attempts: e.attemptCount,
    total: e.total,
    submittedAt: e.submittedAt?.toISOString() ?? null,
    late: e.late,
    missing: e.missing,
    extendedTo: e.extendedTo?.toISOString() ?? null,
    joinedAfterDue: e.joinedAfterDue?.toISOString() ?? null,
  }));
  const maximum = rubricMaximum(assignment.rubric);
  const pastDue = isPastDue(assignment, new Date());
  const filtered = (filter: QueueFilter) => ({
    count: queue.counts[filter],
    href: `${base}${queueSearch({ filter })}`,
    current: queue.view.filter === filter,
  });

  return (
    <>
      <AssignmentHeader section={section} assignment={assignment} current="students" />
      <Card>
        <h2 className="text-base font-semibold">
          Students <span className="font-normal text-slate-500">({queue.counts.all})</span>
        </h2>
        <div className="mt-3">
          <StatusCounts counts={queue.counts} toDo={{ needs: filtered("needs"), missing: pastDue ? filtered("missing") : undefined }} />
        </div>
        <div className="mt-5 space-y-6">
          <SubmissionsTable
            rows={students}
            counts={queue.counts}
            view={queue.view}
            pageCount={queue.pageCount}
            maximum={maximum}
            listPath={base}
            gradePath={`${base}/grade`}
            startHref={queue.start && `${base}/grade/${queue.start.studentId}${gradeSearch(queue.start.view, queue.start.at)}`}
            nextUngradedHref={
              queue.firstNeeding &&
              `${base}/grade/${queue.firstNeeding.studentId}${gradeSearch(queue.firstNeeding.view, queue.firstNeeding.at)}`
            }
            sectionId={section.id}
            assignmentId={assignment.id}
            anonymous={assignment.anonymous}
            pastDue={pastDue}
            classDueAt={assignment.dueAt.toISOString()}
          />
          <ExportLinks path={`${base}/grades.csv`} unreturned={await countUnreturnedPoints(user, section.id, assignment.id)} />
        </div>
      </Card>
    </>
  );
}
