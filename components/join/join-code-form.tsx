"use client";

import { useRouter } from "next/navigation";
import { joinSectionAction } from "@/app/join/actions";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/server/action";
import { normalizeJoinCode } from "@/lib/join-code";
import { joinSchema, type JoinInput } from "@/lib/validations/join";
import { joinedMessage } from "./joined";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";

type JoinResult = { sectionName: string; alreadyEnrolled: boolean };

/**
 * A signed-in student joins straight away. Someone not signed in is taken to the code's join page,
 * which shows the class and asks them to sign up or sign in first.
 */
export function JoinCodeForm({ signedInStudent }: { signedInStudent: boolean }) {
  const router = useRouter();
  const goToJoinPage = async (input: JoinInput): Promise<ActionResult<JoinResult>> => {
    router.push(`/join/${normalizeJoinCode(input.code)}`);
    return { ok: true, data: { sectionName: "", alreadyEnrolled: false } };
  };
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: joinSchema,
    action: signedInStudent ? joinSectionAction : goToJoinPage,
    defaultValues: { code: "" },
    onSuccess: (result) => {
      if (!signedInStudent) return;
      toast.success(joinedMessage(result));
      router.push("/classes");
    },
  });
  return (
    <ScriptedForm onSubmit={onSubmit} className="space-y-1">
      <FormAlert message={formError} />
      <Field
        label="Class code"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="ABCD-2345"
        className="[&_input]:font-mono [&_input]:text-lg [&_input]:tracking-widest [&_input]:uppercase"
        hint="Eight letters and digits. Dashes and spaces don't matter, and a pasted join link works too."
        error={errors.code?.message}
        {...form.register("code")}
      />
      <SubmitButton pending={pending} className="w-full">
        Join class
      </SubmitButton>
    </ScriptedForm>
  );
}
