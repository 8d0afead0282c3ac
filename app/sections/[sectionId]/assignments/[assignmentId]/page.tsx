import type { Metadata } from "next";
import Link from "next/link";
import { AssignmentTabs } from "@/components/assignments/assignment-tabs";
import { DatasetEditor } from "@/components/assignments/dataset-editor";
import { QuestionsEditor } from "@/components/assignments/questions-editor";
import { RubricEditor } from "@/components/assignments/rubric-editor";
import { SettingsEditor } from "@/components/assignments/settings-editor";
import { StatusCounts } from "@/components/assignments/status-counts";
import { TextsEditor } from "@/components/assignments/texts-editor";
import { WindowBadge } from "@/components/assignments/window-badge";
import { ExportLinks } from "@/components/grading/export-links";
import { SubmissionsTable } from "@/components/grading/submissions-table";
import { RubricView } from "@/components/lesson/rubric-view";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { getTeacherAssignment, RUBRIC_LOCKED, rubricIsLocked } from "@/db/queries/assignments";
import { getQueuePage } from "@/db/queries/queue";
import { getTeacherSection } from "@/db/queries/sections";
import { pageUser } from "@/lib/server/authz";
import { DISCUSSION_NOTE } from "@/lib/lesson/default-lesson";
import { rubricMaximum } from "@/lib/lesson/types";
import { orNotFound } from "@/lib/server/page";
import { queueViewSchema } from "@/lib/validations/grading";

type Props = {
  params: Promise<{ sectionId: string; assignmentId: string }>;
  searchParams: Promise<{ tab?: string; filter?: string; sort?: string; dir?: string; page?: string }>;
};

async function load(params: Props["params"], returnTo = false) {
  const { sectionId, assignmentId } = await params;
  const user = await pageUser("teacher", returnTo ? `/sections/${sectionId}/assignments/${assignmentId}` : undefined);
  return { user, assignment: orNotFound(() => getTeacherAssignment(user, sectionId, assignmentId)) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { assignment } = await load(params);
  return { title: assignment.title };
}

export default async function AssignmentPage({ params, searchParams }: Props) {
  const { user, assignment } = await load(params, true);
  const section = getTeacherSection(user, assignment.sectionId);
  const { tab, ...query } = await searchParams;
  // Names, or "Student N" without names when grading anonymously: the queue decides labels.
  const queue = getQueuePage(user, section.id, assignment.id, queueViewSchema.parse(query));
  const students = queue.entries.map((e) => ({
    studentId: e.studentId,
    label: e.label,
    email: e.email,
    status: e.status,
    attempts: e.attemptCount,
    total: e.total,
    submittedAt: e.submittedAt?.toISOString() ?? null,
  }));
  const locked = rubricIsLocked(user, section.id, assignment.id);
  const ref = { sectionId: section.id, assignmentId: assignment.id };
  const maximum = rubricMaximum(assignment.rubric);

  const tabs = [
    {
      id: "students",
      label: "Students",
      panel: (
        <Card>
          <h2 className="text-base font-semibold">
            Students <span className="font-normal text-slate-500">({queue.counts.all})</span>
          </h2>
          <div className="mt-3">
            <StatusCounts counts={queue.counts} />
          </div>
          <div className="mt-5 space-y-6">
            <SubmissionsTable
              rows={students}
              counts={queue.counts}
              view={queue.view}
              pageCount={queue.pageCount}
              maximum={maximum}
              listPath={`/sections/${section.id}/assignments/${assignment.id}`}
              gradePath={`/sections/${section.id}/assignments/${assignment.id}/grade`}
              startStudentId={queue.startStudentId}
              firstNeedingStudentId={queue.firstNeedingStudentId}
              sectionId={section.id}
              assignmentId={assignment.id}
              anonymous={assignment.anonymous}
            />
            <ExportLinks path={`/sections/${section.id}/assignments/${assignment.id}/grades.csv`} />
          </div>
        </Card>
      ),
    },
    {
      id: "settings",
      label: "Settings",
      panel: (
        <Card className="max-w-2xl">
          <SettingsEditor
            {...ref}
            settings={{
              title: assignment.title,
              instructions: assignment.instructions,
              dueAt: assignment.dueAt.toISOString(),
              acceptLate: assignment.acceptLate,
              closeAt: assignment.closeAt?.toISOString() ?? "",
            }}
          />
        </Card>
      ),
    },
    {
      id: "lesson",
      label: "Lesson",
      panel: (
        <div className="space-y-6">
          <h2 className="sr-only">Lesson</h2>
          <p className="text-sm text-slate-600">
            This assignment has its own copy of the lesson: changes here don&apos;t affect other sections. Students see them the next time
            they open the lesson.
          </p>
          <Card>
            <TextsEditor {...ref} caseStudy={assignment.content.caseStudy} brief={assignment.content.brief} />
          </Card>
          <Card>
            <DatasetEditor {...ref} dataset={assignment.content.dataset} />
          </Card>
          <Card>
            <QuestionsEditor {...ref} questions={assignment.content.questions} />
            <p className="mt-4 rounded-md bg-indigo-50 p-3 text-sm text-indigo-950 ring-1 ring-indigo-200">
              <span className="font-semibold">For the class discussion: </span>
              {DISCUSSION_NOTE}
            </p>
          </Card>
        </div>
      ),
    },
    {
      id: "rubric",
      label: "Rubric",
      panel: (
        <Card>
          {locked ? (
            <>
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <h2 className="text-base font-semibold">Rubric</h2>
                <p className="text-sm text-slate-600" data-testid="rubric-maximum">
                  Maximum: {maximum} {maximum === 1 ? "point" : "points"}
                </p>
              </div>
              <p
                data-testid="rubric-locked"
                className="mt-3 mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200"
              >
                {RUBRIC_LOCKED}
              </p>
              <RubricView rubric={assignment.rubric} />
            </>
          ) : (
            <RubricEditor {...ref} rubric={assignment.rubric} />
          )}
        </Card>
      ),
    },
  ];

  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/sections", label: "My sections" },
          { href: `/sections/${section.id}`, label: section.name },
        ]}
      />
      <PageHeader
        title={assignment.title}
        actions={
          <>
            <Link href={`/sections/${section.id}/assignments/${assignment.id}/discussion`} className={buttonClass("secondary")}>
              Discussion
            </Link>
            <Link href={`/sections/${section.id}/assignments/${assignment.id}/analytics`} className={buttonClass("secondary")}>
              Analytics
            </Link>
          </>
        }
        description={
          <dl className="flex flex-wrap items-center gap-x-5 gap-y-1" data-testid="assignment-summary">
            <div className="flex gap-1.5">
              <dt className="font-medium text-slate-800">Due</dt>
              <dd>
                <LocalTime iso={assignment.dueAt.toISOString()} />
              </dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="font-medium text-slate-800">Closes</dt>
              <dd>
                {assignment.closeAt ? (
                  <LocalTime iso={assignment.closeAt.toISOString()} />
                ) : assignment.acceptLate ? (
                  "Never"
                ) : (
                  "At the due date"
                )}
              </dd>
            </div>
            <div className="flex gap-1.5">
              <dt className="font-medium text-slate-800">Late work</dt>
              <dd>{assignment.acceptLate ? "Accepted, marked late" : "Not accepted"}</dd>
            </div>
            <div className="flex gap-2">
              <dt className="sr-only">Now</dt>
              <dd className="flex flex-wrap gap-2">
                <WindowBadge timing={assignment} />
                {section.archivedAt && <Badge tone="amber">Section archived</Badge>}
              </dd>
            </div>
          </dl>
        }
      />
      <AssignmentTabs tabs={tabs} initial={tab ?? "students"} />
    </>
  );
}
