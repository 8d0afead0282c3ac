"use client";

import { changePasswordAction } from "@/app/account/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { useReady } from "@/components/ui/use-ready";
import { changePasswordSchema, PASSWORD_MIN } from "@/lib/validations/auth";
import { SubmitButton } from "@/components/forms/submit-button";

export function ChangePasswordForm({ callbackUrl, first }: { callbackUrl?: string; first: boolean }) {
  const ready = useReady();
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: changePasswordSchema,
    action: changePasswordAction,
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "", callbackUrl },
  });
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      noValidate
      className="space-y-1"
      aria-describedby="change-password-error"
      data-ready={ready || undefined}
    >
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
    </form>
  );
}
