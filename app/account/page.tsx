import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/sign-out-button";
import { SignOutEverywhere } from "@/components/sign-out-everywhere";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageHeader } from "@/components/ui/card";
import { PASSWORD_PAGE, pageUser } from "@/lib/server/authz";
import { EmailAddress } from "@/components/ui/email-address";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await pageUser(undefined, "/account");
  return (
    <>
      <PageHeader title="Your account" />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <dl className="grid gap-3 text-sm">
            <div>
              <dt className="text-slate-500">Name</dt>
              <dd className="font-medium">{user.name}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Email</dt>
              <dd className="font-medium">
                <EmailAddress address={user.email} />
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Role</dt>
              <dd className="font-medium capitalize">{user.role}</dd>
            </div>
          </dl>
          {/* On a phone the header has no room for it: signing out is here. */}
          <div className="mt-4">
            <SignOutButton userId={user.id} />
          </div>
        </Card>
        <Card>
          <h2 className="font-semibold">Password</h2>
          <p className="mt-1 text-sm text-slate-600">Changing it signs out your other devices; you stay signed in here.</p>
          <Link href={PASSWORD_PAGE} className={buttonClass("secondary", "mt-4")}>
            Change password
          </Link>
        </Card>
        <Card>
          <h2 className="font-semibold">Sign out everywhere</h2>
          <p className="mt-1 text-sm text-slate-600">
            Signed in on a shared or lost device? This ends every session of your account at once, including this one.
          </p>
          <SignOutEverywhere userId={user.id} />
        </Card>
        <Card>
          <h2 className="font-semibold">Your data</h2>
          <p className="mt-1 text-sm text-slate-600">
            A ZIP file with everything Recap Classroom holds about you: your account, your work and images, grades and comments, and who
            looked at your work.{" "}
            <Link href="/privacy" className="text-indigo-700 underline">
              How we handle it
            </Link>
            .
          </p>
          {/* A plain link: the browser downloads the streamed file itself. */}
          <a href="/api/account/export" download className={buttonClass("secondary", "mt-4")}>
            Download my data
          </a>
          {/* Only a student's account can be erased (by an administrator, /admin/accounts/ID/privacy): said as /privacy says it. */}
          {user.role === "student" && (
            <p className="mt-4 text-sm text-slate-600" data-testid="erasure-how">
              Your school&apos;s administrator can erase your account and everything in it; ask your teacher or school. The{" "}
              <Link href="/privacy" className="text-indigo-700 underline">
                privacy notice
              </Link>{" "}
              has the details.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
