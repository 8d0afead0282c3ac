import { z } from "zod";

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).optional(),
  // When set, teacher sign-up requires this code; when unset, teacher sign-up is open.
  TEACHER_SIGNUP_CODE: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined)),
});

export type Env = z.infer<typeof envSchema>;

/** Read on every call so that tests and `npm start` can set variables before use. */
export function env(): Env {
  return envSchema.parse(process.env);
}
