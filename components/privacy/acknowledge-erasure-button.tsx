"use client";

import { acknowledgeErasureAction } from "@/app/sections/actions";
import { useRunAction } from "@/components/forms/run-action";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";

/**
 * The teacher's acknowledgement of a scheduled erasure; the page then shows a quieter line. It can't
 * be taken back (the erasure may go ahead at once), so it asks first, naming the student.
 */
export function AcknowledgeErasureButton({
  requestId,
  studentName,
  noticeId,
}: {
  requestId: string;
  studentName: string;
  noticeId: string;
}) {
  const { pending, run } = useRunAction();
  const ready = useReady();
  return (
    <span data-ready={ready || undefined} className="contents">
      <ConfirmButton
        label="I've kept what I need"
        variant="secondary"
        pending={pending}
        question={`Once every teacher of ${studentName}'s has said so, the administrator may erase them at once, and this can't be taken back. Have you downloaded what you need?`}
        confirmLabel="Yes, I've kept it"
        cancelLabel="Not yet"
        onConfirm={() =>
          run(acknowledgeErasureAction, { requestId }, () => {
            toast.success(`Noted: you have kept what you need of ${studentName}'s work.`);
            document.getElementById(noticeId)?.focus(); // the button went with the answer
          })
        }
      />
    </span>
  );
}
