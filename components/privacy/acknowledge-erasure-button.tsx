"use client";

import { acknowledgeErasureAction } from "@/app/sections/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { useReady } from "@/components/ui/use-ready";

/** The teacher's acknowledgement of a scheduled erasure; the page then shows a quieter line. */
export function AcknowledgeErasureButton({ requestId }: { requestId: string }) {
  const { pending, run } = useRunAction();
  const ready = useReady();
  return (
    <Button
      variant="secondary"
      pending={pending}
      data-ready={ready || undefined}
      onClick={() => run(acknowledgeErasureAction, { requestId })}
    >
      I&apos;ve kept what I need
    </Button>
  );
}
