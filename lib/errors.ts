/**
 * Expected failures, thrown by the query layer and authorization helpers and turned into
 * responses by the one wrapper in lib/action.ts. Anything else is a bug and reaches error.tsx.
 */
export class AppError extends Error {}

/** A missing row, or one that belongs to someone else: both answer 404 so nothing can be probed. */
export class NotFoundError extends AppError {
  constructor(what = "record") {
    super(`${what} not found`);
  }
}

export class AuthRequiredError extends AppError {
  constructor() {
    super("Your session has ended. Sign in again to continue.");
  }
}

export class ForbiddenError extends AppError {
  constructor() {
    super("Your account can't do that.");
  }
}

/** An account still on a one-time password from a roster import: it must choose its own first. */
export class PasswordChangeRequiredError extends ForbiddenError {
  constructor() {
    super();
    this.message = "Choose a new password before you continue.";
  }
}

export type FieldErrors = Record<string, string[] | undefined>;

/** Bad input that the schema could not see (a taken e-mail, an unknown join code). */
export class FieldError extends AppError {
  readonly fieldErrors: FieldErrors;
  constructor(field: string, message: string) {
    super(message);
    this.fieldErrors = { [field]: [message] };
  }
}

/** An expected failure that belongs to the whole form rather than to one field. */
export class FormError extends AppError {}
