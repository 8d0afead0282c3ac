import type { FieldErrors } from "./errors";

/** Reading a refused action's answer (lib/action.ts), in the browser or on the server. */
export type Failure = { formError?: string; fieldErrors?: FieldErrors };

export const firstFieldError = (failure: Failure): string | undefined => Object.values(failure.fieldErrors ?? {}).flat()[0];

/** The whole-form message if there is one, else the first field's, else the caller's fallback. */
export const failureMessage = (failure: Failure, fallback: string): string => failure.formError ?? firstFieldError(failure) ?? fallback;
