"use client";

import { useRouter } from "next/navigation";
import { createSectionAction } from "@/app/sections/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { SECTION_NAME_MAX, SECTION_TERM_MAX, sectionFormSchema } from "@/lib/validations/sections";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";

export function CreateSectionForm() {
  const router = useRouter();
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: sectionFormSchema,
    action: createSectionAction,
    defaultValues: { name: "", term: "" },
    onSuccess: ({ id }) => {
      toast.success("Section created. Share its join link with your students.");
      router.push(`/sections/${id}`);
    },
  });
  return (
    <ScriptedForm onSubmit={onSubmit} className="space-y-1">
      <FormAlert message={formError} />
      <Field
        label="Section name"
        placeholder="Period 3 — Marketing"
        maxLength={SECTION_NAME_MAX}
        error={errors.name?.message}
        {...form.register("name")}
      />
      <Field
        label="Term (optional)"
        placeholder="Fall 2026"
        maxLength={SECTION_TERM_MAX}
        error={errors.term?.message}
        {...form.register("term")}
      />
      <SubmitButton pending={pending} className="w-full">
        Create section
      </SubmitButton>
    </ScriptedForm>
  );
}
