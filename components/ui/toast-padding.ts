"use client";

import { useEffect, type RefObject } from "react";

/**
 * Like useScrollPaddingFor (./use-scroll-padding.ts), for the toasts at the foot of the screen (on a
 * phone they span it, and an Undo toast stays until dismissed): while any is shown,
 * `scroll-padding-bottom` is the height they cover, so what Tab or a script focuses is scrolled to
 * just above them (WCAG 2.4.11). A toast that arrives over the focused control moves it clear the
 * same way: on a wide screen too, where they are a narrow column at the bottom centre and cover only
 * what lies under that column (Reopen's toast over the Return button that takes its place).
 */
export function useScrollPaddingForToasts(toaster: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = toaster.current;
    if (!element) return;
    const root = document.documentElement;
    const update = () => {
      const shown = Array.from(element.querySelectorAll('[data-sonner-toast][data-removed="false"][data-visible="true"]'));
      const top = Math.min(...shown.map(restingTop));
      if (top === Infinity) {
        root.style.removeProperty("scroll-padding-bottom");
        document.body.style.removeProperty("padding-bottom");
        return;
      }
      root.style.scrollPaddingBottom = `${Math.ceil(root.clientHeight - top) + 8}px`;
      const focused = document.activeElement;
      if (!(focused instanceof HTMLElement) || element.contains(focused)) return;
      const box = focused.getBoundingClientRect();
      const sides = shown.map((toast) => toast.getBoundingClientRect());
      const beside = sides.every((side) => box.right <= side.left || box.left >= side.right);
      // A control on screen, under the toasts, that fits above them (not <main>, where Undo leaves the focus).
      if (beside || box.bottom <= top || box.top >= root.clientHeight || box.height >= top) return;
      // At the foot of the page there may be too little left to scroll (the Return button at the end of
      // the grading view): room is made below the page until the toasts go.
      const short = box.bottom - top + 8 - (root.scrollHeight - root.clientHeight - window.scrollY);
      if (short > 0) document.body.style.paddingBottom = `${Math.ceil(short + (parseFloat(document.body.style.paddingBottom) || 0))}px`;
      focused.scrollIntoView({ block: "nearest" });
    };
    // Only a focus the reader is shown (keyboard, or a script after a key): a click's focus comes with
    // its press, and moving the page then would take the button from under the pointer before release.
    const onFocus = (event: FocusEvent) => {
      if (event.target instanceof Element && event.target.matches(":focus-visible")) update();
    };
    const observer = new MutationObserver(update);
    observer.observe(element, {
      subtree: true,
      childList: true,
      attributeFilter: ["data-mounted", "data-removed", "data-visible", "data-expanded"],
    });
    // Measured where it will rest, a toast that slides into place needs nothing more when the slide
    // ends; a stack that opens or closes does (at once when motion is reduced).
    element.addEventListener("transitionend", update);
    // Turning a phone or zooming moves the toasts' foot without changing them; the focus can also
    // arrive under a toast already shown (a button that replaces the one pressed, focused once drawn).
    window.addEventListener("resize", update);
    document.addEventListener("focusin", onFocus);
    return () => {
      observer.disconnect();
      element.removeEventListener("transitionend", update);
      window.removeEventListener("resize", update);
      document.removeEventListener("focusin", onFocus);
      root.style.removeProperty("scroll-padding-bottom");
      document.body.style.removeProperty("padding-bottom");
    };
  }, [toaster]);
}

/**
 * The top of the screen a toast covers once it is in place. Sonner moves toasts with transitions of
 * their transform: a new one slides up from below, and the ones already shown move up the stack to
 * make room. Measured mid-move, a toast would cover less (or other) than it soon will, and the page
 * would move again when the move ends, under the reader's finger. So the distance still to go is
 * taken into account: from the transform now to the one its running transition ends at. Its close
 * button sticks out above it.
 */
function restingTop(toast: Element) {
  const box = toast.getBoundingClientRect();
  const now = translateY(getComputedStyle(toast).transform) ?? 0;
  const moving = toast
    .getAnimations()
    .find((animation) => "transitionProperty" in animation && animation.transitionProperty === "transform");
  const end = moving?.effect instanceof KeyframeEffect ? moving.effect.getKeyframes().at(-1)?.transform : undefined;
  const close = toast.querySelector("[data-close-button]");
  const above = close ? Math.max(0, box.top - close.getBoundingClientRect().top) : 0;
  // A value DOMMatrix cannot read (one in % of the box) is taken as where the toast is now.
  return box.top - now + ((typeof end === "string" ? translateY(end) : null) ?? now) - above;
}

/** The vertical move of a computed CSS transform ("none", "matrix(…)", "translateY(…px)"), in px; null if unreadable. */
function translateY(transform: string): number | null {
  if (!transform || transform === "none") return 0;
  try {
    return new DOMMatrixReadOnly(transform).m42;
  } catch {
    return null;
  }
}
