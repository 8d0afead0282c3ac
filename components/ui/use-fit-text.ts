"use client";

import { useLayoutEffect, useState, type RefObject } from "react";

/** The smallest type a projector shrinks to (20 px: still readable from the back of a classroom); below it, the box scrolls. */
const SMALLEST_PX = 20;

/** Sizes `inner`'s type to the largest that `outer` shows without scrolling (else the smallest), halving the gap. */
function fitInside(outer: HTMLElement, inner: HTMLElement, largest: string) {
  const fits = () => outer.scrollHeight <= outer.clientHeight + 1;
  inner.style.fontSize = largest;
  if (fits()) return;
  let low = SMALLEST_PX;
  let high = parseFloat(getComputedStyle(inner).fontSize);
  inner.style.fontSize = `${low}px`;
  if (!fits()) return;
  while (high - low > 1) {
    const middle = (low + high) / 2;
    inner.style.fontSize = `${middle}px`;
    if (fits()) low = middle;
    else high = middle;
  }
  inner.style.fontSize = `${Math.floor(low)}px`;
}

function toTop(element: HTMLElement) {
  element.scrollTop = 0;
}

/** Whether part of `box`'s content lies below what it shows. */
function moreBelow(box: HTMLElement): boolean {
  return box.scrollTop + box.clientHeight < box.scrollHeight - 1;
}

/**
 * Shrinks `text`'s type until `box` shows all of it without scrolling: from `largest` (a CSS size,
 * e.g. one that grows with the screen; "" for the size its classes give) down to 20 px, in about
 * seven layouts, on a new `fitKey` (whatever shares the box: a star, a name shown) or when the box
 * changes size. A new `text` starts at its top; a star pressed halfway down keeps the place.
 * Returns whether part of the text is still below what the box shows (too long even at the
 * smallest size, and not scrolled to its end), so the box can say so.
 */
export function useFitText(
  box: RefObject<HTMLElement | null>,
  text: RefObject<HTMLElement | null>,
  { largest, content, fitKey = "" }: { largest: string; content: string; fitKey?: string },
) {
  const [more, setMore] = useState(false);
  useLayoutEffect(() => {
    if (box.current) toTop(box.current);
  }, [box, content]);
  useLayoutEffect(() => {
    const outer = box.current;
    const inner = text.current;
    if (!outer || !inner) return;
    const fit = () => {
      fitInside(outer, inner, largest);
      setMore(moreBelow(outer));
    };
    fit();
    const onScroll = () => setMore(moreBelow(outer));
    outer.addEventListener("scroll", onScroll, { passive: true });
    // A window resized, a full screen entered or left: the box's size changes. Fitted in the next
    // frame, not inside the observer's callback, whose own changes of size would make it call again.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    });
    observer.observe(outer);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      outer.removeEventListener("scroll", onScroll);
      setMore(false); // a box without this text (the next answer's, or none) says nothing of it
    };
  }, [box, text, largest, content, fitKey]);
  return more;
}
