/**
 * Expected failures, thrown by the query layer and authorization helpers and turned into
 * responses by the one wrapper in lib/action.ts. Anything else is a bug and reaches error.tsx.
 */
class AppError extends Error {}

/** A missing row, or one that belongs to someone else: both answer 404 so nothing can be probed. */
export class NotFoundError extends AppError {
  /** What was looked for, in the teacher's words ("section", "submission"): it goes into the message users see. */
  readonly what: string;
  constructor(what = "record") {
    super(`${what} not found`);
    this.what = what;
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

/**
 * An account of another role than the endpoint's: answered as not found (404), as the pages do, so
 * that a student learns nothing of what teachers' endpoints exist, or of the ids they take.
 */
export class WrongRoleError extends ForbiddenError {}

/** An account still on a one-time password from a roster import: it must choose its own first. */
export class PasswordChangeRequiredError extends ForbiddenError {
  constructor() {
    super();
    this.message = "Choose a new password before you continue.";
  }
}

/** A teacher account an administrator has not approved (or has refused): it can do nothing yet. */
export class ApprovalRequiredError extends ForbiddenError {
  constructor() {
    super();
    this.message = "Your teacher account is waiting for an administrator's approval.";
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

/**
 * Why an expected failure happened, for code that reacts to it (a form, the access e2e walk); the
 * message says it to people. The domain codes:
 * - closed: the work can no longer change (the assignment closed, or the teacher returned it);
 * - archived: the section is archived;
 * - locked: held in place by something that depends on it (a rubric that already has scores);
 * - stale: what the user was looking at changed elsewhere since; reload or check again.
 */
export type FormErrorCode = "invalid" | "closed" | "archived" | "locked" | "stale" | "unchanged";

/** An expected failure that belongs to the whole form rather than to one field. */
export class FormError extends AppError {
  readonly code: FormErrorCode;
  constructor(message: string, code: FormErrorCode = "invalid") {
    super(message);
    this.code = code;
  }
}

/** Every code a refused action or route carries (lib/action.ts). */
export type RefusalCode = "unauthenticated" | "forbidden" | "not_found" | FormErrorCode;
