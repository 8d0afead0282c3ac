import Link from "next/link";

/** Where this page sits; the last crumb may be plain text. */
export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 flex flex-wrap gap-x-2 text-sm">
      {items.map((item, i) => (
        <span key={`${item.label}-${i}`} className="flex gap-x-2">
          {i > 0 && (
            <span aria-hidden className="text-slate-400">
              /
            </span>
          )}
          {item.href ? (
            <Link href={item.href} className="inline-flex min-h-6 items-center wrap-anywhere text-indigo-700 underline">
              {item.label}
            </Link>
          ) : (
            <span className="wrap-anywhere text-slate-600">{item.label}</span>
          )}
        </span>
      ))}
    </nav>
  );
}
