import type { Metadata } from "next";
import Link from "next/link";
import { AssignmentHeader } from "@/components/assignments/assignment-header";
import { AssignmentTabs } from "@/components/assignments/assignment-tabs";
import { DatasetEditor } from "@/components/assignments/dataset-editor";
import { LessonPlanEditor } from "@/components/assignments/lesson-plan-editor";
import { QuestionsEditor } from "@/components/assignments/questions-editor";
import { RubricEditor } from "@/components/assignments/rubric-editor";
import { SettingsEditor } from "@/components/assignments/settings-editor";
import { TextsEditor } from "@/components/assignments/texts-editor";
import { RubricView } from "@/components/lesson/rubric-view";
import { Card } from "@/components/ui/card";
import { rubricIsLocked } from "@/db/queries/assignments";
import { RUBRIC_LOCKED, rubricMaximum } from "@/lib/grading";
import { partVersion, rubricVersion, settingsVersion } from "@/lib/lesson/part-version";
import { loadAssignmentPage } from "../load";

type Props = {
  params: Promise<{ sectionId: string; assignmentId: string }>;
  searchParams: Promise<{ tab?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { assignment } = await loadAssignmentPage(params, "setup");
  return { title: `Set up: ${assignment.title}` };
}

/**
 * An assignment's setup: its settings, its own copy of the lesson and its rubric, as tabs that all
 * stay mounted (unsaved edits survive a look at another tab). Kept apart from the Students list, so
 * that page renders only what grading needs.
 */
export default async function AssignmentSetupPage({ params, searchParams }: Props) {
  const { user, section, assignment } = await loadAssignmentPage(params, "setup");
  const { tab } = await searchParams;
  const locked = await rubricIsLocked(user, section.id, assignment.id);
  const ref = { sectionId: section.id, assignmentId: assignment.id };
  const maximum = rubricMaximum(assignment.rubric);

  const tabs = [
    {
      id: "settings",
      label: "Settings",
      panel: (
        <Card className="max-w-2xl">
          {section.archivedAt && (
            // The dates still save (ready for a restore), but change nothing for students until then.
            <p className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="archived-settings">
              This section is archived, so its students can&apos;t change their work, whatever these dates say.{" "}
              <Link href={`/sections/${section.id}`} className="font-medium underline">
                Restore the section
              </Link>{" "}
              to let them.
            </p>
          )}
          <SettingsEditor
            {...ref}
            version={settingsVersion(assignment)}
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
            <TextsEditor
              {...ref}
              version={partVersion(assignment.content, "texts")}
              caseStudy={assignment.content.caseStudy}
              brief={assignment.content.brief}
              copyExample={assignment.content.copyExample}
            />
          </Card>
          <Card>
            <DatasetEditor {...ref} version={partVersion(assignment.content, "dataset")} dataset={assignment.content.dataset} />
          </Card>
          <Card>
            <QuestionsEditor {...ref} version={partVersion(assignment.content, "questions")} questions={assignment.content.questions} />
          </Card>
          <Card>
            <LessonPlanEditor {...ref} version={partVersion(assignment.content, "lessonPlan")} lessonPlan={assignment.content.lessonPlan} />
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
            <RubricEditor {...ref} version={rubricVersion(assignment.rubric)} rubric={assignment.rubric} />
          )}
        </Card>
      ),
    },
  ];

  return (
    <>
      <AssignmentHeader section={section} assignment={assignment} current="setup" />
      <AssignmentTabs tabs={tabs} initial={tab ?? "settings"} />
    </>
  );
}
