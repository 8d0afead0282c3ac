"use client";

import { useId, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { DateTimeField } from "@/components/forms/date-time-field";
import { Field, TextareaField } from "@/components/ui/field";
import { ASSIGNMENT_TITLE_MAX, INSTRUCTIONS_MAX, type AssignmentSettingsInput } from "@/lib/validations/assignments";
import { UntilReady } from "@/components/ui/until-ready";
import { buttonClass } from "@/components/ui/button-class";

export type SettingsFormValues = { settings: AssignmentSettingsInput };

/** Next week, 23:59 in the teacher's own time zone, as an ISO instant. */
export function defaultDueAt(now = new Date()): string {
  const due = new Date(now);
  due.setDate(due.getDate() + 7);
  due.setHours(23, 59, 0, 0);
  return due.toISOString();
}

/**
 * Title, instructions, due and close dates and the late policy. Shared by the "assign" form and the
 * assignment's Settings tab, each of which owns the form (see FormProvider there).
 */
export function SettingsFields({ editing = false }: { editing?: boolean }) {
  const { register, control, setValue, getValues, formState } = useFormContext<SettingsFormValues>();
  // The close date unticking "Accept late work" cleared, given back if it is ticked again.
  const [setAside, setSetAside] = useState("");
  const errors = formState.errors.settings;
  const acceptLate = useWatch({ control, name: "settings.acceptLate" });
  const dueAt = useWatch({ control, name: "settings.dueAt" });
  // When the page opened (or Close now was pressed): a due date before it makes every hand-in late from the start.
  const [opened, setOpened] = useState(() => Date.now());
  const closeAt = useWatch({ control, name: "settings.closeAt" });
  const duePassed = Boolean(dueAt) && Date.parse(dueAt) < opened;
  // An assignment's due date moved: saving marks the work already in again (updateAssignmentSettings).
  const savedDue = formState.defaultValues?.settings?.dueAt;
  const dueMoved = editing && Boolean(dueAt) && Boolean(savedDue) && Date.parse(dueAt) !== Date.parse(savedDue ?? "");
  const closePassed = acceptLate && Boolean(closeAt) && Date.parse(closeAt ?? "") < opened;
  // What the form says now closes the assignment: Close now has nothing left to do.
  const closedByForm = Date.parse((acceptLate ? closeAt : dueAt) ?? "") <= opened;
  const lateId = useId();
  const closeNowId = useId();
  // Closing early: the dates become now, in the form, for the teacher to save (or discard). The due
  // date moves only if it is later (a close date can't come before it), and work already in is
  // marked against it as any new due date marks it: on time, since it came in before.
  const closeNow = (button: HTMLButtonElement) => {
    const now = Date.now();
    const minute = Math.floor(now / 60_000) * 60_000; // what the field shows is what is saved
    const due = Date.parse(getValues("settings.dueAt"));
    const change = { shouldDirty: true, shouldValidate: true };
    if (!(due <= now)) setValue("settings.dueAt", new Date(minute).toISOString(), change);
    if (getValues("settings.acceptLate"))
      setValue("settings.closeAt", new Date(Math.max(minute, due <= now ? due : minute)).toISOString(), change);
    setOpened(now);
    // The button goes with what it did: on to Save.
    button.form?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
  };
  // The dates are filled in, and the late box's change clears (or gives back) the close date, only once the page runs.
  return (
    <UntilReady>
      <Field label="Title" maxLength={ASSIGNMENT_TITLE_MAX} error={errors?.title?.message} {...register("settings.title")} />
      <TextareaField
        label="Instructions"
        rows={4}
        maxLength={INSTRUCTIONS_MAX}
        hint="Students see these at the top of the lesson."
        error={errors?.instructions?.message}
        {...register("settings.instructions")}
      />
      <div className="sm:max-w-sm">
        <DateTimeField
          control={control}
          name="settings.dueAt"
          label="Due date"
          hint={
            [
              !duePassed
                ? null
                : acceptLate
                  ? "This date has passed: everything handed in from now on is marked late."
                  : "This date has passed: without late work, students can't save or hand in any more.",
              dueMoved ? "Saving marks the work already handed in again against this date: late only if it came in after it." : null,
            ]
              .filter(Boolean)
              .join(" ") || undefined
          }
        />
      </div>
      <div className="mb-5 flex items-start gap-3">
        <input
          id={lateId}
          type="checkbox"
          aria-describedby={`${lateId}-hint`}
          className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-indigo-600"
          {...register("settings.acceptLate", {
            // Without late work the assignment closes at the due date, so a close date would mislead.
            onChange: (event: { target: { checked: boolean } }) => {
              if (!event.target.checked) {
                setSetAside(getValues("settings.closeAt") ?? "");
                setValue("settings.closeAt", "", { shouldDirty: true });
              } else if (setAside && !getValues("settings.closeAt")) {
                setValue("settings.closeAt", setAside, { shouldDirty: true });
              }
            },
          })}
        />
        <div>
          <label htmlFor={lateId} className="text-sm font-medium text-slate-800">
            Accept late work
          </label>
          <p id={`${lateId}-hint`} className="text-xs text-slate-600">
            {acceptLate
              ? "Work submitted after the due date is marked late."
              : "After the due date, students can't save or submit any more."}
          </p>
        </div>
      </div>
      {acceptLate && (
        <div className="sm:max-w-sm">
          <DateTimeField
            control={control}
            name="settings.closeAt"
            label="Close date (optional)"
            hint={
              closePassed
                ? "This date has passed: the assignment is closed, and students can't save or hand in any more."
                : "Late work is accepted until then. Leave it empty to accept late work at any time."
            }
            clearLabel="Clear close date"
          />
        </div>
      )}
      {editing && !closedByForm && (
        <div className="mb-5 flex flex-wrap items-start gap-x-3 gap-y-1">
          <button
            type="button"
            aria-describedby={closeNowId}
            onClick={(event) => closeNow(event.currentTarget)}
            className={buttonClass("secondary")}
          >
            Close now
          </button>
          <p id={closeNowId} className="min-w-0 flex-1 basis-60 text-xs text-slate-600">
            {acceptLate ? "Sets the close date, and the due date if it is later, to now." : "Sets the due date to now."} Once you save,
            students can&apos;t save or hand in any more; a student with an extension of their own keeps it.
          </p>
        </div>
      )}
    </UntilReady>
  );
}
