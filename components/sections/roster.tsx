"use client";

import Link from "next/link";
import { useState } from "react";
import { cancelInvitationAction, resetOneTimePasswordAction } from "@/app/sections/[sectionId]/roster/actions";
import { setEnrollmentRemovedAction } from "@/app/sections/actions";
import { useRunAction } from "@/components/forms/run-action";
import { SignInSlips, type SignInSlip } from "@/components/roster/sign-in-slips";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { toast, useUndoToast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { EmailAddress } from "@/components/ui/email-address";

export type RosterRow = {
  enrollmentId: string;
  studentId: string;
  name: string;
  email: string;
  joinedAt: string;
  removedAt: string | null;
  hasSignedIn: boolean;
  canReplacePassword: boolean;
};

type InvitationRow = { invitationId: string; listedName: string; email: string; invitedAt: string; declinedAt: string | null };

type RosterProps = { sectionId: string; sectionName: string; roster: RosterRow[]; invitations: InvitationRow[]; archived: boolean };

export function Roster({ sectionId, sectionName, roster, invitations, archived }: RosterProps) {
  const active = roster.filter((r) => !r.removedAt);
  const removed = roster.filter((r) => r.removedAt);
  const { pending, run } = useRunAction();
  const [slips, setSlips] = useState<SignInSlip[]>([]);

  const offerUndo = useUndoToast();
  const focusWhenShown = useFocusWhenShown();
  // The row moves between the two lists: the focus follows it, to the (closed) list of removed
  // students, and back to the row's Remove.
  const setRemoved = (row: RosterRow, value: boolean) =>
    run(setEnrollmentRemovedAction, { sectionId, enrollmentId: row.enrollmentId, removed: value }, () => {
      if (value) {
        offerUndo(`${row.name} removed. Their work is kept.`, () => void setRemoved(row, false));
        focusWhenShown("removed-students");
      } else {
        toast.success(`${row.name} is back in the section.`);
        focusWhenShown(`remove-${row.enrollmentId}`);
      }
    });

  const newPassword = (row: RosterRow) => {
    if (!window.confirm(`Give ${row.name} a new one-time password? The one on their old slip stops working.`)) return;
    void run(resetOneTimePasswordAction, { sectionId, studentId: row.studentId }, (slip) => {
      setSlips((current) => [...current.filter((s) => s.studentId !== slip.studentId), slip]);
      toast.success(`New one-time password for ${row.name}. Print the slip below.`);
    });
  };

  return (
    <section aria-labelledby="roster-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="roster-heading" className="text-base font-semibold">
          Roster <span className="font-normal text-slate-500">({active.length})</span>
        </h2>
        <div className="flex flex-wrap gap-2">
          {!archived && (
            <Link href={`/sections/${sectionId}/roster/import`} className={buttonClass("secondary", "min-h-8 px-3 py-1")}>
              Import students
            </Link>
          )}
          {roster.length > 0 && (
            <>
              <a href={`/sections/${sectionId}/roster.csv`} download className={buttonClass("ghost", "min-h-8 px-3 py-1")}>
                Download roster (CSV)
              </a>
              <a href={`/sections/${sectionId}/roster.csv?bom=1`} download className={buttonClass("ghost", "min-h-8 px-3 py-1")}>
                For Excel<span className="sr-only"> (roster, keeps accents readable)</span>
              </a>
            </>
          )}
        </div>
      </div>
      {active.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">
          {archived
            ? "No students. Nobody can join while the section is archived."
            : "No students yet. Share the join link or code, or import your class list."}
        </p>
      ) : (
        <RosterTable
          rows={active}
          label="Students"
          pending={pending}
          onRemove={(row) => setRemoved(row, true)}
          onNewPassword={newPassword}
        />
      )}
      {invitations.length > 0 && <InvitationTable sectionId={sectionId} invitations={invitations} />}
      {slips.length > 0 && (
        <div className="mt-6">
          <SignInSlips sectionName={sectionName} slips={slips} />
        </div>
      )}
      {removed.length > 0 && (
        <details className="mt-6">
          <summary id="removed-students" className="cursor-pointer text-sm font-medium text-slate-700">
            Removed students ({removed.length})
          </summary>
          <RosterTable rows={removed} label="Removed students" pending={pending} onRestore={(row) => setRemoved(row, false)} />
        </details>
      )}
    </section>
  );
}

type TableProps = {
  rows: RosterRow[];
  label: string;
  pending: boolean;
  onRemove?: (row: RosterRow) => void;
  onRestore?: (row: RosterRow) => void;
  onNewPassword?: (row: RosterRow) => void;
};

function RosterTable({ rows, label, pending, onRemove, onRestore, onNewPassword }: TableProps) {
  return (
    <div className="mt-3 -mx-5 overflow-x-auto sm:mx-0">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium sm:px-2">
              Name
            </th>
            <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">
              Email
            </th>
            <th scope="col" className="hidden px-2 py-2 font-medium md:table-cell">
              Joined
            </th>
            <th scope="col" className="px-5 py-2 sm:px-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.enrollmentId}>
              <td className="px-5 py-2 sm:px-2">
                <span className="block font-medium wrap-anywhere">{row.name}</span>
                <EmailAddress address={row.email} className="block text-xs text-slate-500 sm:hidden" squeeze />
                {!row.hasSignedIn && (
                  <span className="mt-1 block">
                    <Badge tone="amber">Hasn&apos;t signed in yet</Badge>
                  </span>
                )}
              </td>
              <td className="hidden px-2 py-2 text-slate-600 sm:table-cell">
                <EmailAddress address={row.email} />
              </td>
              <td className="hidden px-2 py-2 whitespace-nowrap text-slate-600 md:table-cell">
                <LocalTime iso={row.joinedAt} dateOnly />
              </td>
              <td className="px-5 py-2 text-right sm:px-2">
                <div className="flex flex-wrap justify-end gap-2">
                  {onNewPassword && row.canReplacePassword && (
                    <Button
                      variant="secondary"
                      className="min-h-8 px-3 py-1"
                      disabled={pending}
                      onClick={() => onNewPassword(row)}
                      aria-label={`New password for ${row.name} (a one-time password, on a new slip)`}
                    >
                      New password
                    </Button>
                  )}
                  {onRemove && (
                    <Button
                      variant="danger"
                      className="min-h-8 px-3 py-1"
                      disabled={pending}
                      onClick={() => onRemove(row)}
                      id={`remove-${row.enrollmentId}`}
                      aria-label={`Remove ${row.name}`}
                    >
                      Remove
                    </Button>
                  )}
                  {onRestore && (
                    <Button
                      variant="secondary"
                      className="min-h-8 px-3 py-1"
                      disabled={pending}
                      onClick={() => onRestore(row)}
                      id={`restore-${row.enrollmentId}`}
                      aria-label={`Restore ${row.name}`}
                    >
                      Restore
                    </Button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Students with an account of their own who were invited: they join only when they accept. */
function InvitationTable({ sectionId, invitations }: { sectionId: string; invitations: InvitationRow[] }) {
  const { pending, run } = useRunAction();
  const cancel = (row: InvitationRow) =>
    run(cancelInvitationAction, { sectionId, invitationId: row.invitationId }, () =>
      toast.success(`Invitation for ${row.listedName} withdrawn.`),
    );
  return (
    <div className="mt-6">
      <h3 className="text-sm font-semibold text-slate-800">Invited ({invitations.length})</h3>
      <p className="text-xs text-slate-600">
        They already had an account, so they join when they accept the invitation on their “My classes” page.
      </p>
      <div className="mt-2 -mx-5 overflow-x-auto sm:mx-0">
        <table className="w-full text-left text-sm" aria-label="Invited students">
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-5 py-2 font-medium sm:px-2">
                Name on your list
              </th>
              <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">
                Email
              </th>
              <th scope="col" className="px-2 py-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-5 py-2 sm:px-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {invitations.map((row) => (
              <tr key={row.invitationId} data-testid="invitation-row">
                <td className="px-5 py-2 sm:px-2">
                  <span className="block font-medium wrap-anywhere">{row.listedName}</span>
                  <EmailAddress address={row.email} className="block text-xs text-slate-500 sm:hidden" squeeze />
                </td>
                <td className="hidden px-2 py-2 text-slate-600 sm:table-cell">
                  <EmailAddress address={row.email} />
                </td>
                <td className="px-2 py-2">{row.declinedAt ? <Badge>Declined</Badge> : <Badge tone="indigo">Invited</Badge>}</td>
                <td className="px-5 py-2 text-right sm:px-2">
                  <Button
                    variant="secondary"
                    className="min-h-8 px-3 py-1"
                    disabled={pending}
                    onClick={() => cancel(row)}
                    aria-label={`Withdraw the invitation for ${row.listedName}`}
                  >
                    Withdraw
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
