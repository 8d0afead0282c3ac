import { z } from "zod";

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).optional(),
  // When set, teacher sign-up requires this code; when unset, teacher sign-up is open.
  TEACHER_SIGNUP_CODE: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined)),
  // How long student work of archived sections, and deactivated accounts, are kept (npm run purge).
  RETENTION_DAYS: z.coerce.number().int("RETENTION_DAYS must be a whole number of days.").min(1).max(36500).default(365),
});

export type Env = z.infer<typeof envSchema>;

/** Read on every call so that tests and `npm start` can set variables before use. */
export function env(): Env {
  return envSchema.parse(process.env);
}
