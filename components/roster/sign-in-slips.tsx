"use client";

import { useEffect, useState } from "react";
import { useLeaveGuard } from "@/components/forms/use-leave-guard";
import { Button } from "@/components/ui/button";
import { EmailAddress } from "@/components/ui/email-address";

const SLIPS_QUESTION = "These one-time passwords are shown only now, and the slips haven't been printed. Leave without them?";

export type SignInSlip = { studentId: string; name: string; email: string; password: string };

/**
 * Cut-out slips with each new student's address and one-time password. Only this block prints
 * (see .print-area in globals.css), so "Print slips" gives clean pages to hand out.
 */
export function SignInSlips({ sectionName, slips }: { sectionName: string; slips: SignInSlip[] }) {
  // Until these slips have been through the print dialog (its button or the browser's own Print),
  // leaving the page asks first: the passwords cannot be shown again. A new slip asks again.
  const [printed, setPrinted] = useState<SignInSlip[] | null>(null);
  useEffect(() => {
    const done = () => setPrinted(slips);
    window.addEventListener("afterprint", done);
    return () => window.removeEventListener("afterprint", done);
  }, [slips]);
  useLeaveGuard(printed !== slips, SLIPS_QUESTION);
  // Rendered only after an action answered, never on the server, so window is there.
  const signInUrl = `${window.location.origin}/sign-in`;
  return (
    <section aria-labelledby="slips-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <h2 id="slips-heading" className="text-base font-semibold">
          Sign-in slips <span className="font-normal text-slate-500">({slips.length})</span>
        </h2>
        <Button onClick={() => window.print()}>Print slips</Button>
      </div>
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-inset ring-amber-200 print:hidden" role="note">
        These passwords are shown only now. Print the slips (or save them as a PDF from the print dialog) before you leave this page; until
        you do, leaving asks first. If a slip gets lost, open the roster and give that student a new one-time password.
      </p>
      <ul className="print-area grid gap-3 sm:grid-cols-2 print:grid-cols-2 print:gap-0" aria-label="Sign-in slips">
        {slips.map((slip) => (
          <li
            key={slip.studentId}
            data-testid="sign-in-slip"
            className="break-inside-avoid rounded-md border-2 border-dashed border-slate-300 p-4 text-sm print:rounded-none"
          >
            <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Recap Classroom · {sectionName}</p>
            <p className="mt-1 text-lg font-bold wrap-anywhere text-slate-900">{slip.name}</p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-slate-600">Sign in at</dt>
              <dd className="font-medium break-all">{signInUrl}</dd>
              <dt className="text-slate-600">Email</dt>
              <dd className="min-w-0 font-medium">
                <EmailAddress address={slip.email} />
              </dd>
              <dt className="text-slate-600">One-time password</dt>
              <dd className="font-mono text-base font-bold tracking-wider" data-testid="one-time-password">
                {slip.password}
              </dd>
            </dl>
            <p className="mt-2 text-xs text-slate-600">After you sign in you will choose your own password. This one then stops working.</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
