"use client";

import dynamic from "next/dynamic";
import { usePathname } from "next/navigation";
import { useState, type ComponentProps } from "react";
import { patient } from "./patient-import";

const loadToaster = patient(() => import("./toaster-body"));

/**
 * The toasts' corner of the page (./toaster-body.tsx), fetched after the page is up: there is
 * nothing to show before anyone acts, so neither sonner nor the code that keeps toasts out of the
 * way is part of a page's first load. A toast made before it arrives waits for it (./toast.ts). If
 * it cannot be fetched at all, the page goes on without toasts rather than to the error page.
 */
const ToasterBody = dynamic(
  () =>
    loadToaster().then(
      (m) => m.ToasterBody,
      () => () => null,
    ),
  { ssr: false },
);

export function Toaster(props: Omit<ComponentProps<typeof ToasterBody>, "pathname" | "loadedOn">) {
  // Read here, with the page's own router code, rather than in the part fetched later; and the page
  // it was loaded on, so that a move made before that part arrives still counts as one.
  const pathname = usePathname();
  const [loadedOn] = useState(pathname);
  return <ToasterBody {...props} pathname={pathname} loadedOn={loadedOn} />;
}
