"use client";

import { updateTextsAction } from "@/app/sections/[sectionId]/assignments/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { defaultLessonContent } from "@/lib/lesson/default-lesson";
import { LESSON_LIMITS } from "@/lib/lesson/types";
import { updateTextsSchema } from "@/lib/validations/assignments";
import { SaveBar } from "./save-bar";
import { ScriptedForm } from "@/components/forms/scripted-form";

/** Asked before a reset replaces what was typed and not saved (Discard changes brings back only what was saved). */
export const REPLACE_UNSAVED = "Replace your unsaved changes with the lesson's own? They can't be brought back.";

type Props = { sectionId: string; assignmentId: string; version: string; caseStudy: string; brief: string; copyExample: string };

export function TextsEditor({ sectionId, assignmentId, version, caseStudy, brief, copyExample }: Props) {
  const { form, onSubmit, pending, formError, errors, markSaved } = useActionForm({
    schema: updateTextsSchema,
    action: updateTextsAction,
    defaultValues: { sectionId, assignmentId, base: version, caseStudy, brief, copyExample },
    onSuccess: (saved, sent) => {
      // What was sent is saved now, and its version is the one a next save is based on; anything
      // typed since it went stays unsaved.
      markSaved(sent, { base: saved.version ?? "" });
      toast.success("Case study, brief and worked example saved.");
    },
  });
  function resetToLesson() {
    if (form.formState.isDirty && !window.confirm(REPLACE_UNSAVED)) return;
    const { caseStudy, brief, copyExample } = defaultLessonContent();
    // Kept as unsaved changes, against what is saved: "Discard changes" undoes the reset.
    form.reset({ ...form.getValues(), caseStudy, brief, copyExample }, { keepDefaultValues: true });
    toast.info("The lesson's own case study, brief and worked example are back. Save the texts to keep them.");
  }

  return (
    <ScriptedForm onSubmit={onSubmit} aria-labelledby="texts-heading" className="space-y-1">
      <h3 id="texts-heading" className="text-base font-semibold">
        Case study, brief and worked example
      </h3>
      <FormAlert message={formError} />
      <TextareaField
        label="Case study"
        rows={14}
        maxLength={LESSON_LIMITS.caseStudy}
        hint="Leave a blank line between paragraphs. Start a line with ## or ### for a heading, and with - or 1. for a list item; **bold** marks a term."
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
      <TextareaField
        label="Worked example of copy"
        rows={3}
        maxLength={LESSON_LIMITS.copyExample}
        hint="Shown beside the student's copy editor, with how it reads for the first customer. Use placeholders such as [Name]."
        error={errors.copyExample?.message}
        {...form.register("copyExample")}
      />
      <SaveBar dirty={form.formState.isDirty} pending={pending} saveLabel="Save texts" onDiscard={() => form.reset()}>
        <Button variant="ghost" disabled={pending} onClick={resetToLesson}>
          Reset to the lesson&apos;s texts
        </Button>
      </SaveBar>
    </ScriptedForm>
  );
}
