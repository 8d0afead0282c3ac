"use client";

import { changePasswordAction } from "@/app/account/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { changePasswordSchema, PASSWORD_MIN } from "@/lib/validations/auth";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";
import { toast } from "@/components/ui/toast";

export function ChangePasswordForm({ callbackUrl, first }: { callbackUrl?: string; first: boolean }) {
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: changePasswordSchema,
    action: changePasswordAction,
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "", callbackUrl },
    // Said on the page the action goes to (the toasts outlive the form).
    onRedirect: () =>
      toast.success(
        first
          ? "Your new password is saved: use it from now on."
          : "Your password was changed. Any other device signed in to your account was signed out.",
      ),
  });
  return (
    <ScriptedForm onSubmit={onSubmit} className="space-y-1" aria-describedby="change-password-error">
      <FormAlert id="change-password-error" message={formError} />
      <Field
        label={first ? "One-time password (from your slip)" : "Current password"}
        type="password"
        autoComplete="current-password"
        error={errors.currentPassword?.message}
        {...form.register("currentPassword")}
      />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN} characters. A short sentence is easy to remember and hard to guess.`}
        error={errors.newPassword?.message}
        {...form.register("newPassword")}
      />
      <Field
        label="New password again"
        type="password"
        autoComplete="new-password"
        error={errors.confirmPassword?.message}
        {...form.register("confirmPassword")}
      />
      <SubmitButton pending={pending} className="w-full">
        Save new password
      </SubmitButton>
    </ScriptedForm>
  );
}
