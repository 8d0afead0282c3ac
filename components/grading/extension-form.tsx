"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { setExtensionAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { DateTimeField } from "@/components/forms/date-time-field";
import { useRunAction } from "@/components/forms/run-action";
import { ScriptedForm } from "@/components/forms/scripted-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { LocalTime } from "@/components/ui/local-time";
import { toast, useUndoToast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { extensionSchema } from "@/lib/validations/grading";

type Props = {
  sectionId: string;
  assignmentId: string;
  studentId: string;
  /** The class's due date and the student's own (an extension), as ISO instants. */
  classDueAt: string;
  extendedTo: string | null;
};

/**
 * Where the date field starts when the student has no extension yet: a day after the class's due
 * date, or after now if that has passed (a date already gone would give no time at all).
 */
const dayAfter = (iso: string) => new Date(Math.max(Date.parse(iso), Date.now()) + 86_400_000).toISOString();

const STATUS_ID = "extension-status";

/**
 * In grading: the student's own due date (an extension, for an accommodation or an absence). They
 * hand in on time until it, and are marked missing only after it; given after a late hand-in, it
 * forgives what it covers. Taking it back offers Undo; either way the focus goes to the status
 * above the field, which says what the student's date now is.
 */
export function ExtensionForm({ sectionId, assignmentId, studentId, classDueAt, extendedTo: initial }: Props) {
  const router = useRouter();
  const [extendedTo, setExtendedTo] = useState(initial);
  const offerUndo = useUndoToast();
  const focusWhenShown = useFocusWhenShown();
  const { pending: takingBack, run } = useRunAction();
  const { form, onSubmit, pending, formError, markSaved } = useActionForm({
    schema: extensionSchema,
    action: setExtensionAction,
    defaultValues: { sectionId, assignmentId, studentId, dueAt: initial ?? dayAfter(classDueAt) },
    onSuccess: (saved, sent) => {
      setExtendedTo(saved.extendedTo);
      markSaved(sent, {});
      toast.success("Extension saved: this student's work is due on their own date.");
      router.refresh();
    },
  });
  const setTo = (dueAt: string | null) =>
    run(setExtensionAction, { sectionId, assignmentId, studentId, dueAt }, (saved) => {
      setExtendedTo(saved.extendedTo);
      form.reset({ sectionId, assignmentId, studentId, dueAt: saved.extendedTo ?? dayAfter(classDueAt) });
      // The button pressed (Take back, or the toast's Undo) is gone: go on from what changed.
      focusWhenShown(STATUS_ID);
      router.refresh();
    });
  const takeBack = async () => {
    const previous = extendedTo;
    if (!(await setTo(null)) || !previous) return;
    offerUndo("Extension taken back: this student's work is due with the class's.", () => void setTo(previous));
  };

  return (
    <div className="space-y-2 text-sm text-slate-700" data-testid="extension">
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
      <ScriptedForm onSubmit={onSubmit} className="space-y-1 sm:max-w-sm" aria-label="Extension">
        <FormAlert message={formError} />
        <DateTimeField control={form.control} name="dueAt" label={extendedTo ? "Their due date" : "Extend to"} />
        <div className="flex flex-wrap gap-2">
          {/* One change at a time: a save and a take-back racing would leave the page saying either. */}
          <SubmitButton pending={pending} disabled={takingBack}>
            {extendedTo ? "Save date" : "Give extension"}
          </SubmitButton>
          {extendedTo && (
            <Button variant="secondary" pending={takingBack} disabled={pending} onClick={takeBack}>
              Take back the extension
            </Button>
          )}
        </div>
      </ScriptedForm>
    </div>
  );
}
