import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/sign-out-button";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageHeader } from "@/components/ui/card";
import { APPROVAL_PAGE, awaitsApproval, getCurrentUser, homeFor, PASSWORD_PAGE } from "@/lib/server/authz";

export const metadata: Metadata = { title: "Waiting for approval" };

/**
 * The one page a teacher account an administrator has not approved may see (TEACHER_SIGNUP=approval):
 * every other page sends it here (lib/server/authz.ts pageUser), and every action refuses it. It
 * may still download its own data, and sign out.
 */
export default async function ApprovalPage() {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(APPROVAL_PAGE)}`);
  if (user.mustChangePassword) redirect(PASSWORD_PAGE);
  if (!awaitsApproval(user)) redirect(homeFor(user));
  const refused = user.approval === "refused";
  return (
    <div className="mx-auto max-w-lg">
      <PageHeader title={refused ? "Your teacher account was not approved" : "Waiting for approval"} />
      <Card>
        <div className="space-y-3 text-sm text-slate-700" data-testid="approval-state" data-state={user.approval}>
          {refused ? (
            <p>
              Your school&apos;s administrator did not approve a teacher account for <strong>{user.email}</strong>. If you think this is a
              mistake, contact your school&apos;s administrator.
            </p>
          ) : (
            <>
              <p>
                Thanks, {user.name}. Your teacher account (<strong>{user.email}</strong>) has been created, and your school&apos;s
                administrator needs to approve it before you can set up sections.
              </p>
              <p>Come back and sign in again once it is approved. Nothing else is needed from you.</p>
            </>
          )}
          <p>
            Your data: a ZIP file with everything Recap Classroom holds about your account.{" "}
            <Link href="/privacy" className="text-indigo-700 underline">
              How we handle it
            </Link>
            .
          </p>
          <div className="flex flex-wrap gap-2">
            {/* A plain link: the browser downloads the streamed file itself. */}
            <a href="/api/account/export" download className={buttonClass("secondary")}>
              Download my data
            </a>
            <SignOutButton userId={user.id} />
          </div>
        </div>
      </Card>
    </div>
  );
}
