"use client";

import { useId } from "react";
import {
  useFieldArray,
  useWatch,
  type Control,
  type FieldError,
  type FieldErrorsImpl,
  type FieldValues,
  type Merge,
  type UseFormRegister,
} from "react-hook-form";
import type { z } from "zod";
import { updateRubricAction } from "@/app/sections/[sectionId]/assignments/actions";
import { firstError } from "@/components/forms/first-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { controlClass, Field, TextareaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { rubricMaximum } from "@/lib/grading";
import { LESSON_LIMITS, type Rubric } from "@/lib/lesson/types";
import { updateRubricSchema } from "@/lib/validations/assignments";
import { newId } from "@/lib/new-id";
import { iconButtonClass, RemoveIcon } from "./remove-icon";
import { SaveBar } from "./save-bar";
import { ScriptedForm } from "@/components/forms/scripted-form";

type Values = z.input<typeof updateRubricSchema>;
type Criterion = Values["rubric"]["criteria"][number];
type Level = Criterion["levels"][number];
type ErrorsOf<T extends FieldValues> = Merge<FieldError, FieldErrorsImpl<T>> | undefined;
type Props = { sectionId: string; assignmentId: string; version: string; rubric: Rubric };

const LEVELS = { min: 2, max: 6 } as const; // rubricSchema's bounds on a criterion's levels
const POINTS_ERROR = "Points must be a whole number from 0 to 100.";

/** Points while the teacher types: an emptied points box must not turn the total into NaN. */
function liveMaximum(criteria: Criterion[]): number | null {
  return criteria.every((c) => c.levels.every((l) => Number.isFinite(l.points))) ? rubricMaximum({ criteria }) : null;
}

export function RubricEditor({ sectionId, assignmentId, version, rubric }: Props) {
  const { form, onSubmit, pending, formError, errors, markSaved } = useActionForm({
    schema: updateRubricSchema,
    action: updateRubricAction,
    defaultValues: { sectionId, assignmentId, base: version, rubric },
    mode: "onSubmit",
    onSuccess: (saved, sent) => {
      // What was sent is saved now, and its version is the one a next save is based on; anything
      // typed since it went stays unsaved.
      markSaved(sent, { base: saved.version });
      toast.success("Rubric saved.");
    },
  });
  const { control, register, getValues } = form;
  const { fields, append, remove } = useFieldArray({ control, name: "rubric.criteria" });
  const criteria = useWatch({ control, name: "rubric.criteria" });
  const maximum = liveMaximum(criteria);

  function addCriterion() {
    // A new criterion starts on the same scale as the last one, with its descriptors to write.
    const scale = getValues(`rubric.criteria.${fields.length - 1}.levels`);
    append(
      {
        id: newId("criterion"),
        title: "",
        description: "",
        levels: scale.map((level) => ({ points: level.points, label: level.label, descriptor: "" })),
      },
      { focusName: `rubric.criteria.${fields.length}.title` },
    );
  }

  return (
    <ScriptedForm onSubmit={onSubmit} aria-labelledby="rubric-heading" data-testid="rubric-editor">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="rubric-heading" className="text-base font-semibold">
          Rubric
        </h2>
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="rubric-maximum">
          Maximum: {maximum === null ? "—" : `${maximum} ${maximum === 1 ? "point" : "points"}`}
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Each criterion is scored at one of its levels; the maximum adds up each criterion&apos;s highest level. The rubric can change until
        the first piece of work is scored.
      </p>
      <div className="mt-3">
        <FormAlert message={formError ?? errors.rubric?.message ?? errors.rubric?.criteria?.root?.message} />
      </div>
      <ol className="mt-2 space-y-4">
        {fields.map((field, index) => (
          <CriterionEditor
            key={field.id}
            index={index}
            control={control}
            register={register}
            errors={errors.rubric?.criteria?.[index]}
            canRemove={fields.length > 1}
            onRemove={() => {
              remove(index);
              // The focus goes to the criterion that took its place, or the one before when it was the last
              // (the button went with it); "Discard changes" puts a criterion removed by mistake back.
              requestAnimationFrame(() => form.setFocus(`rubric.criteria.${Math.min(index, fields.length - 2)}.title`));
            }}
          />
        ))}
      </ol>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button variant="secondary" onClick={addCriterion} disabled={fields.length >= LESSON_LIMITS.criteria}>
          Add criterion
        </Button>
        <p className="text-xs text-slate-600">
          {fields.length} of {LESSON_LIMITS.criteria} criteria
        </p>
      </div>
      <SaveBar dirty={form.formState.isDirty} pending={pending} saveLabel="Save rubric" onDiscard={() => form.reset()} />
    </ScriptedForm>
  );
}

type CriterionProps = {
  index: number;
  control: Control<Values>;
  register: UseFormRegister<Values>;
  errors: ErrorsOf<Criterion>;
  canRemove: boolean;
  onRemove: () => void;
};

function CriterionEditor({ index, control, register, errors, canRemove, onRemove }: CriterionProps) {
  const { fields, append, remove } = useFieldArray({ control, name: `rubric.criteria.${index}.levels` });
  const levels = useWatch({ control, name: `rubric.criteria.${index}.levels` });
  const number = index + 1;
  const headingId = useId();
  const listError = errors?.levels?.root?.message ?? errors?.levels?.message;

  function addLevel() {
    // The lowest free score, so a new level never collides with an existing one.
    const used = new Set(levels.map((level) => level.points));
    let points = 0;
    while (used.has(points)) points += 1;
    append({ points, label: "", descriptor: "" }, { focusName: `rubric.criteria.${index}.levels.${fields.length}.label` });
  }

  return (
    <li className="rounded-lg p-4 ring-1 ring-slate-200">
      <div role="group" aria-labelledby={headingId}>
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h3 id={headingId} className="text-sm font-semibold text-slate-900">
            Criterion {number}
          </h3>
          <Button
            variant="danger"
            className="min-h-8 px-3 py-1"
            disabled={!canRemove}
            onClick={onRemove}
            aria-label={`Remove criterion ${number}`}
          >
            Remove criterion
          </Button>
        </div>
        <div className="grid gap-x-4 sm:grid-cols-[minmax(0,16rem)_minmax(0,1fr)]">
          <Field
            label={
              <>
                <span className="sr-only">Criterion {number} </span>Title
              </>
            }
            maxLength={LESSON_LIMITS.criterionTitle}
            error={errors?.title?.message}
            {...register(`rubric.criteria.${index}.title`)}
          />
          <TextareaField
            label={
              <>
                <span className="sr-only">Criterion {number} </span>Description
              </>
            }
            rows={2}
            maxLength={LESSON_LIMITS.criterionDescription}
            error={errors?.description?.message}
            {...register(`rubric.criteria.${index}.description`)}
          />
        </div>
        <p className="text-sm font-medium text-slate-800">Levels</p>
        <ul className="mt-1 divide-y divide-slate-100">
          {fields.map((field, levelIndex) => (
            <LevelEditor
              key={field.id}
              criterion={number}
              name={`rubric.criteria.${index}.levels.${levelIndex}`}
              level={levelIndex + 1}
              first={levelIndex === 0}
              register={register}
              errors={errors?.levels?.[levelIndex]}
              canRemove={fields.length > LEVELS.min}
              onRemove={() => {
                remove(levelIndex);
                // As with a criterion: on to the level that took its place, or the one before.
                const next = `rubric.criteria.${index}.levels.${Math.min(levelIndex, fields.length - 2)}.label`;
                requestAnimationFrame(() => document.getElementsByName(next)[0]?.focus());
              }}
            />
          ))}
        </ul>
        <p aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
          {listError}
        </p>
        <Button
          variant="secondary"
          className="min-h-8 px-3 py-1"
          disabled={fields.length >= LEVELS.max}
          onClick={addLevel}
          aria-label={`Add level to criterion ${number}`}
        >
          Add level
        </Button>
      </div>
    </li>
  );
}

type LevelProps = {
  criterion: number;
  level: number;
  first: boolean;
  name: `rubric.criteria.${number}.levels.${number}`;
  register: UseFormRegister<Values>;
  errors: ErrorsOf<Level>;
  canRemove: boolean;
  onRemove: () => void;
};

function LevelEditor({ criterion, level, first, name, register, errors, canRemove, onRemove }: LevelProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const where = `Criterion ${criterion}, level ${level}`;
  // zod's own wording for a bad number ("expected number, received NaN") means nothing to a teacher.
  const message = errors?.points ? POINTS_ERROR : firstError(errors);
  // On wide screens the levels line up like a table, so only the first row shows the column labels.
  const labelClass = `block text-xs font-medium text-slate-700 ${first ? "" : "sm:sr-only"}`;
  const control = (invalid: boolean) => ({
    "aria-invalid": invalid || undefined,
    "aria-describedby": errorId,
    className: controlClass(invalid, "mt-1"),
  });
  return (
    <li className="pt-2">
      <div className="grid grid-cols-[5rem_minmax(0,1fr)_auto] items-start gap-x-3 gap-y-2 sm:grid-cols-[5rem_10rem_minmax(0,1fr)_auto]">
        <div>
          <label htmlFor={`${id}-points`} className={labelClass}>
            <span className="sr-only">{where} </span>Points
          </label>
          <input
            id={`${id}-points`}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            {...control(Boolean(errors?.points))}
            {...register(`${name}.points`, { valueAsNumber: true })}
          />
        </div>
        <div>
          <label htmlFor={`${id}-label`} className={labelClass}>
            <span className="sr-only">{where} </span>Label
          </label>
          <input
            id={`${id}-label`}
            maxLength={LESSON_LIMITS.levelLabel}
            placeholder="Strong"
            {...control(Boolean(errors?.label))}
            {...register(`${name}.label`)}
          />
        </div>
        <div className="col-span-3 row-start-2 sm:col-span-1 sm:row-start-auto">
          <label htmlFor={`${id}-descriptor`} className={labelClass}>
            <span className="sr-only">{where} </span>Descriptor
          </label>
          <textarea
            id={`${id}-descriptor`}
            rows={2}
            maxLength={LESSON_LIMITS.descriptor}
            {...control(Boolean(errors?.descriptor))}
            {...register(`${name}.descriptor`)}
          />
        </div>
        <div
          className={`col-start-3 row-start-1 self-end sm:col-start-auto sm:row-start-auto sm:self-start ${first ? "sm:mt-5" : "sm:mt-1"}`}
        >
          <button
            type="button"
            className={iconButtonClass}
            disabled={!canRemove}
            onClick={onRemove}
            aria-label={`Remove level ${level} of criterion ${criterion}`}
          >
            <RemoveIcon />
          </button>
        </div>
      </div>
      <p id={errorId} aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
        {message}
      </p>
    </li>
  );
}
