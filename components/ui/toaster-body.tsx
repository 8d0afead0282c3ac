"use client";

import { useEffect, useRef, type ComponentProps } from "react";
import { Toaster as SonnerToaster, toast } from "sonner";
import { useScrollPaddingForToasts } from "./toast-padding";

/**
 * sonner's Toaster, with what keeps toasts out of the reader's way: the page scrolls what gets the
 * focus clear of them (./toast-padding.ts), and a toast made as the reader leaves a page ("Section
 * created", then on to the section) stays for the page they land on; at the next move (`pathname`;
 * `loadedOn`, the page this part was fetched for, counts a move made before it arrived) it goes,
 * instead of following them around. All of it arrives after the page is up (./toaster.tsx).
 */
export function ToasterBody({
  pathname,
  loadedOn,
  ...props
}: ComponentProps<typeof SonnerToaster> & { pathname: string; loadedOn: string }) {
  const toasts = useRef<HTMLDivElement>(null);
  useScrollPaddingForToasts(toasts);
  const shownOn = useRef(loadedOn);
  const carried = useRef<(string | number)[]>([]);
  useEffect(() => {
    if (shownOn.current === pathname) return;
    shownOn.current = pathname;
    for (const id of carried.current) toast.dismiss(id);
    carried.current = toast.getToasts().map((t) => t.id);
  }, [pathname]);
  return (
    <div ref={toasts} className="contents">
      <SonnerToaster {...props} />
    </div>
  );
}
