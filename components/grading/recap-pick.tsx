"use client";

import Link from "next/link";
import { useState } from "react";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { setRecapPickAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";
import type { RecapPickState } from "@/db/queries/analytics";

/** What a teacher is told once a pick is saved: what the Class Recap shows now. */
export const told = (state: RecapPickState) =>
  state.shown === "this"
    ? `The Class Recap now shows attempt ${state.attempt} of this campaign, with no name.`
    : state.shown === "other"
      ? "The Class Recap still shows the campaign chosen for it in grading."
      : "The Class Recap shows the best-graded campaign again.";

type Props = {
  submissionId: string;
  /** The last attempt handed in, if its studio card draws (else it can't be chosen). */
  latestAttempt: number | null;
  /** What the recap shows now: this work (which attempt), another chosen in grading, or the best-graded. */
  shown: RecapPickState;
  recapHref: string;
};

/**
 * In grading: whether the Class Recap shows this campaign's studio card (no name, as every recap
 * card), and the buttons to show it (its last attempt) or to go back to the best-graded campaign.
 * The buttons stay where they are, with the focus, as the text changes.
 */
export function RecapPick({ submissionId, latestAttempt, shown: initial, recapHref }: Props) {
  const ready = useReady();
  const [shown, setShown] = useState(initial);
  const { pending, run } = useRunAction();
  const focusWhenShown = useFocusWhenShown();
  const choose = (attempt: number | null) =>
    run(setRecapPickAction, { submissionId, attempt }, (state) => {
      setShown(state);
      toast.success(told(state));
      // The button pressed goes (the other takes its place): the focus moves to the one now there.
      focusWhenShown(state.shown === "this" ? "recap-pick-best" : "recap-pick-this");
    });
  const ownAttempt = shown.shown === "this" ? shown.attempt : null;

  return (
    <div className="space-y-2 text-sm text-slate-700" data-testid="recap-pick" data-ready={ready || undefined}>
      <p aria-live="polite">
        {ownAttempt !== null
          ? `The Class Recap shows attempt ${ownAttempt} of this campaign, with no name.`
          : shown.shown === "other"
            ? "The Class Recap shows another campaign, chosen in grading. You can show this one instead; no name is shown."
            : "The Class Recap shows the best-graded campaign's studio card. You can show this one instead; no name is shown."}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {latestAttempt !== null && ownAttempt !== latestAttempt && (
          <Button id="recap-pick-this" variant="secondary" pending={pending} onClick={() => choose(latestAttempt)}>
            {ownAttempt === null ? "Show this campaign in the Class Recap" : `Show attempt ${latestAttempt} instead`}
          </Button>
        )}
        {ownAttempt !== null && (
          <Button id="recap-pick-best" variant="secondary" pending={pending} onClick={() => choose(null)}>
            Show the best-graded instead
          </Button>
        )}
        <Link href={recapHref} className="text-indigo-700 underline">
          Open the Class Recap
        </Link>
      </div>
    </div>
  );
}
