"use client";

import { useEffect, useState, type RefObject } from "react";

/**
 * The inner width of an element in CSS pixels, kept up to date as the screen turns or the reader
 * zooms; null until measured (on the server and while hydrating). For drawings sized by script (the
 * studio's card preview), which must fit a 320 px phone as well as a desktop column.
 */
export function useWidth(element: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const node = element.current;
    if (!node || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setWidth(node.clientWidth));
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  return width;
}
