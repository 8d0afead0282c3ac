import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button-class";
import { getCurrentUser, homeFor } from "@/lib/server/authz";

export default async function Landing() {
  const user = await getCurrentUser();
  if (user) redirect(homeFor(user));
  return (
    <div className="mx-auto max-w-2xl py-8 text-center sm:py-16">
      <p className="text-sm font-semibold tracking-wide text-indigo-700 uppercase">Personalized marketing · Year in Review</p>
      <h1 className="mt-3 text-3xl font-bold tracking-tight sm:text-5xl">Teach the Year in Review lesson, and grade it in minutes.</h1>
      <p className="mt-4 text-lg text-slate-600">
        Students turn a coffee shop&apos;s loyalty data into a personal recap: pick the datapoints, write the copy, design the graphic,
        reflect on their own data. You score it on a clear rubric and send feedback back.
      </p>
      <div className="mt-8 flex flex-col justify-center gap-3 sm:flex-row">
        <Link href="/sign-up?role=teacher" className={buttonClass("primary")}>
          I&apos;m a teacher
        </Link>
        <Link href="/join" className={buttonClass("secondary")}>
          I have a class code
        </Link>
      </div>
      <p className="mt-6 text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-indigo-700 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
