import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md rounded-lg bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-xl font-bold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">This page doesn&apos;t exist, or your account can&apos;t open it.</p>
      <Link href="/" className={`${buttonClass("primary")} mt-4`}>
        Go to your home page
      </Link>
    </div>
  );
}
