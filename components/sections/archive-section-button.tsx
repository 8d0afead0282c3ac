"use client";

import { setArchivedAction } from "@/app/sections/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";

export function ArchiveSectionButton({ sectionId, archived }: { sectionId: string; archived: boolean }) {
  const { pending, run } = useRunAction();
  const ready = useReady();
  const toggle = (value: boolean) =>
    run(setArchivedAction, { sectionId, value }, () => {
      if (value) {
        toast.success("Section archived.", { action: { label: "Undo", onClick: () => toggle(false) } });
      } else {
        toast.success("Section restored.");
      }
    });
  return (
    <Button variant="secondary" pending={pending} onClick={() => toggle(!archived)} data-ready={ready || undefined}>
      {archived ? "Restore section" : "Archive section"}
    </Button>
  );
}
