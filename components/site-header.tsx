import Link from "next/link";
import { awaitsApproval, getCurrentUser, homeFor } from "@/lib/server/authz";
import { SignOutButton } from "./sign-out-button";

export async function SiteHeader() {
  const user = await getCurrentUser();
  const nav =
    !user || awaitsApproval(user)
      ? []
      : user.role === "teacher"
        ? [{ href: "/sections", label: "My sections" }]
        : user.role === "student"
          ? [
              { href: "/classes", label: "My classes" },
              { href: "/join", label: "Join a class" },
            ]
          : user.role === "admin"
            ? [
                { href: "/admin/accounts", label: "Accounts" },
                { href: "/admin/sections", label: "Sections" },
                { href: "/admin/access-log", label: "Access log" },
              ]
            : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* One row on a 390 px phone too (it wrapped to three, 130 px): below sm the name shrinks to
          its mark, links pack closer, and Sign out moves to the Account page. */}
      <div className="mx-auto flex max-w-5xl items-center gap-x-2 px-4 py-2 sm:flex-wrap sm:gap-x-6 sm:gap-y-2 sm:py-3 sm:px-6">
        <Link href={user ? homeFor(user) : "/"} className="flex shrink-0 items-center gap-2 text-lg font-bold text-indigo-700">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
            R
          </span>
          <span className="max-sm:sr-only">Recap Classroom</span>
        </Link>
        {nav.length > 0 && (
          <nav aria-label="Main" className="flex min-w-0 gap-0.5 sm:gap-1">
            {nav.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                className="inline-flex min-h-10 items-center rounded-md px-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 sm:px-3"
              >
                {item.label}
              </Link>
            ))}
          </nav>
        )}
        <div className="ml-auto flex shrink-0 items-center gap-2">
          {user ? (
            <>
              {/* Name and role are two lines with nothing between them: screen readers say the label ("Dana Rivera,
                  teacher: your account", which starts with what is shown, for voice control), and the hidden ", "
                  keeps them apart in the text itself (copied, or read without the label). */}
              <Link
                href="/account"
                className="hidden text-right text-sm leading-tight sm:block"
                aria-label={`${user.name}, ${user.role}: your account`}
              >
                <span className="block font-medium text-slate-900" data-testid="current-user">
                  {user.name}
                </span>
                <span className="sr-only">, </span>
                <span className="block text-xs text-slate-500 capitalize">{user.role}</span>
              </Link>
              <Link
                href="/account"
                className="inline-flex min-h-10 items-center rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:hidden"
              >
                Account
              </Link>
              <div className="hidden sm:block">
                <SignOutButton userId={user.id} />
              </div>
            </>
          ) : (
            <>
              <Link href="/sign-in" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                Sign in
              </Link>
              <Link href="/sign-up" className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
