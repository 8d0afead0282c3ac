"use client";

import { buttonClass } from "@/components/ui/button-class";
import { referenceOf } from "@/lib/action-result";

/**
 * Never shows the error's message or stack. A server error arrives with only a digest: the server
 * logged the error once under that digest (ADR 007), so it is the reference people can pass on.
 * "Try again" is Next.js's retry(): it fetches the page from the server again, which reset() would not.
 */
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const reference = referenceOf(error);
  return (
    <div role="alert" className="mx-auto max-w-md rounded-lg bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        Nothing you saved before this was lost. Try again; if it keeps happening,{" "}
        {reference ? "tell us the reference below." : "tell us what you were doing."}
      </p>
      {reference && (
        <p className="mt-2 font-mono text-xs text-slate-500" data-testid="error-reference">
          Reference: {reference}
        </p>
      )}
      <div className="mt-4 flex justify-center gap-2">
        <button type="button" className={buttonClass("primary")} onClick={retry}>
          Try again
        </button>
        {/* A full page load, not a client navigation: the app's client state may be what broke. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a className={buttonClass("secondary")} href="/">
          Go home
        </a>
      </div>
    </div>
  );
}
