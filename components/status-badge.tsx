import { Badge } from "@/components/ui/card";
import type { DisplayStatus } from "@/lib/grading-queue";
import { STATUS_LABELS } from "@/lib/workspace";

const TONES: Record<DisplayStatus, "slate" | "indigo" | "green" | "amber"> = {
  not_started: "slate",
  in_progress: "indigo",
  submitted: "indigo",
  submitted_late: "amber",
  graded: "green",
  returned: "green",
};

const DISPLAY_LABELS: Record<DisplayStatus, string> = { ...STATUS_LABELS, graded: "Graded" };

/** Where a piece of work stands, in the same words and colours everywhere. */
export function StatusBadge({ status, late = false }: { status: DisplayStatus; late?: boolean }) {
  return (
    <>
      <Badge tone={TONES[status]}>{DISPLAY_LABELS[status]}</Badge>
      {/* Graded or returned, work handed in late stays marked so (the Late count includes it). */}
      {late && status !== "submitted_late" && (
        <>
          {" "}
          <Badge tone="amber">Late</Badge>
        </>
      )}
    </>
  );
}
