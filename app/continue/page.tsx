import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button-class";
import { Card, PageHeader } from "@/components/ui/card";
import { pageUser } from "@/lib/server/authz";
import { CALLBACK_ORIGIN, firstValues, safeRouteHandlerPath } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Continue from another site" };

/**
 * Where a link on another site to a download or a file of the app lands (lib/server/action.ts
 * fromElsewhere): instead of a refusal in JSON, the reader sees where it leads and goes on with a
 * click here, on the app's own page. What the file holds is still checked by its route.
 */
export default async function ContinuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const target = safeRouteHandlerPath(firstValues(await searchParams).to);
  await pageUser(undefined, target ? `/continue?${new URLSearchParams({ to: target })}` : undefined);
  if (!target) notFound();
  // The file's name where its address ends in one ("grades.csv"); an image or a slide has only an id.
  const last = new URL(target, CALLBACK_ORIGIN).pathname.split("/").at(-1) ?? "";
  const file = /^[\w.-]+\.[a-z]+$/.test(last) ? last : null;
  return (
    <div className="mx-auto max-w-lg">
      <PageHeader title="You came here from another site" />
      <Card>
        <div className="space-y-3 text-sm text-slate-700">
          <p>
            A link on another website or app leads to {file ? <strong className="break-all">{file}</strong> : "a file"} in Recap Classroom.
            Files with students&apos; work open only when you ask for them from Recap Classroom itself, so that no other site can open them
            in your name.
          </p>
          <p>If you expected this file, open it here.</p>
          <div className="flex flex-wrap gap-2 pt-1">
            {/* A route handler, not a page: a plain link, which the browser follows (or downloads) itself. */}
            <a href={target} className={buttonClass("primary")}>
              {file ? `Open ${file}` : "Open the file"}
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
