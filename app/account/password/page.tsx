import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutButton } from "@/components/sign-out-button";
import { Card, PageHeader } from "@/components/ui/card";
import { getCurrentUser, PASSWORD_PAGE } from "@/lib/server/authz";
import { callbackUrlSchema } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Change your password" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

/** Open to accounts still on a one-time password: it is where every other page sends them. */
export default async function ChangePasswordPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(PASSWORD_PAGE)}`);
  const callbackUrl = callbackUrlSchema.parse((await searchParams).callbackUrl);
  const first = user.mustChangePassword;
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title={first ? "Choose your own password" : "Change your password"}
        description={
          first
            ? "You were given a one-time password (by your teacher or your school's administrator). Pick a new one that only you know; you'll use it from now on."
            : "You'll stay signed in here. Any other device signed in to your account will be signed out."
        }
      />
      <Card>
        <ChangePasswordForm callbackUrl={callbackUrl} first={first} />
      </Card>
      {/* Until then every page leads back here, the account page too, which is where a phone's header
          keeps Sign out: on someone else's phone, or signed in as someone else, this is the way out. */}
      {first && (
        <div className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700 sm:hidden" data-testid="not-you">
          <span>Not you, or not your phone?</span>
          <SignOutButton userId={user.id} />
        </div>
      )}
    </div>
  );
}
