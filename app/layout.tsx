import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Recap Classroom", template: "%s · Recap Classroom" },
  description: "Teach, submit and grade the Year in Review personalized-marketing lesson.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl px-4 py-8 focus:outline-none sm:px-6">
          {/* Forms and the workspace run on the page's script (their buttons wait for it): say so
              rather than leave a disabled button unexplained. */}
          <noscript>
            <p role="alert" className="mb-6 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-amber-300">
              Recap Classroom needs JavaScript. Turn it on in your browser&apos;s settings, or ask your school&apos;s IT to allow it for
              this site.
            </p>
          </noscript>
          {children}
        </main>
        <footer className="mx-auto w-full max-w-5xl px-4 pb-8 text-xs text-slate-500 sm:px-6">
          <Link href="/privacy" className="underline hover:text-slate-700">
            Privacy
          </Link>
        </footer>
        {/* At the bottom: a toast never covers the header's navigation. */}
        <Toaster position="bottom-center" richColors closeButton />
      </body>
    </html>
  );
}
