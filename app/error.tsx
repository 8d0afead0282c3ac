"use client";

import { buttonClass } from "@/components/ui/button";

// Never shows the error's message or stack: only a reference the team can look up in the logs.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md rounded-lg bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
      <h1 className="text-xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        Nothing you saved before this was lost. Try again; if it keeps happening, tell us the reference below.
      </p>
      {error.digest && <p className="mt-2 font-mono text-xs text-slate-500">Reference: {error.digest}</p>}
      <div className="mt-4 flex justify-center gap-2">
        <button type="button" className={buttonClass("primary")} onClick={reset}>
          Try again
        </button>
        <a className={buttonClass("secondary")} href="/">
          Go home
        </a>
      </div>
    </div>
  );
}
