"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { useReady } from "@/components/ui/use-ready";

const FORMATS = [
  { format: "detailed", label: "Detailed CSV", hint: "every criterion, level, total and date" },
  { format: "canvas", label: "Canvas CSV", hint: "for Canvas's gradebook import" },
  { format: "simple", label: "Simple CSV", hint: "email, name and total" },
] as const;

/** Download links for the gradebook exports; the route checks the teacher itself. */
export function ExportLinks({ path }: { path: string }) {
  const [comments, setComments] = useState(false);
  const [bom, setBom] = useState(false);
  const ready = useReady();
  const href = (format: string) =>
    `${path}?format=${format}${comments && format === "detailed" ? "&comments=1" : ""}${bom ? "&bom=1" : ""}`;
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
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            className="size-4 accent-indigo-600"
            checked={comments}
            disabled={!ready}
            onChange={(e) => setComments(e.target.checked)}
          />
          Include comments and feedback (detailed)
        </label>
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            className="size-4 accent-indigo-600"
            checked={bom}
            disabled={!ready}
            onChange={(e) => setBom(e.target.checked)}
          />
          Opening in Excel (keeps accents readable)
        </label>
      </div>
    </section>
  );
}
