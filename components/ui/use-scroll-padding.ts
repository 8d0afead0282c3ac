"use client";

import { useEffect, type RefObject } from "react";

/**
 * Keeps the page's `scroll-padding-top` equal to the height of a bar stuck to the top of the screen
 * (and a little more), for as long as it is on the page: the browser then scrolls what Tab reaches, a
 * link target or a field with an error to just below the bar, not under it. The bar's height changes
 * with the screen's width and the reader's zoom (at 200% its steps wrap), so it is measured, not guessed.
 * A bar that a short screen leaves unstuck (position static) takes no padding.
 */
export function useScrollPaddingFor(bar: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const element = bar.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const root = document.documentElement;
    const update = () => {
      if (getComputedStyle(element).position !== "sticky") return root.style.removeProperty("scroll-padding-top");
      root.style.scrollPaddingTop = `${Math.ceil(element.getBoundingClientRect().height) + 8}px`;
    };
    const observer = new ResizeObserver(update);
    observer.observe(element);
    // The screen's height alone (turning the phone, zooming) changes whether it sticks, not its size.
    window.addEventListener("resize", update);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", update);
      root.style.removeProperty("scroll-padding-top");
    };
  }, [bar]);
}
