"use client";

import { useEffect } from "react";
import { setExtensionAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { DateTimeField } from "@/components/forms/date-time-field";
import { ScriptedForm } from "@/components/forms/scripted-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { extensionSchema } from "@/lib/validations/grading";

/** Whose date it is, and the dates as they stand (ISO instants): the panel's props and the form's. */
export type ExtensionTarget = {
  sectionId: string;
  assignmentId: string;
  studentId: string;
  /** The class's due date and the student's own (an extension). */
  classDueAt: string;
  extendedTo: string | null;
};

type Props = ExtensionTarget & {
  /** The id of the date field, which takes the focus when the form opens. */
  fieldId: string;
  onSaved: (extendedTo: string | null) => void;
  onCancel: () => void;
};

/**
 * Where the date field starts when the student has no extension yet: a day after the class's due
 * date, or after now if that has passed (a date already gone would give no time at all).
 */
const dayAfter = (iso: string) => new Date(Math.max(Date.parse(iso), Date.now()) + 86_400_000).toISOString();

/**
 * The date of an extension, opened from the grading view's panel (./extension-panel.tsx). Its form
 * code (react-hook-form, the schema, the date field) is fetched only then, not with the grading view.
 * A date not after the class's is refused on the field by the server. It takes the focus when it opens.
 */
export function ExtensionDateForm({ sectionId, assignmentId, studentId, classDueAt, extendedTo, fieldId, onSaved, onCancel }: Props) {
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: extensionSchema,
    action: setExtensionAction,
    defaultValues: { sectionId, assignmentId, studentId, dueAt: extendedTo ?? dayAfter(classDueAt) },
    onSuccess: (saved) => onSaved(saved.extendedTo),
  });
  // Opened by a button that is gone now: the focus goes on into the date.
  useEffect(() => document.getElementById(fieldId)?.focus(), [fieldId]);
  return (
    <ScriptedForm onSubmit={onSubmit} className="space-y-1 sm:max-w-sm" aria-label="Extension">
      <FormAlert message={formError} />
      <DateTimeField id={fieldId} control={form.control} name="dueAt" label={extendedTo ? "Their due date" : "Extend to"} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending}>{extendedTo ? "Save date" : "Give extension"}</SubmitButton>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </ScriptedForm>
  );
}
