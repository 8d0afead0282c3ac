import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { getAdminOverview } from "@/db/queries/admin";
import { pageUser } from "@/lib/server/authz";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminHome() {
  const user = await pageUser("admin", "/admin");
  const overview = await getAdminOverview(user);
  const tiles = [
    {
      href: "/admin/accounts?state=pending",
      label: "Teachers waiting for approval",
      value: overview.pendingApprovals,
      testId: "pending-approvals",
    },
    { href: "/admin/accounts?state=active", label: "Active accounts", value: overview.activeAccounts, testId: "active-accounts" },
    {
      href: "/admin/accounts?state=deactivated",
      label: "Deactivated accounts",
      value: overview.deactivatedAccounts,
      testId: "deactivated-accounts",
    },
    { href: "/admin/sections?state=active", label: "Active sections", value: overview.activeSections, testId: "active-sections" },
    { href: "/admin/sections?state=archived", label: "Archived sections", value: overview.archivedSections, testId: "archived-sections" },
  ];
  return (
    <>
      <PageHeader title="Administration" description="Accounts, teacher approval and every section of the school." />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {tiles.map((tile) => (
          <li key={tile.href}>
            <Link
              href={tile.href}
              className="block rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 transition hover:ring-indigo-400"
              data-testid={tile.testId}
            >
              <span className="block text-3xl font-bold text-slate-900">{tile.value}</span>
              <span className="text-sm text-slate-600">{tile.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      <Card className="mt-6">
        <h2 className="text-base font-semibold">Where to go</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
          <li>
            <Link className="text-indigo-700 underline" href="/admin/accounts">
              Accounts
            </Link>
            : search, deactivate, one-time passwords, roles, teacher approval.
          </li>
          <li>
            <Link className="text-indigo-700 underline" href="/admin/sections">
              Sections
            </Link>
            : every section with its teacher; transfer a section to another teacher.
          </li>
          <li>
            <Link className="text-indigo-700 underline" href="/admin/access-log">
              Access log
            </Link>
            : who opened or graded whose work.
          </li>
        </ul>
      </Card>
    </>
  );
}
