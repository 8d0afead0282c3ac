"use client";

import Link from "next/link";
import { useState } from "react";
import { eraseStudentAction } from "@/app/admin/accounts/[userId]/privacy/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { eraseStudentSchema } from "@/lib/validations/privacy";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";

/** The typed confirmation, then the erasure; afterwards the page's data is gone, so the form says so itself. */
export function EraseStudentForm({ userId, email }: { userId: string; email: string }) {
  const [done, setDone] = useState<{ filesLeft: number } | null>(null);
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: eraseStudentSchema,
    action: eraseStudentAction,
    defaultValues: { userId, confirmation: "" },
    onSuccess: setDone,
  });
  if (done) {
    return (
      <div role="status" className="space-y-2 text-sm">
        <p className="font-medium text-green-800">The student&apos;s account and everything in it have been erased.</p>
        {done.filesLeft > 0 && (
          <p className="text-slate-600">{done.filesLeft} stored file(s) could not be deleted yet; the next purge will retry them.</p>
        )}
        <Link href="/admin/accounts" className="text-indigo-700 underline">
          Back to accounts
        </Link>
      </div>
    );
  }
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
