"use client";

import { useState, type FormEventHandler, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useFocusWhenShown } from "@/components/ui/use-focus-when-shown";
import { useReady } from "@/components/ui/use-ready";
import { ScriptedForm } from "./scripted-form";
import { SubmitButton } from "./submit-button";

/**
 * Whether a page's heading is being edited in place (HeadingEditor). Saved or cancelled, the form
 * goes: `close` gives the focus back to the button that opened it (`buttonId`).
 */
export function useHeadingEditor(buttonId: string) {
  const [editing, setEditing] = useState(false);
  const focusWhenShown = useFocusWhenShown();
  return {
    buttonId,
    editing,
    open: () => setEditing(true),
    close: () => {
      setEditing(false);
      focusWhenShown(buttonId);
    },
  };
}

type Props = {
  /** The page's h1: what the form edits (a section's name, an account's). */
  heading: string;
  /** Shown under the heading, before the button (a term, an email address). */
  details?: ReactNode;
  buttonLabel: string;
  editor: ReturnType<typeof useHeadingEditor>;
  /** The form's useActionForm (components/forms/use-action-form.ts). */
  action: { onSubmit: FormEventHandler<HTMLFormElement>; pending: boolean; formError: string | null; setFormError: (error: null) => void };
  /** Puts the form's values back to what the page shows now (they may have changed since it first rendered). */
  onOpen: () => void;
  formLabel: string;
  saveLabel: string;
  /** The form's fields. */
  children: ReactNode;
};

/** A page's heading with a button that puts a form in its place: Rename a section, Correct an account's name. */
export function HeadingEditor({ heading, details, buttonLabel, editor, action, onOpen, formLabel, saveLabel, children }: Props) {
  const ready = useReady();
  // Not while the save is on its way (Cancel, Esc): its refusal would come back to a form no longer there.
  const cancel = () => !action.pending && editor.close();
  if (!editor.editing) {
    return (
      <div>
        <h1 className="text-2xl font-bold tracking-tight wrap-anywhere">{heading}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-x-3 text-sm text-slate-600">
          {details}
          <button
            type="button"
            id={editor.buttonId}
            data-ready={ready || undefined}
            className="min-h-6 font-medium text-indigo-700 underline"
            onClick={() => {
              onOpen();
              action.setFormError(null);
              editor.open();
            }}
          >
            {buttonLabel}
          </button>
        </div>
      </div>
    );
  }
  return (
    <ScriptedForm onSubmit={action.onSubmit} onEscape={cancel} className="max-w-lg space-y-1" aria-label={formLabel}>
      {/* The form takes the visible heading's place; the page keeps its h1 for screen readers. */}
      <h1 className="sr-only">{heading}</h1>
      <FormAlert message={action.formError} />
      {children}
      <div className="flex gap-2">
        <SubmitButton pending={action.pending}>{saveLabel}</SubmitButton>
        <Button variant="ghost" onClick={cancel}>
          Cancel
        </Button>
      </div>
    </ScriptedForm>
  );
}
