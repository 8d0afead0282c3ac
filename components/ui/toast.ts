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
    made += 1;
    // Only if the module can't be fetched (a network down for good) is the message lost.
    loadSonner().then(
      ({ toast }) => (toast[kind] as (...a: Parameters<Sonner[K]>) => unknown)(...args),
      () => {},
    );
  };
}

export const toast = { success: show("success"), error: show("error"), info: show("info"), warning: show("warning") };

/** Toasts made so far, Undo offers among them: whether a place's offer is still the newest, in front. */
let made = 0;

/**
 * Each place on screen that offers Undo (a mounted useUndoToast), with the offer it shows and the
 * count of toasts made when it was; ids are counted across them all, so that none is ever used twice.
 */
const offers = new Map<string, { shown: string | null; at: number }>();
let offered = 0;

/**
 * The id for a new offer from this place, with the one it replaces; null once the place is gone.
 * While the place's last offer is on screen and still in front (no toast made since), the new one
 * takes its id: sonner changes that toast in place. Otherwise (its Undo pressed, dismissed, none
 * yet, or another toast in front of it, which would hide it) it is a new id, never used before.
 */
function newOffer(place: string): { id: string; replaced: string | null } | null {
  const offer = offers.get(place);
  if (!offer) return null;
  const inFront = offer.shown && offer.at === made;
  const replaced = inFront ? null : offer.shown;
  if (!inFront) offer.shown = `${place}-${(offered += 1)}`;
  offer.at = made + 1; // with the toast about to be made
  return { id: offer.shown!, replaced };
}

/** The place's offer is no longer on screen (its Undo pressed, or taken back): the id it showed, if any. */
function endOffer(place: string, id?: string): string | null {
  const offer = offers.get(place);
  if (!offer?.shown || (id && offer.shown !== id)) return null;
  const shown = offer.shown;
  offer.shown = null;
  return shown;
}

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
 * A new offer replaces the place's toast still on screen, and still in front, in place (a second
 * toast beside the old one, on its way out, read as two). Behind a later toast it would stay hidden
 * (sonner shows only the front one's words until hovered): it comes in front as a toast of its own,
 * and the old one goes. So does one made after the last was dismissed, with an id of its own:
 * sonner merges a toast into any with its id that it is still taking away, so one offered again
 * under the id of a toast whose Undo was just pressed never showed (seen once in a full run on a
 * busy machine: "Took back 2 extensions." not shown).
 */
export function useUndoToast() {
  const place = `undo-${useId()}`;
  useEffect(() => {
    offers.set(place, { shown: null, at: 0 });
    return () => {
      const shown = offers.get(place)?.shown;
      offers.delete(place);
      if (shown) dismissToast(shown);
    };
  }, [place]);
  return useMemo(
    () =>
      Object.assign(
        (message: string, undo: () => void, options: { position?: "bottom-left" } = {}) => {
          const offer = newOffer(place);
          // That part of the page has gone (an action answered after a move to the next student):
          // its Undo could no longer act there, so what was done is said without one.
          if (!offer) return toast.success(message);
          const { id, replaced } = offer;
          if (replaced) dismissToast(replaced);
          toast.success(message, {
            id,
            duration: Infinity,
            ...options,
            // Swiped away: the next offer is a toast of its own (see newOffer).
            onDismiss: () => void endOffer(place, id),
            action: {
              label: "Undo",
              onClick: () => {
                endOffer(place, id);
                leaveToasts();
                undo();
              },
            },
          });
        },
        {
          /** Takes the offer back: what it would undo has been undone another way (Reopen after Return). */
          dismiss: () => {
            const shown = endOffer(place);
            if (shown) dismissToast(shown);
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
