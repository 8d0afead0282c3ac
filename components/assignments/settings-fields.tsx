"use client";

import { useId, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { DateTimeField } from "@/components/forms/date-time-field";
import { Field, TextareaField } from "@/components/ui/field";
import { ASSIGNMENT_TITLE_MAX, INSTRUCTIONS_MAX, type AssignmentSettingsInput } from "@/lib/validations/assignments";
import { UntilReady } from "@/components/ui/until-ready";
import { buttonClass } from "@/components/ui/button-class";

/** `closeNow` (the Settings tab's Close now): the server sets the dates as it saves. */
export type SettingsFormValues = { settings: AssignmentSettingsInput; closeNow?: boolean };

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
export function SettingsFields({ editing = false, now }: { editing?: boolean; now?: number }) {
  const { register, control, setValue, setFocus, getValues, clearErrors, formState } = useFormContext<SettingsFormValues>();
  // The close date unticking "Accept late work" cleared, given back if it is ticked again.
  const [setAside, setSetAside] = useState("");
  const errors = formState.errors.settings;
  const acceptLate = useWatch({ control, name: "settings.acceptLate" });
  const dueAt = useWatch({ control, name: "settings.dueAt" });
  // When the page opened (or `now`, when the editor last saved): a due date before it makes every hand-in late from the start.
  const [pageOpened] = useState(() => Date.now());
  const opened = now ?? pageOpened;
  const closeAt = useWatch({ control, name: "settings.closeAt" });
  const duePassed = Boolean(dueAt) && Date.parse(dueAt) <= opened;
  // An assignment's due date moved: saving marks the work already in again (updateAssignmentSettings).
  const savedDue = formState.defaultValues?.settings?.dueAt;
  const dueMoved = editing && Boolean(dueAt) && Boolean(savedDue) && Date.parse(dueAt) !== Date.parse(savedDue ?? "");
  const closePassed = acceptLate && Boolean(closeAt) && Date.parse(closeAt ?? "") <= opened;
  // What the form says now closes the assignment: Close now has nothing left to do. A close date
  // before the due date closes nothing (it is refused, unless Close now replaces both).
  const closedByForm = acceptLate
    ? Date.parse(closeAt ?? "") <= opened && Date.parse(closeAt ?? "") >= Date.parse(dueAt)
    : Date.parse(dueAt) <= opened;
  // Closing early: the server sets the dates as it saves, by its own clock (updateAssignmentSettings).
  const closing = useWatch({ control, name: "closeNow" }) ?? false;
  const lateId = useId();
  const closeNowId = useId();
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
          readOnly={closing}
          hint={
            [
              // A close date gone by says the rest (closed), beside the close date.
              !duePassed || closePassed
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
            readOnly={closing}
            hint={
              closePassed
                ? "This date has passed: the assignment is closed, and students can't save or hand in any more."
                : "Late work is accepted until then. Leave it empty to accept late work at any time."
            }
            clearLabel="Clear close date"
          />
        </div>
      )}
      {editing && (closing || !closedByForm) && (
        <div className="mb-5 flex flex-wrap items-start gap-x-3 gap-y-1">
          <button
            type="button"
            aria-pressed={closing}
            aria-describedby={closeNowId}
            onClick={() => {
              setValue("closeNow", !closing, { shouldDirty: true });
              // The dates are the server's once it closes: their order no longer matters (updateSettingsSchema).
              if (!closing) clearErrors("settings.closeAt");
              // Taken back where the dates typed already close the assignment, the button goes: the
              // focus goes to the date that closes it, not to the page.
              if (closing && closedByForm) setFocus(acceptLate ? "settings.closeAt" : "settings.dueAt");
            }}
            className={`${buttonClass("secondary")} aria-pressed:border-amber-700 aria-pressed:bg-amber-50`}
          >
            Close now
          </button>
          <p id={closeNowId} className="min-w-0 flex-1 basis-60 text-xs text-slate-600">
            {closing ? (
              <strong className="font-semibold text-amber-800">Closes when you save.</strong>
            ) : (
              "Press it, then save, to close the assignment."
            )}{" "}
            {acceptLate ? "The close date, and the due date if it is later, become" : "The due date becomes"} the time you save
            {closing && " (whatever the dates above say)"}, and students can&apos;t change their work any more. Students whose own due date
            (an extension) is still ahead can work until it, and hand in late after it for as long as the class could.
          </p>
        </div>
      )}
    </UntilReady>
  );
}
