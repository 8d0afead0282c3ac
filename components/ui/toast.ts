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

/** Each place that offers Undo (a useUndoToast): how many offers it has made, and the one on screen. */
const offers = new Map<string, { count: number; shown: string | null }>();

const dismissToast = (id: string) =>
  void loadSonner().then(
    ({ toast }) => toast.dismiss(id),
    () => {},
  );

/**
 * Offers Undo for what the reader just did. The toast has no time limit (reaching it from the
 * keyboard takes a dozen Tabs, and a toast that goes in 4 s takes Undo away first: WCAG 2.2.1); it
 * goes when dismissed, when the next Undo from the same place replaces it, or when that part of the
 * page goes away, since its Undo could no longer act there. `undo` also puts the focus back (the
 * toast's button is gone once pressed): see useFocusWhenShown.
 *
 * Each offer is a toast of its own id. Offered again under the id of one just dismissed (its Undo
 * pressed), a toast could be merged into the old one while sonner was still taking that away, and
 * never show: seen once in a full run on a busy machine ("Took back 2 extensions." not shown).
 */
export function useUndoToast() {
  const place = `undo-${useId()}`;
  useEffect(
    () => () => {
      const shown = offers.get(place)?.shown;
      offers.delete(place);
      if (shown) dismissToast(shown);
    },
    [place],
  );
  return useMemo(
    () =>
      Object.assign(
        (message: string, undo: () => void, options: { position?: "bottom-left" } = {}) => {
          const offer = offers.get(place) ?? { count: 0, shown: null };
          const replaced = offer.shown;
          const id = `${place}-${(offer.count += 1)}`;
          offers.set(place, { ...offer, shown: id });
          if (replaced) dismissToast(replaced);
          toast.success(message, {
            id,
            duration: Infinity,
            ...options,
            action: {
              label: "Undo",
              onClick: () => {
                const now = offers.get(place);
                if (now?.shown === id) offers.set(place, { ...now, shown: null });
                leaveToasts();
                undo();
              },
            },
          });
        },
        {
          /** Takes the offer back: what it would undo has been undone another way (Reopen after Return). */
          dismiss: () => {
            const offer = offers.get(place);
            if (!offer?.shown) return;
            dismissToast(offer.shown);
            offers.set(place, { ...offer, shown: null });
          },
        },
      ),
    [place],
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
