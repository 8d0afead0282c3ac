"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setRecapPickAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";

type Props = {
  submissionId: string;
  chosen: boolean;
  /** In grading: the choice, with a link to the recap. On the recap: only the way back to the best-graded campaign. */
  where: "grading" | "recap";
  recapHref: string;
};

/**
 * The teacher's pick of the campaign whose studio card the Class Recap shows (no name, as every
 * recap card). Pressing again takes it back: the recap then shows the best-graded campaign.
 */
export function RecapPick({ submissionId, chosen: initial, where, recapHref }: Props) {
  const ready = useReady();
  const router = useRouter();
  const [chosen, setChosen] = useState(initial);
  const { pending, run } = useRunAction();
  const choose = (value: boolean) =>
    run(setRecapPickAction, { submissionId, chosen: value }, () => {
      setChosen(value);
      toast.success(
        value ? "The Class Recap now shows this campaign, with no name." : "The Class Recap shows the best-graded campaign again.",
      );
      if (where === "recap") router.refresh();
    });

  if (where === "recap")
    return (
      <p
        className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-slate-700"
        data-testid="recap-pick"
        data-ready={ready || undefined}
      >
        The campaign card shows the campaign you chose in grading.
        <Button variant="secondary" pending={pending} onClick={() => choose(false)}>
          Show the best-graded instead
        </Button>
      </p>
    );
  return (
    <div className="space-y-2 text-sm text-slate-700" data-testid="recap-pick" data-ready={ready || undefined}>
      <p>
        {chosen
          ? "The Class Recap shows this campaign's studio card, with no name."
          : "The Class Recap shows the best-graded campaign's studio card. You can show this one instead; no name is shown."}
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button variant="secondary" pending={pending} onClick={() => choose(!chosen)}>
          {chosen ? "Show the best-graded instead" : "Show this campaign in the Class Recap"}
        </Button>
        <Link href={recapHref} className="text-indigo-700 underline">
          Open the Class Recap
        </Link>
      </div>
    </div>
  );
}
