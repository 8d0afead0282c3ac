import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { PicksChart } from "@/components/analytics/picks-chart";
import { ScoreChart } from "@/components/analytics/score-chart";
import { SummaryFigures } from "@/components/analytics/summary-figures";
import { TimelineChart } from "@/components/analytics/timeline-chart";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, PageHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { getAssignmentAnalytics } from "@/db/queries/analytics";
import { recordWorkView } from "@/db/queries/access-log";
import { getTeacherSection } from "@/db/queries/sections";
import { buildAnalytics, studentsShownAlone } from "@/lib/analytics";
import { queueSearch } from "@/lib/grading-queue";
import { plural } from "@/lib/text";
import { pageUser } from "@/lib/server/authz";
import { orNotFound, recordViewAfter } from "@/lib/server/page";

type Props = { params: Promise<{ sectionId: string; assignmentId: string }> };

export const metadata: Metadata = { title: "Class analytics" };

function Panel({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Card>
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {intro && <div className="mt-1 text-sm text-slate-600">{intro}</div>}
        <div className="mt-4">{children}</div>
      </Card>
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-md bg-slate-50 px-3 py-4 text-sm text-slate-700 ring-1 ring-slate-200">{children}</p>;
}

export default async function AnalyticsPage({ params }: Props) {
  const { sectionId, assignmentId } = await params;
  const base = `/sections/${sectionId}/assignments/${assignmentId}`;
  const user = await pageUser("teacher", `${base}/analytics`);
  const input = await orNotFound(async () => await getAssignmentAnalytics(user, sectionId, assignmentId));
  const section = await orNotFound(async () => await getTeacherSection(user, sectionId));
  const { assignment } = input;
  const analytics = buildAnalytics(input, new Date());
  // A figure drawn from one student alone shows that student's work: logged as the recap logs its cards.
  for (const studentId of studentsShownAlone(input, input.studentIds))
    await recordViewAfter("a work view", () => recordWorkView(user, sectionId, assignmentId, studentId));
  const { summary, graded, awaitingGrading, returnedPartly, criteria, picks, timeline } = analytics;
  // Returned with criteria unscored: on the Students list as Returned, counted nowhere here; said so
  // the figures add up ("Graded 3 of 4 submitted", and the fourth?).
  const partly = returnedPartly > 0 && (
    <span data-testid="returned-partly">
      {" "}
      {plural(returnedPartly, "submission")} returned with some criteria unscored {returnedPartly === 1 ? "isn't" : "aren't"} counted.
    </span>
  );
  // The work waiting to be graded is the Students list's "Needs grading": the link opens that view of it.
  const gradingHref = `${base}${queueSearch({ filter: "needs" })}`;

  return (
    <div className="space-y-6">
      <div>
        <Breadcrumbs
          items={[
            { href: "/sections", label: "My sections" },
            { href: `/sections/${section.id}`, label: section.name },
            { href: base, label: assignment.title },
          ]}
        />
        <PageHeader
          title="Class analytics"
          description={
            <>
              {assignment.title} · due <LocalTime iso={assignment.dueAt.toISOString()} />
            </>
          }
        />
      </div>

      <Panel id="overview" title="Where the class stands">
        <SummaryFigures analytics={analytics} />
        {summary.enrolled === 0 && (
          <p className="mt-4 text-sm text-slate-700">
            No students are in this section yet. Share the join code on the{" "}
            <Link href={`/sections/${section.id}`} className="text-indigo-700 underline">
              section page
            </Link>{" "}
            to get started.
          </p>
        )}
      </Panel>

      <Panel
        id="scores"
        title="Scores by criterion"
        intro={
          graded > 0 && (
            <p data-testid="scores-basis">
              Based on {plural(graded, "graded submission")}: work counts once every criterion is scored.
              {partly}
              {awaitingGrading > 0 && (
                <>
                  {" "}
                  {plural(awaitingGrading, "submission")} {awaitingGrading === 1 ? "is" : "are"} waiting to be graded and not counted yet.{" "}
                  <Link href={gradingHref} className="text-indigo-700 underline">
                    Go to grading
                  </Link>
                </>
              )}
            </p>
          )
        }
      >
        {graded === 0 ? (
          <Empty>
            No graded work yet. A submission counts here once you&apos;ve scored every criterion.
            {partly}
            {awaitingGrading > 0 && (
              <>
                {" "}
                {plural(awaitingGrading, "submission")} {awaitingGrading === 1 ? "is" : "are"} waiting.{" "}
                <Link href={gradingHref} className="text-indigo-700 underline">
                  Go to grading
                </Link>
              </>
            )}
          </Empty>
        ) : (
          <div className="grid gap-8 sm:grid-cols-2">
            {criteria.map((distribution) => (
              <ScoreChart key={distribution.criterionId} distribution={distribution} />
            ))}
          </div>
        )}
      </Panel>

      <Panel
        id="datapoints"
        title="Datapoints chosen in ideation"
        intro={
          picks.students > 0 && (
            <p data-testid="picks-basis">
              From the current work of {plural(picks.students, "student")} who {picks.students === 1 ? "has" : "have"} chosen at least one
              datapoint, submitted or not.
            </p>
          )
        }
      >
        {picks.students === 0 ? <Empty>No one has chosen a datapoint yet.</Empty> : <PicksChart picks={picks} />}
      </Panel>

      <Panel id="timeline" title="Submissions over time">
        {timeline ? <TimelineChart timeline={timeline} /> : <Empty>Nothing has been submitted yet.</Empty>}
      </Panel>
    </div>
  );
}
