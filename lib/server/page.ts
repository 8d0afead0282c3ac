import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/** Runs a page's query; a missing or foreign row renders the 404 page. */
export function orNotFound<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
