import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button-class";

/**
 * An administrator's list filter: a plain GET form, so a filtered view is a link to keep or send and
 * works before any script loads, with Search, and Clear once something is filtered.
 */
export function FilterForm({
  action,
  label,
  columns,
  filtered,
  children,
}: {
  action: string;
  label: string;
  /** The grid's columns from `sm` up, the buttons' last. */
  columns: string;
  filtered: boolean;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className={`grid gap-x-3 ${columns}`}>
      {children}
      <div className="flex items-start gap-2 pt-6">
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
        {filtered && (
          <Link href={action} className={buttonClass("ghost")}>
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
