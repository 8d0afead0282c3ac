import type { Metadata } from "next";
import Link from "next/link";
import { ErasureNotices } from "@/components/privacy/erasure-notices";
import { CreateSectionForm } from "@/components/sections/create-section-form";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { listErasureNotices } from "@/db/queries/privacy";
import { countArchivedSections, listTeacherSections } from "@/db/queries/sections";
import { pageUser } from "@/lib/server/authz";
import { erasureNoticeViews } from "@/lib/server/page";
import { formatJoinCode } from "@/lib/join-code";

export const metadata: Metadata = { title: "My sections" };

export default async function SectionsPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const user = await pageUser("teacher", "/sections");
  const archived = (await searchParams).archived === "1";
  const sections = await listTeacherSections(user, { archived });
  const archivedCount = archived ? sections.length : await countArchivedSections(user);
  const notices = erasureNoticeViews(await listErasureNotices(user));
  return (
    <>
      <PageHeader
        title={archived ? "Archived sections" : "My sections"}
        description={archived ? "Restore a section to use it again." : "Each section has its own roster and join code."}
        actions={
          archived ? (
            <Link href="/sections" className="text-sm font-medium text-indigo-700 underline">
              Back to active sections
            </Link>
          ) : archivedCount > 0 ? (
            <Link href="/sections?archived=1" className="text-sm font-medium text-indigo-700 underline">
              Archived ({archivedCount})
            </Link>
          ) : null
        }
      />
      <ErasureNotices notices={notices} />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <section aria-labelledby="section-list-heading">
          <h2 id="section-list-heading" className="sr-only">
            Sections
          </h2>
          {sections.length === 0 ? (
            <Card className="text-center text-sm text-slate-600">
              {archived ? "No archived sections." : "No sections yet. Create your first one to get a join code for your students."}
            </Card>
          ) : (
            <ul className="grid gap-3" data-testid="section-list">
              {sections.map((section) => (
                <li key={section.id}>
                  <Link
                    href={`/sections/${section.id}`}
                    className="block rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 transition hover:ring-indigo-400"
                  >
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-semibold wrap-anywhere text-slate-900">{section.name}</span>
                      {section.term && <Badge>{section.term}</Badge>}
                      {section.archivedAt && <Badge tone="amber">Archived</Badge>}
                      {!section.archivedAt && !section.joinEnabled && <Badge tone="red">Joining off</Badge>}
                    </div>
                    <div className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-600">
                      <span>
                        {section.studentCount} {section.studentCount === 1 ? "student" : "students"}
                      </span>
                      <span>
                        Code <span className="font-mono">{formatJoinCode(section.joinCode)}</span>
                      </span>
                    </div>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        {!archived && (
          <Card className="h-fit">
            <h2 className="mb-3 text-base font-semibold">New section</h2>
            <CreateSectionForm />
          </Card>
        )}
      </div>
    </>
  );
}
