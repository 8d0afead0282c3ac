import "../zod-jitless";
import { z } from "zod";
import type { FieldErrors } from "@/lib/errors";
import { ACCESS_ACTIONS } from "@/lib/roles";
import { firstValues, isWithinYears, storableText, type Years } from "./common";

/** How many rows one page of the access log shows. */
export const ACCESS_LOG_PAGE_SIZE = 50;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The log starts with the app; the query reads up to the day after `to`, which must stay storable too. */
const LOG_YEARS: Years = { from: 1970, to: 9998 };

/** A calendar day as the date input sends it (YYYY-MM-DD), read as a UTC day; empty means "any". */
const day = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || (DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), {
      message: `${label} must be a date.`,
      abort: true,
    })
    .refine(
      (v) => v === undefined || isWithinYears(new Date(`${v}T00:00:00Z`), LOG_YEARS),
      `${label} must be in a year from ${LOG_YEARS.from} to ${LOG_YEARS.to}.`,
    );

const search = storableText()
  .trim()
  .max(200, "Search for at most 200 characters.")
  .optional()
  .transform((v) => v || undefined);

/**
 * Where a page starts: the last row of the page before, as `<time in ms>_<id>`. A time outside the
 * log's years was never a row's: it fails here, which readAccessLogFilters reads as the first page.
 */
const cursor = z
  .string()
  .regex(/^\d{1,15}_[0-9a-f-]{36}$/i)
  .optional()
  .transform((v) => {
    if (!v) return undefined;
    const [ms, id] = v.split("_") as [string, string];
    return { at: new Date(Number(ms)), id };
  })
  .refine((v) => v === undefined || isWithinYears(v.at, LOG_YEARS));

/**
 * The administrator's access-log filters, from the page's query string (a GET form, so a filtered
 * view is a link that can be shared). `readAccessLogFilters` never fails: a field that does not
 * parse is left out and its message shown next to it.
 */
export const accessLogFilterSchema = z
  .object({
    actor: search,
    student: search,
    action: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.enum(ACCESS_ACTIONS, { error: "Choose an action from the list." }).optional(),
    ),
    from: day("From"),
    to: day("To"),
    before: cursor,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "“To” must be on or after “From”." });

export type AccessLogFilters = z.output<typeof accessLogFilterSchema>;

/** The filters that parse, plus a message per field that did not (those filters are dropped). */
export function readAccessLogFilters(params: Record<string, string | string[] | undefined>): {
  filters: AccessLogFilters;
  errors: FieldErrors;
  values: Record<string, string>;
} {
  const values = firstValues(params);
  const errors: FieldErrors = {};
  let kept = values;
  // The range check runs only once every field parses: drop what failed and read again, so a bad
  // action and a backwards range are both reported. Each round drops a key, so this ends.
  for (;;) {
    const parsed = accessLogFilterSchema.safeParse(kept);
    if (parsed.success) {
      // A bad cursor is not the reader's doing: it just means the first page, without a message.
      delete errors.before;
      return { filters: parsed.data, errors, values };
    }
    const failed = z.flattenError(parsed.error).fieldErrors as FieldErrors;
    Object.assign(errors, failed);
    kept = Object.fromEntries(Object.entries(kept).filter(([key]) => !failed[key]));
  }
}
