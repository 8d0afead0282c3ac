"use client";

import { useRouter } from "next/navigation";
import { setExcusedManyAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast, useUndoToast } from "@/components/ui/toast";
import { plural } from "@/lib/text";

type Props = {
  sectionId: string;
  assignmentId: string;
  /** The selected rows of this page, with whether each is excused now. */
  selected: { studentId: string; excused: boolean }[];
  /** Empties the selection and puts the focus where the keyboard can go on (`changed`: the rows' status changed). */
  done: (changed: boolean) => void;
};

/**
 * The Students list's bar for what is selected (shown while the page has work not handed in):
 * excuse every selected student at once (a class trip, students who joined late), or take their
 * excusals back; an Undo takes back exactly what changed. Work handed in meanwhile is left as it
 * is, and the toast says so.
 */
export function BulkExcuseBar({ sectionId, assignmentId, selected, done }: Props) {
  const router = useRouter();
  const { pending, run } = useRunAction();
  const offerUndo = useUndoToast();
  const toExcuse = selected.filter((row) => !row.excused).map((row) => row.studentId);
  const toTakeBack = selected.filter((row) => row.excused).map((row) => row.studentId);

  const change = (studentIds: string[], excused: boolean, undo = false) =>
    run(setExcusedManyAction, { sectionId, assignmentId, studentIds, excused }, ({ changed, handedIn }) => {
      if (!undo) done(changed.length > 0);
      router.refresh();
      const meanwhile = handedIn
        ? ` ${plural(handedIn, "student")} handed in meanwhile, so ${handedIn === 1 ? "their work was" : "theirs were"} left to grade.`
        : "";
      if (undo || changed.length === 0) {
        toast.success(undo ? `Undone.${meanwhile}` : `Nothing changed.${meanwhile}`);
        return;
      }
      const message = excused ? `Excused ${plural(changed.length, "student")}.` : `Took back ${plural(changed.length, "excusal")}.`;
      offerUndo(message + meanwhile, () => void change(changed, !excused, true));
    });

  return (
    // One line whether or not anything is selected, so that ticking a box doesn't move the rows under the pointer.
    <div
      role="group"
      aria-label="Selected students"
      className="flex min-h-14 flex-wrap items-center gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200"
    >
      {selected.length === 0 ? (
        <p className="text-slate-600">
          Tick students who haven’t handed in to excuse several at once: excused work is never marked missing, and the gradebook files leave
          its points empty.
        </p>
      ) : (
        <>
          <span className="font-medium text-slate-800">{plural(selected.length, "student")} selected</span>
          {toExcuse.length > 0 && (
            <Button variant="primary" pending={pending} onClick={() => change(toExcuse, true)}>
              Excuse {plural(toExcuse.length, "student")}
            </Button>
          )}
          {toTakeBack.length > 0 && (
            <Button variant="secondary" pending={pending} onClick={() => change(toTakeBack, false)}>
              Take back {plural(toTakeBack.length, "excusal")}
            </Button>
          )}
          <Button variant="ghost" onClick={() => done(false)}>
            Clear selection
          </Button>
        </>
      )}
    </div>
  );
}
