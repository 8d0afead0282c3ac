"use client";

import { useEffect, useRef } from "react";
import { letterKeysOn } from "./letter-keys";

export type GradingKeys = {
  score: (points: number) => void;
  /** Takes the highlighted criterion's score away. */
  clear: () => void;
  move: (by: 1 | -1) => void;
  previous: () => void;
  next: () => void;
  nextUngraded: () => void;
  returnWork: () => void;
  comment: () => void;
  /** Esc in a text box: where focus goes instead (the criterion the box belongs to), so the reader keeps their place. */
  leaveField: (field: HTMLElement) => void;
  bank: () => void;
  toggleHelp: () => void;
  closeHelp: () => void;
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/** Widgets whose arrow keys are their own (ARIA's composite roles). */
const OWN_ARROWS = '[role="radiogroup"], [role="slider"], [role="tablist"], [role="listbox"], [role="menu"], [role="grid"]';

/**
 * The grading screen's shortcuts (listed in shortcut-help.tsx), on the whole window so they work
 * wherever focus is, except while typing: there Esc leaves the text box and other keys type.
 */
export function useGradingKeys(keys: GradingKeys) {
  // The latest handlers, so the listener is added once instead of after every render.
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (isTyping(event.target)) {
        // Esc that a form in place took already (it closed, as Cancel does: the extension's date) is done.
        if (event.key === "Escape" && !event.defaultPrevented) latest.current.leaveField(event.target as HTMLElement);
        return;
      }
      const on = latest.current;
      const key = event.key;
      // A single character (a letter, a digit, "?"), and Backspace and Delete, which dictation sends
      // too, only while the teacher keeps those shortcuts on.
      if ((key.length === 1 || key === "Backspace" || key === "Delete") && !letterKeysOn()) return;
      // The shortcut help is open (a modal dialog): the work behind it is out of reach, keys included.
      if (event.target instanceof Element && event.target.closest("dialog")) {
        if (key === "?") {
          on.toggleHelp();
          event.preventDefault();
        }
        return;
      }
      // A control that uses the arrows itself (a radio group, the copy preview's customers) keeps them.
      if (key.startsWith("Arrow") && (event.defaultPrevented || (event.target instanceof Element && event.target.closest(OWN_ARROWS))))
        return;
      if (/^[0-9]$/.test(key)) on.score(Number(key));
      else if (key === "Backspace" || key === "Delete") on.clear();
      else if (key === "ArrowDown") on.move(1);
      else if (key === "ArrowUp") on.move(-1);
      else if (key === "ArrowRight" || key === "j" || key === "J") on.next();
      else if (key === "ArrowLeft" || key === "k" || key === "K") on.previous();
      else if (key === "n" || key === "N") on.nextUngraded();
      else if (key === "r" || key === "R") on.returnWork();
      else if (key === "c" || key === "C") on.comment();
      else if (key === "b" || key === "B") on.bank();
      else if (key === "?") on.toggleHelp();
      else if (key === "Escape") on.closeHelp();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
