"use client";

import type { Dataset } from "@/lib/lesson/types";
import { copyForEachCustomer, type Aliases } from "@/lib/placeholders";
import { CopyPreviewView } from "./copy-preview-view";

/** The student's copy merged for each customer as they write, exactly as the teacher will see it when grading. */
export function CopyPreview({ copy, dataset, aliases }: { copy: string; dataset: Dataset; aliases: Aliases }) {
  if (copy.trim() === "") {
    return (
      <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-600 ring-1 ring-slate-200">Your preview appears here as you write.</p>
    );
  }
  return <CopyPreviewView customers={copyForEachCustomer(copy, dataset, aliases)} />;
}
