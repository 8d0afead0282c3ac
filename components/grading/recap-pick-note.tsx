"use client";

import { useRouter } from "next/navigation";
import { useRef } from "react";
import { setRecapPickAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";
import type { RecapPick as RecapPickKind } from "@/db/queries/analytics";
import { told } from "./recap-pick";

/**
 * On the Class Recap: how its campaign card was chosen, and, when it was chosen in grading, the
 * way back to the best-graded. The note keeps its place, and takes the focus from the button it
 * loses once the page has been refreshed.
 */
export function RecapPickNote({ pick }: { pick: { kind: RecapPickKind; chosenSubmissionId: string | null } }) {
  const ready = useReady();
  const router = useRouter();
  const note = useRef<HTMLDivElement>(null);
  const { pending, run } = useRunAction();
  const chosen = pick.chosenSubmissionId;
  const back = (submissionId: string) =>
    run(setRecapPickAction, { submissionId, attempt: null }, (state) => {
      toast.success(told(state));
      note.current?.focus();
      router.refresh();
    });
  return (
    <div
      ref={note}
      tabIndex={-1}
      className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-700 focus:outline-none"
      data-testid="recap-pick"
      data-ready={ready || undefined}
    >
      <p>
        {pick.kind === "chosen"
          ? "The campaign card shows the campaign chosen in grading."
          : pick.kind === "chosen-unavailable"
            ? "The campaign chosen in grading can't be shown any more (its author left the class, or its card no longer draws), so the card shows the best-graded campaign."
            : "The campaign card shows the best-graded campaign that has a studio card. To show another, open it in grading and choose “Show this campaign in the Class Recap”."}
      </p>
      {chosen && (
        <Button variant="secondary" pending={pending} onClick={() => back(chosen)}>
          Show the best-graded instead
        </Button>
      )}
    </div>
  );
}
