import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getCurrentUser, homeFor } from "@/lib/server/authz";
import { callbackUrlSchema } from "@/lib/validations/common";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = callbackUrlSchema.parse(params.callbackUrl);
  const user = await getCurrentUser();
  if (user) redirect(callbackUrl ?? homeFor(user));
  const signUpHref = callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-up";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-center text-2xl font-bold">Sign in to Recap Classroom</h1>
      {params.signedOut === "everywhere" && (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 ring-1 ring-green-200">
          You are signed out on every device.
        </p>
      )}
      {params.error !== undefined && (
        // Auth.js sends a browser here after a refused sign-in through its own endpoint (a hand-made
        // POST to /api/auth/callback/credentials) or an error of its own; which one is not said.
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          Signing in did not work. Check your email and password, then try again.
        </p>
      )}
      <Card>
        <SignInForm callbackUrl={callbackUrl} />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600">
        Can&apos;t sign in? If your teacher made your account and you haven&apos;t signed in yet, they can print you a new sign-in slip.
        Otherwise your school&apos;s administrator can give you a new one-time password, or reactivate an account that was deactivated.
      </p>
      <p className="mt-4 text-center text-sm text-slate-600">
        New here?{" "}
        <Link href={signUpHref} className="font-medium text-indigo-700 underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
