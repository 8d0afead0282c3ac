import type { Metadata } from "next";
import Link from "next/link";
import { ApprovalButtons } from "@/components/admin/approval-buttons";
import { Pager } from "@/components/admin/pager";
import { AccountStateBadge } from "@/components/admin/account-state";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { controlClass } from "@/components/ui/field";
import { listAccounts } from "@/db/queries/admin";
import { pageUser } from "@/lib/server/authz";
import { ACCOUNT_ROLES, ACCOUNT_STATES, ADMIN_SEARCH_MAX, accountFilterSchema } from "@/lib/validations/admin";

export const metadata: Metadata = { title: "Accounts" };

const STATE_LABELS = { active: "Active", deactivated: "Deactivated", pending: "Waiting for approval", refused: "Refused" } as const;

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await pageUser("admin", "/admin/accounts");
  const raw = await searchParams;
  const filter = accountFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { rows, total, page, pageSize } = await listAccounts(user, filter);
  const filtered = Boolean(filter.q || filter.role || filter.state);
  return (
    <>
      <PageHeader
        title={filter.state === "pending" ? "Teachers waiting for approval" : "Accounts"}
        description="Search by name or email; open an account to deactivate it, give it a one-time password or change its role."
      />
      <Card className="mb-4">
        <form
          method="get"
          action="/admin/accounts"
          role="search"
          aria-label="Accounts"
          className="grid gap-3 sm:grid-cols-[1fr_10rem_12rem_auto]"
        >
          <div>
            <label htmlFor="account-q" className="block text-sm font-medium text-slate-800">
              Name or email
            </label>
            <input
              id="account-q"
              name="q"
              type="search"
              defaultValue={filter.q ?? ""}
              maxLength={ADMIN_SEARCH_MAX}
              className={controlClass(false, "mt-1")}
            />
          </div>
          <div>
            <label htmlFor="account-role" className="block text-sm font-medium text-slate-800">
              Role
            </label>
            <select id="account-role" name="role" defaultValue={filter.role ?? ""} className={controlClass(false, "mt-1")}>
              <option value="">Any role</option>
              {ACCOUNT_ROLES.map((role) => (
                <option key={role} value={role}>
                  {role === "admin" ? "Administrator" : role === "teacher" ? "Teacher" : "Student"}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="account-state" className="block text-sm font-medium text-slate-800">
              State
            </label>
            <select id="account-state" name="state" defaultValue={filter.state ?? ""} className={controlClass(false, "mt-1")}>
              <option value="">Any state</option>
              {ACCOUNT_STATES.map((state) => (
                <option key={state} value={state}>
                  {STATE_LABELS[state]}
                </option>
              ))}
            </select>
          </div>
          <div className="flex items-end gap-2">
            <button type="submit" className={buttonClass("primary")}>
              Search
            </button>
            {filtered && (
              <Link href="/admin/accounts" className={buttonClass("ghost")}>
                Clear
              </Link>
            )}
          </div>
        </form>
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
                <Link href={`/admin/accounts/${account.id}`} className="font-semibold break-all text-indigo-700 underline">
                  {account.name}
                </Link>
                <div className="text-sm break-all text-slate-600">{account.email}</div>
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
