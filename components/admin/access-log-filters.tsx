import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { Field, FieldFrame } from "@/components/ui/field";
import { ACCESS_ACTION_LABELS } from "@/lib/access-log";
import type { FieldErrors } from "@/lib/errors";
import { ACCESS_ACTIONS } from "@/lib/roles";

type Props = { values: Record<string, string>; errors: FieldErrors };

/**
 * The access log's filters: a plain GET form, so a filtered view is a link an administrator can
 * keep or send, and it works before any script loads. The page reads it with
 * readAccessLogFilters (lib/validations/access-log.ts) and shows its messages here.
 */
export function AccessLogFilters({ values, errors }: Props) {
  const error = (field: string) => errors[field]?.[0];
  return (
    <form method="get" action="/admin/access-log" aria-label="Filter the access log" className="grid gap-x-4 sm:grid-cols-2 lg:grid-cols-3">
      <Field
        label="Who"
        name="actor"
        type="search"
        defaultValue={values.actor ?? ""}
        error={error("actor")}
        hint="A teacher's or administrator's name or e-mail"
        maxLength={200}
      />
      <Field
        label="About"
        name="student"
        type="search"
        defaultValue={values.student ?? ""}
        error={error("student")}
        hint="The student (or account) an entry is about: name or e-mail"
        maxLength={200}
      />
      <FieldFrame label="Action" error={error("action")}>
        {(control) => (
          <select {...control} name="action" defaultValue={values.action && !error("action") ? values.action : ""}>
            <option value="">Any action</option>
            {ACCESS_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {ACCESS_ACTION_LABELS[action]}
              </option>
            ))}
          </select>
        )}
      </FieldFrame>
      <Field label="From" name="from" type="date" defaultValue={values.from ?? ""} error={error("from")} hint="Day in UTC, included" />
      <Field label="To" name="to" type="date" defaultValue={values.to ?? ""} error={error("to")} hint="Day in UTC, included" />
      <div className="flex items-start gap-3 pt-6">
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
        <Link href="/admin/access-log" className={buttonClass("ghost")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
