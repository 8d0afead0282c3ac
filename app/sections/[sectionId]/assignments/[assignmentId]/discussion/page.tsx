import type { Metadata } from "next";
import Link from "next/link";
import { DiscussionBoard } from "@/components/discussion/discussion-board";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, PageHeader } from "@/components/ui/card";
import { recordDiscussionView } from "@/db/queries/access-log";
import { getDiscussion, type DiscussionCounts } from "@/db/queries/discussion";
import { getTeacherSection } from "@/db/queries/sections";
import { pageUser } from "@/lib/server/authz";
import { orNotFound, recordViewAfter } from "@/lib/server/page";
import { discussionViewSchema } from "@/lib/validations/discussion";

type Props = {
  params: Promise<{ sectionId: string; assignmentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Class discussion" };

function submittedSummary({ students, submitted, inProgress, notStarted, excused }: DiscussionCounts): string {
  if (students === 0) return "Nobody has joined this section yet.";
  const expected = students - excused;
  const base = `${submitted} of ${expected} ${expected === 1 ? "student has" : "students have"} submitted${excused ? ` (${excused} excused)` : ""}.`;
  const waiting = inProgress + notStarted;
  if (waiting === 0) return base;
  const parts = [inProgress && `${inProgress} in progress`, notStarted && `${notStarted} not started`].filter(Boolean).join(", ");
  return `${base} ${waiting} not yet (${parts}): their answers appear here once they submit.`;
}

/** The teacher's board for the class discussion of the reflection questions. Students get a 404. */
export default async function DiscussionPage({ params, searchParams }: Props) {
  const { sectionId, assignmentId } = await params;
  const base = `/sections/${sectionId}/assignments/${assignmentId}`;
  const user = await pageUser("teacher", `${base}/discussion`);
  const { names } = discussionViewSchema.parse(await searchParams);
  const { assignment, questions, counts } = await orNotFound(
    async () => await getDiscussion(user, sectionId, assignmentId, { showNames: names }),
  );
  const section = await orNotFound(async () => await getTeacherSection(user, sectionId));
  const discussionNote = assignment.content.lessonPlan.discussionNote.trim();
  // The board shows every submitted student's answers: the access log records it as opening their
  // work (at most once per teacher, student and assignment per 10 minutes), once the page is sent.
  if (counts.submitted > 0) await recordViewAfter("a discussion board view", () => recordDiscussionView(user, sectionId, assignmentId));

  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/sections", label: "My sections" },
          { href: `/sections/${section.id}`, label: section.name },
          { href: base, label: assignment.title },
        ]}
      />
      <PageHeader title="Class discussion" description={<span data-testid="discussion-counts">{submittedSummary(counts)}</span>} />
      <div className="space-y-6">
        <p className="rounded-md bg-indigo-50 p-3 text-sm whitespace-pre-line text-indigo-950 ring-1 ring-indigo-200">
          {/* A note the teacher emptied leaves the link alone, not a "Tip:" with nothing after it. */}
          {discussionNote && (
            <>
              <span className="font-semibold">Tip: </span>
              {discussionNote}{" "}
            </>
          )}
          <Link href={`${base}/lesson#discussion`} className="font-medium underline underline-offset-2">
            Prompts and grouping in the lesson plan
          </Link>
        </p>
        {counts.submitted === 0 ? (
          <Card className="text-center">
            <h2 className="text-base font-semibold">Nothing to discuss yet</h2>
            <p className="mt-1 text-sm text-slate-600">
              Answers to the reflection questions show up here as soon as students submit their work. Drafts stay private until then.
            </p>
          </Card>
        ) : (
          <DiscussionBoard questions={questions} namesShown={names} path={`${base}/discussion`} />
        )}
      </div>
    </>
  );
}
