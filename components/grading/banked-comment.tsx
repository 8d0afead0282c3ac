"use client";

import { useEffect, useRef, useState } from "react";
import { deleteBankedCommentAction, editBankedCommentAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { GRADING_LIMITS } from "@/lib/validations/limits";

export type Banked = { id: string; criterionKey: string; text: string };

/** One banked comment: insert it (click or Enter), edit it in place, or delete it. */
export function BankedComment({
  comment,
  autoFocus,
  onInsert,
  onChanged,
}: {
  comment: Banked;
  autoFocus: boolean;
  onInsert: () => void;
  onChanged: (text: string | null) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.text);
  const { run, pending } = useRunAction();
  // Leaving the edit (Save, Cancel, Esc) puts focus back on its Edit button, not on the page's top.
  const editButton = useRef<HTMLButtonElement>(null);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!editing && refocus) editButton.current?.focus();
  }, [editing, refocus]);
  const stopEditing = () => {
    setEditing(false);
    setRefocus(true);
  };
  const cancel = () => {
    setText(comment.text);
    stopEditing();
  };
  if (editing) {
    return (
      <li
        className="flex flex-wrap items-start gap-2 text-sm"
        onKeyDown={(e) => {
          // Esc in the edit (its box or its buttons) cancels it, before the bank's own Esc (closing
          // the bank) or the grading keys' (leaving the box).
          if (e.key !== "Escape") return;
          e.stopPropagation();
          cancel();
        }}
      >
        <label htmlFor={`bank-${comment.id}`} className="sr-only">
          Edit banked comment
        </label>
        <textarea
          id={`bank-${comment.id}`}
          autoFocus
          rows={2}
          value={text}
          maxLength={GRADING_LIMITS.bankedComment}
          onChange={(e) => setText(e.target.value)}
          className="min-w-0 flex-1 rounded-md px-2 py-1 ring-1 ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none"
        />
        <Button
          className="min-h-8 px-2 py-1"
          pending={pending}
          disabled={!text.trim()}
          onClick={() => run(editBankedCommentAction, { id: comment.id, text: text.trim() }, () => (onChanged(text.trim()), stopEditing()))}
        >
          Save
        </Button>
        <Button className="min-h-8 px-2 py-1" variant="ghost" onClick={cancel}>
          Cancel
        </Button>
      </li>
    );
  }
  // Each button at least 24 px each way (WCAG 2.5.8): as bare text they were 16 to 20 px tall.
  return (
    <li className="flex items-start gap-2 text-sm">
      <button
        type="button"
        autoFocus={autoFocus}
        className="min-h-6 flex-1 rounded px-1 text-left hover:bg-indigo-50 focus:bg-indigo-50"
        onClick={onInsert}
      >
        <span className="sr-only">Insert: </span>
        {comment.text}
      </button>
      <button
        ref={editButton}
        type="button"
        className="min-h-6 min-w-6 text-xs text-indigo-700 underline"
        aria-label={`Edit banked comment: ${comment.text}`}
        onClick={() => setEditing(true)}
      >
        Edit
      </button>
      <button
        type="button"
        className="min-h-6 min-w-6 text-xs text-red-700 underline"
        disabled={pending}
        aria-label={`Delete banked comment: ${comment.text}`}
        onClick={() => run(deleteBankedCommentAction, { id: comment.id }, () => onChanged(null))}
      >
        Delete
      </button>
    </li>
  );
}
