import { Badge } from "@/components/ui/card";
import type { ApprovalState, Role } from "@/lib/roles";

const ROLE_LABELS: Record<Role, string> = { admin: "Administrator", teacher: "Teacher", student: "Student" };

/** The account's role and where it stands, as badges. */
export function AccountStateBadge({
  account,
}: {
  account: { role: Role; active: boolean; approval: ApprovalState; mustChangePassword: boolean };
}) {
  return (
    <>
      <Badge tone="indigo">{ROLE_LABELS[account.role]}</Badge>
      {!account.active ? (
        <Badge tone="red">Deactivated</Badge>
      ) : account.role === "teacher" && account.approval === "pending" ? (
        <Badge tone="amber">Waiting for approval</Badge>
      ) : account.role === "teacher" && account.approval === "refused" ? (
        <Badge tone="red">Refused</Badge>
      ) : (
        <Badge tone="green">Active</Badge>
      )}
      {account.mustChangePassword && <Badge>One-time password</Badge>}
    </>
  );
}
