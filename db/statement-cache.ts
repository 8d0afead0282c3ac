import type SqliteDatabase from "better-sqlite3";

/** How many compiled statements each SQLite connection keeps (least recently used goes first). */
const STATEMENT_CACHE_SIZE = 400;

/**
 * Makes `connection.prepare` hand back the statement it compiled last time for the same SQL text.
 * Drizzle prepares every query it runs afresh, and SQLite's compiler was 4% of a page's CPU here
 * (docs/benchmarks.md); the same few hundred statements serve every request. A statement is reused
 * only between runs: Drizzle prepares and runs one synchronously, with nothing in between, and
 * nothing here iterates over one (streamed exports read on a connection of their own). Drizzle
 * switches a statement to arrays (`raw()`) for the queries that map columns themselves and never
 * back, so a reused statement starts in the default (objects) mode, as a fresh one does.
 */
export function cacheStatements(connection: SqliteDatabase.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, SqliteDatabase.Statement>();
  connection.prepare = ((source: string) => {
    const cached = statements.get(source);
    if (cached) {
      // Most recently used last: a Map keeps insertion order.
      statements.delete(source);
      statements.set(source, cached);
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = prepare(source);
    statements.set(source, statement);
    if (statements.size > size) statements.delete(statements.keys().next().value!);
    return statement;
  }) as typeof connection.prepare;
}
