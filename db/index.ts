import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type DB = BetterSQLite3Database<typeof schema>;
/** The handle a write transaction callback receives. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

export function databasePath(): string {
  // Runtime configuration, not a build input: keep the bundler from tracing the whole project.
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH ?? path.join(process.cwd(), "data", "app.db"));
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Opens the SQLite file with the settings every connection must have (see
 * docs/decisions/002-sqlite-settings.md) and applies pending migrations.
 */
export function openDatabase(file = databasePath()): { sqlite: Database.Database; db: DB } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { sqlite, db };
}

// One connection per process, opened on first use (so `next build` never touches the database).
const globalForDb = globalThis as unknown as { recapDb?: { sqlite: Database.Database; db: DB } };

export function getDb(): DB {
  globalForDb.recapDb ??= openDatabase();
  return globalForDb.recapDb.db;
}

/**
 * A read-only connection for long streamed reads (CSV exports). better-sqlite3 forbids other
 * queries on a connection while one of its iterators is open, so these never use the main one; WAL
 * lets them read a consistent snapshot while it keeps writing. One idle connection is kept for the
 * next export (SQLite's page cache lives in the connection); a concurrent export opens its own.
 * Call `release` when done.
 */
let idleReader: Database.Database | undefined;

export function acquireReadConnection(): { sqlite: Database.Database; release: () => void } {
  const file = databasePath();
  let sqlite = idleReader?.open && idleReader.name === file ? idleReader : undefined;
  idleReader = undefined;
  if (!sqlite) {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    sqlite.pragma("busy_timeout = 5000");
    // An export reads pages from all over the file, more than the page cache holds, so every run
    // re-read them: memory-mapped reads skip the read call and copy per page (the export query ran
    // up to twice as fast). Reads only; the pages are the OS's shared file cache, not our heap.
    sqlite.pragma("mmap_size = 1073741824");
  }
  const connection = sqlite;
  return {
    sqlite: connection,
    release: () => {
      if (!idleReader && connection.name === databasePath()) idleReader = connection;
      else connection.close();
    },
  };
}

/** Runs `fn` in a synchronous IMMEDIATE transaction, so concurrent writers queue instead of failing. */
export function writeTransaction<T>(fn: (tx: Tx) => T): T {
  return getDb().transaction(fn, { behavior: "immediate" });
}
