"use client";

import { useRouter } from "next/navigation";
import { createSectionAction } from "@/app/sections/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";
import { SECTION_NAME_MAX, SECTION_TERM_MAX, sectionFormSchema } from "@/lib/validations/sections";
import { SubmitButton } from "@/components/forms/submit-button";

export function CreateSectionForm() {
  const ready = useReady();
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
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-1" data-ready={ready || undefined}>
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
    </form>
  );
}
