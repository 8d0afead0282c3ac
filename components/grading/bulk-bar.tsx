"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { setExcusedManyAction, setExtensionsAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { toast, type useUndoToast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { plural } from "@/lib/text";
import type { ChangedDates } from "./extension-date-form";
import { LazyExtensionForm, loadExtensionForm } from "./extension-panel";

type Props = {
  sectionId: string;
  assignmentId: string;
  /** The class's due date (an ISO instant): an extension must be later. */
  classDueAt: string;
  /** The selected rows of this page, with whether each is excused now and their own due date. */
  selected: { studentId: string; excused: boolean; extendedTo: string | null }[];
  /** Empties the selection and puts the focus where the keyboard can go on (`changed`: the rows changed). */
  done: (changed: boolean) => void;
  /**
   * The list's Undo toast: it outlives this bar, which goes when no row on the page is left to tick
   * (those changed may all leave the filter).
   */
  offerUndo: ReturnType<typeof useUndoToast>;
};

const EXTEND_ID = "bulk-extend-open";
const FIELD_ID = "bulk-extend-date";

/**
 * The Students list's bar for what is selected (shown while the page has work not handed in), for
 * a class trip or students who joined late: excuse every selected student at once or take their
 * excusals back, and give them all one due date of their own (an extension) or take theirs back.
 * Each offers an Undo that takes back exactly what changed: excusals, or each student's date as it
 * was. Work handed in meanwhile is left to grade rather than excused, and the toast says so.
 */
export function BulkBar({ sectionId, assignmentId, classDueAt, selected, done, offerUndo }: Props) {
  const router = useRouter();
  const { pending, run } = useRunAction();
  const focusWhenShown = useFocusWhenShown();
  const [extending, setExtending] = useState(false);
  const toExcuse = selected.filter((row) => !row.excused).map((row) => row.studentId);
  const toTakeBack = selected.filter((row) => row.excused).map((row) => row.studentId);
  const extended = selected.filter((row) => row.extendedTo);
  // The date the field starts at: the one all selected already share, if they do.
  const shared = new Set(selected.map((row) => row.extendedTo));
  useEffect(() => void loadExtensionForm().catch(() => {}), []);
  if (extending && selected.length === 0) setExtending(false);

  const excuse = (studentIds: string[], excused: boolean, undo = false) =>
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
      offerUndo(message + meanwhile, () => void excuse(changed, !excused, true));
    });

  // Each student's date as it was, put back where it is still `from` (what the change set).
  const putBack = (dates: ChangedDates, from: string | null) =>
    run(
      setExtensionsAction,
      { sectionId, assignmentId, dates: dates.map(({ studentId, dueAt }) => ({ studentId, dueAt, from })) },
      ({ changed, changedSince }) => {
        router.refresh();
        if (!changedSince) toast.success("Undone.");
        else if (changed.length === 0)
          toast.info(`Not undone: ${changedSince === 1 ? "their date was" : "their dates were"} changed since.`);
        else
          toast.success(
            `Undone, except for ${plural(changedSince, "student")} whose date was changed since: ${changedSince === 1 ? "theirs stays" : "theirs stay"} as changed.`,
          );
      },
    );
  const datesChanged = (changed: ChangedDates, setTo: string | null, message: string) => {
    done(changed.length > 0);
    router.refresh();
    if (changed.length === 0) toast.success("Nothing changed.");
    else offerUndo(message, () => void putBack(changed, setTo));
  };
  const takeBackExtensions = () =>
    run(
      setExtensionsAction,
      { sectionId, assignmentId, dates: extended.map(({ studentId }) => ({ studentId, dueAt: null })) },
      ({ changed }) => datesChanged(changed, null, `Took back ${plural(changed.length, "extension")}.`),
    );

  return (
    // One line whether or not anything is selected, so that ticking a box doesn't move the rows under the pointer.
    <div
      role="group"
      aria-label="Selected students"
      className="flex min-h-14 flex-wrap items-center gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-slate-200"
    >
      {selected.length === 0 ? (
        <p className="text-slate-600">
          Tick students who haven’t handed in to excuse them or give them more time, several at once: excused work is never marked missing,
          and the gradebook files leave its points empty.
        </p>
      ) : extending ? (
        <div className="w-full space-y-1">
          <p className="font-medium text-slate-800">An extension for {plural(selected.length, "student")}: their own due date</p>
          <LazyExtensionForm
            sectionId={sectionId}
            assignmentId={assignmentId}
            studentIds={selected.map((row) => row.studentId)}
            classDueAt={classDueAt}
            extendedTo={shared.size === 1 ? [...shared][0]! : null}
            current={selected.map((row) => row.extendedTo)}
            label="Extend to"
            submitLabel={`Extend ${plural(selected.length, "student")}`}
            fieldId={FIELD_ID}
            onSaved={(extendedTo, changed) => {
              setExtending(false);
              datesChanged(changed, extendedTo, `Gave ${plural(changed.length, "student")} their own due date.`);
            }}
            onCancel={() => {
              setExtending(false);
              focusWhenShown(EXTEND_ID);
            }}
          />
        </div>
      ) : (
        <>
          <span className="font-medium text-slate-800">{plural(selected.length, "student")} selected</span>
          {toExcuse.length > 0 && (
            <Button variant="primary" pending={pending} onClick={() => excuse(toExcuse, true)}>
              Excuse {plural(toExcuse.length, "student")}
            </Button>
          )}
          {toTakeBack.length > 0 && (
            <Button variant="secondary" pending={pending} onClick={() => excuse(toTakeBack, false)}>
              Take back {plural(toTakeBack.length, "excusal")}
            </Button>
          )}
          <Button id={EXTEND_ID} variant="secondary" disabled={pending} onClick={() => setExtending(true)}>
            Give an extension
          </Button>
          {extended.length > 0 && (
            <Button variant="secondary" pending={pending} onClick={takeBackExtensions}>
              Take back {plural(extended.length, "extension")}
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
