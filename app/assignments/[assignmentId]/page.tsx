import { toWorkImage } from "@/lib/workspace";
import type { Metadata } from "next";
import { LessonText } from "@/components/lesson/lesson-text";
import { RubricView } from "@/components/lesson/rubric-view";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { FeedbackView } from "@/components/submission/feedback-view";
import { LocalTime } from "@/components/ui/local-time";
import { Workspace } from "@/components/workspace/workspace";
import { WorkStatusBadge } from "@/components/workspace/work-status-badge";
import { getReturnedGrade } from "@/db/queries/grading";
import { getStudentWork, listOwnAttempts } from "@/db/queries/work";
import { timeLeft, whyYouCantChange } from "@/lib/assignment-window";
import { pageUser } from "@/lib/server/authz";
import { orNotFound } from "@/lib/server/page";

type Props = { params: Promise<{ assignmentId: string }> };

export const metadata: Metadata = { title: "Year in Review" };

export default async function AssignmentPage({ params }: Props) {
  const { assignmentId } = await params;
  const user = await pageUser("student", `/assignments/${assignmentId}`);
  const work = await orNotFound(async () => await getStudentWork(user, assignmentId));
  const attemptRows = await listOwnAttempts(user, assignmentId);
  const attempts = attemptRows.map(({ number, submittedAt, late }) => ({ number, submittedAt: submittedAt.toISOString(), late }));
  // The newest attempt's work, so that the review step can say when there is nothing new to submit.
  const latest = attemptRows[0];
  const lastSubmitted = latest
    ? {
        number: latest.number,
        work: { draft: latest.snapshot.draft, images: latest.snapshot.images.map(({ id, caption }) => ({ id, caption })) },
      }
    : null;
  const { assignment, state } = work;
  const archived = !state.editable && state.code === "archived";
  const content = assignment.content;
  const now = new Date();
  // Scores and comments exist before this, but students see none of them until the work is returned.
  const grade = await getReturnedGrade(user, assignmentId);

  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ href: "/classes", label: "My classes" }, { label: work.sectionName }]} />
      <header>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold tracking-tight wrap-anywhere">{assignment.title}</h1>
          <WorkStatusBadge status={work.status} />
        </div>
        <p className="mt-1 text-sm text-slate-700">
          Due <LocalTime iso={assignment.dueAt.toISOString()} />
          {work.extendedTo && <span data-testid="extended-note"> (your own date: an extension from your teacher)</span>}
          {/* An archived class's work can't change: no countdown to a due date, nor a close date, that no longer applies. */}
          {!archived && (
            <>
              {" "}
              · <span data-testid="time-left">{timeLeft(assignment.dueAt, now)}</span>
            </>
          )}
          {assignment.closeAt && !archived && (
            <>
              {" "}
              · {assignment.closeAt <= now ? "closed" : "closes"} <LocalTime iso={assignment.closeAt.toISOString()} />
            </>
          )}
          {!assignment.acceptLate && " · no late work"}
        </p>
        {assignment.instructions && <p className="mt-3 max-w-3xl text-slate-800 whitespace-pre-line">{assignment.instructions}</p>}
        {work.status === "excused" && (
          <p className="mt-3 max-w-3xl rounded-md bg-slate-50 p-3 text-sm text-slate-800 ring-1 ring-slate-200" data-testid="excused-note">
            Your teacher has excused you from this assignment: you don&apos;t need to hand it in, and it won&apos;t count as missing.
            {state.editable && " You can still do it for practice, or hand it in if you like; your teacher will then grade it."}
          </p>
        )}
      </header>

      {grade && (
        <FeedbackView
          rubric={assignment.rubric}
          grade={grade}
          earlierNote={
            // Handed in again since the teacher reopened it (a new attempt).
            work.status !== "reopened"
              ? "Your teacher reopened this work and you have handed it in again. Here is what they said last time."
              : state.editable
                ? "Your teacher reopened this work so you can improve it and hand it in again. Here is what they said last time."
                : reopenedButLocked(whyYouCantChange(state.window, state.code === "archived"))
          }
        />
      )}

      <div className="grid gap-3">
        <Details title="The case study: Spotify Wrapped and personalized marketing">
          <div data-testid="case-study">
            <LessonText text={content.caseStudy} headingLevel={2} />
          </div>
        </Details>
        <Details title="Your brief: the coffee shop's Year in Review" open={!work.submission}>
          <p className="max-w-3xl text-sm leading-relaxed text-slate-800 whitespace-pre-line">{content.brief}</p>
        </Details>
        <Details title="How your work will be graded">
          <RubricView rubric={assignment.rubric} />
        </Details>
      </div>

      <Workspace
        assignmentId={assignment.id}
        userId={user.id}
        content={content}
        draft={work.draft}
        version={work.version}
        images={work.images.map(toWorkImage)}
        attempts={attempts}
        lastSubmitted={lastSubmitted}
        editable={state.editable}
        readOnlyReason={state.editable ? null : state.reason}
        late={state.window.phase === "late"}
        lateAfter={assignment.acceptLate ? assignment.dueAt.toISOString() : null}
      />
    </div>
  );
}

/** Reopened work the student still can't change (closed since): said once, with the reason and what to do. */
function reopenedButLocked(why: string | null): string {
  return why
    ? `Your teacher reopened this work, but ${why}, so you can't change it. If you'd like to improve it, ask your teacher to let you. Here is what they said last time.`
    : "Your teacher reopened this work. Here is what they said last time.";
}

function Details({ title, children, open = false }: { title: string; children: React.ReactNode; open?: boolean }) {
  return (
    <details open={open} className="group rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <summary className="cursor-pointer list-none px-4 py-3 font-semibold marker:hidden">
        <span aria-hidden className="mr-2 inline-block transition-transform group-open:rotate-90">
          ›
        </span>
        {title}
      </summary>
      <div className="border-t border-slate-100 px-4 py-4">{children}</div>
    </details>
  );
}
