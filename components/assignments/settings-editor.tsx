"use client";

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
  const { form, onSubmit, pending, formError, errors, markSaved } = useActionForm({
    schema: updateSettingsSchema,
    action: updateSettingsAction,
    defaultValues: { sectionId, assignmentId, base: version, settings },
    onSuccess: (saved, sent) => {
      // What was sent is saved now, and its version is the one a next save is based on; anything
      // typed since it went stays unsaved.
      markSaved(sent, { base: saved.version });
      toast.success("Settings saved.");
    },
  });
  return (
    <FormProvider {...form}>
      <ScriptedForm onSubmit={onSubmit} aria-labelledby="settings-heading" className="space-y-1">
        <h2 id="settings-heading" className="text-base font-semibold">
          Settings
        </h2>
        <FormAlert message={formError ?? errors.settings?.message} />
        <SettingsFields editing />
        <SaveBar dirty={form.formState.isDirty} pending={pending} saveLabel="Save settings" onDiscard={() => form.reset()} />
      </ScriptedForm>
    </FormProvider>
  );
}
