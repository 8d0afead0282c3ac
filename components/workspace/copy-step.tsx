"use client";

import { useRef } from "react";
import { toast } from "@/components/ui/toast";
import { checkCopy } from "@/lib/placeholders";
import { WORK_LIMITS } from "@/lib/validations/limits";
import { CopyExample } from "./copy-example";
import { CopyPreview } from "./copy-preview";
import type { StepProps } from "./step-props";

/** Why a placeholder was not inserted: the copy is at its limit. */
const noRoomFor = (token: string) =>
  `There's no room for ${token}: your copy is at its limit of ${WORK_LIMITS.copy.toLocaleString("en-US")} characters. Shorten it first.`;

export function CopyStep({ draft, update, readOnly, content }: StepProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const { dataset, aliases } = content;
  const check = checkCopy(
    draft.copy,
    dataset,
    aliases,
    draft.picks.map((p) => p.columnId),
  );
  const nameOf = (id: string) => dataset.columns.find((c) => c.id === id)?.name ?? id;

  /** Inserts "[Column]" where the cursor is, and puts the cursor after it. */
  const insert = (name: string) => {
    const el = textarea.current;
    const token = `[${name}]`;
    const start = el?.selectionStart ?? draft.copy.length;
    const end = el?.selectionEnd ?? draft.copy.length;
    // Never cut the end of the copy off to make room (nor split an emoji there): say so instead.
    if (draft.copy.length - (end - start) + token.length > WORK_LIMITS.copy) {
      toast.error(noRoomFor(token));
      el?.focus();
      return;
    }
    const next = draft.copy.slice(0, start) + token + draft.copy.slice(end);
    update((d) => ({ ...d, copy: next }));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div>
        <label htmlFor="copy" className="font-semibold">
          Your copy
        </label>
        <p id="copy-hint" className="text-sm text-slate-600">
          Thank the customer for a year of visits and present each of your three datapoints in a fun way. Write it once for everyone: put a
          column name in square brackets, like [Name], where each customer&apos;s own value should go.
        </p>
        <div className="mt-3">
          <CopyExample example={content.copyExample} dataset={dataset} aliases={aliases} />
        </div>
        {!readOnly && (
          <div className="mt-3" role="group" aria-label="Insert a placeholder">
            <p className="mb-1 text-xs font-medium text-slate-600">Insert a placeholder:</p>
            {/* On a phone, buttons a thumb can hit (40 px, as the app's others) with room between them. */}
            <div className="flex flex-wrap gap-1 max-sm:gap-2">
              {dataset.columns.map((column) => (
                <button
                  key={column.id}
                  type="button"
                  onClick={() => insert(column.name)}
                  className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 max-sm:min-h-10 max-sm:px-3 max-sm:text-sm ${
                    draft.picks.some((p) => p.columnId === column.id) || column.id === dataset.nameColumnId
                      ? "bg-indigo-50 text-indigo-800 ring-indigo-300"
                      : "text-slate-700 ring-slate-300 hover:bg-slate-50"
                  }`}
                >
                  [{column.name}]
                </button>
              ))}
            </div>
          </div>
        )}
        <textarea
          id="copy"
          ref={textarea}
          value={draft.copy}
          maxLength={WORK_LIMITS.copy}
          readOnly={readOnly}
          rows={10}
          aria-describedby="copy-hint copy-count copy-issues"
          onChange={(e) => update((d) => ({ ...d, copy: e.target.value }))}
          placeholder="Hi [Name]! What a year…"
          className="mt-3 block w-full rounded-md px-3 py-2 text-base ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none read-only:bg-slate-50"
        />
        <p id="copy-count" className="mt-1 text-right text-xs text-slate-500">
          {draft.copy.length} / {WORK_LIMITS.copy}
        </p>
        {/* Not a live region: recounted at every key, it spoke over the typing ("A square bracket…" at each "[").
            The box's description reads it out, and the Review step lists what is left. */}
        <ul id="copy-issues" className="mt-2 space-y-1 text-sm" data-testid="copy-issues">
          {check.unknown.map((u) => (
            <li key={`${u.start}`} className="text-red-700">
              <span aria-hidden>✕ </span>
              <strong>{u.raw}</strong> isn&apos;t a column of the table. Check the spelling or use the buttons above.
            </li>
          ))}
          {check.strayBracket && (
            <li className="text-amber-800">
              <span aria-hidden>! </span>A square bracket here isn&apos;t part of a placeholder, so it will print as typed: write a
              placeholder as [Name], both brackets on one line.
            </li>
          )}
          {draft.copy.trim() !== "" && check.missingName && (
            <li className="text-amber-800">
              <span aria-hidden>! </span>Greet each customer with [Name].
            </li>
          )}
          {check.unusedPicks.map((id) => (
            <li key={id} className="text-amber-800">
              <span aria-hidden>! </span>Your copy doesn&apos;t use your datapoint [{nameOf(id)}] yet.
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="mb-2 font-semibold">Preview</h3>
        <CopyPreview copy={draft.copy} dataset={dataset} aliases={aliases} />
      </div>
    </div>
  );
}
