import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EraseStudentForm } from "@/components/privacy/erase-student-form";
import { CancelErasureButton, ScheduleErasureButton } from "@/components/privacy/erasure-buttons";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { getErasurePreview } from "@/db/queries/privacy";
import { erasureNoticeDays } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { PERSONAL_DATA } from "@/lib/privacy/registry";
import { pageUser } from "@/lib/server/authz";
import { idSchema } from "@/lib/validations/common";
import { EmailAddress } from "@/components/ui/email-address";

/** Step 1's part of the page, the same element before and after it changes (its buttons move the focus to it). */
const STEP_ID = "erasure-step-1";
export const metadata: Metadata = { title: "Student data" };

type Props = { params: Promise<{ userId: string }> };

/** What the app holds about one student, their download, and their erasure. Administrators only. */
export default async function StudentPrivacyPage({ params }: Props) {
  const { userId } = await params;
  const admin = await pageUser("admin", `/admin/accounts/${userId}/privacy`);
  if (!idSchema.safeParse(userId).success) notFound();
  const preview = await getErasurePreview(admin, userId).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const { student, counts, gradebooks, erasure } = preview;
  const { request, teachers } = erasure;
  const waiting = teachers.filter((t) => t.acknowledgedAt === null).map((t) => t.name);
  const held = PERSONAL_DATA.filter((entry) => (counts[entry.table] ?? 0) > 0);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Data of ${student.name}`}
        description={<EmailAddress address={student.email} />}
        actions={
          <a href={`/api/admin/students/${student.id}/export`} download className={buttonClass("secondary")}>
            Download data
          </a>
        }
      />
      <Card>
        <h2 className="font-semibold">What the app holds</h2>
        {held.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nothing besides the account itself.</p>
        ) : (
          <table className="mt-3 w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">
                  Kind
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Records
                </th>
              </tr>
            </thead>
            <tbody>
              {held.map((entry) => (
                <tr key={entry.table} className="border-t border-slate-100" data-testid={`count-${entry.table}`}>
                  <td className="py-1 pr-4 first-letter:uppercase">{entry.holds}</td>
                  <td className="py-1 text-right tabular-nums">{counts[entry.table]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card className="ring-red-200">
        <h2 className="font-semibold text-red-800">Erase this student</h2>
        <p className="mt-1 text-sm text-slate-700">
          This deletes the account, every draft, image, attempt, score and comment, at once and for good. Grade history and the access log
          keep that something happened, but no longer to whom. Download the data first if the student or their family asked for a copy.
        </p>
        <h3 className="mt-4 text-sm font-semibold">Gradebooks that lose this student</h3>
        {gradebooks.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">None: the student is in no class.</p>
        ) : (
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm" data-testid="affected-gradebooks">
            {gradebooks.map((g) => (
              <li key={`${g.teacherName}-${g.sectionName}-${g.graded}`}>
                {g.teacherName}: {g.sectionName}
                {g.archived ? " (archived)" : ""} — {g.graded} graded submission{g.graded === 1 ? "" : "s"}
              </li>
            ))}
          </ul>
        )}
        {teachers.length > 0 && (
          <>
            <h3 className="mt-4 text-sm font-semibold">Step 1: warn the teachers</h3>
            {/* One element either way (the buttons move the focus to it): its id and place stay. */}
            {request === null ? (
              <div id={STEP_ID} tabIndex={-1} className="mt-1 space-y-3 text-sm text-slate-700">
                <p>
                  Each teacher then sees a warning on their sections, with their gradebook to download. The erasure can go ahead once every
                  teacher has acknowledged it, or {erasureNoticeDays()} days after the warning.
                </p>
                <ScheduleErasureButton userId={student.id} stepId={STEP_ID} />
              </div>
            ) : (
              <div id={STEP_ID} tabIndex={-1} className="mt-1 space-y-2 text-sm">
                <ul className="space-y-1" data-testid="erasure-teachers">
                  {teachers.map((t) => (
                    <li key={t.id}>
                      <span className="font-medium">{t.name}</span>: warned on{" "}
                      <LocalTime iso={request.requestedAt.toISOString()} dateOnly />
                      {", "}
                      {t.acknowledgedAt ? (
                        <>
                          acknowledged on <LocalTime iso={t.acknowledgedAt.toISOString()} dateOnly />
                        </>
                      ) : (
                        <span className="text-amber-800">not yet acknowledged</span>
                      )}
                    </li>
                  ))}
                </ul>
                <CancelErasureButton userId={student.id} stepId={STEP_ID} />
              </div>
            )}
            <h3 className="mt-4 text-sm font-semibold">Step 2: erase</h3>
          </>
        )}
        <div className="mt-2 max-w-md">
          {erasure.ready ? (
            <EraseStudentForm userId={student.id} email={student.email} />
          ) : (
            <p className="text-sm text-slate-700" data-testid="erasure-waiting">
              {request === null ? (
                "Possible once the teachers have been warned and each has acknowledged, or after the notice period."
              ) : (
                <>
                  Waiting for {waiting.join(", ")} to acknowledge, or until <LocalTime iso={request.eraseAfter.toISOString()} />, whichever
                  comes first.
                </>
              )}
            </p>
          )}
        </div>
      </Card>
    </div>
  );
}
