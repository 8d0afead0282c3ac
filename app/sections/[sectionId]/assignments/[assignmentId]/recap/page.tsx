import type { Metadata } from "next";
import Link from "next/link";
import { RecapPickNote } from "@/components/grading/recap-pick-note";
import { RecapStory } from "@/components/studio/recap-story";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, PageHeader } from "@/components/ui/card";
import { getTeacherSection } from "@/db/queries/sections";
import { pageUser } from "@/lib/server/authz";
import { orNotFound } from "@/lib/server/page";
import { loadClassRecap } from "@/lib/server/recap";
import { CAMPAIGN_SLIDE, RECAP_MIN_GRADED } from "@/lib/studio/recap";

type Props = { params: Promise<{ sectionId: string; assignmentId: string }> };

export const metadata: Metadata = { title: "Class Recap" };

export default async function RecapPage({ params }: Props) {
  const { sectionId, assignmentId } = await params;
  const base = `/sections/${sectionId}/assignments/${assignmentId}`;
  const user = await pageUser("teacher", `${base}/recap`);
  const { assignment, slides, campaign, pick, graded, recordShown } = await orNotFound(
    async () => await loadClassRecap(user, sectionId, assignmentId),
  );
  // The page shows every slide, the campaign's among them.
  await recordShown([...slides.map((slide) => slide.id), ...(campaign ? [CAMPAIGN_SLIDE] : [])]);
  const section = await orNotFound(async () => await getTeacherSection(user, sectionId));
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
          title="Class Recap"
          description="The class's campaigns as a Wrapped-style story: show it on the projector, or download the cards. No student is named."
        />
      </div>
      <Card>
        {slides.length === 0 ? (
          <p className="text-sm text-slate-700" data-testid="recap-empty">
            The recap appears once students hand in their work. Nothing has been submitted yet; see the{" "}
            <Link href={base} className="text-indigo-700 underline">
              Students list
            </Link>
            .
          </p>
        ) : (
          <>
            {graded < RECAP_MIN_GRADED && (
              <p className="mb-4 text-sm text-slate-700" data-testid="recap-scores-waiting">
                The strongest rubric row and the median total join the story once {RECAP_MIN_GRADED} campaigns are graded ({graded} so far),
                so that nobody&apos;s total can be worked out from them.
              </p>
            )}
            {pick && <RecapPickNote pick={pick} />}
            {!campaign && (
              <p className="mb-4 text-sm text-slate-700" data-testid="recap-campaign-waiting">
                A campaign card joins the story once work made in the studio is graded (the best-graded is shown), or when you choose one in
                grading with “Show this campaign in the Class Recap”.
              </p>
            )}
            <RecapStory slides={slides} campaign={campaign} content={assignment.content} downloadBase={`${base}/recap`} />
          </>
        )}
      </Card>
    </div>
  );
}
