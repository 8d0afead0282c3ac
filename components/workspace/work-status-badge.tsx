"use client";

import { useEffect, useState } from "react";
import { StatusBadge } from "@/components/status-badge";
import type { WorkStatus } from "@/lib/workspace";

/** Sent by the workspace once this tab has saved something: the work exists from then on. */
export const WORK_STARTED_EVENT = "recap:work-started";

/**
 * The status beside the assignment's title. The page is drawn before the first save, so "Not started"
 * turns into "In progress" when the workspace says it has saved (a draft or a graphic), not at the
 * next reload. Every other status changes only with a hand-in or the teacher, which reload the page.
 */
export function WorkStatusBadge({ status }: { status: WorkStatus }) {
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (status !== "not_started") return;
    const start = () => setStarted(true);
    window.addEventListener(WORK_STARTED_EVENT, start);
    return () => window.removeEventListener(WORK_STARTED_EVENT, start);
  }, [status]);
  return <StatusBadge status={started && status === "not_started" ? "in_progress" : status} />;
}
