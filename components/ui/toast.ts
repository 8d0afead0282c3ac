import type { toast as sonnerToast } from "sonner";
import { patient } from "./patient-import";

type Sonner = typeof sonnerToast;

export const loadSonner = patient(() => import("sonner"));

/**
 * sonner's toast, loaded on first use rather than with every page: a toast always answers
 * something the reader did, and by then the <Toaster> (./toaster.tsx) has loaded the same module.
 * A toast made before the Toaster mounts waits for it.
 */
function show<K extends "success" | "error" | "info">(kind: K) {
  return (...args: Parameters<Sonner[K]>) => {
    // Only if the module can't be fetched (a network down for good) is the message lost.
    loadSonner().then(
      ({ toast }) => (toast[kind] as (...a: Parameters<Sonner[K]>) => unknown)(...args),
      () => {},
    );
  };
}

export const toast = { success: show("success"), error: show("error"), info: show("info") };
