import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountActions } from "@/components/admin/account-actions";
import { AccountStateBadge } from "@/components/admin/account-state";
import { ApprovalButtons } from "@/components/admin/approval-buttons";
import { RenameAccount } from "@/components/admin/rename-account";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { Badge, Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { getAccount } from "@/db/queries/admin";
import { pageUser } from "@/lib/server/authz";
import { orNotFound } from "@/lib/server/page";
import { idSchema } from "@/lib/validations/common";
import { EmailAddress } from "@/components/ui/email-address";

export const metadata: Metadata = { title: "Account" };

type Props = { params: Promise<{ userId: string }> };

export default async function AccountPage({ params }: Props) {
  const { userId } = await params;
  const user = await pageUser("admin", `/admin/accounts/${userId}`);
  if (!idSchema.safeParse(userId).success) notFound();
  const { account, taught, enrolled, roleChange, self } = await orNotFound(() => getAccount(user, userId));
  return (
    <>
      <Breadcrumbs items={[{ href: "/admin/accounts", label: "Accounts" }, { label: account.name }]} />
      <div className="mb-6">
        <RenameAccount userId={account.id} name={account.name}>
          <EmailAddress address={account.email} className="min-w-0" />
        </RenameAccount>
        <div className="mt-2 flex flex-wrap gap-2" data-testid="account-state">
          <AccountStateBadge account={account} />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <Card>
            <dl className="grid gap-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="text-slate-500">Created</dt>
                <dd className="font-medium">
                  <LocalTime iso={account.createdAt.toISOString()} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Last sign-in</dt>
                <dd className="font-medium">{account.lastSignInAt ? <LocalTime iso={account.lastSignInAt.toISOString()} /> : "Never"}</dd>
              </div>
              {account.deactivatedAt && (
                <div>
                  <dt className="text-slate-500">Deactivated</dt>
                  <dd className="font-medium">
                    <LocalTime iso={account.deactivatedAt.toISOString()} />
                  </dd>
                </div>
              )}
            </dl>
          </Card>
          {account.role === "teacher" && (
            <Card>
              <h2 className="mb-2 text-base font-semibold">Sections taught</h2>
              {taught.length === 0 ? (
                <p className="text-sm text-slate-600">No sections.</p>
              ) : (
                <ul className="space-y-1 text-sm" data-testid="taught-sections">
                  {taught.map((s) => (
                    <li key={s.id} className="flex flex-wrap items-center gap-2">
                      <span className="font-medium wrap-anywhere">{s.name}</span>
                      {s.term && <Badge>{s.term}</Badge>}
                      {s.archivedAt && <Badge tone="amber">Archived</Badge>}
                      <span className="text-slate-600">
                        {s.studentCount} {s.studentCount === 1 ? "student" : "students"}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              {taught.length > 0 && (
                <p className="mt-3 text-sm">
                  <Link className="text-indigo-700 underline" href={`/admin/sections?q=${encodeURIComponent(account.email)}`}>
                    Transfer these sections
                  </Link>
                </p>
              )}
            </Card>
          )}
          {account.role === "student" && (
            <Card>
              <h2 className="mb-2 text-base font-semibold">Sections joined</h2>
              {enrolled.length === 0 ? (
                <p className="text-sm text-slate-600">Not a member of any section.</p>
              ) : (
                <ul className="space-y-1 text-sm" data-testid="enrolled-sections">
                  {enrolled.map((s) => (
                    <li key={s.id} className="flex flex-wrap items-center gap-2">
                      <span className="font-medium wrap-anywhere">{s.name}</span>
                      <span className="text-slate-600">with {s.teacherName}</span>
                      {s.removedAt && <Badge tone="red">Removed</Badge>}
                      {s.archivedAt && <Badge tone="amber">Archived</Badge>}
                    </li>
                  ))}
                </ul>
              )}
              <p className="mt-3 text-sm">
                <Link className="text-indigo-700 underline" href={`/admin/accounts/${account.id}/privacy`}>
                  Data requests
                </Link>{" "}
                <span className="text-slate-600">(export or erase this student&apos;s data)</span>
              </p>
            </Card>
          )}
        </div>
        <Card className="h-fit space-y-6">
          {account.role === "teacher" && account.active && account.approval !== "approved" && (
            <section aria-labelledby="approval-heading" className="space-y-2">
              <h2 id="approval-heading" className="text-base font-semibold">
                Teacher approval
              </h2>
              <p className="text-sm text-slate-600">
                {account.approval === "pending" ? "This teacher is waiting for approval." : "This teacher account was refused."}
              </p>
              <ApprovalButtons userId={account.id} name={account.name} refused={account.approval === "refused"} />
            </section>
          )}
          <AccountActions
            account={{ id: account.id, name: account.name, email: account.email, role: account.role, active: account.active }}
            self={self}
            roleChange={roleChange}
            activeSections={taught.filter((s) => !s.archivedAt).length}
          />
        </Card>
      </div>
    </>
  );
}
