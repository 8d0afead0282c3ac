"use client";

import { useState } from "react";
import { FormProvider } from "react-hook-form";
import { updateSettingsAction } from "@/app/sections/[sectionId]/assignments/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { updateSettingsSchema, type AssignmentSettingsInput } from "@/lib/validations/assignments";
import { SaveBar } from "./save-bar";
import { SettingsFields } from "./settings-fields";
import { ScriptedForm } from "@/components/forms/scripted-form";

type Props = { sectionId: string; assignmentId: string; version: string; settings: AssignmentSettingsInput };

export function SettingsEditor({ sectionId, assignmentId, version, settings }: Props) {
  // What the dates are judged against (passed or not): the page's opening, or the server's time of closing.
  const [judgedAt, setJudgedAt] = useState(() => Date.now());
  const { form, onSubmit, pending, formError, errors, markSaved } = useActionForm({
    schema: updateSettingsSchema,
    action: updateSettingsAction,
    defaultValues: { sectionId, assignmentId, base: version, settings, closeNow: false },
    onSuccess: (saved, sent) => {
      // What was sent is saved now, and its version is the one a next save is based on; anything
      // typed since it went stays unsaved. Closed now, the dates are the server's.
      if (!sent.closeNow) {
        markSaved(sent, { base: saved.version });
        return toast.success("Settings saved.");
      }
      const dates = { dueAt: new Date(saved.dueAt).toISOString(), closeAt: saved.closeAt ? new Date(saved.closeAt).toISOString() : "" };
      // Closed by the server's clock: judged from then on, so the dates read as passed and Close now goes.
      setJudgedAt((at) => Math.max(at, Date.parse(dates.closeAt || dates.dueAt)));
      // A date typed while the save was on its way stays as typed, unsaved.
      if (form.getValues("settings.dueAt") === sent.settings.dueAt) form.setValue("settings.dueAt", dates.dueAt);
      if ((form.getValues("settings.closeAt") ?? "") === (sent.settings.closeAt ?? "")) form.setValue("settings.closeAt", dates.closeAt);
      markSaved({ ...sent, settings: { ...sent.settings, ...dates } }, { base: saved.version, closeNow: false });
      toast.success("Closed: students can no longer change their work, except those with a due date of their own still ahead.");
    },
  });
  return (
    <FormProvider {...form}>
      <ScriptedForm onSubmit={onSubmit} aria-labelledby="settings-heading" className="space-y-1">
        <h2 id="settings-heading" className="text-base font-semibold">
          Settings
        </h2>
        <FormAlert message={formError ?? errors.settings?.message} />
        <SettingsFields editing now={judgedAt} />
        <SaveBar dirty={form.formState.isDirty} pending={pending} saveLabel="Save settings" onDiscard={() => form.reset()} />
      </ScriptedForm>
    </FormProvider>
  );
}
