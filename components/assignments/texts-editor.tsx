"use client";

import { updateTextsAction } from "@/app/sections/[sectionId]/assignments/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { TextareaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { LESSON_LIMITS } from "@/lib/lesson/types";
import { updateTextsSchema } from "@/lib/validations/assignments";
import { SaveBar } from "./save-bar";

type Props = { sectionId: string; assignmentId: string; caseStudy: string; brief: string };

export function TextsEditor({ sectionId, assignmentId, caseStudy, brief }: Props) {
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: updateTextsSchema,
    action: updateTextsAction,
    defaultValues: { sectionId, assignmentId, caseStudy, brief },
    onSuccess: () => {
      form.reset(form.getValues());
      toast.success("Case study and brief saved.");
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="texts-heading" className="space-y-1">
      <h3 id="texts-heading" className="text-base font-semibold">
        Case study and brief
      </h3>
      <FormAlert message={formError} />
      <TextareaField
        label="Case study"
        rows={10}
        maxLength={LESSON_LIMITS.longText * 2}
        hint="Leave a blank line between paragraphs."
        error={errors.caseStudy?.message}
        {...form.register("caseStudy")}
      />
      <TextareaField
        label="Brief"
        rows={4}
        maxLength={LESSON_LIMITS.longText}
        hint="The client's request that frames the activity."
        error={errors.brief?.message}
        {...form.register("brief")}
      />
      <SaveBar dirty={form.formState.isDirty} pending={pending} saveLabel="Save texts" />
    </form>
  );
}
