"use client";

import dynamic from "next/dynamic";
import { ahead, patient } from "@/components/ui/patient-import";

// Opened by a teacher's choice (the button, or B), and a conflict only when two people grade the same
// work at once: neither is part of the grading view's first load. Both are fetched once the view is
// up (loadGradingExtras), and say what is coming should they be needed before they arrive.
const loadBank = patient(() => import("./comment-bank"));
const loadConflict = patient(() => import("./conflict-notice"));

/** A criterion's comment bank (./comment-bank.tsx). */
export const CommentBank = dynamic(() => loadBank().then((m) => m.CommentBank), {
  loading: () => <p className="mt-2 text-xs text-slate-600">Loading…</p>,
});

/** Someone else saved a score or feedback first (./conflict-notice.tsx). */
export const ConflictNotice = dynamic(() => loadConflict().then((m) => m.ConflictNotice), {
  loading: () => (
    <p role="alert" className="mt-2 text-sm text-amber-950">
      Someone else changed this. Loading…
    </p>
  ),
});

/** Fetches the comment bank and the conflict notice ahead of use: the grading panel calls it once it is up. */
export function loadGradingExtras() {
  ahead(loadBank);
  ahead(loadConflict);
}
