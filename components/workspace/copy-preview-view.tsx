"use client";

import { useState, type KeyboardEvent } from "react";
import type { CustomerCopy, Segment } from "@/lib/placeholders";
import { moveAmongRadios } from "@/components/ui/radio-arrows";

/**
 * The copy merged for each customer (lib/placeholders.ts copyForEachCustomer), one customer at a
 * time (arrow buttons or ←/→) or all side by side: live in the copy step as the student writes
 * (./copy-preview.tsx), and merged on the server where the copy is read, as in the grading view.
 */
export function CopyPreviewView({ customers: rows, label = "Preview for each customer" }: { customers: CustomerCopy[]; label?: string }) {
  const [index, setIndex] = useState(0);
  const [mode, setMode] = useState<"one" | "all">("one");
  const row = rows[Math.min(index, rows.length - 1)];
  const move = (step: number) => setIndex((i) => (i + step + rows.length) % rows.length);
  const onKeyDown = (event: KeyboardEvent) => {
    if (mode !== "one" || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return;
    // Handled here: the grading view's arrow shortcuts (use-grading-keys.ts) leave it alone.
    event.preventDefault();
    move(event.key === "ArrowLeft" ? -1 : 1);
  };
  return (
    <section aria-label={label} className="rounded-lg ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
        <div role="radiogroup" aria-label="Preview layout" onKeyDown={moveAmongRadios} className="flex gap-1 text-sm">
          {(["one", "all"] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="radio"
              aria-checked={mode === m}
              onClick={() => setMode(m)}
              className={`rounded-md px-2 py-1 ${mode === m ? "bg-indigo-600 font-semibold text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {m === "one" ? "One customer" : "All customers"}
            </button>
          ))}
        </div>
        {mode === "one" && row && (
          <div className="flex items-center gap-1">
            {/* min-w-8: the arrow alone made a 23 px wide target (WCAG 2.5.8 asks for 24). */}
            <button
              type="button"
              onClick={() => move(-1)}
              aria-label="Previous customer"
              className="min-w-8 rounded-md px-2 py-1 text-lg hover:bg-slate-100"
            >
              ‹
            </button>
            <span className="text-sm text-slate-700" aria-live="polite" data-testid="preview-customer">
              {index + 1} of {rows.length}: {row.name}
            </span>
            <button
              type="button"
              onClick={() => move(1)}
              aria-label="Next customer"
              className="min-w-8 rounded-md px-2 py-1 text-lg hover:bg-slate-100"
            >
              ›
            </button>
          </div>
        )}
      </div>
      {mode === "one" && row ? (
        <div
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-label={`Copy for ${row.name} (use the arrow keys for other customers)`}
          className="p-4"
        >
          <MergedCopy segments={row.segments} />
        </div>
      ) : (
        <ul className="grid gap-3 p-3 sm:grid-cols-2">
          {rows.map((r) => (
            <li key={r.id} className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
              <p className="mb-1 text-xs font-semibold text-slate-600">{r.name}</p>
              <MergedCopy segments={r.segments} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function MergedCopy({ segments }: { segments: Segment[] }) {
  return (
    <p className="text-base leading-relaxed wrap-anywhere whitespace-pre-wrap" data-testid="merged-copy">
      {segments.map((segment, i) =>
        segment.kind === "text" ? (
          <span key={i}>{segment.text}</span>
        ) : segment.kind === "unknown" ? (
          <mark
            key={i}
            className="rounded bg-red-100 px-0.5 text-red-800 underline decoration-red-500 decoration-wavy"
            title="Unknown placeholder"
          >
            {segment.raw}
            <span className="sr-only"> (unknown placeholder)</span>
          </mark>
        ) : segment.empty ? (
          <mark key={i} className="rounded bg-amber-100 px-0.5 text-amber-900" title={`${segment.raw} is empty for this customer`}>
            (empty {segment.raw})
          </mark>
        ) : (
          <mark key={i} className="rounded bg-indigo-50 px-0.5 text-indigo-900">
            {segment.text}
          </mark>
        ),
      )}
    </p>
  );
}
