"use client";

import { useFieldArray } from "react-hook-form";
import { updateLessonPlanAction } from "@/app/sections/[sectionId]/assignments/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field, TextareaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { LESSON_LIMITS, type LessonPlan } from "@/lib/lesson/types";
import { updateLessonPlanSchema } from "@/lib/validations/assignments";
import { newId } from "@/lib/new-id";
import { SaveBar } from "./save-bar";
import { ScriptedForm } from "@/components/forms/scripted-form";

type Props = { sectionId: string; assignmentId: string; version: string; lessonPlan: LessonPlan };

/** The lesson plan's parts (title, minutes for the timer, what happens) and the discussion notes. */
export function LessonPlanEditor({ sectionId, assignmentId, version, lessonPlan }: Props) {
  const { form, onSubmit, pending, formError, errors, markSaved } = useActionForm({
    schema: updateLessonPlanSchema,
    action: updateLessonPlanAction,
    defaultValues: { sectionId, assignmentId, base: version, lessonPlan },
    mode: "onSubmit",
    onSuccess: (saved, sent) => {
      // What was sent is saved now, and its version is the one a next save is based on; anything
      // typed since it went stays unsaved.
      markSaved(sent, { base: saved.version ?? "" });
      toast.success("Lesson plan saved.");
    },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "lessonPlan.parts" });
  const full = fields.length >= LESSON_LIMITS.planParts;
  const planErrors = errors.lessonPlan;
  const listError = planErrors?.parts?.message ?? planErrors?.parts?.root?.message;
  const total = (form.watch("lessonPlan.parts") ?? []).reduce((sum, part) => sum + (Number(part.minutes) || 0), 0);

  return (
    <ScriptedForm onSubmit={onSubmit} aria-labelledby="plan-heading" className="space-y-1">
      <h3 id="plan-heading" className="text-base font-semibold">
        Lesson plan
      </h3>
      <p className="text-sm text-slate-600">
        The parts of the lesson, each with a classroom timer on the lesson plan page, and your notes for the discussion. In total:{" "}
        <span data-testid="plan-total">{total} minutes</span>.
      </p>
      <FormAlert message={formError ?? listError} />
      <ol className="space-y-4">
        {fields.map((field, index) => (
          <li key={field.id} className="rounded-md p-3 ring-1 ring-slate-200">
            <div className="flex items-baseline justify-between gap-3">
              <p className="text-sm font-semibold">Part {index + 1}</p>
              <button
                type="button"
                className="rounded px-1 text-sm font-medium text-red-700 underline-offset-2 hover:underline disabled:cursor-not-allowed disabled:text-slate-400 disabled:no-underline"
                disabled={fields.length <= 1}
                onClick={() => remove(index)}
                aria-label={`Remove part ${index + 1}`}
              >
                Remove
              </button>
            </div>
            <div className="grid gap-x-3 sm:grid-cols-[1fr_8rem]">
              <Field
                label={`Part ${index + 1} title`}
                maxLength={LESSON_LIMITS.partTitle}
                error={planErrors?.parts?.[index]?.title?.message}
                {...form.register(`lessonPlan.parts.${index}.title`)}
              />
              <Field
                label={`Part ${index + 1} minutes`}
                type="number"
                inputMode="numeric"
                min={1}
                max={LESSON_LIMITS.partMinutes}
                error={planErrors?.parts?.[index]?.minutes?.message}
                {...form.register(`lessonPlan.parts.${index}.minutes`, { valueAsNumber: true })}
              />
            </div>
            <TextareaField
              label={`Part ${index + 1} plan`}
              rows={4}
              maxLength={LESSON_LIMITS.planText}
              hint="Start a line with - or 1. for a list item."
              error={planErrors?.parts?.[index]?.plan?.message}
              {...form.register(`lessonPlan.parts.${index}.plan`)}
            />
          </li>
        ))}
      </ol>
      <Button variant="secondary" disabled={full} onClick={() => append({ id: newId("part"), title: "", minutes: 10, plan: "" })}>
        Add part
      </Button>
      {full && <p className="mt-1 text-xs text-slate-600">{LESSON_LIMITS.planParts} parts is the most a lesson plan can have.</p>}
      <div className="pt-4">
        <TextareaField
          label="Note for the class discussion"
          rows={3}
          maxLength={LESSON_LIMITS.planText}
          error={planErrors?.discussionNote?.message}
          {...form.register("lessonPlan.discussionNote")}
        />
        <TextareaField
          label="Discussion prompts"
          rows={5}
          maxLength={LESSON_LIMITS.planText}
          hint="One prompt per line."
          error={planErrors?.discussionPrompts?.message}
          {...form.register("lessonPlan.discussionPrompts")}
        />
        <TextareaField
          label="Whole class or small groups"
          rows={3}
          maxLength={LESSON_LIMITS.planText}
          error={planErrors?.grouping?.message}
          {...form.register("lessonPlan.grouping")}
        />
      </div>
      <SaveBar dirty={form.formState.isDirty} pending={pending} saveLabel="Save lesson plan" onDiscard={() => form.reset()} />
    </ScriptedForm>
  );
}
