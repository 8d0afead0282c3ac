"use client";

import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import type { TeacherSignUpMode } from "@/lib/env";
import type { SignUpRole } from "@/lib/roles";
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, signUpSchema } from "@/lib/validations/auth";
import { signUpAction } from "../actions";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScriptedForm } from "@/components/forms/scripted-form";
import { UntilReady } from "@/components/ui/until-ready";

const ROLE_CHOICES: { value: SignUpRole; title: string; text: string }[] = [
  { value: "teacher", title: "I'm a teacher", text: "Create class sections, assign the lesson, grade." },
  { value: "student", title: "I'm a student", text: "Join your class with a code and do the lesson." },
];

export function SignUpForm({
  callbackUrl,
  defaultRole,
  teacherSignUp,
}: {
  callbackUrl?: string;
  defaultRole?: SignUpRole;
  teacherSignUp: TeacherSignUpMode;
}) {
  const teacherCodeRequired = teacherSignUp === "code";
  const { form, onSubmit, pending, formError, errors } = useActionForm({
    schema: signUpSchema,
    action: signUpAction,
    defaultValues: { name: "", email: "", password: "", role: defaultRole, teacherCode: "", callbackUrl },
  });
  const role = form.watch("role");
  return (
    <ScriptedForm onSubmit={onSubmit} className="space-y-1">
      <FormAlert message={formError} />
      <fieldset aria-describedby="role-help role-error">
        <legend className="text-sm font-medium text-slate-800">I am signing up as</legend>
        <p id="role-help" className="mt-1 text-xs text-slate-600">
          {teacherCodeRequired
            ? "Only teachers with the sign-up code from their school can create a teacher account."
            : teacherSignUp === "approval"
              ? "A new teacher account waits until your school's administrator approves it; students join a class with their teacher's code."
              : "Anyone can create a teacher account here; students join a class with their teacher's code."}
        </p>
        {/* react-hook-form puts a radio picked before hydration back to the default role. */}
        <UntilReady>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {ROLE_CHOICES.map((choice) => (
              <label
                key={choice.value}
                className="flex cursor-pointer gap-3 rounded-md p-3 ring-1 ring-slate-300 has-checked:bg-indigo-50 has-checked:ring-2 has-checked:ring-indigo-600 has-focus-visible:outline-2 has-focus-visible:outline-indigo-600"
              >
                <input type="radio" value={choice.value} className="mt-1 accent-indigo-600" {...form.register("role")} />
                <span>
                  <span className="block text-sm font-semibold">{choice.title}</span>
                  <span className="block text-xs text-slate-600">{choice.text}</span>
                </span>
              </label>
            ))}
          </div>
        </UntilReady>
        <p id="role-error" aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
          {errors.role?.message}
        </p>
      </fieldset>
      <Field label="Full name" autoComplete="name" maxLength={NAME_MAX} error={errors.name?.message} {...form.register("name")} />
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        inputMode="email"
        maxLength={EMAIL_MAX}
        error={errors.email?.message}
        {...form.register("email")}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        maxLength={PASSWORD_MAX}
        hint={`At least ${PASSWORD_MIN} characters. A long passphrase is best.`}
        error={errors.password?.message}
        {...form.register("password")}
      />
      {role === "teacher" && teacherCodeRequired && (
        <Field
          label="Teacher sign-up code"
          autoComplete="off"
          hint="Your school gives teachers this code."
          error={errors.teacherCode?.message}
          {...form.register("teacherCode")}
        />
      )}
      <SubmitButton pending={pending} className="w-full">
        Create account
      </SubmitButton>
    </ScriptedForm>
  );
}
