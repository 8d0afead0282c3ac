import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { after } from "next/server";
import type { ErasureNotice } from "@/db/queries/privacy";
import { NotFoundError } from "@/lib/errors";
import { startedElsewhere } from "./action";

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

/**
 * Writes a page's access-log rows once the page has gone out (after(): the write never delays the
 * render), unless the browser says another site started the request. A link elsewhere must not be
 * able to write to the append-only log in a teacher's name; route handlers refuse such requests
 * outright (lib/server/action.ts route()). A failed write is logged, and the page is not affected.
 */
export async function recordViewAfter(what: string, record: () => Promise<unknown>): Promise<void> {
  if (startedElsewhere(await headers())) return;
  after(() =>
    record().catch((error: unknown) => {
      console.error(`The access log could not record ${what}.`, error);
    }),
  );
}
