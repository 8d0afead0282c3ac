import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import { databaseTarget, type DatabaseTarget, type Dialect } from "./dialect";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";
import { registerSqlFunctions } from "./sql";
import { cacheStatements } from "./statement-cache";

/**
 * The one database handle type the query layer is written against, whatever the dialect: the SQLite
 * declaration's types, used only through what both drivers share (awaited query builders, never
 * `.get()`/`.all()`/`.run()`, which ESLint forbids in db/). On PostgreSQL the handle is a
 * PostgreSQL Drizzle database with the same tables. docs/decisions/010-postgresql.md.
 */
export type DB = BetterSQLite3Database<typeof sqliteSchema>;
/** The handle a write transaction callback receives. */
export type Tx = DB;

export function databasePath(): string {
  // Runtime configuration, not a build input: keep the bundler from tracing the whole project.
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH ?? path.join(process.cwd(), "data", "app.db"));
}

const MIGRATIONS = {
  sqlite: path.join(process.cwd(), "db", "migrations"),
  postgres: path.join(process.cwd(), "db", "migrations-pg"),
};

/** An open database: the Drizzle handles, how to run a write transaction on it, and how to close it. */
export type OpenDatabase = {
  dialect: Dialect;
  /** For reads. On SQLite a read-only connection: a write here fails loudly (use `transaction`). */
  db: DB;
  /** Runs `fn` as one write transaction (see writeTransaction below). */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Writes outside a transaction, for tools that are alone with the database (seeds, tests, the
   * e2e fixtures); the app itself writes only through `transaction`.
   */
  writer: DB;
  /** Answers when the database answers a trivial query (the health probe): no Drizzle, prepared once. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

// ——— SQLite ———

/**
 * Two connections to the file (docs/decisions/002-sqlite-settings.md, 010-postgresql.md): one
 * that writes, one IMMEDIATE transaction at a time in the order asked for, and a read-only one for
 * everything else. Queries are awaited, so while a write transaction is open other requests keep
 * running between its statements: on the writer's own connection they would see its uncommitted
 * rows, or land inside it. On the reader they see only committed data (WAL gives each statement a
 * consistent snapshot), and a stray write fails loudly instead.
 */
function openSqlite(file: string): OpenDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  cacheStatements(sqlite);
  registerSqlFunctions(sqlite);
  const writer = drizzle(sqlite, { schema: sqliteSchema });
  migrate(writer, { migrationsFolder: MIGRATIONS.sqlite });
  const reading = new SqliteDatabase(file, { readonly: true });
  reading.pragma("busy_timeout = 5000");
  cacheStatements(reading);
  registerSqlFunctions(reading);
  const db = drizzle(reading, { schema: sqliteSchema });
  let queue: Promise<unknown> = Promise.resolve();
  const probe = reading.prepare("select 1");
  return {
    dialect: "sqlite",
    db,
    writer,
    ping: async () => {
      probe.get();
    },
    transaction: (fn) => {
      const run = queue.then(() => sqliteTransaction(sqlite, writer, fn));
      queue = run.catch(() => {});
      return run;
    },
    close: async () => {
      await queue;
      reading.close();
      sqlite.close();
    },
  };
}

/** One IMMEDIATE transaction on the writing connection; the caller makes sure only one is open. */
async function sqliteTransaction<T>(sqlite: SqliteDatabase.Database, writer: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  sqlite.exec("BEGIN IMMEDIATE");
  try {
    const result = await fn(writer);
    sqlite.exec("COMMIT");
    return result;
  } catch (error) {
    if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
    throw error;
  }
}

// ——— PostgreSQL (a server through postgres.js, or PGlite in-process) ———

/** How often a transaction that lost a serialization race is run again before giving up. */
const SERIALIZABLE_ATTEMPTS = 12;

/** PostgreSQL's "could not serialize access" and "deadlock detected": the transaction may simply run again. */
function isRetryable(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === "40001" || code === "40P01") return true;
  }
  return false;
}

type PgTransactional = { transaction<T>(fn: (tx: unknown) => Promise<T>, config?: { isolationLevel: "serializable" }): Promise<T> };

/**
 * Every write transaction is SERIALIZABLE: PostgreSQL guarantees the outcome of some one-at-a-time
 * order, as SQLite's single writer does, so a read-modify-write can never interleave with another;
 * the loser of a race gets 40001 and runs again from the start, after a random pause that grows
 * with each attempt (up to half a second), so that many racing for one row spread out instead of
 * colliding again. Rows a whole class writes at once take turns before they get here
 * (lib/keyed-queue.ts).
 */
async function serializable<T>(db: PgTransactional, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => fn(tx as Tx), { isolationLevel: "serializable" });
    } catch (error) {
      if (attempt >= SERIALIZABLE_ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(500, 5 * 2 ** attempt)));
    }
  }
}

async function openPostgres(target: Extract<DatabaseTarget, { dialect: "postgres" }>): Promise<OpenDatabase> {
  if (target.driver === "pglite") {
    const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
      import("@electric-sql/pglite"),
      import("drizzle-orm/pglite"),
      import("drizzle-orm/pglite/migrator"),
    ]);
    const loadDataDir = target.template ? new Blob([fs.readFileSync(target.template)]) : undefined;
    const client = new PGlite(target.dataDir, { loadDataDir });
    const db = drizzlePglite(client, { schema: pgSchema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS.postgres });
    return {
      dialect: "postgres",
      db: db as unknown as DB,
      writer: db as unknown as DB,
      ping: async () => {
        await client.query("select 1");
      },
      transaction: (fn) => serializable(db as unknown as PgTransactional, fn),
      close: () => client.close(),
    };
  }
  const [{ default: postgres }, { drizzle: drizzlePostgres }] = await Promise.all([import("postgres"), import("drizzle-orm/postgres-js")]);
  const client = postgres(target.url, {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
    connection: { application_name: "recap-classroom" },
  });
  const db = drizzlePostgres(client, { schema: pgSchema });
  await migratePostgresInTurn(client, db);
  return {
    dialect: "postgres",
    db: db as unknown as DB,
    writer: db as unknown as DB,
    ping: async () => {
      await client`select 1`;
    },
    transaction: (fn) => serializable(db as unknown as PgTransactional, fn),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Applies PostgreSQL's pending migrations from `folder`, one process at a time: app instances
 * starting together (and npm run db:copy) wait on an advisory lock, then find nothing pending.
 */
export async function migratePostgresInTurn(client: Sql, db: PostgresJsDatabase<typeof pgSchema>, folder = MIGRATIONS.postgres) {
  const { migrate: migratePostgres } = await import("drizzle-orm/postgres-js/migrator");
  const lock = await client.reserve();
  try {
    await lock`select pg_advisory_lock(hashtext('recap-classroom migrations'))`;
    await migratePostgres(db, { migrationsFolder: folder });
  } finally {
    await lock`select pg_advisory_unlock(hashtext('recap-classroom migrations'))`.catch(() => {});
    lock.release();
  }
}

/** Opens the configured database with the settings it must have and applies pending migrations. */
export async function openDatabase(file?: string): Promise<OpenDatabase> {
  const target = databaseTarget();
  if (target.dialect === "sqlite") return openSqlite(file ? path.resolve(file) : databasePath());
  return openPostgres(target);
}

// One database per process, opened on first use (so `next build` never touches it).
const globalForDb = globalThis as unknown as { recapDb?: Promise<OpenDatabase> };

export function getDatabase(): Promise<OpenDatabase> {
  globalForDb.recapDb ??= openDatabase().catch((error: unknown) => {
    globalForDb.recapDb = undefined;
    throw error;
  });
  return globalForDb.recapDb;
}

export async function getDb(): Promise<DB> {
  return (await getDatabase()).db;
}

/** Closes the process's database, if open (tests, scripts). */
export async function closeDatabase(): Promise<void> {
  const open = globalForDb.recapDb;
  globalForDb.recapDb = undefined;
  if (open) await (await open).close();
}

/**
 * Runs `fn` as one write transaction: IMMEDIATE on SQLite (one at a time, in order), SERIALIZABLE
 * on PostgreSQL (run again from the start when it loses a race). Either way `fn` must read and write
 * only through `tx`, and leave anything outside the database (files, hashes) to before or after, so
 * running it again is safe.
 */
export async function writeTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (await getDatabase()).transaction(fn);
}

/**
 * A read-only connection for long streamed reads (CSV exports) on SQLite. better-sqlite3 forbids
 * other queries on a connection while one of its iterators is open, so these never use the main
 * one; WAL lets them read a consistent snapshot while it keeps writing. One idle connection is kept
 * for the next export (SQLite's page cache lives in the connection); a concurrent export opens its
 * own. Call `release` when done.
 */
let idleReader: SqliteDatabase.Database | undefined;

export function acquireReadConnection(): { sqlite: SqliteDatabase.Database; release: () => void } {
  const file = databasePath();
  let sqlite = idleReader?.open && idleReader.name === file ? idleReader : undefined;
  idleReader = undefined;
  if (!sqlite) {
    sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    sqlite.pragma("busy_timeout = 5000");
    registerSqlFunctions(sqlite);
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

/** The one row an `insert … returning()` wrote (both drivers answer an array). */
export async function inserted<T>(query: PromiseLike<T[]>): Promise<T> {
  const [row] = await query;
  if (row === undefined) throw new Error("The insert returned no row.");
  return row;
}
