import type { Metadata } from "next";
import { RosterImport } from "@/components/roster/roster-import";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, PageHeader } from "@/components/ui/card";
import { listSectionAssignments } from "@/db/queries/assignments";
import { getTeacherSection } from "@/db/queries/sections";
import { isPastDue } from "@/lib/assignment-window";
import { pageUser } from "@/lib/server/authz";
import { orNotFound } from "@/lib/server/page";

export const metadata: Metadata = { title: "Import students" };

type Props = { params: Promise<{ sectionId: string }> };

export default async function RosterImportPage({ params }: Props) {
  const { sectionId } = await params;
  const user = await pageUser("teacher", `/sections/${sectionId}/roster/import`);
  const section = await orNotFound(async () => await getTeacherSection(user, sectionId));
  const now = new Date();
  const pastDue = (await listSectionAssignments(user, section.id)).filter((a) => isPastDue(a, now)).map(({ id, title }) => ({ id, title }));
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/sections", label: "My sections" },
          { href: `/sections/${section.id}`, label: section.name },
        ]}
      />
      <PageHeader
        title="Import students"
        description="Add a whole class at once. You'll see what happens to each row before anything is saved. New students get a one-time password on a printable slip."
      />
      <Card>
        {section.archivedAt ? (
          <p className="text-sm text-slate-700">This section is archived. Restore it before adding students.</p>
        ) : (
          <RosterImport sectionId={section.id} sectionName={section.name} pastDue={pastDue} />
        )}
      </Card>
    </>
  );
}
