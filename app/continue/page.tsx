import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageHeader } from "@/components/ui/card";
import { pageUser } from "@/lib/server/authz";
import { firstValues, openableRoute } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Continue from another site" };

/**
 * Where a link on another site to a download or a file of the app lands (lib/server/action.ts
 * fromElsewhere): instead of a refusal in JSON, the reader sees where it leads and goes on with a
 * click here, on the app's own page. What the file holds is still checked by its route.
 */
export default async function ContinuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const target = openableRoute(firstValues(await searchParams).to);
  await pageUser(undefined, target ? `/continue?${new URLSearchParams({ to: target.path })}` : undefined);
  if (!target) notFound();
  return (
    <div className="mx-auto max-w-lg">
      <PageHeader title="You came here from another site" />
      <Card>
        <div className="space-y-3 text-sm text-slate-700">
          <p>
            A link on another website or app leads to <strong>{target.file}</strong> in Recap Classroom. Students&apos; work and grades open
            only when you ask for them from Recap Classroom itself, so that no other site can open them in your name.
          </p>
          <p>If you expected it, open it from here.</p>
          <div className="flex flex-wrap gap-2 pt-1">
            {/* A route handler, not a page: a plain link, which the browser follows (or downloads) itself. */}
            <a href={target.path} className={buttonClass("primary")}>
              Open {target.file}
            </a>
            <Link href="/" className={buttonClass("secondary")}>
              Go to your home page
            </Link>
          </div>
        </div>
      </Card>
    </div>
  );
}
