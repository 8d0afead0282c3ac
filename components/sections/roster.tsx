"use client";

import { toast } from "sonner";
import { setEnrollmentRemovedAction } from "@/app/sections/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";

export type RosterRow = {
  enrollmentId: string;
  name: string;
  email: string;
  joinedAt: string;
  removedAt: string | null;
};

export function Roster({ sectionId, roster }: { sectionId: string; roster: RosterRow[] }) {
  const active = roster.filter((r) => !r.removedAt);
  const removed = roster.filter((r) => r.removedAt);
  const { pending, run } = useRunAction();

  const setRemoved = (row: RosterRow, value: boolean) =>
    run(setEnrollmentRemovedAction, { sectionId, enrollmentId: row.enrollmentId, removed: value }, () => {
      if (value) {
        toast.success(`${row.name} removed. Their work is kept.`, { action: { label: "Undo", onClick: () => setRemoved(row, false) } });
      } else {
        toast.success(`${row.name} is back in the section.`);
      }
    });

  return (
    <section aria-labelledby="roster-heading">
      <h2 id="roster-heading" className="text-base font-semibold">
        Roster <span className="font-normal text-slate-500">({active.length})</span>
      </h2>
      {active.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No students yet. Share the join link or code and they will appear here.</p>
      ) : (
        <RosterTable rows={active} label="Students" actionLabel="Remove" pending={pending} onAction={(row) => setRemoved(row, true)} />
      )}
      {removed.length > 0 && (
        <details className="mt-6">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">Removed students ({removed.length})</summary>
          <RosterTable rows={removed} label="Removed students" actionLabel="Restore" pending={pending} onAction={(row) => setRemoved(row, false)} />
        </details>
      )}
    </section>
  );
}

function RosterTable({ rows, label, actionLabel, pending, onAction }: { rows: RosterRow[]; label: string; actionLabel: string; pending: boolean; onAction: (row: RosterRow) => void }) {
  return (
    <div className="mt-3 -mx-5 overflow-x-auto sm:mx-0">
      <table className="w-full text-left text-sm" aria-label={label}>
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium sm:px-2">Name</th>
            <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">Email</th>
            <th scope="col" className="hidden px-2 py-2 font-medium md:table-cell">Joined</th>
            <th scope="col" className="px-5 py-2 sm:px-2"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.enrollmentId}>
              <td className="px-5 py-2 sm:px-2">
                <span className="block font-medium break-words">{row.name}</span>
                <span className="block text-xs break-all text-slate-500 sm:hidden">{row.email}</span>
              </td>
              <td className="hidden px-2 py-2 break-all text-slate-600 sm:table-cell">{row.email}</td>
              <td className="hidden px-2 py-2 whitespace-nowrap text-slate-600 md:table-cell">
                <LocalTime iso={row.joinedAt} />
              </td>
              <td className="px-5 py-2 text-right sm:px-2">
                <Button variant={actionLabel === "Remove" ? "danger" : "secondary"} className="min-h-8 px-3 py-1" disabled={pending} onClick={() => onAction(row)} aria-label={`${actionLabel} ${row.name}`}>
                  {actionLabel}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
