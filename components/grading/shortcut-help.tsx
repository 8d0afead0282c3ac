"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

const SHORTCUTS: [string, string][] = [
  ["1 / 2 / 3", "Score the highlighted criterion (then moves to the next)"],
  ["↑ / ↓", "Previous / next criterion"],
  ["C", "Write a comment on the highlighted criterion"],
  ["B", "Open its comment bank"],
  ["← / → or K / J", "Previous / next student"],
  ["N", "Next ungraded student (or “All graded” when there is none)"],
  ["R", "Return the work to the student"],
  ["Esc", "Leave a text box, close this help"],
  ["?", "Show or hide these shortcuts"],
];

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcuts-title"
      className="fixed inset-0 z-50 grid place-items-center bg-slate-900/40 p-4"
      onClick={onClose}
    >
      <div className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl" onClick={(e) => e.stopPropagation()}>
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
        <Button ref={close} className="mt-4" onClick={onClose}>
          Close
        </Button>
      </div>
    </div>
  );
}
