import Link from "next/link";
import { FocusIfLost } from "@/components/ui/focus-if-lost-on";

type Props = {
  /** The list's path and its current filters (without page). */
  path: string;
  params: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
  noun: [one: string, many: string];
};

const href = (path: string, params: Props["params"], page: number) => {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

/** "21–25 of 25 accounts", with previous and next pages as links; nothing for an empty list, whose page says why it is empty. */
export function Pager({ path, params, page, pageSize, total, noun }: Props) {
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const link = "rounded-md px-3 py-2 text-sm font-medium text-indigo-700 underline hover:bg-slate-100";
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
      {/* The first or last page takes away the link pressed: the count takes the focus, and is read out. */}
      <p id="result-count" tabIndex={-1} data-testid="result-count">{`${first}–${last} of ${total} ${total === 1 ? noun[0] : noun[1]}`}</p>
      <FocusIfLost id="result-count" on={page} />
      <div className="flex gap-2">
        {page > 1 && (
          <Link className={link} href={href(path, params, page - 1)} rel="prev">
            Previous page
          </Link>
        )}
        {page < pages && (
          <Link className={link} href={href(path, params, page + 1)} rel="next">
            Next page
          </Link>
        )}
      </div>
    </nav>
  );
}
