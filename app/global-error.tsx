"use client";

import "./globals.css";
import ErrorPage from "./error";

/** When the root layout itself fails (the header reads the session): the same page, in a document of its own. */
export default function GlobalError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 px-4 py-8 font-sans text-slate-900 antialiased">
        <ErrorPage {...props} />
      </body>
    </html>
  );
}
