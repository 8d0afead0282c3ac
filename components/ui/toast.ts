import { useEffect, useId, useMemo } from "react";
import type { toast as sonnerToast } from "sonner";
import { patient } from "./patient-import";

type Sonner = typeof sonnerToast;

const loadSonner = patient(() => import("sonner"));

/**
 * sonner's toast, loaded on first use rather than with every page: a toast always answers
 * something the reader did, and by then the <Toaster> (./toaster-body.tsx, fetched once the page is
 * up) has loaded the same module.
 * A toast made before the Toaster mounts waits for it.
 */
function show<K extends "success" | "error" | "info" | "warning">(kind: K) {
  return (...args: Parameters<Sonner[K]>) => {
    // Only if the module can't be fetched (a network down for good) is the message lost.
    loadSonner().then(
      ({ toast }) => (toast[kind] as (...a: Parameters<Sonner[K]>) => unknown)(...args),
      () => {},
    );
  };
}

export const toast = { success: show("success"), error: show("error"), info: show("info"), warning: show("warning") };

/**
 * Offers Undo for what the reader just did. The toast has no time limit (reaching it from the
 * keyboard takes a dozen Tabs, and a toast that goes in 4 s takes Undo away first: WCAG 2.2.1); it
 * goes when dismissed, when the next Undo from the same place replaces it, or when that part of the
 * page goes away, since its Undo could no longer act there. `undo` also puts the focus back (the
 * toast's button is gone once pressed): see useFocusWhenShown.
 */
export function useUndoToast() {
  const id = `undo-${useId()}`;
  useEffect(
    () => () =>
      void loadSonner().then(
        ({ toast }) => toast.dismiss(id),
        () => {},
      ),
    [id],
  );
  return useMemo(
    () =>
      Object.assign(
        (message: string, undo: () => void, options: { position?: "bottom-left" } = {}) =>
          toast.success(message, {
            id,
            duration: Infinity,
            ...options,
            action: {
              label: "Undo",
              onClick: () => {
                leaveToasts();
                undo();
              },
            },
          }),
        {
          /** Takes the offer back: what it would undo has been undone another way (Reopen after Return). */
          dismiss: () =>
            void loadSonner().then(
              ({ toast }) => toast.dismiss(id),
              () => {},
            ),
        },
      ),
    [id],
  );
}

/**
 * Takes the focus out of the toasts for good, to the page's <main> until `undo` moves it on. sonner
 * remembers where the focus was before it entered the toasts (for a keyboard user who tabbed there,
 * the page's last link) and sends it back there when it leaves them, or, if the toast's button just
 * disappears, when the last toast goes, seconds later. Leaving twice makes it forget.
 */
function leaveToasts() {
  const main = document.getElementById("main");
  main?.focus({ preventScroll: true });
  main?.focus({ preventScroll: true });
}
