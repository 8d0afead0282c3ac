import "../zod-jitless";
import { z } from "zod";

export const UNSTORABLE_TEXT = "This text contains a character that can't be saved. Remove it and try again.";

// With the u flag, a surrogate that is half of a pair reads as the pair's character: only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Whether both databases can store this text. PostgreSQL refuses the NUL character in text and in
 * jsonb, and a lone UTF-16 surrogate in jsonb; SQLite takes both, so without this check such text
 * is saved on one database and answered with a 500 on the other. (A regular expression rather than
 * String.prototype.isWellFormed: the forms run this in the browser too, and older browsers lack it.)
 */
export function isStorableText(value: string): boolean {
  return !value.includes("\0") && !LONE_SURROGATE.test(value);
}

/**
 * The string every schema builds on, ids included: text refused here never reaches a query, where it
 * would be a 500 on PostgreSQL instead of a message next to its field.
 */
export const storableText = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine(isStorableText, UNSTORABLE_TEXT);

/** Trims, then refuses empty strings with a message people understand. */
export const requiredText = (label: string, max: number) =>
  storableText({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);

/** Optional text: an empty box means "none". */
export const optionalText = (label: string, max: number) =>
  storableText()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v));

export const idSchema = z.string().uuid("That link is not valid.");

/**
 * The years a stored date may fall in. PostgreSQL has no year 0, and JavaScript writes a year past
 * 9999 as "+010000-…", which PostgreSQL can't read: either one would be a 500 instead of a message.
 * Each use names its own range inside these bounds.
 */
export type Years = { from: number; to: number };

export function isWithinYears(date: Date, { from, to }: Years): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(year) && year >= from && year <= to;
}

/** An ISO instant with an offset (the browser converts local time before sending), in `years`. */
const boundedInstant = (label: string, years: Years) =>
  z.iso
    .datetime({ offset: true, error: `${label} must be a date and time.` })
    .transform((v) => new Date(v))
    .refine((date) => isWithinYears(date, years), `${label} must be in a year from ${years.from} to ${years.to}.`);

/** Wide enough for any real class (and for a deadline set in the past on purpose), narrow enough to store. */
const ASSIGNMENT_YEARS: Years = { from: 2000, to: 9998 };

/** A date of an assignment (its due date, a close date, a student's own due date), as an ISO instant. */
export const assignmentInstant = (label: string) => boundedInstant(label, ASSIGNMENT_YEARS);

/**
 * The origin a callback is resolved against. The app only ever writes callbacks as paths, so a full
 * URL (even one naming the app's real host, which the server cannot know for sure behind a proxy)
 * is refused; resolving paths against this fixed origin lets the browser and the server agree.
 */
export const CALLBACK_ORIGIN = "http://callback.invalid";
const CALLBACK_MAX = 2048;

/**
 * `value` as a place on the app's own origin: its path, query and hash re-serialized by the URL
 * parser (percent-encoded ASCII), so no raw text from a link ever reaches a Location header or an
 * href; undefined when the browser would leave the origin. Tabs and newlines are dropped by the
 * parser exactly as browsers drop them, which is how "/\t/evil.example" used to slip through.
 * The path comes back as the app's router will take it: Next.js answers "/a//b/" with a redirect
 * to "/a/b", so a route handler must not hide behind a doubled or a trailing slash ("roster.csv/").
 * `route` is the path as Next.js matches it; `decoded`, as a proxy that decodes paths would pass
 * it on ("roster.csv%2F" is "roster.csv/" there), to refuse by.
 */
function onThisSite(value: string | undefined, origin: string): { path: string; route: string; decoded: string } | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return undefined;
  }
  if (url.origin !== new URL(origin).origin) return undefined;
  // "/.//evil.example" stays on the origin when parsed, but its path "//evil.example" would not.
  if (url.pathname.startsWith("//")) return undefined;
  const tidy = (pathname: string) => pathname.replace(/\/{2,}/g, "/").replace(/(.)\/$/, "$1");
  const route = tidy(url.pathname);
  const path = route + url.search + url.hash;
  if (path.length > CALLBACK_MAX) return undefined;
  try {
    return { path, route, decoded: tidy(decodeURIComponent(url.pathname).split(/[?#]/)[0]!) };
  } catch {
    return undefined; // not percent-decodable: no page or route of the app answers it
  }
}

/** Where to go after sign-in: a page of the app's own origin (onThisSite), or undefined. */
export function safeCallbackPath(value: string | undefined, origin = CALLBACK_ORIGIN): string | undefined {
  const target = onThisSite(value, origin);
  // Pages only: a route handler (a download, an image, "next ungraded") reached through sign-in would
  // run from the app's own page, past the refusal of what another site starts (lib/server/action.ts).
  return target && !ROUTE_HANDLER_PATH.test(target.route) && !ROUTE_HANDLER_PATH.test(target.decoded) ? target.path : undefined;
}

/** The paths of the app's route handlers (every route.ts under app/), none of which is a page to land on. */
const ROUTE_HANDLER_PATH = /^\/api(\/|$)|\.csv$|\/recap\/[^/]+$|\/next-ungraded$/;

/**
 * The route handlers a reader may open from the page for a link followed from another site
 * (app/continue), each with the words that page uses for it: never words from the link itself.
 * Not Auth.js's, the health check or the upload (a POST). lib/validations/common.test.ts checks
 * this list against the route.ts files under app/.
 */
export const OPENABLE_ROUTES: readonly { route: RegExp; file: string }[] = [
  { route: /^\/sections\/[^/]+\/assignments\/[^/]+\/grades\.csv$/, file: "the assignment's grades (grades.csv)" },
  { route: /^\/sections\/[^/]+\/grades\.csv$/, file: "the section's grades (grades.csv)" },
  { route: /^\/sections\/[^/]+\/roster\.csv$/, file: "the roster (roster.csv)" },
  { route: /^\/sections\/[^/]+\/erasures\/[^/]+\/grades\.csv$/, file: "the grades of a student about to be erased (grades.csv)" },
  { route: /^\/sections\/[^/]+\/assignments\/[^/]+\/recap\/[^/]+$/, file: "a Class Recap slide (PNG)" },
  { route: /^\/sections\/[^/]+\/assignments\/[^/]+\/grade\/[^/]+\/next-ungraded$/, file: "the next work to grade" },
  { route: /^\/api\/images\/[^/]+$/, file: "a student's image" },
  { route: /^\/api\/account\/export$/, file: "the export of your account's data" },
  { route: /^\/api\/admin\/students\/[^/]+\/export$/, file: "the export of a student's data" },
];

/** A link to one of the OPENABLE_ROUTES, as the page for a link from another site shows it, or undefined. */
export function openableRoute(value: string | undefined): { path: string; file: string } | undefined {
  const target = onThisSite(value, CALLBACK_ORIGIN);
  const known = target && OPENABLE_ROUTES.find(({ route }) => route.test(target.route));
  return target && known ? { path: target.path, file: known.file } : undefined;
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

/** The first value of each query-string parameter (Next gives an array when one repeats). */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") out[key] = first;
  }
  return out;
}
