import "../zod-jitless";
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

/**
 * The origin a callback is resolved against. The app only ever writes callbacks as paths, so a full
 * URL (even one naming the app's real host, which the server cannot know for sure behind a proxy)
 * is refused; resolving paths against this fixed origin lets the browser and the server agree.
 */
export const CALLBACK_ORIGIN = "http://callback.invalid";
const CALLBACK_MAX = 2048;

/**
 * Where to go after sign-in: accepted only if the browser would stay on the app's own origin, and
 * returned re-serialized by the URL parser (path, query and hash, percent-encoded ASCII), so no raw
 * text from the link ever reaches a Location header. Tabs and newlines are dropped by the parser
 * exactly as browsers drop them, which is how "/\t/evil.example" used to slip through.
 */
export function safeCallbackPath(value: string | undefined, origin = CALLBACK_ORIGIN): string | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(origin).origin) return undefined;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" stays on the origin when parsed, but its path "//evil.example" would not.
  if (!path.startsWith("/") || path.startsWith("//") || path.length > CALLBACK_MAX) return undefined;
  return path;
}

/**
 * The callbackUrl of every form and page. A query string may repeat the parameter (Next then gives
 * an array): the first one counts. Anything unusable means "no callback", never an error.
 */
export const callbackUrlSchema = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .catch(undefined)
  .transform((v) => safeCallbackPath(Array.isArray(v) ? v[0] : v));
