"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and while hydrating, true once this client screen answers clicks and keys.
 * Each client screen puts it on its root as `data-ready={ready || undefined}`: the one convention
 * end-to-end tests wait on (e2e/support/ui.ts `waitForReady`), since a click before hydration is lost.
 */
export function useReady(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
