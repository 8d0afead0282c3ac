import { Badge } from "@/components/ui/card";
import { DISPLAY_STATUS_LABELS, type DisplayStatus } from "@/lib/workspace";

const TONES: Record<DisplayStatus, "slate" | "indigo" | "green" | "amber"> = {
  not_started: "slate",
  excused: "slate",
  in_progress: "indigo",
  submitted: "indigo",
  submitted_late: "amber",
  graded: "green",
  returned: "green",
  // The student's to act on again.
  reopened: "amber",
};

/**
 * Where a piece of work stands, in the same words and colours everywhere; for teachers, work not
 * handed in by the due date is also marked Missing (`missing`: lib/grading-queue.ts isMissing).
 */
export function StatusBadge({ status, late = false, missing = false }: { status: DisplayStatus; late?: boolean; missing?: boolean }) {
  return (
    <>
      <Badge tone={TONES[status]} nowrap>
        {DISPLAY_STATUS_LABELS[status]}
      </Badge>
      {missing && (
        <>
          {" "}
          <Badge tone="red" nowrap>
            Missing
          </Badge>
        </>
      )}
      {/* Graded or returned, work handed in late stays marked so (the Late count includes it). */}
      {late && status !== "submitted_late" && (
        <>
          {" "}
          <Badge tone="amber" nowrap>
            Late
          </Badge>
        </>
      )}
    </>
  );
}
