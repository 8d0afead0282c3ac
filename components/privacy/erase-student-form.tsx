"use client";

import { useRouter } from "next/navigation";
import { eraseStudentAction } from "@/app/admin/accounts/[userId]/privacy/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import { eraseStudentSchema } from "@/lib/validations/privacy";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";

/**
 * The typed confirmation, then the erasure. Afterwards nothing on this page exists any more (its
 * download would answer not found), so the administrator is taken back to the accounts, with a toast.
 */
export function EraseStudentForm({ userId, email }: { userId: string; email: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: eraseStudentSchema,
    action: eraseStudentAction,
    defaultValues: { userId, confirmation: "" },
    onSuccess: ({ filesLeft }) => {
      toast.success(
        `The student's account and everything in it have been erased.${
          filesLeft > 0 ? ` ${filesLeft} stored file(s) could not be deleted yet; the next purge will retry them.` : ""
        }`,
      );
      router.replace("/admin/accounts");
    },
  });
  return (
    <ScriptedForm onSubmit={onSubmit} className="space-y-1" aria-describedby="erase-student-error">
      <FormAlert id="erase-student-error" message={formError} />
      <Field
        label="Type the student's email or name to confirm"
        autoComplete="off"
        hint={`For example ${email}`}
        error={errors.confirmation?.message}
        {...form.register("confirmation")}
      />
      <SubmitButton pending={pending} variant="danger">
        Erase this student
      </SubmitButton>
    </ScriptedForm>
  );
}
