import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";

/** Throws if the database cannot answer a query (a health check, no user involved). */
export function checkDatabase(): void {
  getDb().get(sql`select 1`);
}
