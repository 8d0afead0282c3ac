import type { Metadata } from "next";
import Link from "next/link";
import { NewAssignmentForm } from "@/components/assignments/new-assignment-form";
import { buttonClass } from "@/components/ui/button-class";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Card, PageHeader } from "@/components/ui/card";
import { getTeacherSection } from "@/db/queries/sections";
import { pageUser } from "@/lib/server/authz";
import { orNotFound } from "@/lib/server/page";

export const metadata: Metadata = { title: "Assign the lesson" };

export default async function NewAssignmentPage({ params }: { params: Promise<{ sectionId: string }> }) {
  const { sectionId } = await params;
  const user = await pageUser("teacher", `/sections/${sectionId}/assignments/new`);
  const section = await orNotFound(async () => await getTeacherSection(user, sectionId));
  return (
    <>
      <Breadcrumbs
        items={[
          { href: "/sections", label: "My sections" },
          { href: `/sections/${section.id}`, label: section.name },
        ]}
      />
      <PageHeader
        title="Assign the lesson"
        description={
          <>
            Students in <span className="font-medium text-slate-800">{section.name}</span> get the Year in Review activity with a due date.
            You can edit the case study, customer table, questions and rubric after assigning.
          </>
        }
      />
      <Card className="max-w-2xl">
        {section.archivedAt ? (
          <div className="space-y-3 text-sm text-slate-700" data-testid="assign-unavailable">
            <p>This section is archived, so the lesson can&apos;t be assigned to it. Restore the section first.</p>
            <Link href={`/sections/${section.id}`} className={buttonClass("secondary")}>
              Back to the section
            </Link>
          </div>
        ) : (
          <NewAssignmentForm sectionId={section.id} />
        )}
      </Card>
    </>
  );
}
