"use client";

import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { signInSchema } from "@/lib/validations/auth";
import { signInAction } from "../actions";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: signInSchema,
    action: signInAction,
    defaultValues: { email: "", password: "", callbackUrl },
  });
  return (
    <ScriptedForm onSubmit={onSubmit} className="space-y-1" aria-describedby="sign-in-error">
      <FormAlert id="sign-in-error" message={formError} />
      <Field label="Email" type="email" autoComplete="email" inputMode="email" error={errors.email?.message} {...form.register("email")} />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register("password")}
      />
      <SubmitButton pending={pending} className="w-full">
        Sign in
      </SubmitButton>
    </ScriptedForm>
  );
}
