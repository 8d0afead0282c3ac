"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { changeRoleAction, oneTimePasswordAction, setAccountActiveAction } from "@/app/admin/actions";
import { useRunAction } from "@/components/forms/run-action";
import { toast } from "@/components/ui/toast";
import { useReady } from "@/components/ui/use-ready";
import { adminPasswordResetHint, type Role } from "@/lib/roles";
import { ConfirmButton } from "@/components/ui/confirm-button";

type Props = {
  account: { id: string; name: string; email: string; role: Role; active: boolean };
  /** The administrator's own account: not deactivated, and its password is changed on the account page. */
  self: boolean;
  /** Why a change to each role is refused (empty: allowed). */
  roleChange: { teacher: string[]; student: string[] };
  /** Active sections a teacher still teaches: deactivating leaves them without one until transferred. */
  activeSections?: number;
};

export function AccountActions({ account, self, roleChange, activeSections = 0 }: Props) {
  const ready = useReady();
  const router = useRouter();
  const active = useRunAction();
  const password = useRunAction();
  const role = useRunAction();
  const [oneTime, setOneTime] = useState<string | null>(null);
  const target = account.role === "student" ? "teacher" : account.role === "teacher" ? "student" : null;
  const blockers = target ? roleChange[target] : [];

  return (
    <div className="space-y-6" data-ready={ready || undefined} data-testid="account-actions">
      <section aria-labelledby="access-heading" className="space-y-2">
        <h2 id="access-heading" className="text-base font-semibold">
          Access
        </h2>
        {self ? (
          <p className="text-sm text-slate-600">This is your own account: you can&apos;t deactivate it or give it a one-time password.</p>
        ) : (
          <div className="flex flex-wrap items-start gap-2">
            {account.active ? (
              <ConfirmButton
                label="Deactivate"
                confirmLabel="Deactivate account"
                question={
                  <>
                    Deactivate <strong>{account.name}</strong>? They are signed out at once and can&apos;t sign in until reactivated.
                    {activeSections > 0 &&
                      ` Their ${activeSections} active ${activeSections === 1 ? "section stays" : "sections stay"} theirs, with nobody to teach ${activeSections === 1 ? "it" : "them"}, until you transfer ${activeSections === 1 ? "it" : "them"}.`}
                  </>
                }
                pending={active.pending}
                onConfirm={() =>
                  active.run(setAccountActiveAction, { userId: account.id, active: false }, () => {
                    toast.success(`${account.name} is deactivated.`);
                    router.refresh();
                  })
                }
              />
            ) : (
              <ConfirmButton
                label="Reactivate"
                variant="primary"
                confirmLabel="Reactivate account"
                question={
                  <>
                    Reactivate <strong>{account.name}</strong>? They can sign in again with their password.
                  </>
                }
                pending={active.pending}
                onConfirm={() =>
                  active.run(setAccountActiveAction, { userId: account.id, active: true }, () => {
                    toast.success(`${account.name} is active again.`);
                    router.refresh();
                  })
                }
              />
            )}
            {account.role === "admin" ? (
              <p className="basis-full text-sm text-slate-600" data-testid="admin-password-hint">
                {adminPasswordResetHint(account.email)}
              </p>
            ) : (
              <ConfirmButton
                label="New one-time password"
                variant="secondary"
                confirmLabel="Make a one-time password"
                question={
                  <>
                    Replace <strong>{account.name}</strong>&apos;s password with a one-time password? Their current password stops working,
                    they are signed out everywhere, and they must choose their own at the next sign-in.
                  </>
                }
                pending={password.pending}
                onConfirm={() =>
                  password.run(oneTimePasswordAction, { userId: account.id }, (data) => {
                    setOneTime(data.password);
                    toast.success("One-time password made.");
                  })
                }
              />
            )}
          </div>
        )}
        {oneTime && (
          <div role="status" className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
            <p>
              One-time password for {account.email}:{" "}
              <code data-testid="one-time-password" className="rounded bg-white px-1.5 py-0.5 font-mono text-base">
                {oneTime}
              </code>
            </p>
            <p className="mt-1 text-amber-900">It is shown only now: give it to {account.name}. They will choose their own at sign-in.</p>
          </div>
        )}
      </section>

      {target && (
        <section aria-labelledby="role-heading" className="space-y-2">
          <h2 id="role-heading" className="text-base font-semibold">
            Role
          </h2>
          {blockers.length > 0 ? (
            <p className="text-sm text-slate-700" data-testid="role-blocked">
              Can&apos;t make this account a {target}: {blockers.join(" ")}
            </p>
          ) : (
            <ConfirmButton
              label={`Make a ${target}`}
              variant="secondary"
              confirmLabel={`Make ${account.name} a ${target}`}
              question={
                <>
                  Make <strong>{account.name}</strong> a {target}? They are signed out and see{" "}
                  {target === "teacher" ? "teacher" : "student"} pages from their next sign-in.
                </>
              }
              pending={role.pending}
              onConfirm={() =>
                role.run(changeRoleAction, { userId: account.id, role: target }, () => {
                  toast.success(`${account.name} is now a ${target}.`);
                  router.refresh();
                })
              }
            />
          )}
        </section>
      )}
    </div>
  );
}
