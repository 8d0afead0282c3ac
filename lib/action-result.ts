import type { FieldErrors, RefusalCode } from "./errors";

/** Reading a refused action's answer (lib/action.ts), in the browser or on the server. */
export type Failure = { code?: RefusalCode; formError?: string; fieldErrors?: FieldErrors };

/** Missing and someone else's read the same, so nothing can be probed by id. */
export const notFoundMessage = (what?: string): string =>
  what && what !== "record" ? `That ${what} no longer exists or isn't yours.` : "That no longer exists or isn't yours.";

export const firstFieldError = (failure: Failure): string | undefined => Object.values(failure.fieldErrors ?? {}).flat()[0];

/** The whole-form message if there is one, else the first field's, else the code's, else the caller's fallback. */
export const failureMessage = (failure: Failure, fallback: string): string =>
  failure.formError ?? firstFieldError(failure) ?? (failure.code === "not_found" ? notFoundMessage() : fallback);

/**
 * What to say when an action threw instead of answering: a bug on the server (it arrives with the
 * digest Next.js gave it, the reference the server log carries) or no answer at all (offline).
 * Never the error's own message: in development that would be the server's.
 */
export function unexpectedFailureMessage(error: unknown): string {
  const reference = referenceOf(error);
  return reference
    ? `Something went wrong (reference ${reference}). Try again; if it keeps happening, tell us the reference.`
    : "That didn't reach the server. Check your connection and try again.";
}

/** The digest of a server error, if it has one of the shape Next.js gives user errors (not NEXT_REDIRECT and the like). */
export function referenceOf(error: unknown): string | undefined {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && /^[\w-]{1,40}$/.test(digest) ? digest : undefined;
}
