"use client";

import { useEffect, useRef, useState, type ComponentProps, type KeyboardEvent } from "react";

type Props = Omit<ComponentProps<"select">, "value" | "onChange"> & {
  value: string;
  /** Goes to the view picked (a new address). */
  onPick: (value: string) => void;
  /** The whole view the page shows (a sort or a page too): when it changes, the select shows `value` again. */
  view: string;
};

const ARROWS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

/**
 * A key that changes a closed select's value where it stands (an arrow, or a letter typed to find an
 * option), not one that opens its list (Alt+↓, Space, F4): in the open list, Enter picks, at once.
 */
export const stepsThrough = (event: Pick<KeyboardEvent, "key" | "altKey" | "ctrlKey" | "metaKey">) =>
  !event.altKey && !event.ctrlKey && !event.metaKey && (ARROWS.has(event.key) || (event.key.length === 1 && event.key !== " "));

/**
 * A select that shows another view of the list: at once when picked from its list (a click, a tap,
 * Enter in the open list), but when arrowed through while closed, or a letter typed (Chrome and
 * Firefox on Windows and Linux change the value at each key), only once the reader stops there:
 * Enter, or leaving the select. A page loaded at every arrow moved the reader on before they had read the options (WCAG 3.2.2).
 */
export function ViewSelect({ value, onPick, view, ...props }: Props) {
  const [shown, setShown] = useState(value);
  // The view changed (picked here, or by a link, a sort say): the select shows the page's value.
  const [seen, setSeen] = useState(view);
  if (seen !== view) {
    setSeen(view);
    setShown(value);
  }
  const arrowed = useRef(false);
  // The view last asked for: leaving the select while it loads asks for nothing more.
  const sent = useRef(value);
  useEffect(() => {
    sent.current = value; // arrived (or changed by a link): any other view may be asked for again
  }, [value, view]);
  const pick = (next: string) => {
    if (next === value || next === sent.current) return;
    sent.current = next;
    onPick(next);
  };
  return (
    <select
      {...props}
      value={shown}
      onPointerDown={() => (arrowed.current = false)}
      onKeyDown={(event) => {
        arrowed.current = stepsThrough(event);
        if (event.key === "Enter") pick(shown);
      }}
      onChange={(event) => {
        setShown(event.target.value);
        if (!arrowed.current) pick(event.target.value);
      }}
      onBlur={() => pick(shown)}
    />
  );
}
