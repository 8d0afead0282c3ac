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
  { option: "comments", label: "Include comments and feedback (detailed)" },
  { option: "bom", label: "Opening in Excel (keeps accents readable)" },
] as const;

/** Download links for the gradebook exports; the route checks the teacher itself. */
export function ExportLinks({ path }: { path: string }) {
  const [chosen, setChosen] = useState({ comments: false, bom: false });
  const ready = useReady();
  const href = (format: string) =>
    `${path}?format=${format}${chosen.comments && format === "detailed" ? "&comments=1" : ""}${chosen.bom ? "&bom=1" : ""}`;
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
          </label>
        ))}
      </div>
    </section>
  );
}
