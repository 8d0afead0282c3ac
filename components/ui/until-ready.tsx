"use client";

import type { ReactNode } from "react";
import { useReady } from "./use-ready";

/**
 * Controls whose value lives in the page's state, disabled until the page has hydrated (see
 * use-ready.ts): typed, ticked or picked before then, React would put them back, or leave them
 * showing what the saved state does not hold. A fieldset that adds no box (`contents`) and no group
 * to the accessibility tree (`role="none"`); the browser disables everything inside it.
 */
export function UntilReady({ children }: { children: ReactNode }) {
  const ready = useReady();
  return (
    <fieldset disabled={!ready} className="contents" role="none">
      {children}
    </fieldset>
  );
}
