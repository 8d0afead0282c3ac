import "./zod-jitless";
import { z } from "zod";

const TEACHER_SIGNUP_MODES = ["open", "code", "approval"] as const;
export type TeacherSignUpMode = (typeof TEACHER_SIGNUP_MODES)[number];

const blankIsUnset = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : undefined);

const envSchema = z
  .object({
    DATABASE_PATH: z.string().min(1).optional(),
    // How teachers sign up: "open" (anyone), "code" (TEACHER_SIGNUP_CODE required) or "approval"
    // (the account waits for an administrator). Unset: "code" when TEACHER_SIGNUP_CODE is set, else "open".
    TEACHER_SIGNUP: z
      .string()
      .optional()
      .transform(blankIsUnset)
      .pipe(z.enum(TEACHER_SIGNUP_MODES, { error: `TEACHER_SIGNUP must be one of ${TEACHER_SIGNUP_MODES.join(", ")}.` }).optional()),
    TEACHER_SIGNUP_CODE: z.string().optional().transform(blankIsUnset),
    // Whether `npm start` seeds the demo (README's accounts, published passwords) into an empty database.
    SEED_DEMO: z
      .string()
      .optional()
      .transform(blankIsUnset)
      .pipe(z.enum(["true", "false"], { error: "SEED_DEMO must be true or false." }).default("true"))
      .transform((v) => v === "true"),
    // How long student work of archived sections, and deactivated accounts, are kept (npm run purge).
    RETENTION_DAYS: z.coerce.number().int("RETENTION_DAYS must be a whole number of days.").min(1).max(36500).default(365),
    // How long a scheduled erasure waits for the student's teachers to acknowledge before it can go ahead anyway.
    ERASURE_NOTICE_DAYS: z.coerce.number().int("ERASURE_NOTICE_DAYS must be a whole number of days.").min(1).max(365).default(7),
  })
  .refine((v) => v.TEACHER_SIGNUP !== "code" || v.TEACHER_SIGNUP_CODE, {
    message: "TEACHER_SIGNUP=code needs TEACHER_SIGNUP_CODE: set the code teachers must give.",
    path: ["TEACHER_SIGNUP_CODE"],
  });

type Env = z.infer<typeof envSchema>;

/** Read on every call so that tests and `npm start` can set variables before use. */
function env(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    // Each problem names its variable (zod's own messages, such as a number that is not one, do not).
    const named = parsed.error.issues.map((i) => (i.message.includes(String(i.path[0])) ? i.message : `${i.path.join(".")}: ${i.message}`));
    throw new Error(`Configuration: ${named.join(" ")}`);
  }
  return parsed.data;
}

/** How teacher sign-up works here: the mode, and the code when one is required. */
export function teacherSignUp(source: Record<string, string | undefined> = process.env): { mode: TeacherSignUpMode; code?: string } {
  const { TEACHER_SIGNUP: mode, TEACHER_SIGNUP_CODE: code } = env(source);
  if (mode === "open" || mode === "approval") return { mode };
  if (mode === "code" || code) return { mode: "code", code };
  return { mode: "open" };
}

/** Whether an empty database gets the demo (SEED_DEMO, default true): false for a school's server. */
export function seedDemoWanted(source: Record<string, string | undefined> = process.env): boolean {
  return env(source).SEED_DEMO;
}

/** Days that student work of archived sections and deactivated accounts are kept (`npm run purge`). */
export function retentionDays(): number {
  return env().RETENTION_DAYS;
}

/** Days a scheduled erasure waits for the student's teachers before it may go ahead without them. */
export function erasureNoticeDays(): number {
  return env().ERASURE_NOTICE_DAYS;
}
