"use client";

import { useEffect, useRef } from "react";
import { focusIfLost } from "./focus-if-lost";

/** focusIfLost each time `on` changes (a list's page), not when the page first loads. */
export function FocusIfLost({ id, on }: { id: string; on: unknown }) {
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) focusIfLost(id);
    mounted.current = true;
  }, [id, on]);
  return null;
}
