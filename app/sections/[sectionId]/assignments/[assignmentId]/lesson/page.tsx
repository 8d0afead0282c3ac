import type { Metadata } from "next";
import Link from "next/link";
import { AssignmentHeader } from "@/components/assignments/assignment-header";
import { ClassroomTimer } from "@/components/lesson/classroom-timer";
import { LessonText } from "@/components/lesson/lesson-text";
import { Card } from "@/components/ui/card";
import { promptLines } from "@/lib/lesson/lesson-text";
import { loadAssignmentPage } from "../load";

type Props = { params: Promise<{ sectionId: string; assignmentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { assignment } = await loadAssignmentPage(params, "lesson");
  return { title: `Lesson plan: ${assignment.title}` };
}

/**
 * The teacher's plan for teaching this assignment's lesson: its timed parts, each with a timer for
 * the projector, and the prompts for the class discussion. Every text is the assignment's own copy,
 * edited in the setup's Lesson tab.
 */
export default async function LessonPlanPage({ params }: Props) {
  const { section, assignment } = await loadAssignmentPage(params, "lesson");
  const base = `/sections/${section.id}/assignments/${assignment.id}`;
  const { lessonPlan, caseStudy, questions } = assignment.content;
  const total = lessonPlan.parts.reduce((sum, part) => sum + part.minutes, 0);
  const prompts = promptLines(lessonPlan.discussionPrompts);

  return (
    <>
      <AssignmentHeader section={section} assignment={assignment} current="lesson" />
      <div className="space-y-6">
        <p className="text-slate-700" data-testid="plan-summary">
          About {total} minutes in {lessonPlan.parts.length} {lessonPlan.parts.length === 1 ? "part" : "parts"}
          {lessonPlan.parts.length > 1 && ` (${lessonPlan.parts.map((part) => part.minutes).join(" + ")} minutes)`}.{" "}
          <Link href={`${base}/setup?tab=lesson`} className="font-medium text-indigo-700 underline underline-offset-2">
            Edit the lesson plan
          </Link>
        </p>

        <ol className="space-y-4" aria-label="Parts of the lesson">
          {lessonPlan.parts.map((part, index) => (
            <li key={part.id}>
              <Card>
                <section aria-labelledby={`part-${part.id}`} data-testid="plan-part">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                    <h2 id={`part-${part.id}`} className="text-lg font-semibold wrap-anywhere">
                      <span className="text-slate-600">Part {index + 1}: </span>
                      {part.title}
                    </h2>
                    <p className="text-sm font-medium text-slate-700">{part.minutes} minutes</p>
                  </div>
                  {part.plan && <LessonText text={part.plan} headingLevel={3} className="mt-3" />}
                  <div className="mt-4">
                    <ClassroomTimer part={index + 1} title={part.title} minutes={part.minutes} />
                  </div>
                </section>
              </Card>
            </li>
          ))}
        </ol>

        <Card>
          <section aria-labelledby="discussion-heading" id="discussion" className="scroll-mt-4">
            <h2 id="discussion-heading" className="text-lg font-semibold">
              The class discussion
            </h2>
            {lessonPlan.discussionNote && (
              <p className="mt-2 max-w-prose whitespace-pre-line text-slate-800">{lessonPlan.discussionNote}</p>
            )}
            <h3 className="mt-4 font-semibold">Reflection questions</h3>
            <ol className="mt-2 max-w-prose list-decimal space-y-1.5 pl-6 text-slate-800">
              {questions.map((question) => (
                <li key={question.id}>{question.prompt}</li>
              ))}
            </ol>
            {prompts.length > 0 && (
              <>
                <h3 className="mt-4 font-semibold">Prompts to get them thinking</h3>
                <ul className="mt-2 max-w-prose list-disc space-y-1.5 pl-6 text-slate-800" data-testid="discussion-prompts">
                  {prompts.map((prompt, i) => (
                    <li key={i}>{prompt}</li>
                  ))}
                </ul>
              </>
            )}
            {lessonPlan.grouping && (
              <>
                <h3 className="mt-4 font-semibold">Whole class or small groups</h3>
                <p className="mt-2 max-w-prose whitespace-pre-line text-slate-800">{lessonPlan.grouping}</p>
              </>
            )}
            <p className="mt-4">
              <Link href={`${base}/discussion`} className="font-medium text-indigo-700 underline underline-offset-2">
                Open the discussion board with the students&apos; answers
              </Link>
            </p>
          </section>
        </Card>

        <Card>
          <details>
            <summary className="cursor-pointer font-semibold">The case study, as students read it</summary>
            <LessonText text={caseStudy} headingLevel={3} className="mt-4" />
          </details>
        </Card>
      </div>
    </>
  );
}
