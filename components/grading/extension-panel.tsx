"use client";

import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { setExtensionsAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { useRunAction } from "@/components/forms/run-action";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { patient } from "@/components/ui/patient-import";
import { toast, useUndoToast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { useReady } from "@/components/ui/use-ready";
import type { ExtensionTarget } from "./extension-date-form";

/**
 * The extension's date form (./extension-date-form.tsx) is not part of the first load of the pages
 * that offer it, this panel's and the Students list's bar (./bulk-bar.tsx): its form code weighs
 * more than the rest of this panel. Fetched once the page is up, shown when the teacher opens it.
 */
export const loadExtensionForm = patient(() => import("./extension-date-form"));
export const LazyExtensionForm = dynamic(() => loadExtensionForm().then((m) => m.ExtensionDateForm), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-600">Loading…</p>,
});

const STATUS_ID = "extension-status";
const OPEN_ID = "extension-open";
const FIELD_ID = "extension-date";

/**
 * In grading: the student's own due date (an extension, for an accommodation or an absence). They
 * hand in on time until it, and are marked missing only after it; given after a late hand-in, it
 * forgives what it covers. Taking it back offers Undo. The focus follows: into the date field when
 * it opens, back to its button when cancelled, and to the status, which says what the student's date
 * now is, after a save, a take-back or an Undo.
 */
export function ExtensionPanel({ sectionId, assignmentId, studentId, classDueAt, extendedTo: initial }: ExtensionTarget) {
  const router = useRouter();
  const ready = useReady();
  const [extendedTo, setExtendedTo] = useState(initial);
  // A refresh brings the date as the server has it (a co-teacher may have changed it): it wins.
  const [served, setServed] = useState(initial);
  if (served !== initial) {
    setServed(initial);
    setExtendedTo(initial);
  }
  const [editing, setEditing] = useState(false);
  const offerUndo = useUndoToast();
  const focusWhenShown = useFocusWhenShown();
  const { pending, run } = useRunAction();
  useEffect(() => void loadExtensionForm().catch(() => {}), []);

  const changed = (to: string | null) => {
    setExtendedTo(to);
    setEditing(false);
    focusWhenShown(STATUS_ID);
    router.refresh();
  };
  // The Undo puts their date back only if nobody gave them another since.
  const putBack = (previous: string) => () =>
    void run(setExtensionsAction, { sectionId, assignmentId, dates: [{ studentId, dueAt: previous, from: null }] }, ({ changedSince }) => {
      if (!changedSince) return changed(previous);
      toast.info("Not undone: this student's date was changed since.");
      router.refresh();
    });
  // What the server took back (not what this page last showed), so the Undo puts back exactly that.
  const takeBack = () =>
    run(setExtensionsAction, { sectionId, assignmentId, dates: [{ studentId, dueAt: null }] }, ({ changed: [taken] }) => {
      changed(null);
      if (taken?.dueAt) offerUndo("Extension taken back: this student's work is due with the class's.", putBack(taken.dueAt));
    });

  return (
    <div className="space-y-2 text-sm text-slate-700" data-testid="extension" data-ready={ready || undefined}>
      <p id={STATUS_ID} tabIndex={-1} aria-live="polite" className="outline-none">
        {extendedTo ? (
          <>
            Extended: due <LocalTime iso={extendedTo} /> for this student (the class&apos;s date is <LocalTime iso={classDueAt} />
            ). They hand in on time until then and aren&apos;t marked missing before it.
          </>
        ) : (
          <>
            Due with the class: <LocalTime iso={classDueAt} />. For an accommodation or an absence, give this student a later date of their
            own: work handed in by then is on time, and it is missing only after it.
          </>
        )}
      </p>
      {editing ? (
        <LazyExtensionForm
          sectionId={sectionId}
          assignmentId={assignmentId}
          studentIds={[studentId]}
          classDueAt={classDueAt}
          extendedTo={extendedTo}
          current={[extendedTo]}
          label={extendedTo ? "Their due date" : "Extend to"}
          submitLabel={extendedTo ? "Save date" : "Give extension"}
          fieldId={FIELD_ID}
          onSaved={(to) => {
            toast.success("Extension saved: this student's work is due on their own date.");
            changed(to);
          }}
          onCancel={() => {
            setEditing(false);
            focusWhenShown(OPEN_ID);
          }}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button id={OPEN_ID} variant="secondary" disabled={pending} onClick={() => setEditing(true)}>
            {extendedTo ? "Change their date" : "Give an extension"}
          </Button>
          {extendedTo && (
            <Button variant="secondary" pending={pending} onClick={takeBack}>
              Take back the extension
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
