import type { toast as sonnerToast } from "sonner";

type Sonner = typeof sonnerToast;

let sonner: Promise<typeof import("sonner")> | undefined;
const load = () => (sonner ??= import("sonner"));

/**
 * sonner's toast, loaded on first use rather than with every page: a toast always answers
 * something the reader did, and by then the <Toaster> (./toaster.tsx) has loaded the same module.
 * A toast made before the Toaster mounts waits for it.
 */
function show<K extends "success" | "error" | "info">(kind: K) {
  return (...args: Parameters<Sonner[K]>) => {
    // Only if the module can't be fetched (offline since the page loaded) is the message lost.
    load().then(
      ({ toast }) => (toast[kind] as (...a: Parameters<Sonner[K]>) => unknown)(...args),
      () => {},
    );
  };
}

export const toast = { success: show("success"), error: show("error"), info: show("info") };
