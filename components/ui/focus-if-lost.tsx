"use client";

import { useEffect, useRef } from "react";

/**
 * Gives the focus to the element `id`, unless something other than the page has it: after a move
 * that took away the control the keyboard was on (the last page's "Next page", a student's "Next"),
 * a screen reader says where the reader is now, and Tab goes on from there instead of from the top.
 */
export function focusIfLost(id: string) {
  if (document.activeElement === document.body) document.getElementById(id)?.focus({ preventScroll: true });
}

/** focusIfLost each time `on` changes (a list's page), not when the page first loads. */
export function FocusIfLost({ id, on }: { id: string; on: unknown }) {
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) focusIfLost(id);
    mounted.current = true;
  }, [id, on]);
  return null;
}
