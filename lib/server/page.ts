import "server-only";
import { notFound } from "next/navigation";
import type { ErasureNotice } from "@/db/queries/privacy";
import { NotFoundError } from "@/lib/errors";

/** Runs a page's query; a missing or foreign row renders the 404 page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** A teacher's erasure notices with their instants as ISO text, for components/privacy/erasure-notices.tsx. */
export function erasureNoticeViews(notices: ErasureNotice[]) {
  return notices.map((notice) => ({
    ...notice,
    eraseAfter: notice.eraseAfter.toISOString(),
    acknowledgedAt: notice.acknowledgedAt?.toISOString() ?? null,
  }));
}
