import type { Metadata } from "next";
import Link from "next/link";
import { AccessLogFilters } from "@/components/admin/access-log-filters";
import { Card, PageHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { listAccessLog, VIEW_DEDUPE_MINUTES } from "@/db/queries/access-log";
import { describeAccess } from "@/lib/access-log";
import { pageUser } from "@/lib/server/authz";
import { orNotFound } from "@/lib/server/page";
import { readAccessLogFilters } from "@/lib/validations/access-log";

export const metadata: Metadata = { title: "Access log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Who opened, graded or downloaded which student's work, newest first (issue 13). Administrators only. */
export default async function AccessLogPage({ searchParams }: Props) {
  const user = await pageUser("admin", "/admin/access-log");
  const { filters, errors, values } = readAccessLogFilters(await searchParams);
  const { rows, next } = await orNotFound(() => listAccessLog(user, filters));
  const { before: _before, ...kept } = values;
  const pageHref = (before?: string) => `/admin/access-log?${new URLSearchParams(before ? { ...kept, before } : kept).toString()}`;
  const filtered = Boolean(filters.actor || filters.student || filters.action || filters.from || filters.to);

  return (
    <>
      <PageHeader
        title="Access log"
        description={
          <>
            Every time a teacher or administrator opens a student&apos;s work, grades it, downloads grades or a student&apos;s data, or
            erases a student; every change an administrator makes to an account (a one-time password, its name, its role, deactivating,
            reactivating or approving it) and a teacher&apos;s new one-time password for a lost slip; and every section given to another
            teacher. A teacher who keeps one student&apos;s work open is recorded once per {VIEW_DEDUPE_MINUTES} minutes. Nobody can edit or
            remove these entries from the app.
          </>
        }
      />
      <Card className="mb-6">
        <AccessLogFilters values={values} errors={errors} />
      </Card>
      <section aria-labelledby="access-log-heading">
        <h2 id="access-log-heading" className="sr-only">
          Entries
        </h2>
        {rows.length === 0 ? (
          <Card className="text-center text-sm text-slate-600">
            {filtered ? "Nothing matches these filters." : filters.before ? "No older entries." : "Nothing has been recorded yet."}
          </Card>
        ) : (
          <ol className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200" data-testid="access-log">
            {rows.map((row) => {
              const { sentence, where } = describeAccess(row);
              return (
                <li key={row.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                  <p className="min-w-0 text-sm wrap-anywhere text-slate-900">
                    {sentence}
                    {where && <span className="text-slate-600"> — {where}</span>}
                  </p>
                  <p className="shrink-0 text-xs text-slate-600">
                    <LocalTime iso={row.at.toISOString()} />
                  </p>
                </li>
              );
            })}
          </ol>
        )}
        <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
          {filters.before ? (
            <Link href={pageHref()} className="font-medium text-indigo-700 underline">
              Newest entries
            </Link>
          ) : (
            <span />
          )}
          {next && (
            <Link href={pageHref(next)} className="font-medium text-indigo-700 underline" rel="next">
              Older entries
            </Link>
          )}
        </nav>
      </section>
    </>
  );
}
