"use client";

import dynamic from "next/dynamic";

/**
 * The grading view shows the excusal only while the work isn't handed in: its code comes in a chunk
 * of its own with the pages that show it (rendered on the server as before), and the grading view of
 * work handed in, the one a teacher spends their time in, doesn't load it at all.
 */
export const ExcuseStudent = dynamic(() => import("./excuse-student").then((m) => m.ExcuseStudent), {
  // Only while moving within the app to such a student, before the chunk arrives.
  loading: () => <p className="text-sm text-slate-600">Loading…</p>,
});
