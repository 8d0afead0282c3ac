"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { transferSectionAction } from "@/app/admin/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { useReady } from "@/components/ui/use-ready";
import { transferSectionSchema } from "@/lib/validations/admin";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";

/**
 * Hands a section to another teacher, by email, in two steps: the server checks the email first
 * (a refusal shows beside it), then the question names the teacher who would get the section.
 */
export function TransferSectionForm({
  sectionId,
  sectionName,
  teacherId,
  teacherName,
}: {
  sectionId: string;
  sectionName: string;
  /** The teacher the page shows: the transfer is refused if the section has changed hands since. */
  teacherId: string;
  teacherName: string;
}) {
  const ready = useReady();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // Cancelled (or Esc), the form goes: the focus goes back to Transfer, where it came from.
  const focusWhenShown = useFocusWhenShown();
  const openerId = `transfer-${sectionId}`;
  const close = () => {
    setOpen(false);
    setConfirming(null);
    focusWhenShown(openerId);
  };
  // The teacher the checked email belongs to, while the question is asked: named as the server has
  // them (an email typed in capitals, or with a space, is shown as it is stored).
  const [confirming, setConfirmingTeacher] = useState<{ name: string; email: string } | null>(null);
  // Edits to the email so far, and how many there had been when the last check was sent: an answer
  // to a check sent before the field was last edited is about an email no longer on screen (even if
  // it was typed back), and a question shown as the next click lands would be confirmed unread.
  const edits = useRef(0);
  const editsWhenSent = useRef(0);
  const { form, onSubmit, pending, formError, setFormError, errors } = useActionForm({
    schema: transferSectionSchema,
    action: transferSectionAction,
    defaultValues: { sectionId, teacherEmail: "", confirmed: false, fromTeacherId: teacherId },
    onSuccess: (data) => {
      if (!data.moved) {
        // The question names the teacher of the email checked: if the field changed while the check
        // was on its way, the answer is about another email, and no question is asked.
        if (editsWhenSent.current === edits.current && form.getValues("teacherEmail").trim().toLowerCase() === data.teacherEmail) {
          setConfirming({ name: data.teacherName, email: data.teacherEmail });
        }
        return;
      }
      toast.success(`${sectionName} now belongs to ${data.teacherName}.`);
      close();
      form.reset({ sectionId, teacherEmail: "", confirmed: false, fromTeacherId: teacherId });
      router.refresh();
    },
    // Refused (not a teacher, the same teacher, no such account): the error shows beside the email,
    // and no question about a transfer that will not happen is asked.
    onFailure: () => setConfirming(null),
  });
  const setConfirming = (teacher: { name: string; email: string } | null) => {
    setConfirmingTeacher(teacher);
    form.setValue("confirmed", teacher !== null);
  };
  // Not while the check or the transfer is on its way: its answer would come back to a form no longer there.
  const cancel = () => !pending && close();

  if (!open) {
    return (
      <Button
        id={openerId}
        variant="secondary"
        onClick={() => {
          // A fresh form: no email, error or question left from the last time it was open.
          form.reset({ sectionId, teacherEmail: "", confirmed: false, fromTeacherId: teacherId });
          setFormError(null);
          setOpen(true);
        }}
        data-ready={ready || undefined}
        aria-label={`Transfer ${sectionName}`}
      >
        Transfer
      </Button>
    );
  }
  const email = form.register("teacherEmail");
  return (
    <ScriptedForm
      onSubmit={(event) => {
        editsWhenSent.current = edits.current;
        void onSubmit(event);
      }}
      onEscape={cancel}
      aria-label={`Transfer ${sectionName}`}
      className="w-full max-w-sm space-y-1"
    >
      <FormAlert message={formError} />
      <Field
        label="New teacher's email"
        type="email"
        autoComplete="off"
        autoFocus
        error={errors.teacherEmail?.message}
        {...email}
        onChange={(event) => {
          edits.current += 1;
          setConfirming(null);
          return email.onChange(event);
        }}
      />
      {confirming !== null && (
        <p className="text-sm text-slate-800" role="status">
          Move <strong>{sectionName}</strong> (roster, assignments, work and grades) to <strong>{confirming.name}</strong> (
          {confirming.email})? {teacherName} loses access at once.
        </p>
      )}
      <div className="flex gap-2">
        <SubmitButton variant={confirming !== null ? "danger" : "primary"} pending={pending}>
          {confirming !== null ? "Confirm transfer" : "Transfer"}
        </SubmitButton>
        <Button variant="ghost" onClick={cancel}>
          Cancel
        </Button>
      </div>
    </ScriptedForm>
  );
}
