import { Badge } from "@/components/ui/card";
import { assignmentWindow, type AssignmentTiming } from "@/lib/assignment-window";

/** Whether students can still work on the assignment right now, as the student side decides it. */
export function WindowBadge({ timing, now = new Date() }: { timing: AssignmentTiming; now?: Date }) {
  const state = assignmentWindow(timing, now);
  if (state.phase === "open") return <Badge tone="green">Open</Badge>;
  if (state.phase === "late") return <Badge tone="amber">Past due · taking late work</Badge>;
  return <Badge>Closed</Badge>;
}
