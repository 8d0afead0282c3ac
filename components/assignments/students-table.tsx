import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { STATUS_LABELS, type WorkStatus } from "@/lib/workspace";

export type AssignmentStudentRow = {
  studentId: string;
  name: string;
  email: string;
  status: WorkStatus;
  attempts: number;
  submittedAt: string | null;
};

const TONES: Record<WorkStatus, "slate" | "indigo" | "green" | "amber"> = {
  not_started: "slate",
  in_progress: "indigo",
  submitted: "green",
  submitted_late: "amber",
  returned: "green",
};

/** Where each active student of the section stands on one assignment; a name opens their work. */
export function StudentsTable({ rows, assignmentPath }: { rows: AssignmentStudentRow[]; assignmentPath: string }) {
  if (rows.length === 0) {
    return <p className="text-sm text-slate-600">No students in this section yet. Share the join code from the section page and they will appear here.</p>;
  }
  return (
    <div className="-mx-5 overflow-x-auto sm:mx-0">
      <table className="w-full text-left text-sm" aria-label="Student progress">
        <thead className="text-xs text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium sm:px-2">Name</th>
            <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">Email</th>
            <th scope="col" className="px-5 py-2 font-medium sm:px-2">Status</th>
            <th scope="col" className="hidden px-2 py-2 text-right font-medium sm:table-cell">Attempts</th>
            <th scope="col" className="hidden px-2 py-2 font-medium sm:table-cell">Last submitted</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.studentId}>
              <td className="px-5 py-2 sm:px-2">
                <Link href={`${assignmentPath}/students/${row.studentId}`} className="block font-medium break-words text-indigo-700 underline-offset-2 hover:underline">
                  {row.name}
                </Link>
                <span className="block text-xs break-all text-slate-500 sm:hidden">{row.email}</span>
              </td>
              <td className="hidden px-2 py-2 break-all text-slate-600 sm:table-cell">{row.email}</td>
              <td className="px-5 py-2 whitespace-nowrap sm:px-2">
                <Badge tone={TONES[row.status]}>{STATUS_LABELS[row.status]}</Badge>
                {/* Below sm the attempts and last-submitted columns fold in here. */}
                <span className="mt-0.5 block text-xs text-slate-500 sm:hidden">
                  {row.attempts} {row.attempts === 1 ? "attempt" : "attempts"}
                  {row.submittedAt && (
                    <>
                      {" · "}
                      <LocalTime iso={row.submittedAt} dateOnly />
                    </>
                  )}
                </span>
              </td>
              <td className="hidden px-2 py-2 text-right tabular-nums text-slate-600 sm:table-cell">{row.attempts}</td>
              <td className="hidden px-2 py-2 text-slate-600 sm:table-cell">
                {row.submittedAt ? <LocalTime iso={row.submittedAt} /> : <>
                    <span aria-hidden>—</span>
                    <span className="sr-only">Not submitted</span>
                  </>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
