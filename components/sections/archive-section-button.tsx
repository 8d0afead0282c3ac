"use client";

import { setArchivedAction } from "@/app/sections/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast, useUndoToast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { useReady } from "@/components/ui/use-ready";

export function ArchiveSectionButton({ sectionId, archived }: { sectionId: string; archived: boolean }) {
  const { pending, run } = useRunAction();
  const ready = useReady();
  const offerUndo = useUndoToast();
  const focusWhenShown = useFocusWhenShown();
  const toggle = (value: boolean) =>
    run(setArchivedAction, { sectionId, value }, () => {
      if (value) {
        offerUndo("Section archived: its students' work can no longer change.", () => void toggle(false));
      } else {
        toast.success("Section restored.");
        focusWhenShown("archive-section"); // after the toast's Undo, whose button is gone
      }
    });
  return (
    <Button id="archive-section" variant="secondary" pending={pending} onClick={() => toggle(!archived)} data-ready={ready || undefined}>
      {archived ? "Restore section" : "Archive section"}
    </Button>
  );
}
