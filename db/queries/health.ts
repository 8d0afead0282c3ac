import "server-only";
import { getDatabase } from "@/db";

/** Throws if the database cannot answer a query (a health check, no user involved). */
export async function checkDatabase(): Promise<void> {
  await (await getDatabase()).ping();
}
