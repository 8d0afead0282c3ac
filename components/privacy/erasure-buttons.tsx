"use client";

import { cancelErasureAction, scheduleErasureAction } from "@/app/admin/accounts/[userId]/privacy/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";

/** Step 1 of an erasure: warn the student's teachers (schedule it), or take the warning back. */
export function ScheduleErasureButton({ userId }: { userId: string }) {
  const { pending, run } = useRunAction();
  const ready = useReady();
  return (
    <Button variant="secondary" pending={pending} data-ready={ready || undefined} onClick={() => run(scheduleErasureAction, { userId })}>
      Warn the teachers
    </Button>
  );
}

export function CancelErasureButton({ userId }: { userId: string }) {
  const { pending, run } = useRunAction();
  const ready = useReady();
  return (
    <Button
      variant="ghost"
      pending={pending}
      data-ready={ready || undefined}
      onClick={() => run(cancelErasureAction, { userId }, () => toast.success("Erasure cancelled: the teachers' warnings are gone."))}
    >
      Cancel the erasure
    </Button>
  );
}
