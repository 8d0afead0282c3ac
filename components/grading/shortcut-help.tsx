"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { letterKeysOn, setLetterKeys } from "./letter-keys";

const SHORTCUTS: [string, string][] = [
  ["1 / 2 / 3", "Score the highlighted criterion (then moves to the next)"],
  ["Backspace", "Take the highlighted criterion's score away"],
  ["↑ / ↓", "Previous / next criterion"],
  ["C", "Write a comment on the highlighted criterion"],
  ["B", "Open or close its comment bank"],
  ["← / → or K / J", "Previous / next student"],
  ["N", "Next ungraded student (or “All graded” when there is none)"],
  ["R", "Return the work to the student"],
  ["Esc", "Leave a text box, cancel a comment bank edit, close the comment bank or this help"],
  ["?", "Show or hide these shortcuts"],
];

/**
 * A modal <dialog> (showModal): the page behind it is inert, Tab stays inside, Esc closes it. Focus
 * goes back to whatever had it before (the Shortcuts button, or the page when it was opened with ?).
 */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const [letters, setLetters] = useState(letterKeysOn);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const node = dialog.current;
    if (node && !node.open) node.showModal();
    close.current?.focus();
    return () => {
      if (node?.open) node.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      aria-labelledby="shortcuts-title"
      className="m-auto w-full max-w-md rounded-lg bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      onCancel={(event) => {
        // Esc: the grading screen decides (its state closes the dialog and hands focus back).
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === dialog.current) onClose(); // a click on the backdrop
      }}
    >
      {/* The padding is inside: a click on the dialog element itself is a click on the backdrop. */}
      <div className="p-5">
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt className="font-mono font-semibold">{keys}</dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <label className="mt-4 flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 size-4 accent-indigo-600"
            checked={letters}
            onChange={(e) => {
              setLetterKeys(e.target.checked);
              setLetters(e.target.checked);
            }}
          />
          <span>
            Single-key shortcuts (letters, numbers, ?, Backspace). Turn them off if you dictate or your screen reader sends keys to the
            page; the arrows and Esc keep working.
          </span>
        </label>
        <Button ref={close} className="mt-4" onClick={onClose}>
          Close
        </Button>
      </div>
    </dialog>
  );
}
