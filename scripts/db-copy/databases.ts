import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SqliteDatabase from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { migratePostgresInTurn } from "../../db";
import { databaseTarget, type DatabaseTarget } from "../../db/dialect";
import * as pgSchema from "../../db/schema/pg";
import * as sqliteSchema from "../../db/schema/sqlite";

/**
 * The two ends of `npm run db:copy`: the laptop's SQLite file, opened read-only inside one read
 * transaction (a consistent snapshot even while the app keeps writing), and the target PostgreSQL,
 * opened here from its URL rather than through db/index.ts, which reads the process's environment.
 */

/** A reason not to start (or not to write), for the operator; nothing has been changed when one is thrown. */
export class CopyRefused extends Error {}

export type SourceDatabase = {
  file: string;
  db: BetterSQLite3Database<typeof sqliteSchema>;
  close(): void;
};

export type TargetDb = PgDatabase<PgQueryResultHKT, typeof pgSchema>;

export type TargetDatabase = {
  /** Where the data goes, for the summary: host, port and database, never the password. */
  label: string;
  db: TargetDb;
  /** Whether the target's tables match this version's migrations (always, unless opened without migrating). */
  migrated: boolean;
  close(): Promise<void>;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const MIGRATIONS = { sqlite: path.join(root, "db", "migrations"), postgres: path.join(root, "db", "migrations-pg") };

/** When the newest migration of this version was generated: drizzle records it as the applied migration's created_at. */
function latestMigration(folder: string): number {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/**
 * Opens the SQLite file read-only (it must exist; nothing in it is changed, not even a migration)
 * and starts the read transaction every later read shares. Refuses a file that is not a Recap
 * Classroom database, or one migrated by another version than this one.
 */
export function openSource(file: string): SourceDatabase {
  if (!fs.existsSync(file)) throw new CopyRefused(`No SQLite database at ${file}. Give its path with --from (the app's DATABASE_PATH).`);
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    sqlite.pragma("busy_timeout = 5000");
  } catch (error) {
    throw new CopyRefused(`Cannot open ${file} as a SQLite database: ${(error as Error).message}`);
  }
  try {
    const has = (name: string) => sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(name) !== undefined;
    if (!has("__drizzle_migrations") || !has("users")) throw new CopyRefused(`${file} is not a Recap Classroom database.`);
    const applied = Number((sqlite.prepare("select max(created_at) as at from __drizzle_migrations").get() as { at: number | null }).at);
    const expected = latestMigration(MIGRATIONS.sqlite);
    if (applied < expected)
      throw new CopyRefused(
        `${file} was last migrated by an older version of Recap Classroom. Start this version of the app on it once (or run ` +
          "`npm run db:setup` with DATABASE_PATH pointing at it) so it migrates, then copy. db:copy never changes the source.",
      );
    if (applied > expected)
      throw new CopyRefused(`${file} was migrated by a newer version of Recap Classroom than this one: update this checkout first.`);
    // Every read from here on sees the same committed state (WAL keeps it while the app writes on).
    sqlite.exec("BEGIN");
    sqlite.prepare("select count(*) from users").get();
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return {
    file,
    db: drizzle(sqlite, { schema: sqliteSchema }),
    close: () => {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      sqlite.close();
    },
  };
}

/** postgres://user:secret@host:5432/db → "PostgreSQL at host:5432/db". */
function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.host}${parsed.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}

/** Checks --to without connecting: a PostgreSQL address (a server, or PGlite), nothing else. */
export function checkTargetUrl(url: string): Extract<DatabaseTarget, { dialect: "postgres" }> {
  const notPostgres = new CopyRefused(
    "--to must be a PostgreSQL address (postgres://user:password@host:5432/database): db:copy moves SQLite to PostgreSQL.",
  );
  if (/^(file|sqlite):/i.test(url.trim())) throw notPostgres;
  let target: DatabaseTarget;
  try {
    target = databaseTarget({ ...process.env, DATABASE_URL: url });
  } catch (error) {
    throw new CopyRefused(`--to: ${(error as Error).message.replace("DATABASE_URL", "the target")}`);
  }
  if (target.dialect !== "postgres") throw notPostgres;
  return target;
}

/** Rows of a raw query, whichever driver ran it (postgres.js answers an array, PGlite an object with rows). */
async function rawRows(db: TargetDb, query: ReturnType<typeof sql>): Promise<Record<string, unknown>[]> {
  const result = (await db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as Record<string, unknown>[]) : ((result as { rows: Record<string, unknown>[] }).rows ?? []);
}

/** Whether the target has this version's tables: never on a fresh database, possibly not on an older one. */
async function isMigrated(db: TargetDb): Promise<boolean> {
  const [exists] = await rawRows(db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!exists?.present) return false;
  const [applied] = await rawRows(db, sql`select max(created_at) as at from drizzle.__drizzle_migrations`);
  return Number(applied?.at ?? 0) >= latestMigration(MIGRATIONS.postgres);
}

/**
 * Opens the target PostgreSQL and, unless `migrate` is false (a dry run changes nothing), applies
 * this version's migrations under the same advisory lock the app takes, so an app instance starting
 * at the same moment waits its turn.
 */
export async function openTarget(url: string, { migrate }: { migrate: boolean }): Promise<TargetDatabase> {
  const target = checkTargetUrl(url);
  if (target.driver === "pglite") {
    const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
      import("@electric-sql/pglite"),
      import("drizzle-orm/pglite"),
      import("drizzle-orm/pglite/migrator"),
    ]);
    const client = new PGlite(target.dataDir);
    const db = drizzlePglite(client, { schema: pgSchema });
    if (migrate) await migratePglite(db, { migrationsFolder: MIGRATIONS.postgres });
    return {
      label: `PGlite ${target.dataDir ? `at ${target.dataDir}` : "in memory"}`,
      db,
      migrated: await isMigrated(db),
      close: () => client.close(),
    };
  }
  const [{ default: postgres }, { drizzle: drizzlePostgres }] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]);
  const label = describePostgres(target.url);
  const client = postgres(target.url, { max: 4, onnotice: () => {}, connection: { application_name: "recap-classroom db:copy" } });
  const db = drizzlePostgres(client, { schema: pgSchema });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new CopyRefused(`Cannot connect to ${label}: ${(error as Error).message}`);
  }
  try {
    if (migrate) await migratePostgresInTurn(client, db, MIGRATIONS.postgres);
    return { label, db, migrated: await isMigrated(db), close: () => client.end({ timeout: 5 }) };
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw error;
  }
}
