import type { Metadata } from "next";
import Link from "next/link";
import { WorkView } from "@/components/submission/work-view";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { getSubmissionForTeacher } from "@/db/queries/assignments";
import { pageUser } from "@/lib/authz";
import { orNotFound } from "@/lib/page";
import { STATUS_LABELS } from "@/lib/workspace";

type Props = { params: Promise<{ sectionId: string; assignmentId: string; studentId: string }> };

export const metadata: Metadata = { title: "Student work" };

export default async function StudentWorkPage({ params }: Props) {
  const { sectionId, assignmentId, studentId } = await params;
  const base = `/sections/${sectionId}/assignments/${assignmentId}`;
  const user = await pageUser("teacher", `${base}/students/${studentId}`);
  const { assignment, student, submission, images, attempts, status } = orNotFound(() => getSubmissionForTeacher(user, sectionId, assignmentId, studentId));

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={base} className="text-indigo-700 underline">
          {assignment.title}
        </Link>
      </nav>
      <header className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-bold tracking-tight break-words">{student.name}</h1>
        <Badge tone={status === "submitted_late" ? "amber" : "indigo"}>{STATUS_LABELS[status]}</Badge>
        <span className="w-full text-sm text-slate-600">{student.email}</span>
      </header>
      {!submission ? (
        <Card className="text-sm text-slate-600">{student.name} hasn&apos;t started this assignment.</Card>
      ) : (
        <>
          <Card>
            <h2 className="mb-4 text-lg font-semibold">{submission.submittedAt ? "Current draft" : "Draft in progress"}</h2>
            <p className="mb-4 text-xs text-slate-500">
              Last change <LocalTime iso={submission.updatedAt.toISOString()} />
            </p>
            <WorkView draft={submission.draft} images={images} content={assignment.content} />
          </Card>
          <section aria-labelledby="attempts-heading">
            <h2 id="attempts-heading" className="mb-2 text-lg font-semibold">
              Submissions ({attempts.length})
            </h2>
            {attempts.length === 0 && <p className="text-sm text-slate-600">Not submitted yet.</p>}
            <div className="space-y-3" data-testid="teacher-attempts">
              {attempts.map((attempt) => (
                <details key={attempt.id} open={attempt.number === attempts[0]?.number} className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
                  <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">
                    Attempt {attempt.number} · <LocalTime iso={attempt.submittedAt.toISOString()} />
                    {attempt.late && (
                      <span className="ml-2">
                        <Badge tone="amber">Late</Badge>
                      </span>
                    )}
                  </summary>
                  <div className="border-t border-slate-100 p-4">
                    <WorkView draft={attempt.snapshot.draft} images={attempt.snapshot.images} content={assignment.content} />
                  </div>
                </details>
              ))}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
