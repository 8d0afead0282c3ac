import { Badge } from "@/components/ui/card";
import { assignmentWindow, type AssignmentTiming } from "@/lib/assignment-window";

/** The words both sides use for an assignment past due that still takes late work. */
const LATE = "Past due · late work accepted";

/**
 * Whether students can still work on the assignment right now, as the student side decides it: in an
 * archived section nothing can change, whatever the dates say.
 */
export function WindowBadge({ timing, archived = false, now = new Date() }: { timing: AssignmentTiming; archived?: boolean; now?: Date }) {
  const state = assignmentWindow(timing, now);
  if (archived || state.phase === "closed") return <Badge>Closed</Badge>;
  if (state.phase === "open") return <Badge tone="green">Open</Badge>;
  return <Badge tone="amber">{LATE}</Badge>;
}

/**
 * For a student's work not yet handed in: that the due date has passed (and whether late work is
 * still taken), or that the assignment has closed (or its class is archived). Nothing while it is open.
 */
export function StudentWindowBadge({
  timing,
  archived = false,
  now = new Date(),
}: {
  timing: AssignmentTiming;
  archived?: boolean;
  now?: Date;
}) {
  const state = assignmentWindow(timing, now);
  if (archived || state.phase === "closed") return <Badge>Closed</Badge>;
  if (state.phase === "late") return <Badge tone="amber">{LATE}</Badge>;
  return null;
}
