/**
 * Which database this process talks to, from the environment alone (no connection): SQLite in a
 * file (the embedded default), a PostgreSQL server (`DATABASE_URL=postgres://…`), or PGlite, the
 * same PostgreSQL compiled to WebAssembly and run in-process (`DATABASE_URL=pglite:` in memory or
 * `pglite:///a/folder`), which the query tests use to run against PostgreSQL with no server.
 * docs/decisions/010-postgresql.md.
 */
export type Dialect = "sqlite" | "postgres";

export type DatabaseTarget =
  | { dialect: "sqlite"; driver: "better-sqlite3" }
  | { dialect: "postgres"; driver: "postgres"; url: string }
  | { dialect: "postgres"; driver: "pglite"; dataDir: string | undefined; template: string | undefined };

export function databaseTarget(env: Record<string, string | undefined> = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { dialect: "sqlite", driver: "better-sqlite3" };
  // A SQLite address here used to be taken, its path ignored, for the default file: say where it goes.
  if (/^(file|sqlite):/.test(url)) {
    throw new Error("DATABASE_URL is for PostgreSQL only. For SQLite leave it unset and put the file's path in DATABASE_PATH.");
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: "postgres", driver: "postgres", url };
  if (url.startsWith("pglite:")) {
    const dir = url.slice("pglite:".length).replace(/^\/\//, "");
    // PGLITE_TEMPLATE: a data directory dumped by PGlite (a .tar) to start from instead of initdb,
    // which costs seconds in WebAssembly; the query tests start every file from one migrated copy.
    const template = env.PGLITE_TEMPLATE?.trim() || undefined;
    return { dialect: "postgres", driver: "pglite", dataDir: dir === "" || dir === "memory" ? undefined : dir, template };
  }
  throw new Error(
    `DATABASE_URL must start with postgres://, postgresql:// or pglite: (got "${url.split(":")[0]}:…"); leave it unset for SQLite.`,
  );
}

export function databaseDialect(env: Record<string, string | undefined> = process.env): Dialect {
  return databaseTarget(env).dialect;
}
