import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { listStudentClasses } from "@/db/queries/enrollments";
import { pageUser } from "@/lib/authz";

export const metadata: Metadata = { title: "My classes" };

export default async function ClassesPage() {
  const user = await pageUser("student", "/classes");
  const classes = listStudentClasses(user);
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
                  <h2 className="font-semibold break-words">{c.name}</h2>
                  {c.term && <Badge>{c.term}</Badge>}
                  {c.archivedAt && <Badge tone="amber">Archived</Badge>}
                </div>
                <p className="mt-1 text-sm text-slate-600">Teacher: {c.teacherName}</p>
                <p className="mt-1 text-xs text-slate-500">
                  Joined <LocalTime iso={c.joinedAt.toISOString()} dateOnly />
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
