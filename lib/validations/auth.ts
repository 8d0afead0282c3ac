import "../zod-jitless";
import { z } from "zod";
import { SIGN_UP_ROLES } from "@/lib/roles";
import { callbackUrlSchema, requiredText, storableText } from "./common";

export const PASSWORD_MIN = 8;
// Long passphrases are welcome; argon2 never truncates them.
export const PASSWORD_MAX = 256;
// Room for a whole legal name ("Maria Guadalupe Alejandra Esperanza de los Santos Villanueva-Hernández
// y Castillo-Ramírez" is 89), as a school's roster has it.
export const NAME_MAX = 120;
export const EMAIL_MAX = 254;

/** An email field, trimmed and lowercased; `required` is what an empty one says. */
export const emailField = (required = "Email is required.") =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(EMAIL_MAX, `Email must be at most ${EMAIL_MAX} characters.`)
    .pipe(z.email("Enter a valid email address, like name@school.org."))
    .transform((v) => v.toLowerCase());

export const emailSchema = emailField();

/** A person's name, as an account holds it: at sign-up, from the command line, or corrected by an administrator. */
export const personNameSchema = requiredText("Name", NAME_MAX);

const newPasswordSchema = z
  .string({ error: "Password is required." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  role: z.enum(SIGN_UP_ROLES, { error: "Choose whether you are a teacher or a student." }),
  teacherCode: storableText().trim().max(200).optional(),
  callbackUrl: callbackUrlSchema,
});

export const signInSchema = z.object({
  email: emailSchema,
  // No length rules at sign-in: an over-long password is simply wrong, and says nothing.
  password: z.string({ error: "Password is required." }).min(1, "Password is required.").max(1024),
  callbackUrl: callbackUrlSchema,
});

export const noInputSchema = z.object({}).optional();

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
    callbackUrl: callbackUrlSchema,
  })
  .refine((v) => v.confirmPassword === v.newPassword, { path: ["confirmPassword"], message: "The two new passwords don't match." })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });
