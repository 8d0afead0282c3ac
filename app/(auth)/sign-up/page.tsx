import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getCurrentUser, homeFor } from "@/lib/server/authz";
import { teacherSignUp } from "@/lib/env";
import { callbackUrlSchema } from "@/lib/validations/common";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = callbackUrlSchema.parse(params.callbackUrl);
  const user = await getCurrentUser();
  if (user) redirect(callbackUrl ?? homeFor(user));
  // Someone arriving from a join link is a student; anyone else picks.
  const role =
    params.role === "teacher" || params.role === "student" ? params.role : callbackUrl?.startsWith("/join") ? "student" : undefined;
  const signInHref = callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-6 text-center text-2xl font-bold">Create your account</h1>
      <Card>
        <SignUpForm callbackUrl={callbackUrl} defaultRole={role} teacherSignUp={teacherSignUp().mode} />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={signInHref} className="font-medium text-indigo-700 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
