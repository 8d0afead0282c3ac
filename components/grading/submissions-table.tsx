"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { toast, useUndoToast } from "@/components/ui/toast";
import {
  returnWorkAction,
  setAnonymousAction,
  undoReturnAllAction,
} from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { ViewSelect } from "./view-select";
import { BulkBar } from "@/components/grading/bulk-bar";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useRunAction } from "@/components/forms/run-action";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { LocalTime } from "@/components/ui/local-time";
import { useReady } from "@/components/ui/use-ready";
import {
  filterLabel,
  allGraded,
  gradeSearch,
  isNotHandedIn,
  QUEUE_FILTERS,
  QUEUE_PAGE_SIZE,
  QUEUE_SORTS,
  queueSearch,
  SORT_LABELS,
  SORT_WORDS,
  sortValue,
  type DisplayStatus,
  type QueueFilter,
  type QueueSort,
  type QueueView,
} from "@/lib/grading-queue";
import { plural } from "@/lib/text";
import { EmailAddress } from "@/components/ui/email-address";

type SubmissionRow = {
  studentId: string;
  label: string;
  email: string | null;
  status: DisplayStatus;
  attempts: number;
  total: number | null;
  submittedAt: string | null;
  late: boolean;
  /** Not handed in and past this student's due date (db/queries/queue.ts). */
  missing: boolean;
  /** The student's own due date (an extension), as an ISO instant. */
  extendedTo: string | null;
  /** When the student joined, if after the class's due date and their work is missing (db/queries/queue.ts). */
  joinedAfterDue: string | null;
};

type Props = {
  rows: SubmissionRow[];
  counts: Record<QueueFilter | "notStarted" | "inProgress", number>;
  view: QueueView;
  pageCount: number;
  maximum: number;
  /** The Students list's own address, without a query string. */
  listPath: string;
  gradePath: string;
  /** Where "Start grading" and "Next ungraded" go, in this view's order (db/queries/queue.ts `firstStops`). */
  startHref: string | null;
  nextUngradedHref: string | null;
  sectionId: string;
  assignmentId: string;
  anonymous: boolean;
  /** The class is past due (or closed early): the filter of work not handed in is called Missing. */
  pastDue: boolean;
  /** The class's due date, as an ISO instant (an extension must be later). */
  classDueAt: string;
};

/**
 * One page of every student's work on one assignment. Sorting, filtering and paging happen on the
 * server (the view lives in the address: ?filter=&sort=&dir=&page=), so a class of 5,000 costs what
 * a class of 50 does; one click (or key) into grading.
 */
export function SubmissionsTable(props: Props) {
  const { rows, counts, view, pageCount, maximum, listPath, gradePath, sectionId, assignmentId, anonymous, pastDue } = props;
  const router = useRouter();
  const ready = useReady();
  const [navigating, startNavigation] = useTransition();
  const { run, pending } = useRunAction();
  const offerUndo = useUndoToast();
  const href = (change: Partial<QueueView>) => `${listPath}${queueSearch({ ...view, ...change })}`;
  // A student opened from this view is graded in its order: the grading view's previous and next walk
  // it, from the place the student has in it now.
  const gradeHref = (row: SubmissionRow) => `${gradePath}/${row.studentId}${gradeSearch(view, sortValue(view.sort, row))}`;
  const first = (view.page - 1) * QUEUE_PAGE_SIZE;
  // Where "Next ungraded" (N) lands once nothing is left: say so, rather than "nobody matches".
  const allDone = view.filter === "needs" && allGraded(counts);
  // Rows picked for the bar (excuse, extend): work not handed in, on this page of the list (a new page,
  // filter or sort starts with none).
  const pageKey = queueSearch(view);
  const [picked, setPicked] = useState<{ pageKey: string; ids: ReadonlySet<string> }>({ pageKey, ids: new Set() });
  const pickedIds = picked.pageKey === pageKey ? picked.ids : new Set<string>();
  const excusable = rows.filter((row) => isNotHandedIn(row.status));
  const selected = excusable.filter((row) => pickedIds.has(row.studentId));
  const selectAll = useRef<HTMLInputElement>(null);
  const pick = (ids: string[], on: boolean) => {
    const next = new Set(pickedIds);
    for (const id of ids)
      if (on) next.add(id);
      else next.delete(id);
    setPicked({ pageKey, ids: next });
  };
  const columns = excusable.length > 0 ? 6 : 5;

  // `wide`: a column shown from the sm breakpoint up; on a phone its figure sits under the status.
  const header = (key: QueueSort, label: string, wide = false) => {
    const current = view.sort === key;
    return (
      <th
        scope="col"
        aria-sort={current ? (view.dir === "asc" ? "ascending" : "descending") : "none"}
        className={`px-2 py-2 font-medium ${wide ? "hidden sm:table-cell" : ""}`}
      >
        <Link
          href={href({ sort: key, dir: current && view.dir === "asc" ? "desc" : "asc", page: 1 })}
          scroll={false}
          className="inline-flex items-center gap-1 uppercase hover:text-slate-800"
        >
          {label}
          <span aria-hidden>{current ? (view.dir === "asc" ? "▲" : "▼") : ""}</span>
        </Link>
      </th>
    );
  };

  return (
    <div className="space-y-4" data-ready={ready || undefined}>
      <div className="flex flex-wrap items-center gap-2">
        {props.startHref ? (
          <Link href={props.startHref} className={buttonClass("primary")}>
            Start grading
          </Link>
        ) : (
          // Nobody in the class yet (anyone in it can be graded, a draft too): a real disabled button,
          // out of the Tab order, with no link to prefetch.
          <Button disabled title="Nobody is in this class yet">
            Start grading
          </Button>
        )}
        {props.nextUngradedHref && (
          <Link href={props.nextUngradedHref} className={buttonClass("secondary")}>
            Next ungraded
          </Link>
        )}
        <ConfirmButton
          label={`Return all graded (${counts.graded})`}
          variant="primary"
          confirmLabel={`Return ${plural(counts.graded, "submission")}`}
          question={`${plural(counts.graded, "student")} will see their scores and feedback as soon as you return them. Return all graded work now?`}
          pending={pending}
          disabled={counts.graded === 0}
          onConfirm={() =>
            run(returnWorkAction, { sectionId, assignmentId, allGraded: true }, ({ count, returnedAt }) => {
              if (count === 0) toast.info("Nothing graded was left to return.");
              // Undone from the toast as one return is from its own: the work goes back to graded,
              // except what was reopened or returned again meanwhile.
              else
                offerUndo(`Returned ${plural(count, "submission")}.`, () =>
                  run(undoReturnAllAction, { sectionId, assignmentId, returnedAt }, ({ undone }) => {
                    if (undone === count) toast.success(`Undone: ${plural(undone, "submission")} no longer returned.`);
                    else if (undone === 0) toast.warning("Not undone: that work has been reopened or returned again since.");
                    else toast.warning(`Undone for ${undone} of ${count}: the others were reopened or returned again since.`);
                    router.refresh();
                  }),
                );
              // The button goes disabled with nothing left to return: the focus goes on to the list's filter.
              document.getElementById("submission-filter")?.focus();
              router.refresh();
            })
          }
        />
        <label className="ml-auto flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-indigo-600"
            checked={anonymous}
            // While it saves, it refuses changes but keeps the focus (disabling it would drop it to the page).
            disabled={!ready}
            aria-disabled={pending || undefined}
            onChange={(e) =>
              !pending &&
              run(setAnonymousAction, { sectionId, assignmentId, value: e.target.checked }, (d) => {
                toast.success(d.anonymous ? "Names hidden while grading." : "Names shown.");
                router.refresh();
              })
            }
          />
          Hide student names (anonymous grading)
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor="submission-filter" className="text-slate-700">
          Show
        </label>
        <ViewSelect
          id="submission-filter"
          value={view.filter}
          view={pageKey}
          disabled={!ready}
          onPick={(filter) => startNavigation(() => router.push(href({ filter: filter as QueueFilter, page: 1 }), { scroll: false }))}
          className="rounded-md px-2 py-1 ring-1 ring-slate-300"
        >
          {QUEUE_FILTERS.map((key) => (
            <option key={key} value={key}>
              {filterLabel(key, pastDue)} ({counts[key]})
            </option>
          ))}
        </ViewSelect>
        {/* On a phone the Submitted and Total columns, and so their sort links, are hidden: sort here. */}
        <label htmlFor="submission-sort" className="ml-2 text-slate-700 sm:hidden">
          Sort
        </label>
        <ViewSelect
          id="submission-sort"
          value={`${view.sort} ${view.dir}`}
          view={pageKey}
          disabled={!ready}
          onPick={(picked) => {
            const [sort, dir] = picked.split(" ") as [QueueSort, QueueView["dir"]];
            startNavigation(() => router.push(href({ sort, dir, page: 1 }), { scroll: false }));
          }}
          className="min-w-0 rounded-md px-2 py-1 ring-1 ring-slate-300 sm:hidden"
        >
          {QUEUE_SORTS.flatMap((key) =>
            (["asc", "desc"] as const).map((dir) => (
              <option key={`${key} ${dir}`} value={`${key} ${dir}`}>
                {SORT_WORDS[key][dir]}
              </option>
            )),
          )}
        </ViewSelect>
        {navigating && <span className="text-slate-500">Loading…</span>}
      </div>
      {excusable.length > 0 && (
        <BulkBar
          sectionId={sectionId}
          assignmentId={assignmentId}
          classDueAt={props.classDueAt}
          offerUndo={offerUndo}
          selected={selected.map((row) => ({ studentId: row.studentId, excused: row.status === "excused", extendedTo: row.extendedTo }))}
          done={(changed) => {
            setPicked({ pageKey, ids: new Set() });
            // Under a filter the changed rows leave the list, and the column with them: the filter stays.
            if (changed && view.filter !== "all") document.getElementById("submission-filter")?.focus();
            else selectAll.current?.focus();
          }}
        />
      )}
      <div className="-mx-5 overflow-x-auto sm:mx-0">
        <table className="w-full text-left text-sm" aria-label="Submissions" aria-busy={navigating || undefined}>
          <thead className="text-xs text-slate-500">
            <tr>
              {excusable.length > 0 && (
                <th scope="col" className="w-8 px-2 py-2">
                  <input
                    ref={(box) => {
                      selectAll.current = box;
                      if (box) box.indeterminate = selected.length > 0 && selected.length < excusable.length;
                    }}
                    type="checkbox"
                    className="size-4 accent-indigo-600"
                    aria-label="Select everyone on this page who hasn't handed in"
                    checked={selected.length > 0 && selected.length === excusable.length}
                    disabled={!ready}
                    onChange={(e) =>
                      pick(
                        excusable.map((row) => row.studentId),
                        e.target.checked,
                      )
                    }
                  />
                </th>
              )}
              {header("label", "Student")}
              {header("status", "Status")}
              <th scope="col" className="hidden px-2 py-2 font-medium uppercase sm:table-cell">
                Attempts
              </th>
              {header("submittedAt", "Submitted", true)}
              {header("total", "Total", true)}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.studentId} data-testid="submission-row">
                {excusable.length > 0 && (
                  <td className="px-2 py-2">
                    {isNotHandedIn(row.status) && (
                      <input
                        type="checkbox"
                        className="size-4 accent-indigo-600"
                        aria-label={`Select ${row.label}`}
                        checked={pickedIds.has(row.studentId)}
                        disabled={!ready}
                        onChange={(e) => pick([row.studentId], e.target.checked)}
                      />
                    )}
                  </td>
                )}
                <td className="px-2 py-2">
                  <Link href={gradeHref(row)} className="font-medium break-words text-indigo-700 hover:underline">
                    {row.label}
                  </Link>
                  {row.email && <EmailAddress address={row.email} className="block text-xs text-slate-500" />}
                </td>
                <td className="px-2 py-2">
                  <StatusBadge status={row.status} late={row.late} missing={row.missing} />
                  {row.extendedTo && (
                    <span className="mt-0.5 block text-xs text-slate-600" data-testid="extended-to">
                      Extended to <LocalTime iso={row.extendedTo} />
                    </span>
                  )}
                  {row.joinedAfterDue && (
                    <span className="mt-0.5 block text-xs text-slate-600" data-testid="joined-after-due">
                      Joined <LocalTime iso={row.joinedAfterDue} dateOnly />, after the due date
                    </span>
                  )}
                  {/* On a phone, the Submitted and Total columns' figures, here rather than off the screen. */}
                  {(row.submittedAt || row.total !== null) && (
                    <span className="mt-0.5 block text-xs text-slate-600 sm:hidden" data-testid="row-figures">
                      {row.submittedAt && (
                        <>
                          Submitted <LocalTime iso={row.submittedAt} />
                        </>
                      )}
                      {row.submittedAt && row.total !== null && <span aria-hidden> · </span>}
                      {row.total !== null && `Total ${row.total} of ${maximum}`}
                    </span>
                  )}
                </td>
                <td className="hidden px-2 py-2 sm:table-cell">{row.attempts}</td>
                <td className="hidden px-2 py-2 text-slate-600 sm:table-cell md:whitespace-nowrap">
                  {row.submittedAt ? <LocalTime iso={row.submittedAt} /> : "—"}
                </td>
                <td className="hidden px-2 py-2 whitespace-nowrap sm:table-cell">
                  {row.total === null ? "—" : `${row.total} / ${maximum}`}
                </td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns} className="px-2 py-4 text-slate-600">
                  {counts.all === 0
                    ? "No students in this section yet."
                    : allDone
                      ? "All graded: nobody’s work is waiting for a grade."
                      : `Nobody matches “${filterLabel(view.filter, pastDue)}”.`}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav aria-label="Pages of students" className="flex flex-wrap items-center justify-between gap-2 text-sm">
          <p className="text-slate-600" data-testid="submission-range">
            {first + 1}–{first + rows.length} of {counts[view.filter]}
          </p>
          <div className="flex items-center gap-2">
            <PageLink href={view.page > 1 ? href({ page: view.page - 1 }) : null} label="← Previous page" />
            <span className="text-slate-600">
              Page {view.page} of {pageCount}
            </span>
            <PageLink href={view.page < pageCount ? href({ page: view.page + 1 }) : null} label="Next page →" />
          </div>
        </nav>
      )}
      <p className="sr-only" aria-live="polite">
        {allDone ? "All graded. " : ""}
        {rows.length} of {counts[view.filter]} shown, sorted by {SORT_LABELS[view.sort]}. Graded, not returned: {counts.graded}.
      </p>
    </div>
  );
}

function PageLink({ href, label }: { href: string | null; label: string }) {
  return href ? (
    <Link href={href} className={buttonClass("secondary")}>
      {label}
    </Link>
  ) : (
    <span aria-disabled className={buttonClass("secondary", "pointer-events-none opacity-50")}>
      {label}
    </span>
  );
}
