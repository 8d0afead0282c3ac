"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and while hydrating, true once this client screen answers clicks and keys.
 * Each client screen puts it on its root as `data-ready={ready || undefined}`: the one convention
 * end-to-end tests wait on (e2e/support/ui.ts `waitForReady`), since a click before hydration is lost.
 *
 * People meet the same gap on a slow phone. A native control whose value lives only in client state
 * is `disabled={!ready}`, or inside an `UntilReady` (./until-ready.tsx): picked before hydration,
 * React would put a controlled select back to its first value, wipe a comment typed into a controlled
 * textarea, and leave a ticked box ticked on screen but not in the state that is saved. Disabled, it
 * cannot be used until it counts.
 */
export function useReady(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
