"use client";

import { useEffect, useRef, type RefObject } from "react";

/**
 * A full-screen layer for the classroom projector (the discussion's answers, the lesson timer, the
 * Class Recap): modal while open, so the rest of the page is out of reach (focus, clicks, screen
 * readers) and does not scroll; full screen where the browser allows it, or else (refused, iPhone,
 * kiosk) the fixed layer alone does the job. Leaving full screen (Esc is the browser's then) leaves
 * the layer too. `focus` is what gets focus on opening: the layer itself unless given.
 */
export function useProjectorLayer(layer: RefObject<HTMLElement | null>, onLeave: () => void, focus?: () => HTMLElement | null) {
  // Read by listeners registered once; always the latest.
  const latest = useRef({ onLeave, focus });
  useEffect(() => {
    latest.current = { onLeave, focus };
  });

  useEffect(() => {
    const element = layer.current!;
    const others = Array.from(document.body.children).filter(
      (el): el is HTMLElement => el instanceof HTMLElement && !el.contains(element) && !el.inert,
    );
    others.forEach((el) => (el.inert = true));
    const overflow = document.documentElement.style.overflow;
    document.documentElement.style.overflow = "hidden";
    (latest.current.focus?.() ?? element).focus();

    let fullscreen = false;
    const onFullscreenChange = () => {
      if (document.fullscreenElement === element) fullscreen = true;
      else if (fullscreen) latest.current.onLeave();
    };
    document.addEventListener("fullscreenchange", onFullscreenChange);
    // Still within the click's user activation; a refusal keeps the layer.
    if (document.fullscreenEnabled) element.requestFullscreen({ navigationUI: "hide" }).catch(() => {});
    return () => {
      document.removeEventListener("fullscreenchange", onFullscreenChange);
      if (document.fullscreenElement === element) document.exitFullscreen().catch(() => {});
      others.forEach((el) => (el.inert = false));
      document.documentElement.style.overflow = overflow;
    };
  }, [layer]);
}
