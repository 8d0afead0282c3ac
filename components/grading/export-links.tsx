"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { useReady } from "@/components/ui/use-ready";

const FORMATS = [
  { format: "detailed", label: "Detailed CSV", hint: "every criterion, level, total and date" },
  { format: "canvas", label: "Canvas CSV", hint: "for Canvas's gradebook import" },
  { format: "simple", label: "Simple CSV", hint: "email, name and total" },
] as const;

const OPTIONS = [
  { option: "returned", label: "Only grades returned to students" },
  { option: "comments", label: "Include comments and feedback (detailed)" },
  { option: "bom", label: "Opening in Excel (keeps accents readable)" },
] as const;

/**
 * Download links for the gradebook exports; the route checks the teacher itself. `unreturned`: work
 * with points not returned (scored in part or whole, a draft too), whose totals the files carry unless "Only
 * grades returned" is ticked (a gradebook import would post them before the students have seen them).
 * Ticked, those points are left out, and reopened work gives the grade returned before instead: the
 * student still has it, and an import must not blank it.
 */
export function ExportLinks({ path, unreturned }: { path: string; unreturned: number }) {
  const [chosen, setChosen] = useState({ returned: false, comments: false, bom: false });
  const ready = useReady();
  const href = (format: string) =>
    `${path}?format=${format}${chosen.returned ? "&returned=1" : ""}${chosen.comments && format === "detailed" ? "&comments=1" : ""}${chosen.bom ? "&bom=1" : ""}`;
  return (
    <section aria-labelledby="export-heading" className="space-y-2">
      <h3 id="export-heading" className="text-sm font-semibold">
        Export grades
      </h3>
      <div className="flex flex-wrap gap-2">
        {FORMATS.map((f) => (
          <a key={f.format} href={href(f.format)} download className={buttonClass("secondary")} title={f.hint}>
            {f.label}
          </a>
        ))}
      </div>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {OPTIONS.map(({ option, label }) => (
          <label key={option} className="flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4 accent-indigo-600"
              checked={chosen[option]}
              disabled={!ready}
              onChange={(e) => setChosen((now) => ({ ...now, [option]: e.target.checked }))}
            />
            {label}
            {option === "returned" && <UnreturnedNote unreturned={unreturned} leftOut={chosen.returned} />}
          </label>
        ))}
      </div>
    </section>
  );
}

/** How many have points not returned yet, and what the files do with them. */
function UnreturnedNote({ unreturned, leftOut }: { unreturned: number; leftOut: boolean }) {
  if (unreturned === 0) return null;
  return (
    <span className="text-slate-600">
      ({unreturned} with points not returned yet
      {leftOut ? ": left out, reopened work giving the grade returned before" : ": their totals are in the files"})
    </span>
  );
}

/**
 * The section page's download of every assignment's totals side by side, plain or for Excel, with
 * the same "Only grades returned" choice as one assignment's files. `unreturned`: as ExportLinks,
 * summed over the section's assignments.
 */
export function SectionExportLinks({ path, unreturned }: { path: string; unreturned: number }) {
  const [returned, setReturned] = useState(false);
  const ready = useReady();
  const href = (bom: boolean) => {
    const query = [returned ? "returned=1" : null, bom ? "bom=1" : null].filter(Boolean).join("&");
    return query ? `${path}?${query}` : path;
  };
  return (
    <div className="mt-4 space-y-1 text-sm">
      <p>
        <a href={href(false)} download className="font-medium text-indigo-700 underline">
          Export all grades (CSV, one column group per assignment)
        </a>
        <span aria-hidden> · </span>
        <a href={href(true)} download className="font-medium text-indigo-700 underline">
          the same, for Excel<span className="sr-only"> (all grades, keeps accents readable)</span>
        </a>
      </p>
      <label className="flex flex-wrap items-center gap-2">
        <input
          type="checkbox"
          className="size-4 accent-indigo-600"
          checked={returned}
          disabled={!ready}
          onChange={(e) => setReturned(e.target.checked)}
        />
        Only grades returned to students
        <UnreturnedNote unreturned={unreturned} leftOut={returned} />
      </label>
    </div>
  );
}
