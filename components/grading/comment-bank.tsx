"use client";

import { useEffect, useRef, useState } from "react";
import { BankedComment, type Banked } from "./banked-comment";

/**
 * A criterion's comment bank, open below its comment box (./criterion-row.tsx): the teacher's saved
 * comments, each to insert, edit or delete. The first takes the focus; Esc closes the bank (`onClose`
 * puts the focus back on its button).
 */
export function CommentBank({
  title,
  banked,
  onClose,
  onInsert,
  onChanged,
}: {
  title: string;
  banked: Banked[];
  onClose: () => void;
  onInsert: (text: string) => void;
  onChanged: (id: string, text: string | null) => void;
}) {
  // Its code normally arrives with the page; on a slow network it may come after the teacher has gone
  // on to type somewhere: then the first comment does not take the focus from that field.
  const [mayFocus] = useState(() => !typingIn(document.activeElement));
  // An empty bank has no comment to focus: the list itself takes the focus (and so comes into view, and hears Esc).
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (banked.length === 0 && mayFocus) list.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, as the bank opens
  }, []);
  return (
    <ul
      ref={list}
      tabIndex={-1}
      className="mt-2 space-y-1 rounded-md bg-slate-50 p-2 ring-1 ring-slate-200 focus:outline-2 focus:outline-indigo-600"
      aria-label={`${title} comment bank`}
      onKeyDown={(e) => {
        // Esc closes the open bank and goes back to the button that opened it (an edit in it cancels first).
        if (e.key !== "Escape") return;
        e.stopPropagation();
        onClose();
      }}
    >
      {banked.length === 0 && <li className="text-xs text-slate-600">No saved comments for {title} yet.</li>}
      {banked.map((b, i) => (
        <BankedComment
          key={b.id}
          comment={b}
          autoFocus={i === 0 && mayFocus}
          onInsert={() => onInsert(b.text)}
          onChanged={(text) => onChanged(b.id, text)}
        />
      ))}
    </ul>
  );
}

function typingIn(element: Element | null): boolean {
  return element instanceof HTMLElement && (element.isContentEditable || element.matches("input, textarea, select"));
}
