"use client";

import dynamic from "next/dynamic";

/** sonner's Toaster, fetched after the page is up (there is nothing to show before anyone acts). */
export const Toaster = dynamic(() => import("sonner").then((m) => m.Toaster), { ssr: false });
