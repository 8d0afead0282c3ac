"use client";

import { useEffect } from "react";
import { useWatch } from "react-hook-form";
import { extendAction } from "@/app/sections/[sectionId]/assignments/[assignmentId]/grade/actions";
import { DateTimeField } from "@/components/forms/date-time-field";
import { ScriptedForm } from "@/components/forms/scripted-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { extendSchema } from "@/lib/validations/grading";

/** Whose date it is, and the dates as they stand (ISO instants): the grading view's panel's props. */
export type ExtensionTarget = {
  sectionId: string;
  assignmentId: string;
  studentId: string;
  /** The class's due date and the student's own (an extension). */
  classDueAt: string;
  extendedTo: string | null;
};

/** What each student changed had before (null: no extension), for an Undo: extendAction's answer. */
export type ChangedDates = { studentId: string; dueAt: string | null }[];

type Props = {
  sectionId: string;
  assignmentId: string;
  /** One student (the grading view) or those selected in the Students list. */
  studentIds: string[];
  classDueAt: string;
  /** Where the field starts: the date they have now, if they share one. */
  extendedTo: string | null;
  /** The students' own dates now (null: none), to warn when the date chosen would shorten one. */
  current: (string | null)[];
  /** The field's label and the button's words. */
  label: string;
  submitLabel: string;
  /** The id of the date field, which takes the focus when the form opens. */
  fieldId: string;
  onSaved: (extendedTo: string, changed: ChangedDates) => void;
  onCancel: () => void;
};

/**
 * Where the date field starts when the student has no extension yet: a day after the class's due
 * date, or after now if that has passed (a date already gone would give no time at all).
 */
const dayAfter = (iso: string) => new Date(Math.max(Date.parse(iso), Date.now()) + 86_400_000).toISOString();

/**
 * The date of an extension, opened from the grading view's panel (./extension-panel.tsx) or the
 * Students list's bar for those selected (./bulk-bar.tsx). Its form code (react-hook-form, the
 * schema, the date field) is fetched only then, not with the page. A date not after the class's is
 * refused on the field by the server. It takes the focus when it opens.
 */
export function ExtensionDateForm(props: Props) {
  const { sectionId, assignmentId, studentIds, classDueAt, extendedTo, fieldId, onSaved, onCancel } = props;
  const { form, onSubmit, pending, formError } = useActionForm({
    schema: extendSchema,
    action: extendAction,
    defaultValues: { sectionId, assignmentId, studentIds, dueAt: extendedTo ?? dayAfter(classDueAt) },
    onSuccess: (saved) => onSaved(saved.extendedTo, saved.changed),
  });
  // Opened by a button that is gone now: the focus goes on into the date.
  useEffect(() => document.getElementById(fieldId)?.focus(), [fieldId]);
  // Boxes ticked or cleared in the Students list while the form is open: it extends those selected now.
  const selection = studentIds.join(" ");
  useEffect(() => form.setValue("studentIds", selection.split(" ")), [form, selection]);
  // A date earlier than one a student has now shortens their time: say so before it is saved.
  const chosen = Date.parse(useWatch({ control: form.control, name: "dueAt" }) ?? "");
  const shortened = props.current.filter((date) => date && Date.parse(date) > chosen).length;
  const warning =
    shortened === 0
      ? undefined
      : studentIds.length === 1
        ? "Earlier than their own date now: this shortens their extension."
        : `${shortened === 1 ? "One of them has" : `${shortened} of them have`} a later date of their own now: this shortens theirs.`;
  // Not while the save is on its way: a refusal would come back to a form no longer there.
  const cancel = () => !pending && onCancel();
  return (
    <ScriptedForm onSubmit={onSubmit} onEscape={cancel} className="space-y-1 sm:max-w-sm" aria-label="Extension">
      <FormAlert message={formError} />
      <DateTimeField id={fieldId} control={form.control} name="dueAt" label={props.label} hint={warning} />
      <div className="flex flex-wrap gap-2">
        <SubmitButton pending={pending}>{props.submitLabel}</SubmitButton>
        <Button variant="ghost" onClick={cancel}>
          Cancel
        </Button>
      </div>
    </ScriptedForm>
  );
}
