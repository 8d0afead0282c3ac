import { z } from "zod";

/** Trims, then refuses empty strings with a message people understand. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

/** Optional text: an empty box means "none". */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v));

export const idSchema = z.string().uuid("That link is not valid.");

/** Only same-site paths, so a crafted link cannot send someone elsewhere after sign-in. */
export const callbackUrlSchema = z
  .string()
  .optional()
  .transform((v) => (v && v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : undefined));
