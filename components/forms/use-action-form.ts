"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { unstable_rethrow } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/server/action";
import { failureMessage, unexpectedFailureMessage } from "@/lib/action-result";

type Options<S extends z.ZodType<FieldValues, FieldValues>, T> = {
  schema: S;
  action: (input: z.input<S>) => Promise<ActionResult<T>>;
  defaultValues?: DefaultValues<z.input<S>>;
  /** `sent`: the values the action was called with (the user may have typed on since). */
  onSuccess?: (data: T, sent: z.input<S>) => void;
  /** When the action ends by sending the user to another page (a confirmation shown there, say). */
  onRedirect?: () => void;
  /** When the server refuses (its errors are shown): a form that asked "are you sure?" goes back a step. */
  onFailure?: () => void;
  /**
   * When errors first show. "afterTyping": when a field the user typed in is left (so tabbing
   * through a form flags nothing), and on submit; list editors use "onSubmit" so a row or criterion
   * just added isn't flagged before the teacher has had a chance to fill it in. Either way, a field
   * showing an error is checked again as it is typed in, so the error goes as soon as it is fixed.
   */
  mode?: "afterTyping" | "onSubmit";
};

/**
 * react-hook-form validates with the form's zod schema in the browser; the server action parses the
 * same schema again. Errors the server finds (a taken e-mail, an unknown code) land on their field.
 */
export function useActionForm<S extends z.ZodType<FieldValues, FieldValues>, T>({
  schema,
  action,
  defaultValues,
  onSuccess,
  onRedirect,
  onFailure,
  mode = "afterTyping",
}: Options<S, T>) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema),
    defaultValues,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });
  // react-hook-form's own "onTouched" flags an empty required field as soon as Tab passes through it.
  const register: typeof form.register = (name, options) =>
    form.register(name, {
      ...options,
      onBlur: async (event: unknown) => {
        options?.onBlur?.(event);
        if (mode === "afterTyping" && form.getFieldState(name).isDirty) await form.trigger(name);
      },
      onChange: async (event: unknown) => {
        options?.onChange?.(event);
        if (form.getFieldState(name).error) await form.trigger(name);
      },
    });
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const onSubmit = form.handleSubmit(
    () =>
      new Promise<void>((resolve) => {
        setFormError(null);
        startTransition(async () => {
          try {
            let result: ActionResult<T> | undefined;
            let sent: z.input<S>;
            try {
              // Send what the user typed: the server applies the schema's transforms itself. A copy, as
              // the form's own values go on changing with any typing while the action is on its way.
              sent = structuredClone(form.getValues());
              result = await action(sent);
            } catch (error) {
              // The action's redirect comes back as an error for Next.js to follow: unstable_rethrow
              // throws exactly those on.
              if (rethrown(error)) onRedirect?.();
              unstable_rethrow(error);
              // A server bug or no connection: say so on the form (with the reference), keep what was typed.
              setFormError(unexpectedFailureMessage(error));
              return;
            }
            if (!result) return; // an action that answers nothing
            if (result.ok) {
              onSuccess?.(result.data, sent);
              return;
            }
            onFailure?.();
            const entries = Object.entries(result.fieldErrors ?? {}).filter(([, messages]) => messages?.length);
            entries.forEach(([field, messages], index) =>
              form.setError(field as Path<z.input<S>>, { message: messages![0] }, { shouldFocus: index === 0 }),
            );
            if (entries.length === 0 || result.code !== "invalid") setFormError(failureMessage(result, "That didn't work. Try again."));
          } finally {
            resolve();
          }
        });
      }),
  );

  /**
   * After a save: what was sent is what the server has, with `saved` on top (its new version, say), and
   * the form is compared with that from now on. Anything typed while the save was on its way stays
   * unsaved, for the next save, instead of passing for saved.
   */
  const markSaved = (sent: z.input<S>, saved: Partial<z.input<S>>) => {
    for (const [name, value] of Object.entries(saved)) form.setValue(name as Path<z.input<S>>, value as never);
    form.reset({ ...sent, ...saved }, { keepValues: true });
  };

  return { form: { ...form, register }, onSubmit, pending, formError, setFormError, errors: form.formState.errors, markSaved };
}

/** Whether Next.js would take this error back (a redirect, for a server action). */
function rethrown(error: unknown): boolean {
  try {
    unstable_rethrow(error);
    return false;
  } catch {
    return true;
  }
}
