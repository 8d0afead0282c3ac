"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { renameAccountAction } from "@/app/admin/actions";
import { ScriptedForm } from "@/components/forms/scripted-form";
import { SubmitButton } from "@/components/forms/submit-button";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { useReady } from "@/components/ui/use-ready";
import { NAME_MAX } from "@/lib/validations/auth";
import { renameAccountSchema } from "@/lib/validations/admin";

/**
 * The account page's heading, with a way to correct the name: a typo at sign-up, or in the roster a
 * teacher imported, that the student can't fix. Every page shows the new name from the next request.
 */
export function RenameAccount({ userId, name, children }: { userId: string; name: string; children?: ReactNode }) {
  const ready = useReady();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  // Saved or cancelled, the form goes: the focus goes back to the button it came from.
  const focusWhenShown = useFocusWhenShown();
  const close = () => {
    setEditing(false);
    focusWhenShown("rename-account");
  };
  const { form, onSubmit, pending, formError, setFormError, errors } = useActionForm({
    schema: renameAccountSchema,
    action: renameAccountAction,
    defaultValues: { userId, name, from: name },
    onSuccess: (saved) => {
      toast.success(`The name is now ${saved.name}.`);
      close();
      router.refresh();
    },
  });

  // Not while the save is on its way: a refusal would come back to a form no longer there.
  const cancel = () => !pending && close();

  if (!editing) {
    return (
      <div>
        <h1 className="text-2xl font-bold tracking-tight wrap-anywhere">{name}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 text-sm text-slate-600">
          {children}
          <button
            type="button"
            id="rename-account"
            data-ready={ready || undefined}
            className="min-h-6 font-medium text-indigo-700 underline"
            // The form opens on the name as the page shows it now (refreshed since a save, say).
            onClick={() => {
              form.reset({ userId, name, from: name });
              setFormError(null);
              setEditing(true);
            }}
          >
            Correct the name
          </button>
        </div>
      </div>
    );
  }
  return (
    <ScriptedForm onSubmit={onSubmit} onEscape={cancel} className="max-w-lg space-y-1" aria-label="Correct the name">
      {/* The form takes the visible heading's place; the page keeps its h1 for screen readers. */}
      <h1 className="sr-only">{name}</h1>
      <FormAlert message={formError} />
      <Field
        label="Name"
        autoFocus
        autoComplete="off"
        maxLength={NAME_MAX}
        hint="As the school knows them: teachers, rosters and exports show it."
        error={errors.name?.message}
        {...form.register("name")}
      />
      <div className="flex gap-2">
        <SubmitButton pending={pending}>Save name</SubmitButton>
        <Button variant="ghost" onClick={cancel}>
          Cancel
        </Button>
      </div>
    </ScriptedForm>
  );
}
