"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { setExcusedAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";

type Props = { sectionId: string; assignmentId: string; studentId: string; excused: boolean };

/**
 * In grading, for work not handed in: excuse the student from the assignment (a long absence, a
 * late join), so it is never missing and the gradebook files leave its points empty, or take the
 * excusal back. One button whose words change, so the keyboard focus stays on it.
 */
export function ExcuseStudent({ sectionId, assignmentId, studentId, excused: initial }: Props) {
  const ready = useReady();
  const router = useRouter();
  const [excused, setExcused] = useState(initial);
  const { pending, run } = useRunAction();
  const change = async (value: boolean) => {
    const done = await run(setExcusedAction, { sectionId, assignmentId, studentId, excused: value }, (state) => {
      setExcused(state.excused);
      toast.success(state.excused ? "Excused from this assignment." : "No longer excused: this work is expected again.");
    });
    // The status above follows; after a refusal (the student has just handed in) the page shows why.
    if (done || value) router.refresh();
  };
  return (
    <div className="space-y-2 text-sm text-slate-700" data-testid="excuse" data-ready={ready || undefined}>
      <p aria-live="polite">
        {excused
          ? "Excused: this student need not hand in this assignment. It is never marked missing, and the gradebook files leave its points empty (“EX” for Canvas). If they hand it in anyway, you grade it as usual."
          : "Not handed in. If this student need not do this assignment (a long absence, a late join), excuse them: it won't count as missing, and the gradebook files leave its points empty."}
      </p>
      <Button variant="secondary" pending={pending} onClick={() => change(!excused)}>
        {excused ? "Take back the excusal" : "Excuse from this assignment"}
      </Button>
    </div>
  );
}
