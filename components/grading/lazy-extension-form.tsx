"use client";

import dynamic from "next/dynamic";
import { patient } from "@/components/ui/patient-import";

/**
 * The extension's date form (./extension-date-form.tsx) is not part of the first load of the pages
 * that offer it (its form code weighs more than the rest of the grading view's panel): fetch it once
 * the page is up, show it when the teacher opens it.
 */
export const loadExtensionForm = patient(() => import("./extension-date-form"));

export const LazyExtensionForm = dynamic(() => loadExtensionForm().then((m) => m.ExtensionDateForm), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-600">Loading…</p>,
});
