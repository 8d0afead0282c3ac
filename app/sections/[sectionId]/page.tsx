import type { Metadata } from "next";
import { SectionAssignments } from "@/components/assignments/section-assignments";
import { ErasureNotices } from "@/components/privacy/erasure-notices";
import { ArchiveSectionButton } from "@/components/sections/archive-section-button";
import { JoinPanel } from "@/components/sections/join-panel";
import { RenameSection } from "@/components/sections/rename-section";
import { Roster } from "@/components/sections/roster";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Badge, Card } from "@/components/ui/card";
import { listSectionAssignments } from "@/db/queries/assignments";
import { countUnreturnedPoints } from "@/db/queries/export";
import { listErasureNotices } from "@/db/queries/privacy";
import { listSectionInvitations } from "@/db/queries/roster";
import { getTeacherSection, listRoster } from "@/db/queries/sections";
import { pageUser } from "@/lib/server/authz";
import { erasureNoticeViews, orNotFound } from "@/lib/server/page";

type Props = { params: Promise<{ sectionId: string }> };

async function load(params: Props["params"], returnTo = false) {
  const { sectionId } = await params;
  const user = await pageUser("teacher", returnTo ? `/sections/${sectionId}` : undefined);
  return { user, section: await orNotFound(async () => await getTeacherSection(user, sectionId)) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section } = await load(params);
  return { title: section.name };
}

export default async function SectionPage({ params }: Props) {
  const { user, section } = await load(params, true);
  const roster = (await listRoster(user, section.id)).map((row) => ({
    ...row,
    joinedAt: row.joinedAt.toISOString(),
    removedAt: row.removedAt?.toISOString() ?? null,
  }));
  const invitations = (await listSectionInvitations(user, section.id)).map((row) => ({
    ...row,
    invitedAt: row.invitedAt.toISOString(),
    declinedAt: row.declinedAt?.toISOString() ?? null,
  }));
  const archived = section.archivedAt !== null;
  const assignments = await listSectionAssignments(user, section.id);
  // A section has a few assignments (one lesson, assigned again): a count each.
  const unreturned = (await Promise.all(assignments.map((a) => countUnreturnedPoints(user, section.id, a.id)))).reduce((a, b) => a + b, 0);
  const notices = erasureNoticeViews(await listErasureNotices(user, section.id));
  return (
    <>
      <Breadcrumbs items={[{ href: "/sections", label: "My sections" }]} />
      <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 flex-1">
          <RenameSection sectionId={section.id} name={section.name} term={section.term} />
          {archived && (
            <p className="mt-2">
              <Badge tone="amber">Archived</Badge>{" "}
              <span className="text-sm text-slate-600">
                Students can&apos;t join an archived section, and their work in it can no longer change: nothing can be saved or handed in
                until you restore it.
              </span>
            </p>
          )}
        </div>
        <ArchiveSectionButton sectionId={section.id} archived={archived} />
      </div>
      <ErasureNotices notices={notices} inSection />
      <Card className="mb-6">
        <SectionAssignments sectionId={section.id} archived={archived} assignments={assignments} unreturned={unreturned} />
      </Card>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="order-2 lg:order-1">
          <Roster sectionId={section.id} sectionName={section.name} roster={roster} invitations={invitations} archived={archived} />
        </Card>
        <div className="order-1 lg:order-2">
          <JoinPanel sectionId={section.id} joinCode={section.joinCode} joinEnabled={section.joinEnabled} archived={archived} />
        </div>
      </div>
    </>
  );
}
