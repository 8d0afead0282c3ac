"use client";

import { useEffect, useState } from "react";

/** setTimeout's longest wait (about 24.8 days); a longer one fires at once. */
const LONGEST_WAIT = 2 ** 31 - 1;

/**
 * Whether the instant `at` (ISO) has passed, kept true to the clock while the page stays open: a
 * student who opens the review a minute before the due date and submits two minutes later is told
 * it will be marked late before pressing. Starts from `passedAtLoad`, what the server said when it
 * rendered the page, so that the first render matches it; null `at` never passes.
 */
export function usePassed(at: string | null, passedAtLoad: boolean): boolean {
  const [passed, setPassed] = useState(passedAtLoad);
  useEffect(() => {
    if (at === null) return;
    const instant = Date.parse(at);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      const wait = instant - Date.now();
      // After, not at, the instant: the server counts work as late once now > the due date.
      if (wait < 0) setPassed(true);
      else timer = setTimeout(check, Math.min(wait + 1, LONGEST_WAIT));
    };
    check();
    return () => clearTimeout(timer);
  }, [at]);
  return passed;
}
