import type { Metadata } from "next";
import Link from "next/link";
import { StudentWindowBadge } from "@/components/assignments/window-badge";
import { StatusBadge } from "@/components/status-badge";
import { buttonClass } from "@/components/ui/button-class";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { Invitations } from "@/components/classes/invitations";
import { listOwnInvitations, listStudentClasses } from "@/db/queries/enrollments";
import { listStudentAssignments } from "@/db/queries/work";
import { pageUser } from "@/lib/server/authz";

export const metadata: Metadata = { title: "My classes" };

export default async function ClassesPage() {
  const user = await pageUser("student", "/classes");
  const classes = await listStudentClasses(user);
  const assignments = await listStudentAssignments(user);
  const invitations = await listOwnInvitations(user);
  return (
    <>
      <PageHeader
        title="My classes"
        actions={
          <Link href="/join" className={buttonClass("primary")}>
            Join a class
          </Link>
        }
      />
      <Invitations invitations={invitations.map(({ invitedAt: _invitedAt, ...invitation }) => invitation)} />
      {classes.length === 0 ? (
        <Card className="text-center text-sm text-slate-600">
          You&apos;re not in any class yet. Ask your teacher for the class code or join link.
        </Card>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="class-list">
          {classes.map((c) => (
            <li key={c.sectionId}>
              <Card>
                <div className="flex flex-wrap items-center gap-2">
                  <h2 className="font-semibold wrap-anywhere">{c.name}</h2>
                  {c.term && <Badge>{c.term}</Badge>}
                  {c.archivedAt && <Badge tone="amber">Archived</Badge>}
                </div>
                <p className="mt-1 text-sm text-slate-600">Teacher: {c.teacherName}</p>
                <p className="mt-1 text-xs text-slate-500">
                  Joined <LocalTime iso={c.joinedAt.toISOString()} dateOnly />
                </p>
                <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100" aria-label={`Assignments in ${c.name}`}>
                  {assignments
                    .filter((a) => a.sectionId === c.sectionId)
                    .map((a) => (
                      <li key={a.id} className="py-2">
                        <Link
                          href={`/assignments/${a.id}`}
                          className="flex flex-wrap items-center justify-between gap-2 rounded-md hover:bg-slate-50"
                        >
                          <span className="min-w-0">
                            <span className="block font-medium wrap-anywhere text-indigo-700 underline">{a.title}</span>
                            <span className="block text-xs text-slate-600">
                              Due <LocalTime iso={a.dueAt.toISOString()} />
                              {a.extended && <span data-testid="assignment-extended"> (your own date: an extension)</span>}
                            </span>
                          </span>
                          <span className="flex flex-wrap items-center gap-1">
                            {(a.status === "not_started" || a.status === "in_progress" || a.status === "reopened") && (
                              <span data-testid="assignment-window">
                                <StudentWindowBadge timing={a} archived={Boolean(c.archivedAt)} />
                              </span>
                            )}
                            <span data-testid="assignment-status">
                              <StatusBadge status={a.status} />
                            </span>
                          </span>
                        </Link>
                      </li>
                    ))}
                  {!assignments.some((a) => a.sectionId === c.sectionId) && (
                    <li className="py-2 text-sm text-slate-500">No assignments yet.</li>
                  )}
                </ul>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
