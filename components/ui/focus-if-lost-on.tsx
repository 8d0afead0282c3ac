"use client";

import { useEffect, useRef } from "react";
import { focusIfLost } from "./focus-if-lost";

/** focusIfLost each time `on` changes (a list's page), not when the page first loads. */
export function FocusIfLost({ id, on }: { id: string; on: unknown }) {
  // The value last acted on: an effect run twice (React's development mode) changes nothing.
  const seen = useRef(on);
  useEffect(() => {
    if (seen.current === on) return;
    seen.current = on;
    focusIfLost(id);
  }, [id, on]);
  return null;
}
