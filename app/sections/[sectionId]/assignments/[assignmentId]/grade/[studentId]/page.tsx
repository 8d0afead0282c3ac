import type { Metadata } from "next";
import { GradeHistory } from "@/components/grading/grade-history";
import { ExcuseStudent } from "@/components/grading/excuse-student-lazy";
import { ExtensionPanel } from "@/components/grading/extension-panel";
import { GradingPanel } from "@/components/grading/grading-panel";
import { StudentWalk } from "@/components/grading/student-walk-lazy";
import { RecapPick } from "@/components/grading/recap-pick-lazy";
import { StatusBadge } from "@/components/status-badge";
import { AttemptList } from "@/components/submission/attempt-list";
import { WorkView } from "@/components/submission/work-view";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Badge, Card } from "@/components/ui/card";
import { recordWorkView } from "@/db/queries/access-log";
import { getSubmissionForTeacher } from "@/db/queries/assignments";
import { gradeHistory, listBankedComments, listScores } from "@/db/queries/grading";
import { getQueuePosition, type QueueStop } from "@/db/queries/queue";
import { pageUser } from "@/lib/server/authz";
import { isPastDue } from "@/lib/assignment-window";
import { draftScoreQuestion, handedInSinceScored, handedInSinceScoredQuestion } from "@/lib/grading";
import { gradeSearch, placeWords, queueSearch } from "@/lib/grading-queue";
import { gradingHints } from "@/lib/grading-hints";
import { hasRecapCard } from "@/lib/studio/recap";
import { orNotFound, recordViewAfter } from "@/lib/server/page";
import { gradingViewSchema } from "@/lib/validations/grading";

type Props = {
  params: Promise<{ sectionId: string; assignmentId: string; studentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Grading" };

export default async function GradePage({ params, searchParams }: Props) {
  const { sectionId, assignmentId, studentId } = await params;
  // The Students list's view this student was opened from (its filter and sort) and their place in
  // it (`at`): previous, next and the way back follow it. Anything unknown falls back to the class order.
  const { at, ...view } = gradingViewSchema.parse(await searchParams);
  const base = `/sections/${sectionId}/assignments/${assignmentId}`;
  const user = await pageUser("teacher", `${base}/grade/${studentId}${gradeSearch(view, at)}`);
  const place = await orNotFound(() => getQueuePosition(user, sectionId, assignmentId, studentId, view, at));
  const { assignment, entry, position, total } = place;
  const work = await orNotFound(async () => await getSubmissionForTeacher(user, sectionId, assignmentId, studentId));
  const submission = work.submission;
  // The access log's "opened this student's work", once the page has gone out: the write (at most
  // one per teacher, student and assignment per 10 minutes) never holds up the render.
  if (submission) await recordViewAfter("a work view", () => recordWorkView(user, sectionId, assignmentId, studentId));
  const scores = submission ? await listScores(user, submission.id) : [];
  const href = (stop: QueueStop | null) => (stop ? `${base}/grade/${stop.studentId}${gradeSearch(view, stop.at)}` : null);
  const nextUngradedHref = `${base}/grade/${studentId}/next-ungraded${gradeSearch(view, place.at)}`;
  // Back to the list: the same view, on the page that shows this student.
  const listHref = `${base}${queueSearch({ ...view, page: place.listPage })}`;
  // The Class Recap can show the last attempt handed in, if its studio card draws (the check
  // setRecapPick makes); a pick of this work can always be taken back.
  const latest = submission?.submittedAt ? work.attempts[0] : undefined;
  const pickable = latest && hasRecapCard(latest.snapshot.draft, assignment.content) ? latest.number : null;
  const ownPick = submission && work.recapPick?.submissionId === submission.id ? work.recapPick.attempt : null;
  // Work not handed in can be excused (or the excusal taken back): db/queries/excusals.ts.
  const excuse = ["not_started", "in_progress", "excused"].includes(work.status) && (
    <ExcuseStudent sectionId={sectionId} assignmentId={assignmentId} studentId={studentId} excused={work.status === "excused"} />
  );
  // A date of their own (db/queries/extensions.ts): at the top while the work isn't in, below the work
  // once it is (to forgive a late hand-in, say). Its place never depends on the extension itself, so
  // giving or taking one back never moves it, nor takes away the Undo it offers.
  const handedIn = Boolean(submission?.submittedAt);
  const extension = (
    <ExtensionPanel
      sectionId={sectionId}
      assignmentId={assignmentId}
      studentId={studentId}
      classDueAt={assignment.dueAt.toISOString()}
      extendedTo={entry.extendedTo?.toISOString() ?? null}
    />
  );

  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: listHref, label: assignment.title }]} />
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {/* Focused when the view comes, if nothing else is (components/ui/focus-if-lost.ts). A name one long word wraps. */}
        <h1
          id="grading-student"
          tabIndex={-1}
          className="min-w-0 text-2xl font-bold tracking-tight wrap-anywhere"
          data-testid="grading-student"
        >
          {entry.label}
        </h1>
        <StatusBadge status={entry.status} late={entry.late} missing={entry.missing} />
        {assignment.anonymous && <Badge tone="slate">Names hidden</Badge>}
        <span className="text-sm text-slate-600" data-testid="grading-position">
          {placeWords(position, total, view, isPastDue(assignment, new Date()))}
        </span>
      </header>

      {!submission ? (
        <Card className="space-y-3 text-sm text-slate-700">
          <p>Nothing to grade yet: this student hasn&apos;t started.</p>
          {/* Walking a view of students who haven't started (Missing, say) stops here every time: both ways on, by key too. */}
          <StudentWalk prevHref={href(place.previous)} nextHref={href(place.next)} nextUngradedHref={nextUngradedHref} />
          {excuse}
          <div className="border-t border-slate-200 pt-3">{extension}</div>
        </Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
          {/* The work, then the rubric: in that order on screen and for Tab at every width. */}
          <div className="min-w-0 space-y-4">
            {excuse && <Card>{excuse}</Card>}
            {!handedIn && <Card>{extension}</Card>}
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Current work</h2>
              <WorkView draft={submission.draft} images={work.images} content={assignment.content} />
            </Card>
            {(pickable !== null || ownPick !== null) && (
              <Card>
                <h2 className="mb-2 text-lg font-semibold">Class Recap</h2>
                <RecapPick
                  submissionId={submission.id}
                  latestAttempt={pickable}
                  shown={ownPick !== null ? { shown: "this", attempt: ownPick } : { shown: work.recapPick ? "other" : "best-graded" }}
                  recapHref={`${base}/recap`}
                />
              </Card>
            )}
            <Card>
              <h2 className="mb-3 text-lg font-semibold">Attempts ({work.attempts.length})</h2>
              <AttemptList
                attempts={work.attempts}
                content={assignment.content}
                current={{ draft: submission.draft, images: work.images }}
              />
            </Card>
            <GradeHistory
              events={(await gradeHistory(user, submission.id)).map((e) => ({ ...e, at: e.at.toISOString() }))}
              rubric={assignment.rubric}
            />
            {handedIn && (
              <Card>
                <h2 className="mb-2 text-lg font-semibold">Due date</h2>
                {extension}
              </Card>
            )}
          </div>
          {/* Beside a long piece of work the panel stays in view, and scrolls on its own where it is
              taller than the screen, so its last comment and Return are never out of reach. Its
              padding (offset by a negative margin) leaves room for focus rings its scrolling would clip. */}
          <aside
            className="lg:sticky lg:top-3 lg:-m-1 lg:max-h-[calc(100dvh-1.5rem)] lg:self-start lg:overflow-y-auto lg:overscroll-contain lg:p-1"
            aria-labelledby="rubric-heading"
          >
            {/* Read by heading navigation: the criteria (h3) belong here, not under "Attempts" before it. */}
            <h2 id="rubric-heading" className="sr-only">
              Rubric and feedback
            </h2>
            <GradingPanel
              key={submission.id}
              sectionId={sectionId}
              assignmentId={assignmentId}
              submissionId={submission.id}
              rubric={assignment.rubric}
              scores={Object.fromEntries(
                assignment.rubric.criteria.map((c) => {
                  const s = scores.find((x) => x.criterionId === c.id);
                  return [c.id, { points: s?.points ?? null, comment: s?.comment ?? "" }];
                }),
              )}
              versions={Object.fromEntries(scores.map((s) => [s.criterionId, s.version]))}
              feedback={{ text: submission.feedback, version: submission.feedbackVersion }}
              hints={gradingHints(assignment.rubric, assignment.content, submission.draft, work.images)}
              bank={await listBankedComments(user)}
              returned={Boolean(submission.returnedAt)}
              submitted={Boolean(submission.submittedAt)}
              draftScoreQuestion={draftScoreQuestion(work.status === "excused")}
              attempt={submission.attemptCount}
              handedInSinceScored={
                handedInSinceScored(scores, submission.submittedAt) ? handedInSinceScoredQuestion(submission.attemptCount) : null
              }
              prevHref={href(place.previous)}
              nextHref={href(place.next)}
              nextUngradedHref={nextUngradedHref}
            />
          </aside>
        </div>
      )}
    </div>
  );
}
