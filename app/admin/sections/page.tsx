import type { Metadata } from "next";
import Link from "next/link";
import { FilterForm } from "@/components/admin/filter-form";
import { Field, FieldFrame } from "@/components/ui/field";
import { Pager } from "@/components/admin/pager";
import { TransferSectionForm } from "@/components/admin/transfer-section-form";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { listAllSections } from "@/db/queries/admin";
import { pageUser } from "@/lib/server/authz";
import { firstValues } from "@/lib/validations/common";
import { ADMIN_SEARCH_MAX, sectionFilterSchema } from "@/lib/validations/admin";
import { EmailAddress } from "@/components/ui/email-address";

export const metadata: Metadata = { title: "Sections" };

export default async function AdminSectionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await pageUser("admin", "/admin/sections");
  const raw = await searchParams;
  const filter = sectionFilterSchema.parse(firstValues(raw));
  const { rows, total, page, pageSize } = await listAllSections(user, filter);
  const filtered = Boolean(filter.q || filter.state);
  return (
    <>
      <PageHeader title="Sections" description="Every section in the school, with its teacher. Transfer a section when a teacher leaves." />
      <Card className="mb-4">
        <FilterForm action="/admin/sections" label="Sections" columns="sm:grid-cols-[1fr_12rem_auto]" filtered={filtered}>
          <Field
            id="section-q"
            label="Section, teacher name or email"
            name="q"
            type="search"
            defaultValue={filter.q ?? ""}
            maxLength={ADMIN_SEARCH_MAX}
          />
          <FieldFrame id="section-state" label="State">
            {(control) => (
              <select {...control} name="state" defaultValue={filter.state ?? ""}>
                <option value="">Any state</option>
                <option value="active">Active</option>
                <option value="archived">Archived</option>
              </select>
            )}
          </FieldFrame>
        </FilterForm>
      </Card>
      {rows.length === 0 ? (
        <Card className="text-center text-sm text-slate-600">{filtered ? "No section matches." : "No sections yet."}</Card>
      ) : (
        <ul className="grid gap-2" data-testid="admin-section-list">
          {rows.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-start justify-between gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
              data-testid="admin-section-row"
            >
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold wrap-anywhere text-slate-900">{s.name}</span>
                  {s.term && <Badge>{s.term}</Badge>}
                  {s.archivedAt ? <Badge tone="amber">Archived</Badge> : <Badge tone="green">Active</Badge>}
                </div>
                <div className="mt-1 text-sm text-slate-600">
                  Teacher:{" "}
                  <Link href={`/admin/accounts/${s.teacherId}`} className="text-indigo-700 underline" data-testid="section-teacher">
                    {s.teacherName}
                  </Link>{" "}
                  <span>
                    (<EmailAddress address={s.teacherEmail} />)
                  </span>
                  {!s.teacherActive && (
                    <>
                      {" "}
                      <Badge tone="red">Deactivated</Badge>
                    </>
                  )}
                </div>
                <div className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-600">
                  <span>
                    {s.studentCount} {s.studentCount === 1 ? "student" : "students"}
                  </span>
                  <span>
                    {s.assignmentCount} {s.assignmentCount === 1 ? "assignment" : "assignments"}
                  </span>
                </div>
              </div>
              <TransferSectionForm sectionId={s.id} sectionName={s.name} teacherId={s.teacherId} teacherName={s.teacherName} />
            </li>
          ))}
        </ul>
      )}
      <Pager
        path="/admin/sections"
        params={{ q: filter.q, state: filter.state }}
        page={page}
        pageSize={pageSize}
        total={total}
        noun={["section", "sections"]}
      />
    </>
  );
}
