import "server-only";
import { unstable_rethrow } from "next/navigation";
import "../zod-jitless";
import { z } from "zod";
import type { SessionUser } from "@/db/queries/accounts";
import type { Role } from "@/db/schema";
import { requireOwnPassword, requireRole, requireSignedIn, requireUser } from "@/lib/server/authz";
import {
  AuthRequiredError,
  FieldError,
  ForbiddenError,
  FormError,
  NotFoundError,
  WrongRoleError,
  type FieldErrors,
  type RefusalCode,
} from "@/lib/errors";
import { failureMessage, notFoundMessage } from "@/lib/action-result";
import { isStorableText, UNSTORABLE_TEXT } from "@/lib/validations/common";

/**
 * The one wrapper every server action and route handler goes through:
 * session check → zod parse of the input → handler. Server actions are public POST endpoints,
 * so nothing here trusts the page that rendered the form.
 *
 * The error contract (ADR 007): an expected refusal comes back as data with a code and a message;
 * a missing or foreign row is the refusal `not_found` (an action answers it as data, a route with
 * 404); anything else is rethrown untouched, for Next.js to log once and show by its digest.
 */

/**
 * "public": anyone; the session is not read at all (no cookie decoding, no database), so the
 * handler gets no user. "self": any signed-in account, even one still on a one-time password
 * (changing it, signing out). "own": any signed-in account with a password of its own, a teacher
 * an administrator has not approved included (downloading their own data). "user": any signed-in
 * account with a password of its own that may use the app; a role: that role only.
 */
export type Access = "public" | "self" | "own" | "user" | Role;

type ActionFailure = { ok: false; code: RefusalCode; formError?: string; fieldErrors?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

function toPlainInput(input: unknown): unknown {
  if (typeof FormData !== "undefined" && input instanceof FormData) return Object.fromEntries(input.entries());
  return input;
}

/**
 * The path to the first string in the parsed input that a database can't store (object keys
 * included), or null. Every schema refuses such text next to its field (storableText); this is
 * the backstop for one that forgets, so the forgotten field is a refusal rather than a 500.
 */
function unstorablePath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorablePath(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  // Plain objects only: a Date or a File holds no text of its own to store.
  if (value === null || typeof value !== "object" || ![Object.prototype, null].includes(Object.getPrototypeOf(value))) return null;
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, key];
    const found = unstorablePath(item, [...path, key]);
    if (found) return found;
  }
  return null;
}

async function run<S extends z.ZodType, T>(
  access: Access,
  schema: S,
  rawInput: unknown,
  handler: (input: z.output<S>, user: SessionUser | null) => Promise<T> | T,
): Promise<ActionResult<T>> {
  let user: SessionUser | null;
  try {
    // Reading the session costs more than a trivial request itself (Auth.js decodes the cookie and
    // mints a CSRF token, then the account is re-read), so a public endpoint skips it.
    user =
      access === "public"
        ? null
        : access === "self"
          ? await requireSignedIn()
          : access === "own"
            ? await requireOwnPassword()
            : access === "user"
              ? await requireUser()
              : await requireRole(access);
  } catch (error) {
    if (error instanceof AuthRequiredError) return { ok: false, code: "unauthenticated", formError: error.message };
    // Another role's endpoints answer as if they did not exist (the pages do too: pageUser), so the
    // ids in them are as unknown to a student as anyone else's.
    // The administrator's answer everyone else so, whatever the state of their account (an unapproved
    // teacher, a one-time password): nobody else learns that they exist.
    if (error instanceof WrongRoleError || (error instanceof ForbiddenError && access === "admin"))
      return { ok: false, code: "not_found", formError: notFoundMessage("page") };
    if (error instanceof ForbiddenError) return { ok: false, code: "forbidden", formError: error.message };
    throw error;
  }
  const parsed = schema.safeParse(toPlainInput(rawInput));
  if (!parsed.success) {
    const { fieldErrors, formErrors } = z.flattenError(parsed.error);
    return {
      ok: false,
      code: "invalid",
      fieldErrors: fieldErrors as FieldErrors,
      formError: formErrors[0] ?? "Some fields need your attention.",
    };
  }
  const unstorable = unstorablePath(parsed.data);
  if (unstorable) {
    const field = unstorable[0];
    return field === undefined
      ? { ok: false, code: "invalid", formError: UNSTORABLE_TEXT }
      : { ok: false, code: "invalid", fieldErrors: { [field]: [UNSTORABLE_TEXT] }, formError: "Some fields need your attention." };
  }
  try {
    return { ok: true, data: await handler(parsed.data, user) };
  } catch (error) {
    unstable_rethrow(error); // redirect() and notFound() are control flow, not failures
    if (error instanceof NotFoundError) return { ok: false, code: "not_found", formError: notFoundMessage(error.what) };
    if (error instanceof FieldError) return { ok: false, code: "invalid", fieldErrors: error.fieldErrors };
    if (error instanceof FormError) return { ok: false, code: error.code, formError: error.message };
    // A bug: no logging here. Next.js logs it once, with the digest the browser gets as its reference.
    throw error;
  }
}

type Handler<S extends z.ZodType, T, U> = (input: z.output<S>, user: U) => Promise<T> | T;

export function action<S extends z.ZodType, T>(
  access: "public",
  schema: S,
  handler: Handler<S, T, null>,
): (input: z.input<S>) => Promise<ActionResult<T>>;
export function action<S extends z.ZodType, T>(
  access: "self" | "own" | "user" | Role,
  schema: S,
  handler: Handler<S, T, SessionUser>,
): (input: z.input<S>) => Promise<ActionResult<T>>;
export function action<S extends z.ZodType, T>(access: Access, schema: S, handler: Handler<S, T, SessionUser> | Handler<S, T, null>) {
  // not_found stays data here: notFound() inside an action called by fetch reaches the browser as
  // an answer no helper can read, not as the 404 page.
  return (input: z.input<S>): Promise<ActionResult<T>> => run(access, schema, input, handler as Handler<S, T, SessionUser | null>);
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const STATUS: Record<RefusalCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid: 400,
  not_found: 404,
  // The request was fine; the thing it addresses is in a state that refuses it.
  closed: 409,
  archived: 409,
  locked: 409,
  stale: 409,
  unchanged: 409,
};

const FROM_ANOTHER_SITE = "Open this from Recap Classroom's own pages.";

/**
 * Whether the browser says another site started this request: a link or an <img> on its page
 * (SameSite=Lax cookies go with a top-level GET). A request without Sec-Fetch-Site (curl, an older
 * browser) carries no one else's cookies; "none" is the address bar or a bookmark.
 */
export function startedElsewhere(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

/**
 * What a signed-in route handler answers to a request another site started. A link there that the
 * reader followed (a top-level GET) goes to a page of the app that says so and offers the same link
 * from here (app/continue): the download is one click away, and it is the reader's click. Anything
 * else (an <img>, a script's fetch, a form) is refused.
 */
function fromElsewhere(request: Request): Response {
  const navigation = request.headers.get("sec-fetch-mode") === "navigate" && request.headers.get("sec-fetch-dest") === "document";
  if (request.method === "GET" && navigation) {
    const { pathname, search } = new URL(request.url);
    // Percent-encoded by URLSearchParams: nothing of the request reaches the header raw.
    const location = `/continue?${new URLSearchParams({ to: pathname + search })}`;
    return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
  }
  return Response.json({ error: FROM_ANOTHER_SITE, code: "forbidden" }, { status: 403, headers: { "Cache-Control": "no-store" } });
}

type RouteHandler<S extends z.ZodType, U> = (input: z.output<S>, user: U, request: Request) => Promise<Response> | Response;
type RouteFn = (request: Request, context: RouteContext) => Promise<Response>;

/** Route handlers: the input is the route's params merged with the query string. */
export function route<S extends z.ZodType>(access: "public", schema: S, handler: RouteHandler<S, null>): RouteFn;
export function route<S extends z.ZodType>(
  access: "self" | "own" | "user" | Role,
  schema: S,
  handler: RouteHandler<S, SessionUser>,
): RouteFn;
export function route<S extends z.ZodType>(
  access: Access,
  schema: S,
  handler: RouteHandler<S, SessionUser> | RouteHandler<S, null>,
): RouteFn {
  return async (request, context) => {
    // Next.js runs GET for a HEAD request and drops the body: for a signed-in route that would be
    // the whole export or drawing, and an access-log row, for nothing. HEAD is for public routes.
    if (access !== "public" && request.method === "HEAD")
      return new Response(null, { status: 405, headers: { Allow: "GET", "Cache-Control": "no-store" } });
    // Signed-in routes answer only the app's own pages: a download writes to the append-only access
    // log, and a link on another site must not be able to write to it in a teacher's name.
    if (access !== "public" && startedElsewhere(request.headers)) return fromElsewhere(request);
    const query = Object.fromEntries(new URL(request.url).searchParams.entries());
    const params = context?.params !== undefined ? await context.params : {};
    // run() passes null only for "public", whose handler takes null; any other gets its user.
    const handle = handler as RouteHandler<S, SessionUser | null>;
    const outcome = await run(access, schema, { ...query, ...params }, (input, user) => handle(input, user, request));
    if (outcome.ok) return outcome.data;
    const body =
      outcome.code === "not_found"
        ? { error: "Not found", code: outcome.code }
        : { error: failureMessage(outcome, outcome.code), code: outcome.code, fieldErrors: outcome.fieldErrors };
    return Response.json(body, { status: STATUS[outcome.code], headers: { "Cache-Control": "no-store" } });
  };
}
