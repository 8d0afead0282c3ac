import { Badge } from "@/components/ui/card";
import { assignmentWindow, type AssignmentTiming } from "@/lib/assignment-window";

/** Whether students can still work on the assignment right now, as the student side decides it. */
export function WindowBadge({ timing, now = new Date() }: { timing: AssignmentTiming; now?: Date }) {
  const state = assignmentWindow(timing, now);
  if (state.phase === "open") return <Badge tone="green">Open</Badge>;
  if (state.phase === "late") return <Badge tone="amber">Past due · taking late work</Badge>;
  return <Badge>Closed</Badge>;
}

/**
 * For a student's work not yet handed in: that the due date has passed (and whether late work is
 * still taken), or that the assignment has closed. Nothing while it is open.
 */
export function StudentWindowBadge({ timing, now = new Date() }: { timing: AssignmentTiming; now?: Date }) {
  const state = assignmentWindow(timing, now);
  if (state.phase === "late") return <Badge tone="amber">Past due · late work accepted</Badge>;
  if (state.phase === "closed") return <Badge>Closed</Badge>;
  return null;
}
