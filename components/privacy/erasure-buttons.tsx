"use client";

import { cancelErasureAction, scheduleErasureAction } from "@/app/admin/accounts/[userId]/privacy/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";

/**
 * `stepId`: step 1's part of the page, the same element before and after. The button pressed goes
 * with the step's change, so the focus goes to the step, which says what it is now.
 */
type Props = { userId: string; stepId: string };
const done = (message: string, stepId: string) => {
  toast.success(message);
  document.getElementById(stepId)?.focus();
};

/** Step 1 of an erasure: warn the student's teachers (schedule it), or take the warning back. */
export function ScheduleErasureButton({ userId, stepId }: Props) {
  const { pending, run } = useRunAction();
  const ready = useReady();
  return (
    <Button
      variant="secondary"
      pending={pending}
      data-ready={ready || undefined}
      onClick={() => run(scheduleErasureAction, { userId }, () => done("The teachers are warned: each sees it on their sections.", stepId))}
    >
      Warn the teachers
    </Button>
  );
}

export function CancelErasureButton({ userId, stepId }: Props) {
  const { pending, run } = useRunAction();
  const ready = useReady();
  return (
    <Button
      variant="ghost"
      pending={pending}
      data-ready={ready || undefined}
      onClick={() => run(cancelErasureAction, { userId }, () => done("Erasure cancelled: the teachers' warnings are gone.", stepId))}
    >
      Cancel the erasure
    </Button>
  );
}
