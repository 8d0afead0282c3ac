"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { returnWorkAction, setAnonymousAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { DISPLAY_LABELS, StatusBadge, type DisplayStatus } from "@/components/status-badge";
import { Button, buttonClass } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { useReady } from "@/components/ui/use-ready";

export type SubmissionRow = {
  studentId: string;
  label: string;
  email: string | null;
  status: DisplayStatus;
  attempts: number;
  total: number | null;
  submittedAt: string | null;
  needsGrading: boolean;
};

type SortKey = "label" | "status" | "submittedAt" | "total";
type Filter = "all" | "needs" | "graded" | "returned" | "missing";

const FILTERS: Record<Filter, { label: string; test: (r: SubmissionRow) => boolean }> = {
  all: { label: "Everyone", test: () => true },
  needs: { label: "Needs grading", test: (r) => r.needsGrading },
  graded: { label: "Graded, not returned", test: (r) => r.status === "graded" },
  returned: { label: "Returned", test: (r) => r.status === "returned" },
  missing: { label: "Not submitted", test: (r) => r.status === "not_started" || r.status === "in_progress" },
};

const STATUS_ORDER: DisplayStatus[] = ["submitted", "submitted_late", "graded", "returned", "in_progress", "not_started"];

type Props = { rows: SubmissionRow[]; maximum: number; gradePath: string; sectionId: string; assignmentId: string; anonymous: boolean };

/** Every student's work on one assignment: sortable, filterable, one click (or key) into grading. */
export function SubmissionsTable({ rows, maximum, gradePath, sectionId, assignmentId, anonymous }: Props) {
  const router = useRouter();
  const ready = useReady();
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "label", dir: 1 });
  const [filter, setFilter] = useState<Filter>("all");
  const { run, pending } = useRunAction();

  const shown = useMemo(() => {
    const value = (r: SubmissionRow): string | number =>
      sort.key === "label"
        ? r.label.toLowerCase()
        : sort.key === "status"
          ? STATUS_ORDER.indexOf(r.status)
          : sort.key === "total"
            ? (r.total ?? -1)
            : (r.submittedAt ?? "");
    return rows.filter(FILTERS[filter].test).sort((a, b) => {
      const [x, y] = [value(a), value(b)];
      // Anonymous order is already a stable shuffle; sorting by "Student N" keeps it numeric.
      const cmp = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return cmp * sort.dir;
    });
  }, [rows, sort, filter]);

  const firstUngraded = rows.find((r) => r.needsGrading);
  const gradedCount = rows.filter((r) => r.status === "graded").length;
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.dir === 1 ? "ascending" : "descending") : "none"} className="px-2 py-2 font-medium">
      <button
        type="button"
        className="inline-flex items-center gap-1 uppercase"
        onClick={() => setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : 1 }))}
      >
        {label}
        <span aria-hidden>{sort.key === key ? (sort.dir === 1 ? "▲" : "▼") : ""}</span>
      </button>
    </th>
  );

  return (
    <div className="space-y-4" data-ready={ready || undefined}>
      <div className="flex flex-wrap items-center gap-2">
        <Link
          href={`${gradePath}/${(firstUngraded ?? rows[0])?.studentId ?? ""}`}
          className={buttonClass("primary", rows.length ? "" : "pointer-events-none opacity-50")}
          aria-disabled={!rows.length}
        >
          Start grading
        </Link>
        {firstUngraded && (
          <Link href={`${gradePath}/${firstUngraded.studentId}`} className={buttonClass("secondary")}>
            Next ungraded
          </Link>
        )}
        <Button
          variant="secondary"
          pending={pending}
          disabled={gradedCount === 0}
          onClick={() =>
            run(returnWorkAction, { sectionId, assignmentId, allGraded: true }, ({ count }) => {
              toast.success(`Returned ${count} ${count === 1 ? "submission" : "submissions"}.`);
              router.refresh();
            })
          }
        >
          Return all graded ({gradedCount})
        </Button>
        <label className="ml-auto flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-indigo-600"
            checked={anonymous}
            disabled={pending}
            onChange={(e) =>
              run(setAnonymousAction, { sectionId, assignmentId, value: e.target.checked }, (d) => {
                toast.success(d.anonymous ? "Names hidden while grading." : "Names shown.");
                router.refresh();
              })
            }
          />
          Hide student names (anonymous grading)
        </label>
      </div>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor="submission-filter" className="text-slate-700">
          Show
        </label>
        <select
          id="submission-filter"
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
          className="rounded-md px-2 py-1 ring-1 ring-slate-300"
        >
          {Object.entries(FILTERS).map(([key, f]) => (
            <option key={key} value={key}>
              {f.label} ({rows.filter(f.test).length})
            </option>
          ))}
        </select>
      </div>
      <div className="-mx-5 overflow-x-auto sm:mx-0">
        <table className="w-full text-left text-sm" aria-label="Submissions">
          <thead className="text-xs text-slate-500">
            <tr>
              {header("label", "Student")}
              {header("status", "Status")}
              <th scope="col" className="hidden px-2 py-2 font-medium uppercase sm:table-cell">
                Attempts
              </th>
              {header("submittedAt", "Submitted")}
              {header("total", "Total")}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.map((row) => (
              <tr key={row.studentId} data-testid="submission-row">
                <td className="px-2 py-2">
                  <Link href={`${gradePath}/${row.studentId}`} className="font-medium break-words text-indigo-700 hover:underline">
                    {row.label}
                  </Link>
                  {row.email && <span className="block text-xs break-all text-slate-500">{row.email}</span>}
                </td>
                <td className="px-2 py-2">
                  <StatusBadge status={row.status} />
                </td>
                <td className="hidden px-2 py-2 sm:table-cell">{row.attempts}</td>
                <td className="px-2 py-2 whitespace-nowrap text-slate-600">
                  {row.submittedAt ? <LocalTime iso={row.submittedAt} /> : "—"}
                </td>
                <td className="px-2 py-2 whitespace-nowrap">{row.total === null ? "—" : `${row.total} / ${maximum}`}</td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={5} className="px-2 py-4 text-slate-600">
                  {rows.length === 0 ? "No students in this section yet." : `Nobody matches “${FILTERS[filter].label}”.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="sr-only" aria-live="polite">
        {shown.length} of {rows.length} shown, sorted by {sort.key}. {DISPLAY_LABELS.graded}: {gradedCount}.
      </p>
    </div>
  );
}
