"use client";

import { useFieldArray } from "react-hook-form";
import { updateQuestionsAction } from "@/app/sections/[sectionId]/assignments/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { DEFAULT_QUESTIONS } from "@/lib/lesson/default-lesson";
import { LESSON_LIMITS, type LessonContent } from "@/lib/lesson/types";
import { updateQuestionsSchema } from "@/lib/validations/assignments";
import { newId } from "@/lib/new-id";
import { SaveBar } from "./save-bar";
import { REPLACE_UNSAVED } from "./texts-editor";
import { ScriptedForm } from "@/components/forms/scripted-form";

type Props = { sectionId: string; assignmentId: string; version: string; questions: LessonContent["questions"] };

export function QuestionsEditor({ sectionId, assignmentId, version, questions }: Props) {
  const { form, onSubmit, pending, formError, errors, markSaved } = useActionForm({
    schema: updateQuestionsSchema,
    action: updateQuestionsAction,
    defaultValues: { sectionId, assignmentId, base: version, questions },
    mode: "onSubmit",
    onSuccess: (saved, sent) => {
      // What was sent is saved now, and its version is the one a next save is based on; anything
      // typed since it went stays unsaved.
      markSaved(sent, { base: saved.version ?? "" });
      toast.success("Questions saved.");
    },
  });
  // `field.id` is react-hook-form's own key; the question's id stays in the form values.
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "questions" });
  const full = fields.length >= LESSON_LIMITS.questions;
  // Errors about the list as a whole (the server's, or "at most five"), not about one question.
  const listError = errors.questions?.message ?? errors.questions?.root?.message;

  function resetToLesson() {
    if (form.formState.isDirty && !window.confirm(REPLACE_UNSAVED)) return;
    // Kept as unsaved changes, against what is saved: "Discard changes" undoes the reset.
    form.reset({ ...form.getValues(), questions: structuredClone(DEFAULT_QUESTIONS) }, { keepDefaultValues: true });
    toast.info("The lesson's own questions are back. Save the questions to keep them.");
  }

  return (
    <ScriptedForm onSubmit={onSubmit} aria-labelledby="questions-heading" className="space-y-1">
      <h3 id="questions-heading" className="text-base font-semibold">
        Reflection questions
      </h3>
      <p className="text-sm text-slate-600">
        Students answer each one on their own before the class discussion. Between 1 and {LESSON_LIMITS.questions} questions. Answers are
        kept with their question: a question removed takes its answers out of the reflection step and the discussion, and the grading view
        lists them apart, as answers to a question since removed.
      </p>
      <FormAlert message={formError ?? listError} />
      <ol className="space-y-1">
        {fields.map((field, index) => (
          <li key={field.id} className="relative">
            <TextareaField
              label={`Question ${index + 1}`}
              rows={3}
              maxLength={LESSON_LIMITS.question}
              error={errors.questions?.[index]?.prompt?.message}
              {...form.register(`questions.${index}.prompt`)}
            />
            <button
              type="button"
              className="absolute top-0 right-0 rounded px-1 text-sm font-medium text-red-700 underline-offset-2 hover:underline disabled:cursor-not-allowed disabled:text-slate-400 disabled:no-underline"
              disabled={fields.length <= 1}
              onClick={() => {
                remove(index);
                // The focus goes to the question that took its place, or the one before when it was the last.
                requestAnimationFrame(() => form.setFocus(`questions.${Math.min(index, fields.length - 2)}.prompt`));
              }}
              aria-label={`Remove question ${index + 1}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <Button variant="secondary" disabled={full} onClick={() => append({ id: newId("q"), prompt: "" })}>
        Add question
      </Button>
      {full && <p className="mt-1 text-xs text-slate-600">{LESSON_LIMITS.questions} questions is the most a lesson can have.</p>}
      <SaveBar dirty={form.formState.isDirty} pending={pending} saveLabel="Save questions" onDiscard={() => form.reset()}>
        <Button variant="ghost" disabled={pending} onClick={resetToLesson}>
          Reset to the lesson&apos;s questions
        </Button>
      </SaveBar>
    </ScriptedForm>
  );
}
