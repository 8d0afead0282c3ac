"use client";

import { useState } from "react";
import { renameSectionAction } from "@/app/sections/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { SECTION_NAME_MAX, SECTION_TERM_MAX, updateSectionSchema } from "@/lib/validations/sections";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";

export function RenameSection({ sectionId, name, term }: { sectionId: string; name: string; term: string | null }) {
  const [editing, setEditing] = useState(false);
  // Saved or cancelled, the form goes: the focus goes back to Rename, where it came from.
  const focusWhenShown = useFocusWhenShown();
  const close = () => {
    setEditing(false);
    focusWhenShown("rename-section");
  };
  const { form, onSubmit, pending, formError, setFormError, errors } = useActionForm({
    schema: updateSectionSchema,
    action: renameSectionAction,
    defaultValues: { sectionId, name, term: term ?? "" },
    onSuccess: () => {
      toast.success("Section renamed.");
      close();
    },
  });

  // The form opens on the name as the page shows it now: it may have changed since the page first
  // rendered (saved here and tidied by the server, or renamed in another tab and refreshed).
  const open = () => {
    form.reset({ sectionId, name, term: term ?? "" });
    setFormError(null);
    setEditing(true);
  };

  // Not while the save is on its way: a refusal would come back to a form no longer there.
  const cancel = () => !pending && close();

  if (!editing) {
    return (
      <div>
        <h1 className="text-2xl font-bold tracking-tight wrap-anywhere">{name}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-3 text-sm text-slate-600">
          {term && <span>{term}</span>}
          <button type="button" id="rename-section" className="min-h-6 font-medium text-indigo-700 underline" onClick={open}>
            Rename
          </button>
        </div>
      </div>
    );
  }
  return (
    <ScriptedForm onSubmit={onSubmit} onEscape={cancel} className="max-w-lg space-y-1" aria-label="Rename section">
      {/* The form takes the visible heading's place; the page keeps its h1 for screen readers. */}
      <h1 className="sr-only">{name}</h1>
      <FormAlert message={formError} />
      <Field label="Section name" autoFocus maxLength={SECTION_NAME_MAX} error={errors.name?.message} {...form.register("name")} />
      <Field label="Term (optional)" maxLength={SECTION_TERM_MAX} error={errors.term?.message} {...form.register("term")} />
      <div className="flex gap-2">
        <SubmitButton pending={pending}>Save</SubmitButton>
        <Button variant="ghost" onClick={cancel}>
          Cancel
        </Button>
      </div>
    </ScriptedForm>
  );
}
