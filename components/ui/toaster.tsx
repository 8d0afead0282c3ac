"use client";

import dynamic from "next/dynamic";
import { usePathname } from "next/navigation";
import { useEffect, useRef, type ComponentProps } from "react";
import { loadSonner } from "./toast";
import { useScrollPaddingForToasts } from "./use-scroll-padding";

/**
 * sonner's Toaster, fetched after the page is up (there is nothing to show before anyone acts). If
 * it cannot be fetched at all, the page goes on without toasts rather than to the error page.
 */
const SonnerToaster = dynamic(
  () =>
    loadSonner().then(
      (m) => m.Toaster,
      () => () => null,
    ),
  { ssr: false },
);

/**
 * A toast answers what the reader just did. One made as they leave a page ("Section created",
 * then on to the section) stays for the page they land on; at the next move it goes, instead of
 * following them around.
 */
export function Toaster(props: ComponentProps<typeof SonnerToaster>) {
  const toasts = useRef<HTMLDivElement>(null);
  useScrollPaddingForToasts(toasts);
  const pathname = usePathname();
  const shownOn = useRef(pathname);
  const carried = useRef<(string | number)[]>([]);
  useEffect(() => {
    if (shownOn.current === pathname) return;
    shownOn.current = pathname;
    loadSonner().then(
      ({ toast }) => {
        for (const id of carried.current) toast.dismiss(id);
        carried.current = toast.getToasts().map((t) => t.id);
      },
      () => {},
    );
  }, [pathname]);
  return (
    <div ref={toasts} className="contents">
      <SonnerToaster {...props} />
    </div>
  );
}
