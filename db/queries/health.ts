import "server-only";
import type Database from "better-sqlite3";
import { getDb, type DB } from "@/db";

/** Prepared once per connection: drizzle's db.get(sql) prepares the statement again on every call. */
const probes = new WeakMap<DB, Database.Statement>();

/** Throws if the database cannot answer a query (a health check, no user involved). */
export async function checkDatabase(): Promise<void> {
  const db = await getDb();
  let probe = probes.get(db);
  if (!probe) {
    // drizzle() returns the connection as $client; the DB type (db/index.ts) leaves it out.
    probe = (db as DB & { $client: Database.Database }).$client.prepare("select 1");
    probes.set(db, probe);
  }
  probe.get();
}
