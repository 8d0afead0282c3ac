"use client";

import { useEffect, useRef, useState, type ComponentProps } from "react";

type Props = Omit<ComponentProps<"select">, "value" | "onChange"> & {
  value: string;
  /** Goes to the view picked (a new address). */
  onPick: (value: string) => void;
};

const ARROWS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

/**
 * A select that shows another view of the list: at once when picked from its list (a click, a tap,
 * Enter in the open list), but when arrowed through while closed (Chrome and Firefox on Windows and
 * Linux change the value at each key), only once the reader stops there: Enter, or leaving the
 * select. A page loaded at every arrow moved the reader on before they had read the options (WCAG 3.2.2).
 */
export function ViewSelect({ value, onPick, ...props }: Props) {
  const [shown, setShown] = useState(value);
  // The view changed (picked here, or by a link): the select shows it.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setShown(value);
  }
  const arrowed = useRef(false);
  // The view last asked for: leaving the select while it loads asks for nothing more.
  const sent = useRef(value);
  useEffect(() => {
    sent.current = value; // arrived (or changed by a link): any other view may be asked for again
  }, [value]);
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
        arrowed.current = ARROWS.has(event.key);
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
