import type { Metadata } from "next";
import Link from "next/link";
import { FilterForm } from "@/components/admin/filter-form";
import { Field, FieldFrame } from "@/components/ui/field";
import { ApprovalButtons } from "@/components/admin/approval-buttons";
import { Pager } from "@/components/admin/pager";
import { AccountStateBadge } from "@/components/admin/account-state";
import { Card, PageHeader } from "@/components/ui/card";
import { listAccounts } from "@/db/queries/admin";
import { pageUser } from "@/lib/server/authz";
import { firstValues } from "@/lib/validations/common";
import { ACCOUNT_ROLES, ACCOUNT_STATES, ADMIN_SEARCH_MAX, accountFilterSchema } from "@/lib/validations/admin";
import { EmailAddress } from "@/components/ui/email-address";

export const metadata: Metadata = { title: "Accounts" };

const STATE_LABELS = { active: "Active", deactivated: "Deactivated", pending: "Waiting for approval", refused: "Refused" } as const;

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await pageUser("admin", "/admin/accounts");
  const raw = await searchParams;
  const filter = accountFilterSchema.parse(firstValues(raw));
  const { rows, total, page, pageSize } = await listAccounts(user, filter);
  const filtered = Boolean(filter.q || filter.role || filter.state);
  return (
    <>
      <PageHeader
        title={filter.state === "pending" ? "Teachers waiting for approval" : "Accounts"}
        description="Search by name or email; open an account to deactivate it, give it a one-time password or change its role."
      />
      <Card className="mb-4">
        <FilterForm action="/admin/accounts" label="Accounts" columns="sm:grid-cols-[1fr_10rem_12rem_auto]" filtered={filtered}>
          <Field id="account-q" label="Name or email" name="q" type="search" defaultValue={filter.q ?? ""} maxLength={ADMIN_SEARCH_MAX} />
          <FieldFrame id="account-role" label="Role">
            {(control) => (
              <select {...control} name="role" defaultValue={filter.role ?? ""}>
                <option value="">Any role</option>
                {ACCOUNT_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {role === "admin" ? "Administrator" : role === "teacher" ? "Teacher" : "Student"}
                  </option>
                ))}
              </select>
            )}
          </FieldFrame>
          <FieldFrame id="account-state" label="State">
            {(control) => (
              <select {...control} name="state" defaultValue={filter.state ?? ""}>
                <option value="">Any state</option>
                {ACCOUNT_STATES.map((state) => (
                  <option key={state} value={state}>
                    {STATE_LABELS[state]}
                  </option>
                ))}
              </select>
            )}
          </FieldFrame>
        </FilterForm>
      </Card>
      {rows.length === 0 ? (
        <Card className="text-center text-sm text-slate-600">
          {filter.state === "pending" ? "No teacher is waiting for approval." : filtered ? "No account matches." : "No accounts yet."}
        </Card>
      ) : (
        <ul className="grid gap-2" data-testid="account-list">
          {rows.map((account) => (
            <li
              key={account.id}
              className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
              data-testid="account-row"
            >
              <div className="min-w-0">
                <Link href={`/admin/accounts/${account.id}`} className="font-semibold wrap-anywhere text-indigo-700 underline">
                  {account.name}
                </Link>
                <EmailAddress address={account.email} className="block text-sm text-slate-600" />
                <div className="mt-1 flex flex-wrap gap-2">
                  <AccountStateBadge account={account} />
                </div>
              </div>
              {account.role === "teacher" && account.active && account.approval !== "approved" && (
                <ApprovalButtons userId={account.id} name={account.name} refused={account.approval === "refused"} />
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager
        path="/admin/accounts"
        params={{ q: filter.q, role: filter.role, state: filter.state }}
        page={page}
        pageSize={pageSize}
        total={total}
        noun={["account", "accounts"]}
      />
    </>
  );
}
