import type { Metadata } from "next";
import Link from "next/link";
import { JoinButton } from "@/components/join/join-button";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { headers } from "next/headers";
import { JOIN_REFUSALS, previewJoinCode } from "@/db/queries/enrollments";
import { clientAddress } from "@/lib/client-address";
import { getCurrentUser } from "@/lib/server/authz";
import { isJoinCodeShaped, normalizeJoinCode } from "@/lib/join-code";

export const metadata: Metadata = { title: "Join a class" };

export default async function JoinLinkPage({ params }: { params: Promise<{ code: string }> }) {
  const code = normalizeJoinCode(decodeURIComponent((await params).code));
  const user = await getCurrentUser();
  const preview = isJoinCodeShaped(code) ? await previewJoinCode(user, code, clientAddress(await headers())) : null;
  const here = `/join/${code}`;

  if (preview === "paused") {
    return (
      <Panel title="Joining is paused">
        <p className="text-sm text-slate-700" data-testid="join-problem">
          {JOIN_REFUSALS.paused}
        </p>
      </Panel>
    );
  }
  if (!preview) {
    return (
      <Panel title="This join link doesn't work">
        <p className="text-sm text-slate-700" data-testid="join-problem">
          No class uses this code. It may have been mistyped, or your teacher may have made a new one.
        </p>
        <Link href="/join" className={`${buttonClass("primary")} mt-4 w-full`}>
          Type a code instead
        </Link>
      </Panel>
    );
  }

  const enrolled = preview.enrollment === "active";
  return (
    <Panel title={`Join ${preview.sectionName}`}>
      <dl className="mb-4 text-sm">
        <div className="flex gap-2">
          <dt className="text-slate-500">Teacher</dt>
          <dd className="font-medium">{preview.teacherName}</dd>
        </div>
        {preview.term && (
          <div className="flex gap-2">
            <dt className="text-slate-500">Term</dt>
            <dd className="font-medium">{preview.term}</dd>
          </div>
        )}
      </dl>
      {preview.refusal && !enrolled ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="join-problem">
          {preview.refusal}
        </p>
      ) : !user ? (
        <div className="grid gap-2">
          <p className="text-sm text-slate-700">Create a student account or sign in, and you&apos;ll come back here to join.</p>
          <Link href={`/sign-up?role=student&callbackUrl=${encodeURIComponent(here)}`} className={buttonClass("primary")}>
            Create a student account
          </Link>
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className={buttonClass("secondary")}>
            I already have an account
          </Link>
        </div>
      ) : user.role === "teacher" ? (
        <p className="text-sm text-slate-700">
          You&apos;re signed in as a teacher. Share this link with your students; they join with their own accounts.
        </p>
      ) : enrolled ? (
        <div>
          <p className="text-sm text-slate-700">You&apos;re already in this class.</p>
          <Link href="/classes" className={`${buttonClass("primary")} mt-4 w-full`}>
            Go to my classes
          </Link>
        </div>
      ) : (
        <JoinButton code={code} sectionName={preview.sectionName} />
      )}
    </Panel>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-center text-2xl font-bold wrap-anywhere">{title}</h1>
      <Card>{children}</Card>
    </div>
  );
}
