"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { FormProvider, useWatch } from "react-hook-form";
import { createAssignmentAction } from "@/app/sections/[sectionId]/assignments/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { buttonClass } from "@/components/ui/button-class";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { DEFAULT_INSTRUCTIONS, DEFAULT_TITLE } from "@/lib/lesson/default-lesson";
import { createAssignmentSchema } from "@/lib/validations/assignments";
import { defaultDueAt, SettingsFields } from "./settings-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";

const PAST_DUE_QUESTION =
  "This date has already passed: every student would be missing from the start. Check the date, or press Assign lesson again to assign it as it is.";

export function NewAssignmentForm({ sectionId }: { sectionId: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: createAssignmentSchema,
    action: createAssignmentAction,
    defaultValues: {
      sectionId,
      settings: { title: DEFAULT_TITLE, instructions: DEFAULT_INSTRUCTIONS, dueAt: defaultDueAt(), acceptLate: true, closeAt: "" },
    },
    onSuccess: ({ id }) => {
      toast.success("Lesson assigned. Students in the section can start now.");
      router.push(`/sections/${sectionId}/assignments/${id}`);
    },
  });
  // A due date already gone by (a wrong year, say) makes every student missing from the start: the
  // first press asks, beside the date; pressing again with the same date assigns it as it is.
  const [pastAccepted, setPastAccepted] = useState<string | null>(null);
  // The question goes as soon as the date is changed (the form checks again only after a real submit).
  const dueAt = useWatch({ control: form.control, name: "settings.dueAt" });
  const asked = form.formState.errors.settings?.dueAt?.message === PAST_DUE_QUESTION;
  useEffect(() => {
    if (asked && dueAt !== pastAccepted) form.clearErrors("settings.dueAt");
  }, [asked, dueAt, pastAccepted, form]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const dueAt = form.getValues("settings.dueAt");
    if (dueAt && Date.parse(dueAt) <= Date.now() && pastAccepted !== dueAt) {
      event.preventDefault();
      setPastAccepted(dueAt);
      form.setError("settings.dueAt", { message: PAST_DUE_QUESTION }, { shouldFocus: true });
      return;
    }
    return onSubmit(event);
  };
  return (
    <FormProvider {...form}>
      <ScriptedForm onSubmit={submit} aria-label="Assign lesson" className="space-y-1">
        {/* The server reports settings problems under one key ("settings"); show them at the top. */}
        <FormAlert message={formError ?? errors.settings?.message} />
        <SettingsFields />
        <div className="flex flex-wrap gap-2 pt-2">
          <SubmitButton pending={pending}>Assign lesson</SubmitButton>
          <Link href={`/sections/${sectionId}`} className={buttonClass("ghost")}>
            Cancel
          </Link>
        </div>
      </ScriptedForm>
    </FormProvider>
  );
}
